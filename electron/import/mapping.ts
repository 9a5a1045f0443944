/**
 * Column mappings: which column (CSV) or key (JSON Lines) of a file holds each field of the event
 * model, which of the file's status values is which model event, and the defaults for what the file
 * does not say. The generic formats of MODEL.md section 8 and the vendor presets are mappings too;
 * a custom preset is a ColumnMapping the caller stores (it is plain JSON) under a name.
 */
import * as z from 'zod';
import { CHANNELS } from '../engine/types.js';
import { EVENT_NAMES, ImportError, parseRoute, type EventName } from './events.js';
import { compilePath } from './paths.js';
import { compileTimeFormat } from './time.js';
import { VENDOR_PRESETS } from './vendor-presets.js';

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
  /** v1: times with no zone are UTC (otherwise such a time is an error). v2: `timeZone: 'UTC'`. */
  naiveTimestampsAreUtc?: boolean;
  /** CSV: the delimiter (one character); detected from the header line when absent. */
  delimiter?: string;

  // v2 (README.md, "The mapping language"): every key below is optional; a v1 mapping is a v2 one without them.
  /**
   * 2: a JSON format's `columns` (and the other fields below) are paths (`data.to`, `mail.destination[]`,
   * `errors[0].code`); 1 or absent: top-level keys as written. CSV columns are header names either way.
   */
  version?: 1 | 2;
  /**
   * JSON: where the records lie in each JSON value of the file, tried in order (the first path that
   * reaches anything gives the records): `entry[].changes[].value.statuses[]`, `items[]`, `event-data`,
   * `Message` (a string holding JSON), `$` (the value itself). Absent: the value itself.
   */
  records?: RecordPath | RecordPath[];
  /** The route made from the vendor's own fields, instead of a route column or a fixed route. */
  routeFrom?: RouteRule;
  /**
   * A status value whose event depends on a second field: per status (as in `events`), the field and
   * its values' events (null: read past; the value `*`: any value not listed). An empty or missing
   * second field leaves `events`'s answer; a value not listed stops the import.
   */
  qualifiers?: Record<string, Qualifier>;
  /** JSON: values read as empty in every field (Infobip's `NO_ERROR` in an error's name). */
  empty?: string[];
  /** How a message is identified when the vendor's message id alone does not. */
  message?: {
    /** The message id with the recipient (a batch send whose recipients share one id). */
    withRecipient?: boolean;
    /**
     * A multi-part SMS's reference (Vonage `concat-ref`): where it is set, the message is this
     * reference with the recipient, its parts one message (failed when any part failed).
     */
    partsOf?: string | string[];
  };
  /**
   * A named text format for times the file writes otherwise than ISO 8601, epoch or RFC 2822:
   * `M/D/YYYY H:mm`, `D/M/YYYY HH:mm:ss`, `YYYY-MM-DD HH:mm`, `D.M.YYYY h:mm A` (tokens YYYY M MM D DD
   * H HH h hh mm ss SSS A; other characters as written). Times not in it are read as without it.
   */
  timeFormat?: string;
  /** The zone of times written without one: 'UTC' or an IANA name ('America/New_York'). */
  timeZone?: string;
}

/**
 * Where records lie; with `status`, the status value records found there have (an inbound WhatsApp
 * message is a record whose status the format names, qualified by whether it answers a message).
 */
export type RecordPath = string | { path: string; status: string };

/** A status value's second field (ColumnMapping.qualifiers). */
export interface Qualifier {
  field: string | string[];
  /** The field's values (without regard to case) and their events, null: read past; `*`: any other value. */
  values: Record<string, EventName | null>;
  /**
   * How a value read past is named in `ignored` after the status (`{"false": "not final"}` gives
   * `TEXT_CARRIER_UNREACHABLE/not final`; `""` names the field's absence). Absent: the value as written.
   */
  names?: Record<string, string>;
}

/** The route from the vendor's fields (MODEL.md section 8, v1.2). */
export interface RouteRule {
  /** The channel when no prefix says otherwise. */
  channel: 'sms' | 'mms' | 'whatsapp' | 'rcs' | 'email' | 'push' | 'chat' | 'voice';
  /** Prefixes of the number's value and their channel (`{"whatsapp:": "whatsapp"}`); the prefix is cut before the country is read. */
  prefixes?: Record<string, RouteRule['channel']>;
  /** The field holding the recipient's number (E.164); absent: `columns.recipient`. */
  number?: string | string[];
  /** 'number': the country of the number's calling code (libphonenumber-js); two letters: that country; absent: none. */
  country?: string;
  /** A fixed class (e.g. 'marketing'). */
  class?: string;
  /** The field holding the class (WhatsApp's `pricing.category`). */
  classFrom?: string | string[];
  /** The class field's values and the class each one is (absent: the value itself, lower case). */
  classes?: Record<string, string>;
}

