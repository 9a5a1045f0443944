/**
 * The import step of the contract: the fields of the event model a file's columns are mapped to,
 * the model's events, and the shapes the import operations answer with. The importer
 * (electron/import) has the same lists; test/unit/import-api.test.ts checks that they agree.
 */

/** The fields of MODEL.md section 8's event model, in the order the import screen shows them. */
export const IMPORT_FIELDS = ['eventId', 'messageId', 'recipient', 'route', 'cohort', 'event', 'failureReason', 'timestamp', 'segments', 'price'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Fields a mapping must name a column for (route may be a default instead). */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['messageId', 'event', 'timestamp'];

/** The model's events (MODEL.md section 8). */
export const IMPORT_EVENTS = ['sent', 'delivered', 'failed', 'opened', 'clicked', 'replied', 'opted_out', 'complained', 'converted', 'held_out'] as const;
export type ImportEvent = (typeof IMPORT_EVENTS)[number];

/** A column mapping, as the importer reads it (electron/import/mapping.ts documents each key). */
export interface ImportMapping {
  columns: Partial<Record<ImportField, string | string[]>>;
  events?: Record<string, ImportEvent | null>;
  cohorts?: Record<string, 'exposed' | 'holdout'>;
  defaults?: { route?: string; cohort?: 'exposed' | 'holdout'; failureReason?: string };
  naiveTimestampsAreUtc?: boolean;
  delimiter?: string;
  // v2 (electron/import/README.md, "The mapping language")
  version?: 1 | 2;
  records?: (string | { path: string; status: string }) | (string | { path: string; status: string })[];
  routeFrom?: {
    channel: 'sms' | 'mms' | 'whatsapp' | 'rcs' | 'email' | 'push' | 'chat' | 'voice';
    prefixes?: Record<string, 'sms' | 'mms' | 'whatsapp' | 'rcs' | 'email' | 'push' | 'chat' | 'voice'>;
    number?: string | string[];
    country?: string;
    class?: string;
    classFrom?: string | string[];
    classes?: Record<string, string>;
  };
  qualifiers?: Record<string, { field: string | string[]; values: Record<string, ImportEvent | null>; names?: Record<string, string> }>;
  empty?: string[];
  message?: { withRecipient?: boolean; partsOf?: string | string[] };
  timeFormat?: string;
  timeZone?: string;
}

/** A format the importer reads: built in (the generic ones and vendor presets) or saved by the user. */
export interface ImportFormat {
  name: string;
  label: string;
  kind: 'csv' | 'jsonl';
  /** The public description a built-in mapping follows; null for a saved one. */
  source: string | null;
  builtIn: boolean;
  mapping: ImportMapping;
}

/** `import.preview`: the first rows of a file (electron/import/preview.ts makes it). */
export interface FilePreview {
  file: string;
  kind: 'csv' | 'jsonl';
  columns: string[];
  rows: string[][];
  /** CSV: the delimiter found (or given); JSON Lines: null. */
  delimiter: string | null;
  /** The built-in format whose required columns the file has (the most specific one), or null. */
  suggested: string | null;
  /** The file's size in bytes. */
  totalBytes: number;
}

export interface ImportProgressJson {
  bytesRead: number;
  totalBytes: number;
  /** False once the import has finished, failed or been cancelled (or was never started). */
  running: boolean;
}
