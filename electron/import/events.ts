/** The event model every vendor export is normalised to (MODEL.md section 8). */
export const EVENT_NAMES = ['sent', 'delivered', 'failed', 'opened', 'clicked', 'replied', 'opted_out', 'complained', 'converted', 'held_out'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export interface ImportEvent {
  line: number;
  eventId: string | null;
  messageId: string;
  route: string;
  cohort: 'exposed' | 'holdout';
  event: EventName;
  failureReason: string | null;
  /** Epoch milliseconds, UTC. */
  timestamp: number;
}

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
}

export class ImportError extends Error {
  constructor(
    readonly code: 'FILE_ERROR' | 'INVALID_FILE' | 'CANCELLED',
    readonly file: string,
    readonly line: number | null,
    readonly field: string | null,
    detail: string,
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

/** ISO 8601 with a zone (Z or ±hh:mm), or epoch seconds (digits, optionally with a fraction). */
export function parseTimestamp(s: string): number | null {
  const t = s.trim();
  if (/^\d{9,11}(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) return null;
  const ms = Date.parse(t.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : null;
}
