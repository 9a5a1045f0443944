/** The event model every vendor export is normalised to (MODEL.md section 8). */
export const EVENT_NAMES = ['sent', 'delivered', 'failed', 'opened', 'clicked', 'replied', 'opted_out', 'complained', 'converted', 'held_out'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** Numeric codes of the events (the index in EVENT_NAMES); IGNORED marks a file status read past. */
export const SENT = 0;
export const DELIVERED = 1;
export const FAILED = 2;
export const OPENED = 3;
export const CLICKED = 4;
export const REPLIED = 5;
export const OPTED_OUT = 6;
export const COMPLAINED = 7;
export const CONVERTED = 8;
export const HELD_OUT = 9;
export const IGNORED = 10;

export type AnomalyKind = 'engaged-before-delivered' | 'delivered-after-failed' | 'unknown-message' | 'future-timestamp';

export interface RouteCounts {
  sent: number;
  delivered: number;
  failed: Record<string, number>;
  engaged: number;
  converted: number;
  optedOut: number;
  complained: number;
  holdout?: { members: number; converted: number };
}

/** `tco import --json` (FORMAT.md). */
export interface ImportResult {
  file: string;
  events: number;
  duplicates: number;
  messages: number;
  anomalies: { kind: AnomalyKind; messageId: string; line: number }[];
  counts: Record<string, RouteCounts>;
  /** Records whose status the format reads past, by value (`{"queued": 3}`, `{"Bounce/Transient": 1}`); present only when some were. */
  ignored?: Record<string, number>;
  /** Records (events) without a timestamp; present only when some were. */
  untimed?: number;
}

export type ImportErrorCode = 'FILE_ERROR' | 'INVALID_FILE' | 'INVALID_MAPPING' | 'CANCELLED';

/**
 * Every failure of an import: the file could not be read (FILE_ERROR), its content is wrong
 * (INVALID_FILE: the line and the field, the file's own column or key name, where there are
 * ones), the column mapping is wrong (INVALID_MAPPING: field is the mapping's path), or the caller
 * cancelled (CANCELLED). Message: "<file>: line <n>: <field>: <what is wrong>".
 */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    readonly file: string,
    readonly line: number | null,
    readonly field: string | null,
    readonly detail: string,
  ) {
    super(`${file}: ${line !== null ? `line ${line}: ` : ''}${field ? `${field}: ` : ''}${detail}`);
    this.name = 'ImportError';
  }
}

const ROUTE = /^(sms|mms|whatsapp|rcs|email|push|chat|voice)(\/([A-Z]{2})?(\/[A-Za-z0-9_.-]+)?)?$/;

/** A route written as MODEL.md writes it: `sms/US`, `whatsapp/IN/marketing`, `chat//support`, `email`. */
export function parseRoute(s: string): { channel: string; country: string | null; class: string | null } | null {
  const m = ROUTE.exec(s);
  if (!m) return null;
  return { channel: m[1]!, country: m[3] ?? null, class: m[4] ? m[4].slice(1) : null };
}