export interface Preset {
  label: string;
  kind: 'csv' | 'jsonl';
  mapping: ColumnMapping;
  /** Where the file comes from and the public description its mapping follows. */
  source: string;
  /** Counts per route, not events (route-counts-csv): read by route-counts.ts. */
  counts?: true;
}

/** Every format name of FORMAT.md v1.2, in its order (`tco import --formats`). */
export const FORMAT_NAMES = [
  'events-csv',
  'events-jsonl',
  'route-counts-csv',
  'twilio-messages-csv',
  'twilio-bulkexport-jsonl',
  'twilio-event-streams',
  'sendgrid-events-jsonl',
  'mailgun-events',
  'postmark-webhooks',
  'ses-events',
  'sns-sms-delivery-logs',
  'aws-eum-sms-events',
  'vonage-sms-dlr',
  'infobip-sms-dlr',
  'whatsapp-cloud-statuses',
] as const;

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

/** Twilio: the route from the `To` number: `whatsapp:+44…` is WhatsApp, else SMS; the country from the number. */
const TWILIO_ROUTE: RouteRule = { channel: 'sms', prefixes: { 'whatsapp:': 'whatsapp' }, country: 'number' };

export const PRESETS: Record<string, Preset> = {
  'events-csv': {
    label: 'Generic event CSV (the app’s own columns: message_id, route, event, timestamp, …)',
    kind: 'csv',
    mapping: GENERIC_CSV,
    source: 'The app’s own event format: one event a record, each naming its message, route, event and time',
  },
  'events-jsonl': {
    label: 'Generic event JSON Lines (the app’s own fields: messageId, route, event, timestamp, …)',
    kind: 'jsonl',
    mapping: GENERIC_JSONL,
    source: 'The app’s own event format: one event a record, each naming its message, route, event and time',
  },
  'twilio-messages-csv': {
    label: 'Twilio message log (Console → Messaging → Logs → Export CSV)',
    kind: 'csv',
    mapping: {
      columns: {
        messageId: 'Sid',
        recipient: 'To',
        event: 'Status',
        timestamp: ['SentDate', 'DateSent'],
        failureReason: 'ErrorCode',
        segments: 'NumSegments',
        price: 'Price',
      },
      events: TWILIO_STATUSES,
      routeFrom: TWILIO_ROUTE,
      timeZone: 'UTC',
    },
    source:
      'https://www.twilio.com/docs/messaging/api/message-resource (status, error_code, date_sent; to: E.164, or whatsapp:+E.164 for WhatsApp); columns as the Console writes them: From,To,Body,Status,SentDate,ApiVersion,NumSegments,ErrorCode,AccountSid,Sid,Direction,Price,PriceUnit',
  },
  'twilio-bulkexport-jsonl': {
    label: 'Twilio BulkExport of Messages (JSON Lines, gzip as Twilio delivers it)',
    kind: 'jsonl',
    mapping: {
      columns: {
        messageId: 'sid',
        recipient: 'to',
        event: 'status',
        timestamp: 'date_sent',
        failureReason: 'error_code',
        segments: 'num_segments',
        price: 'price',
      },
      events: TWILIO_STATUSES,
      routeFrom: TWILIO_ROUTE,
      timeZone: 'UTC',
    },
    source: 'https://www.twilio.com/docs/usage/bulkexport/day (one gzip-compressed JSON Lines file a day; records like the Message resource, error_code, dates in UTC ISO 8601)',
  },
  'sendgrid-events-jsonl': {
    label: 'SendGrid Event Webhook posts (one event or one POSTed array a line, or whole pretty-printed POST bodies)',
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
  ...VENDOR_PRESETS,
  'route-counts-csv': {
    label: 'Counts per route made elsewhere (route, sent, delivered, failed:<reason>, engaged, …)',
    kind: 'csv',
    // Read by route-counts.ts, not through a mapping; this one only names the columns it needs.
    mapping: { columns: { messageId: 'route', event: 'sent', timestamp: 'delivered' }, defaults: { route: 'sms' } },
    counts: true,
    source: 'A counts file per route, for logs too large to leave their warehouse; the importer’s README shows the SQL that makes one',
  },
};

const columnRef = z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]);
const className = z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: 'must be letters, digits, _ . or - (a class such as marketing)' });
const pathRef = z
  .string()
  .min(1)
  .refine((p) => typeof compilePath(p) !== 'string', { error: 'is not a path such as items[] or entry[].changes[].value.statuses[]' });
