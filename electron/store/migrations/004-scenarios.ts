/**
 * Migration 4: the workspace's scenarios (FORMAT.md v1.2, MODEL.md section 7). A scenario is a
 * name and a JSON Patch (RFC 6902) on the document; each operation is a row, its value kept as the
 * JSON text it was written in (a patch may set any part of the document: a number, a decimal
 * string, a whole route).
 */
import type { Migration } from './types.js';

export const migration004: Migration = {
  version: 4,
  name: 'scenarios',
  sql: `
CREATE TABLE scenarios (
  position INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
) STRICT;

CREATE TABLE scenario_operations (
  scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('add', 'remove', 'replace', 'test')),
  path TEXT NOT NULL,
  value TEXT, -- JSON; NULL for remove
  PRIMARY KEY (scenario_id, position)
) STRICT;
`,
};
