export interface Migration {
  /** The schema version the migration brings the file to (PRAGMA user_version). */
  version: number;
  name: string;
  sql: string;
}