const recordRef = z.union([pathRef, z.strictObject({ path: pathRef, status: z.string().trim().min(1) })]);
function zoneOk(t: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: t });
    return true;
  } catch {
    return false;
  }
}
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
  version: z.union([z.literal(1), z.literal(2)]).optional(),
  records: z.union([recordRef, z.array(recordRef).min(1)]).optional(),
  empty: z.array(z.string()).optional(),
  routeFrom: z
    .strictObject({
      channel: z.enum(CHANNELS),
      prefixes: z.record(z.string().min(1), z.enum(CHANNELS)).optional(),
      number: columnRef.optional(),
      country: z
        .string()
        .refine((c) => c === 'number' || /^[A-Z]{2}$/.test(c), { error: 'must be "number" (from the recipient\'s number) or two capital letters such as US' })
        .optional(),
      class: className.optional(),
      classFrom: columnRef.optional(),
      classes: z.record(z.string().min(1), className).optional(),
    })
    .optional(),
  qualifiers: z
    .record(z.string().trim().min(1), z.strictObject({ field: columnRef, values: z.record(z.string(), z.enum(EVENT_NAMES).nullable()), names: z.record(z.string(), z.string().min(1)).optional() }))
    .optional(),
  message: z.strictObject({ withRecipient: z.boolean().optional(), partsOf: columnRef.optional() }).optional(),
  timeFormat: z
    .string()
    .refine((f) => typeof compileTimeFormat(f) !== 'string', { error: 'is not a time format such as M/D/YYYY H:mm (tokens YYYY M MM D DD H HH h hh mm ss SSS A)' })
    .optional(),
  timeZone: z
    .string()
    .refine((t) => zoneOk(t), { error: 'is not a time zone: write UTC or an IANA name such as Europe/London' })
    .optional(),
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
  if (!m.columns.route && !m.defaults?.route && !m.routeFrom)
    throw new ImportError('INVALID_MAPPING', file, null, 'mapping.columns.route', 'names no column and there is no defaults.route nor routeFrom');
  if (m.version === 2) {
    // Paths: each must be one, and only the recipient (one event per recipient) may hold [].
    for (const [field, names] of slotNames(m).entries()) {
      for (const name of names) {
        const p = compilePath(name);
        const at = slotPath(m, field);
        if (typeof p === 'string') throw new ImportError('INVALID_MAPPING', file, null, at, `${JSON.stringify(name)}: ${p}`);
      }
    }
  }
  return m;
}

/** The columns of a field, as a list. */
export function columnsOf(m: ColumnMapping, f: ModelField): string[] {
  const c = m.columns[f];
  return c === undefined ? [] : Array.isArray(c) ? c : [c];
}

/** The format a file's name suggests when none is given. */
export function formatOf(file: string): string {
  return /\.(jsonl|ndjson|json)(\.gz)?$/i.test(file) ? 'events-jsonl' : 'events-csv';
}

// Slots: the fields a row is read for, each a list of columns (CSV) or keys or paths (JSON), tried in
// order: the model's fields (MODEL_FIELDS order), then the route's number and class, the parts'
// reference, and one per qualified status (in `qualifiers`' order).
export const RECIPIENT_SLOT = 2;
export const NUMBER_SLOT = MODEL_FIELDS.length;
export const CLASS_SLOT = NUMBER_SLOT + 1;
export const PART_SLOT = NUMBER_SLOT + 2;
export const QUALIFIER_SLOT = NUMBER_SLOT + 3;

const list = (c: string | string[] | undefined): string[] => (c === undefined ? [] : Array.isArray(c) ? c : [c]);

/** Per slot, its columns, keys or paths, in order. */
export function slotNames(m: ColumnMapping): string[][] {
  const out = MODEL_FIELDS.map((f) => columnsOf(m, f));
  out.push(m.routeFrom ? (m.routeFrom.number !== undefined ? list(m.routeFrom.number) : columnsOf(m, 'recipient')) : []);
  out.push(list(m.routeFrom?.classFrom));
  out.push(list(m.message?.partsOf));
  for (const q of Object.values(m.qualifiers ?? {})) out.push(list(q.field));
  return out;
}

/** A slot's place in the mapping, for errors. */
export function slotPath(m: ColumnMapping, slot: number): string {
  if (slot < NUMBER_SLOT) return `mapping.columns.${MODEL_FIELDS[slot]}`;
  if (slot === NUMBER_SLOT) return m.routeFrom?.number !== undefined ? 'mapping.routeFrom.number' : 'mapping.columns.recipient';
  if (slot === CLASS_SLOT) return 'mapping.routeFrom.classFrom';
  if (slot === PART_SLOT) return 'mapping.message.partsOf';
  return `mapping.qualifiers.${Object.keys(m.qualifiers ?? {})[slot - QUALIFIER_SLOT]}.field`;
}
