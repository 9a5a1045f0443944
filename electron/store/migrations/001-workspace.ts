/**
 * Migration 1: the workspace's tables, one per part of the FORMAT.md document. Money, prices,
 * volumes and rates are TEXT holding decimal strings (never REAL); counts are INTEGER. Tables are
 * STRICT, so a column holds only its declared type.
 */
import type { Migration } from './types.js';

export const migration001: Migration = {
  version: 1,
  name: 'workspace tables',
  sql: `
CREATE TABLE workspace (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  base_currency TEXT NOT NULL,
  start_month TEXT NOT NULL,
  horizon_months INTEGER NOT NULL,
  discount_rate TEXT NOT NULL,
  hourly_rate TEXT NOT NULL,
  risk_adjustment TEXT NOT NULL
) STRICT;

CREATE TABLE fx_rates (
  position INTEGER PRIMARY KEY,
  currency TEXT NOT NULL UNIQUE,
  rate TEXT NOT NULL,
  as_of TEXT
) STRICT;

CREATE TABLE channel_defaults (
  position INTEGER PRIMARY KEY,
  channel TEXT NOT NULL UNIQUE,
  delivery_rate TEXT,
  engagement_rate TEXT
) STRICT;

CREATE TABLE streams (
  position INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  channel TEXT NOT NULL,
  country TEXT,
  class TEXT,
  monthly_volume TEXT NOT NULL,
  annual_growth TEXT NOT NULL,
  seasonality TEXT, -- JSON array of 12 decimal strings, or NULL
  inbound_per_outbound TEXT NOT NULL,
  segments_per_message TEXT,
  template TEXT,
  monthly_active TEXT,
  contact_growth TEXT NOT NULL,
  value_per_conversion TEXT,
  holdout_exposed_converted INTEGER,
  holdout_exposed_size INTEGER,
  holdout_converted INTEGER,
  holdout_size INTEGER,
  holdout_vendor TEXT,
  conversion_rate TEXT,
  deflected_per_delivered TEXT,
  cost_per_contact TEXT,
  risk_reduction_per_year TEXT
) STRICT;

CREATE TABLE vendors (
  position INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  currency TEXT NOT NULL,
  escalator TEXT NOT NULL,
  discount TEXT NOT NULL,
  minimum_monthly_commit TEXT NOT NULL,
  minimum_annual_commit TEXT NOT NULL,
  setup_hours TEXT NOT NULL,
  monthly_hours TEXT NOT NULL,
  monthly_other TEXT NOT NULL,
  remediation_per_failure TEXT NOT NULL
) STRICT;

CREATE TABLE routes (
  vendor_id TEXT NOT NULL REFERENCES vendors (id) ON DELETE CASCADE ON UPDATE CASCADE,
  position INTEGER NOT NULL,
  channel TEXT NOT NULL,
  country TEXT,
  class TEXT,
  price TEXT,
  has_tiers INTEGER NOT NULL CHECK (has_tiers IN (0, 1)),
  tier_mode TEXT NOT NULL,
  billed_on TEXT NOT NULL,
  pass_through TEXT NOT NULL,
  inbound_pass_through TEXT NOT NULL,
  inbound_price TEXT NOT NULL,
  PRIMARY KEY (vendor_id, position)
) STRICT;

CREATE TABLE tiers (
  vendor_id TEXT NOT NULL,
  route_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  from_units TEXT NOT NULL,
  price TEXT NOT NULL,
  PRIMARY KEY (vendor_id, route_position, position),
  FOREIGN KEY (vendor_id, route_position) REFERENCES routes (vendor_id, position) ON DELETE CASCADE ON UPDATE CASCADE
) STRICT;

CREATE TABLE pass_through_changes (
  vendor_id TEXT NOT NULL,
  route_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  from_month TEXT NOT NULL,
  pass_through TEXT,
  inbound_pass_through TEXT,
  PRIMARY KEY (vendor_id, route_position, position),
  FOREIGN KEY (vendor_id, route_position) REFERENCES routes (vendor_id, position) ON DELETE CASCADE ON UPDATE CASCADE
) STRICT;

CREATE TABLE fees (
  vendor_id TEXT NOT NULL REFERENCES vendors (id) ON DELETE CASCADE ON UPDATE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  amount TEXT NOT NULL,
  per TEXT NOT NULL,
  quantity TEXT NOT NULL,
  month INTEGER NOT NULL,
  category TEXT NOT NULL,
  currency TEXT,
  PRIMARY KEY (vendor_id, position)
) STRICT;

CREATE TABLE pilots (
  vendor_id TEXT NOT NULL REFERENCES vendors (id) ON DELETE CASCADE ON UPDATE CASCADE,
  position INTEGER NOT NULL,
  channel TEXT NOT NULL,
  country TEXT,
  class TEXT,
  sent INTEGER NOT NULL,
  delivered INTEGER NOT NULL,
  engaged INTEGER,
  converted INTEGER,
  opted_out INTEGER,
  complained INTEGER,
  PRIMARY KEY (vendor_id, position)
) STRICT;

CREATE TABLE pilot_failures (
  vendor_id TEXT NOT NULL,
  pilot_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  reason TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (vendor_id, pilot_position, position),
  FOREIGN KEY (vendor_id, pilot_position) REFERENCES pilots (vendor_id, position) ON DELETE CASCADE ON UPDATE CASCADE
) STRICT;
`,
};
