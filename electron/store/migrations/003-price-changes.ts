/**
 * Migration 3 (MODEL.md and FORMAT.md v1.2): what 2026 price lists need. Streams get
 * `monthly_growth`; routes `pass_through_markup`, `free_share` and `carrier_mix` (JSON, as
 * seasonality is: an array of {carrier, share, passThrough, inboundPassThrough} decimal strings, or
 * NULL); fees `included` (contacts a per-contact fee does not charge for). The dated pass-through
 * changes of v1.1 become `price_changes`, which hold a change of any route field (a column per
 * field, NULL where the change leaves the field alone; `tiers` and `carrier_mix` are JSON, and a
 * `carrier_mix` of 'null' ends a mix).
 *
 * A v1.1 file keeps its meaning: every new column's default is what v1.1 computed with (no growth
 * per month, no markup, nothing free, no mix, nothing included), and its pass-through changes are
 * copied over as price changes naming the same fields. v1.1 let two changes of one route share a
 * month (the later one won for the fields it named); v1.2 refuses that, so such changes are merged
 * into one, the later change's fields winning, which is what v1.1 computed. The undo history's
 * patches name the new field, so undoing an edit made before the migration still works.
 */
import type { Migration } from './types.js';

export const migration003: Migration = {
  version: 3,
  name: 'price changes, free share, markup, carrier mix, monthly growth, included contacts',
  sql: `
ALTER TABLE streams ADD COLUMN monthly_growth TEXT NOT NULL DEFAULT '0';
ALTER TABLE routes ADD COLUMN pass_through_markup TEXT NOT NULL DEFAULT '0';
ALTER TABLE routes ADD COLUMN carrier_mix TEXT; -- JSON array of carriers, or NULL
ALTER TABLE routes ADD COLUMN free_share TEXT NOT NULL DEFAULT '0';
ALTER TABLE fees ADD COLUMN included TEXT NOT NULL DEFAULT '0';

CREATE TABLE price_changes (
  vendor_id TEXT NOT NULL,
  route_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  from_month TEXT NOT NULL,
  price TEXT,
  tiers TEXT, -- JSON array of {from, price}, or NULL
  inbound_price TEXT,
  pass_through TEXT,
  inbound_pass_through TEXT,
  pass_through_markup TEXT,
  carrier_mix TEXT, -- JSON array of carriers; 'null' ends the mix; NULL leaves it alone
  free_share TEXT,
  PRIMARY KEY (vendor_id, route_position, position),
  FOREIGN KEY (vendor_id, route_position) REFERENCES routes (vendor_id, position) ON DELETE CASCADE ON UPDATE CASCADE
) STRICT;

INSERT INTO price_changes (vendor_id, route_position, position, from_month, pass_through, inbound_pass_through)
SELECT g.vendor_id, g.route_position, g.position, g.from_month,
  (SELECT c.pass_through FROM pass_through_changes c
    WHERE c.vendor_id = g.vendor_id AND c.route_position = g.route_position AND c.from_month = g.from_month AND c.pass_through IS NOT NULL
    ORDER BY c.position DESC LIMIT 1),
  (SELECT c.inbound_pass_through FROM pass_through_changes c
    WHERE c.vendor_id = g.vendor_id AND c.route_position = g.route_position AND c.from_month = g.from_month AND c.inbound_pass_through IS NOT NULL
    ORDER BY c.position DESC LIMIT 1)
FROM (SELECT vendor_id, route_position, from_month, MIN(position) AS position FROM pass_through_changes GROUP BY vendor_id, route_position, from_month) AS g;

DROP TABLE pass_through_changes;

UPDATE history SET changes = replace(changes, '"passThroughChanges"', '"priceChanges"') WHERE instr(changes, '"passThroughChanges"') > 0;
`,
};
