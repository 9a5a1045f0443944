/**
 * Column mappings: which column (CSV) or key (JSON Lines) of a file holds each field of the event
 * model, which of the file's status values is which model event, and the defaults for what the file
 * does not say. The generic formats of MODEL.md section 8 and the vendor presets are mappings too;
 * a custom preset is a ColumnMapping the caller stores (it is plain JSON) under a name.
 */
import { z } from 'zod';
import { EVENT_NAMES, ImportError, parseRoute, type EventName } from './events.js';

export const MODEL_FIELDS = ['eventId', 'messageId', 'recipient', 'route', 'cohort', 'event', 'failureReason', 'timestamp', 'segments', 'price'] as const;
export type ModelField = (typeof MODEL_FIELDS)[number];

export interface ColumnMapping {
  /**
   * The file's column (CSV header, matched without regard to case or surrounding spaces) or key
   * (JSON Lines, exact) for each field of the event model. A list is tried in order: the first
   * column present and not empty gives the value. `messageId`, `event` and `timestamp` are
   * required; `route` too unless `defaults.route` is set.
   */
  columns: Partial<Record<ModelField, string | string[]>>;
  /**
   * The file's event or status values (without regard to case) and the model event each one is,
   * or null for a status read past (counted under `ignored`, e.g. Twilio's `queued`). Any other
   * value is an error naming the line. Absent: the model's own event names.
   */
  events?: Record<string, EventName | null>;
  /** The file's cohort values and what each one is. Absent: `exposed` and `holdout`. */
  cohorts?: Record<string, 'exposed' | 'holdout'>;
  /** For a field the file leaves empty or has no column for. */
  defaults?: { route?: string; cohort?: 'exposed' | 'holdout'; failureReason?: string };
  /** Times with no zone are UTC (otherwise such a time is an error). */
  naiveTimestampsAreUtc?: boolean;
  /** CSV: the delimiter (one character); detected from the header line when absent. */
  delimiter?: string;
}

export interface Preset {
  label: string;
  kind: 'csv' | 'jsonl';
  mapping: ColumnMapping;
  /** Where the file comes from and the public description its mapping follows. */
  source: string;
}

const snake = (f: ModelField) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The generic CSV's columns, snake_case (event_id, message_id, …). */
export const CSV_COLUMNS = MODEL_FIELDS.map(snake);

const GENERIC_CSV: ColumnMapping = { columns: Object.fromEntries(MODEL_FIELDS.map((f) => [f, snake(f)])) };
const GENERIC_JSONL: ColumnMapping = { columns: Object.fromEntries(MODEL_FIELDS.map((f) => [f, f])) };

/** Twilio's message statuses (Message resource, `status`). */
const TWILIO_STATUSES: Record<string, EventName | null> = {
  accepted: null,
  scheduled: null,
  queued: null,
  sending: null,
  canceled: null,
  receiving: null,
  received: null,
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  partially_delivered: 'sent',
  undelivered: 'failed',
  failed: 'failed',
};

