/**
 * The report's settings in the workspace file (migration 5): "prepared for" and "prepared by" on
 * the business case's title page. They are not part of FORMAT.md's document, so they are not in the
 * undo history either (undo steps are patches on the document): a change is saved at once, alone,
 * and the field shows what is saved. See README.md in this folder.
 */
import type { Db } from './connection.js';

export interface ReportSettings {
  preparedFor: string;
  preparedBy: string;
}

/** The longest text a setting keeps (the operation refuses longer; a file crafted with more is read cut). */
export const REPORT_SETTING_MAX = 200;

export const NO_REPORT_SETTINGS: ReportSettings = { preparedFor: '', preparedBy: '' };

/** The settings a file holds; none (empty) in a file older than migration 5 (a read-only old file). */
export function readReportSettings(db: Db): ReportSettings {
  const present = db.prepare("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'report_settings'").get();
  if (!present) return { ...NO_REPORT_SETTINGS };
  const row = db.prepare('SELECT substr(prepared_for, 1, 200) AS prepared_for, substr(prepared_by, 1, 200) AS prepared_by FROM report_settings WHERE id = 1').get() as
    { prepared_for: string; prepared_by: string } | undefined;
  return row && typeof row.prepared_for === 'string' && typeof row.prepared_by === 'string' ? { preparedFor: row.prepared_for, preparedBy: row.prepared_by } : { ...NO_REPORT_SETTINGS };
}

/** Write the settings (the one row, made again if a file lost it). */
export function writeReportSettings(db: Db, s: ReportSettings): void {
  db.prepare(
    'INSERT INTO report_settings (id, prepared_for, prepared_by) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET prepared_for = excluded.prepared_for, prepared_by = excluded.prepared_by',
  ).run(s.preparedFor, s.preparedBy);
}
