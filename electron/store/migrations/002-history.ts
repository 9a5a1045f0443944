/**
 * Migration 2: undo and redo kept in the file, so they survive closing the window. Each entry holds
 * the changes of one edit as JSON patches both ways; `history_cursor.applied` counts the entries in
 * effect (those after it are the redo stack).
 */
import type { Migration } from './types.js';

export const migration002: Migration = {
  version: 2,
  name: 'undo history',
  sql: `
CREATE TABLE history (
  seq INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  at TEXT NOT NULL,
  changes TEXT NOT NULL -- JSON: [{ "p": [path...], "b"?: before, "a"?: after }]
) STRICT;

CREATE TABLE history_cursor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  applied INTEGER NOT NULL
) STRICT;

INSERT INTO history_cursor (id, applied) VALUES (1, 0);
`,
};