export const PRESETS: Record<string, Preset> = {
  'events-csv': {
    label: 'Generic event CSV (MODEL.md section 8)',
    kind: 'csv',
    mapping: GENERIC_CSV,
    source: 'MODEL.md section 8: the app’s own event format',
  },
  'events-jsonl': {
    label: 'Generic event JSON Lines (MODEL.md section 8)',
    kind: 'jsonl',
    mapping: GENERIC_JSONL,
    source: 'MODEL.md section 8: the app’s own event format',
  },
  'twilio-messages-csv': {
    label: 'Twilio message log (Console → Messaging → Logs → Export CSV)',
    kind: 'csv',
    mapping: {
      columns: {
        messageId: 'Sid',
        recipient: 'To',
        event: 'Status',
        timestamp: ['SentDate', 'DateSent', 'DateCreated', 'DateUpdated'],
        failureReason: 'ErrorCode',
        segments: 'NumSegments',
        price: 'Price',
      },
      events: TWILIO_STATUSES,
      defaults: { route: 'sms' },
      naiveTimestampsAreUtc: true,
    },
    source: 'https://www.twilio.com/docs/messaging/api/message-resource (status, error_code, date_sent); columns as the Console writes them: From,To,Body,Status,SentDate,ApiVersion,NumSegments,ErrorCode,AccountSid,Sid,Direction,Price,PriceUnit',
  },
  'twilio-bulkexport-jsonl': {
    label: 'Twilio BulkExport of Messages (one JSON record a line)',
    kind: 'jsonl',
    mapping: {
      columns: {
        messageId: 'sid',
        recipient: 'to',
        event: 'status',
        timestamp: ['date_sent', 'date_created', 'date_updated'],
        failureReason: 'error_code',
        segments: 'num_segments',
        price: 'price',
      },
      events: TWILIO_STATUSES,
      defaults: { route: 'sms' },
      naiveTimestampsAreUtc: true,
    },
    source: 'https://www.twilio.com/docs/usage/bulkexport/day (records like the Message resource, error_code, dates in UTC ISO 8601)',
  },
  'sendgrid-events-jsonl': {
    label: 'SendGrid Event Webhook dump (one event, or one POSTed array of events, a line)',
    kind: 'jsonl',
    mapping: {
      columns: {
        eventId: 'sg_event_id',
        messageId: 'sg_message_id',
        recipient: 'email',
        route: 'route',
        cohort: 'cohort',
        event: 'event',
        failureReason: ['status', 'reason'],
        timestamp: 'timestamp',
      },
      events: {
        processed: 'sent',
        deferred: null,
        delivered: 'delivered',
        bounce: 'failed',
        blocked: 'failed',
        dropped: 'failed',
        open: 'opened',
        click: 'clicked',
        spamreport: 'complained',
        unsubscribe: 'opted_out',
        group_unsubscribe: 'opted_out',
        group_resubscribe: null,
        converted: 'converted',
        held_out: 'held_out',
      },
      defaults: { route: 'email' },
    },
    source: 'https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event (email, timestamp in unix seconds, event, sg_event_id, sg_message_id, reason, status)',
  },
};

const columnRef = z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]);
const cohortName = z.enum(['exposed', 'holdout']);
const mappingSchema = z.strictObject({
  columns: z.strictObject(Object.fromEntries(MODEL_FIELDS.map((f) => [f, columnRef.optional()])) as Record<ModelField, z.ZodOptional<typeof columnRef>>),
  events: z.record(z.string().trim().min(1), z.enum(EVENT_NAMES).nullable()).optional(),
  cohorts: z.record(z.string().trim().min(1), cohortName).optional(),
  defaults: z
    .strictObject({
      route: z
        .string()
        .refine((r) => parseRoute(r) !== null, { error: 'is not a route such as sms/US, whatsapp/IN/marketing or email' })
        .optional(),
      cohort: cohortName.optional(),
      failureReason: z.string().trim().min(1).optional(),
    })
    .optional(),
  naiveTimestampsAreUtc: z.boolean().optional(),
  delimiter: z
    .string()
    .length(1)
    .refine((d) => d !== '"' && d !== '\n' && d !== '\r' && d.charCodeAt(0) < 128, { error: 'must be one character other than a quote or a line end' })
    .optional(),
});

/** Checks a mapping (a stored custom preset may be anything): an ImportError naming its path. */
export function checkMapping(mapping: unknown, file: string): ColumnMapping {
  const r = mappingSchema.safeParse(mapping);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ImportError('INVALID_MAPPING', file, null, ['mapping', ...issue.path.map(String)].join('.'), issue.message);
  }
  const m = r.data as ColumnMapping;
  for (const f of ['messageId', 'event', 'timestamp'] as const) {
    if (!m.columns[f]) throw new ImportError('INVALID_MAPPING', file, null, `mapping.columns.${f}`, 'names no column (the field is required)');
  }
  if (!m.columns.route && !m.defaults?.route) throw new ImportError('INVALID_MAPPING', file, null, 'mapping.columns.route', 'names no column and there is no defaults.route');
  return m;
}

/** The columns of a field, as a list. */
export function columnsOf(m: ColumnMapping, f: ModelField): string[] {
  const c = m.columns[f];
  return c === undefined ? [] : Array.isArray(c) ? c : [c];
}

/** The format a file's name suggests when none is given. */
export function formatOf(file: string): string {
  return /\.(jsonl|ndjson)$/i.test(file) ? 'events-jsonl' : 'events-csv';
}
