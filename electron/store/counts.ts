/**
 * The row counts of a workspace file, checked before its document is read (issue 18): a crafted file
 * with a million streams is refused in the time of a few COUNT(*)s, not after building a million
 * objects. The limits are the document's (electron/api/limits.ts); a document within them has fewer
 * rows in all than values.
 */
import { LIMITS } from '../api/limits.js';
import type { Db } from './connection.js';

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Why the file's rows pass a limit (a sentence naming it), or null. */
export function rowCountsOverLimits(db: Db): string | null {
  const n = (row: unknown): number => (row as { n: number }).n;
  const checks: [number, number, string][] = [
    [n(db.prepare('SELECT COUNT(*) AS n FROM streams').get()), LIMITS.streams, 'streams'],
    [n(db.prepare('SELECT COUNT(*) AS n FROM vendors').get()), LIMITS.vendors, 'vendors'],
    [n(db.prepare('SELECT COUNT(*) AS n FROM fx_rates').get()), LIMITS.fx, 'FX rates'],
    [n(db.prepare('SELECT COUNT(*) AS n FROM routes').get()), LIMITS.routesInAll, 'routes in one document'],
  ];
  for (const [count, limit, what] of checks) {
    if (count > limit) return `holds ${fmt(count)} ${what}: a workspace can have at most ${fmt(limit)} (limit: ${what})`;
  }
  // The lists of a document, as rows of the tables the file's version has: pass-through changes before
  // migration 3, price changes from it, scenarios from migration 4 (fixed statements only: sql.test.ts).
  const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const common = n(
    db
      .prepare(
        'SELECT (SELECT COUNT(*) FROM tiers) + (SELECT COUNT(*) FROM fees) + (SELECT COUNT(*) FROM pilots) + (SELECT COUNT(*) FROM pilot_failures) + (SELECT COUNT(*) FROM channel_defaults) AS n',
      )
      .get(),
  );
  const changes = present.has('price_changes')
    ? n(db.prepare('SELECT COUNT(*) AS n FROM price_changes').get())
    : present.has('pass_through_changes')
      ? n(db.prepare('SELECT COUNT(*) AS n FROM pass_through_changes').get())
      : 0;
  const scenarios = present.has('scenario_operations') ? n(db.prepare('SELECT (SELECT COUNT(*) FROM scenarios) + (SELECT COUNT(*) FROM scenario_operations) AS n').get()) : 0;
  const rows = common + changes + scenarios;
  if (rows > LIMITS.values) return `holds ${fmt(rows)} tiers, fees, pilots and other rows: a workspace can have at most ${fmt(LIMITS.values)} values (limit: values in one document)`;
  return null;
}
