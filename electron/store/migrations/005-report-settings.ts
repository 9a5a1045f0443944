/**
 * Migration 5: the report's settings, kept in the workspace file beside the document (FORMAT.md's
 * document does not have them, and gains nothing): whom the business case is prepared for and by,
 * printed on its title page. One row, empty text until set.
 */
import type { Migration } from './types.js';

export const migration005: Migration = {
  version: 5,
  name: 'report settings',
  sql: `
CREATE TABLE report_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  prepared_for TEXT NOT NULL DEFAULT '',
  prepared_by TEXT NOT NULL DEFAULT ''
) STRICT;

INSERT INTO report_settings (id) VALUES (1);
`,
};
