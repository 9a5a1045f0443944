/**
 * The import step of the contract: the fields of the event model a file's columns are mapped to,
 * the model's events, and the shapes the import operations answer with. The importer
 * (electron/import) has the same lists; test/unit/import-api.test.ts checks that they agree.
 */
import type { ImportResultJson } from './operations.js';

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

/** A field of the first records (JSON: a path in the mapping language; CSV: a column), with the first value seen under it. */
export interface FieldNode {
  path: string;
  /** Steps from the record (or value): 0 for a top-level key or a CSV column. */
  depth: number;
  /** `records`: a list of objects (where records can lie); `list`: of values; `object`; `value`. */
  kind: 'records' | 'list' | 'object' | 'value';
  sample: string | null;
  /** Records (or values) in which it was found. */
  count: number;
}

/** A status value found under the mapping's status field in the first records. */
export interface StatusSeen {
  value: string;
  count: number;
  /** The mapping names it (as an event or as read past); false: the import would stop at it. */
  known: boolean;
}

/** A status whose event a second field decides, and the values seen under that field in its records (an empty value: '', the status's own event). */
export interface QualifierSeen {
  status: string;
  field: string;
  values: StatusSeen[];
}

/** One source record (a CSV row, a JSON record) and what the mapping makes of it. */
export interface TrialLine {
  line: number;
  /** The record as the file writes it (a CSV row; a JSON record, compact), cut at 400 characters. */
  source: string;
  /** Its events (one per recipient where the format makes several); `event` null: read past; `duplicate`: dropped as a retried webhook. */
  becomes: { event: string | null; status: string; route: string | null; messageId: string; reason: string | null; untimed: boolean; duplicate: boolean }[];
  /** Why the import would stop at it, in words; null when it is accepted. */
  refused: string | null;
}

/** What a mapping makes of a file's first records (electron/import/trial.ts). */
export interface ImportTrial {
  /** Source records read (CSV rows, JSON records). */
  records: number;
  /** Whether they are the whole file. */
  complete: boolean;
  /** The first records, each with its events. */
  lines: TrialLine[];
  /** The counts of those records, as an import would give them; null when `problem` says why not. */
  result: ImportResultJson | null;
  /** Why the import would not give counts (an incomplete mapping, a message with no route), in words. */
  problem: string | null;
  refused: { count: number; lines: number[] };
  ignoredLines: number[];
  untimedLines: number[];
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
  /** JSON: the fields of the first records (arrays as `[0]`); CSV: the columns, each with its first value. */
  fields: FieldNode[];
  /** JSON: the tree of the first values (arrays as `[]`), where records can lie; CSV: empty. */
  tree: FieldNode[];
  /** The values under the mapping's status field in the first records, with their counts. */
  statuses: StatusSeen[];
  /** Per status a second field decides: the values seen under that field. */
  qualifierValues: QualifierSeen[];
  /** The values seen under the mapping's cohort field (empty ones take the default cohort); `known`: the cohort table says which cohort each is. */
  cohortValues: StatusSeen[];
  /** The values seen under the route rule's class field (WhatsApp's pricing.category); `known`: each gives a class (the class table, else itself in lower case). */
  classValues: StatusSeen[];
  /** The mapping tried on the first records; null when there is no mapping to try (route counts). */
  trial: ImportTrial | null;
}

export interface ImportProgressJson {
  bytesRead: number;
  totalBytes: number;
  /** False once the import has finished, failed or been cancelled (or was never started). */
  running: boolean;
}
