/**
 * Rows (CSV records or JSON Lines objects) to events of the model, in two steps.
 *
 * `record` checks one row as the reader finds it: every field read from the bytes where it lies
 * (trimmed of spaces and tabs), the event, route, cohort and reason looked up in small tables whose
 * values are decoded once (the first time their bytes are seen), the time parsed, the message and
 * event ids hashed. Ids are never decoded. The row joins a batch.
 *
 * `flush` (the reader calls it before its buffer changes, and at the end) takes the batch in
 * blocks of 256 rows: first it reads ahead the places in memory the block's lookups will need (the
 * event id's slot, the message's slot, then its id and record), loads that do not wait on one
 * another, so they overlap; then it looks up the event ids and messages in file order, now from
 * cache, reading ahead the (message, event, time) keys of rows without an event id; then it drops
 * those that repeat one and counts the rest, in file order.
 * Random lookups in tables of a million keys are what costs here, and this is how they are paid
 * in parallel rather than one after the other.
 */
import { ByteTable, PairSet, SmallTable, hashBytes } from './bytes.js';
import { Counter, MAX_REASONS, showId } from './counter.js';
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { DELIVERED, EVENT_NAMES, FAILED, IGNORED, ImportError, parseRoute } from './events.js';
import { CLASS_SLOT, NUMBER_SLOT, PART_SLOT, QUALIFIER_SLOT, RECIPIENT_SLOT, slotNames, type ColumnMapping, type RouteRule } from './mapping.js';
import { TimeReader } from './time.js';

export const F_EVENT_ID = 0;
export const F_MESSAGE_ID = 1;
export const F_ROUTE = 3;
export const F_COHORT = 4;
export const F_EVENT = 5;
export const F_REASON = 6;
export const F_TIMESTAMP = 7;
export const F_RECIPIENT = RECIPIENT_SLOT;
/** A status whose event the qualifier gives (statusCode), and one with no event of its own. */
const NO_EVENT = 11;
const US = 0x1f;

const QUOTED_ESCAPES = 2;
const BATCH = 2048;
const BLOCK = 256;
const utf8 = (b: Uint8Array, s: number, e: number) => Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('utf8');
const show = (v: string) => JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);

/** What one row became (RowBuilder.trace): its event (null: its status is read past), route, message. */
export interface RowTrace {
  line: number;
  /** The status as the file writes it. */
  status: string;
  event: string | null;
  messageId: string;
  /** The route the row says (null: none; the message's other rows must say it). */
  route: string | null;
  reason: string | null;
  untimed: boolean;
  /** The row's number among the traced rows that give an event (onDuplicate names it); 0 for one read past. */
  seq: number;
}

export class RowBuilder {
  readonly counter: Counter;
  readonly routes: string[] = [];
  readonly reasons: string[] = [];
  private readonly eventIds: ByteTable;
  private readonly pairs: PairSet;
  private readonly statusBytes = new SmallTable();
  private readonly statusCode: number[] = [];
  private readonly routeBytes = new SmallTable();
  private readonly routeId: number[] = [];
  private readonly cohortBytes = new SmallTable();
  private readonly cohortHoldout: boolean[] = [];
  private readonly reasonBytes = new ByteTable(256, 16);
  private readonly events: Map<string, number>;
  private readonly cohorts: Map<string, boolean>;
  private readonly defaultRoute: number;
  private readonly defaultHoldout: boolean;
  private readonly defaultReason: number;
  private readonly times: TimeReader;
  /** Per status entry: the qualifier's index (or -1) and the value as written (for `ignored`). */
  private readonly statusQual: number[] = [];
  private readonly statusName: string[] = [];
  private readonly ignoredBy: number[] = [];
  private readonly qualifiers: { status: string; values: Map<string, number>; names: Record<string, string>; field: string }[];
  private readonly qualIndex: Map<string, number>;
  private readonly rule: RouteRule | undefined;
  /** A route's number and class as read (bytes), and the route they make. */
  private readonly routeKeys = new ByteTable(4096, 24);
  private readonly routeKeyId: number[] = [];
  private routeKeyBuf = Buffer.alloc(256);
  private readonly withRecipient: boolean;
  private readonly parts: boolean;
  private compose = Buffer.alloc(256);
  /** Multi-part messages (by message index): per part (its own id), its latest receipt. */
  private readonly partsOf = new Map<number, Map<string, { t: number; line: number; outcome: number; reason: number } | null>>();
  private readonly partKey: string[] = [];
  private readonly mi = new Int32Array(BATCH);
  private readonly mapping: ColumnMapping;
  private scratch = Buffer.alloc(256);
  // The field last picked: its bytes b[s, e) and the column it came from.
  private b: Uint8Array = this.scratch;
  private s = 0;
  private e = 0;
  private slot = -1;

  // The batch: rows checked, not yet counted. Ids lie in `buf` (the reader's buffer, unchanged until
  // flush) or, when a CSV field had to be unquoted, in `side`.
  private n = 0;
  private buf: Uint8Array = this.scratch;
  private side = Buffer.alloc(1 << 16);
  private sideUsed = 0;
  private readonly line = new Float64Array(BATCH);
  private readonly ts = new Float64Array(BATCH);
  private readonly ev = new Uint8Array(BATCH);
  private readonly holdout = new Uint8Array(BATCH); // 1 holdout cohort, 2 a part of a multi-part SMS
  private readonly route = new Int32Array(BATCH); // -1: the record does not say
  private readonly reason = new Uint32Array(BATCH);
  private readonly mh = new Int32Array(BATCH);
  private readonly ms = new Int32Array(BATCH);
  private readonly me = new Int32Array(BATCH);
  private readonly mside = new Uint8Array(BATCH);
  private readonly eh = new Int32Array(BATCH);
  private readonly es = new Int32Array(BATCH);
  private readonly ee = new Int32Array(BATCH); // es === ee: no event id
  private readonly eside = new Uint8Array(BATCH);
  private readonly peeked = new Int32Array(BLOCK);
  private readonly pairKeys = new Float64Array(BLOCK);
  /** Where the read-ahead loads go, so they are not optimised away. */
  sink = 0;
  /**
   * The import screen's preview (trial.ts): told what each row becomes, as it is checked. Null in
   * an import (one test of a field per row).
   */
  trace: ((t: RowTrace) => void) | null = null;
  /** The name under which qualified() last counted a record in `ignored` (for the trace). */
  private qualifiedName = '';
  /** The preview: told which traced row (by its `seq`) is dropped as a retried duplicate. */
  onDuplicate: ((seq: number) => void) | null = null;
  private readonly traceSeq = new Float64Array(BATCH);
  private traced = 0;

  constructor(
    private readonly file: string,
    mapping: ColumnMapping,
    now: number,
    /** Per field of the model (MODEL_FIELDS order), the slots (columns or keys) to try, in order. */
    private readonly cols: Int32Array[],
    /** The file's name of each slot, for errors. */
    private readonly names: string[],
    /** The field name for errors when a field has no slot (JSON Lines: the mapping's key). */
    private readonly fieldNames: string[],
    /** Rows the file likely holds (tables are sized for it; they grow past it). */
    expectedRows = 1 << 16,
  ) {
    const rows = Math.min(Math.max(expectedRows, 1024), 1 << 20); // sized for up to a million rows; past that they grow
    this.counter = new Counter(now, rows >> 1);
    this.eventIds = new ByteTable(rows, 20);
    // (message, event, time) keys: for the rows without an event id, every row when the format has none.
    this.pairs = new PairSet(cols[F_EVENT_ID]!.length > 0 ? rows >> 2 : rows);
    this.mapping = mapping;
    this.events = new Map(Object.entries(mapping.events ?? Object.fromEntries(EVENT_NAMES.map((n) => [n, n]))).map(([k, v]) => [k.toLowerCase(), v === null ? IGNORED : EVENT_NAMES.indexOf(v)]));
    this.qualifiers = Object.entries(mapping.qualifiers ?? {}).map(([status, q]) => ({
      status,
      values: new Map(Object.entries(q.values).map(([k, v]) => [k.toLowerCase(), v === null ? IGNORED : EVENT_NAMES.indexOf(v)])),
      names: q.names ?? {},
      field: Array.isArray(q.field) ? q.field[0]! : q.field,
    }));
    this.qualIndex = new Map(this.qualifiers.map((q, i) => [q.status.toLowerCase(), i]));
    for (const q of this.qualifiers) if (!this.events.has(q.status.toLowerCase())) this.events.set(q.status.toLowerCase(), NO_EVENT);
    this.rule = mapping.routeFrom;
    this.withRecipient = mapping.message?.withRecipient === true;
    this.parts = mapping.message?.partsOf !== undefined;
    this.cohorts = new Map(Object.entries(mapping.cohorts ?? { exposed: 'exposed', holdout: 'holdout' }).map(([k, v]) => [k.toLowerCase(), v === 'holdout']));
    this.defaultRoute = mapping.defaults?.route !== undefined ? this.routeOf(mapping.defaults.route) : -1;
    this.defaultHoldout = mapping.defaults?.cohort === 'holdout';
    this.times = new TimeReader(mapping.timeFormat, mapping.timeZone ?? (mapping.naiveTimestampsAreUtc ? 'UTC' : undefined));
    const unknown = Buffer.from(mapping.defaults?.failureReason ?? 'unknown');
    this.defaultReason = this.reasonOf(unknown, 0, unknown.length, 0);
  }

  /**
   * Checks one row and adds it to the batch: the value of slot i is buf[starts[i], ends[i]),
   * esc[i] & 2 when it holds doubled quotes. buf must not change before `flush`.
   */
  record(buf: Uint8Array, starts: Int32Array, ends: Int32Array, esc: Uint8Array, line: number): void {
    if (buf !== this.buf) {
      if (this.n > 0) this.flush();
      this.buf = buf;
    }
    // The event first: a status read past needs nothing else.
    if (!this.pick(F_EVENT, buf, starts, ends, esc)) this.fail(line, F_EVENT, 'is missing or empty');
    let k = this.statusBytes.find(this.b, this.s, this.e);
    if (k < 0) k = this.newStatus(line);
    let ev = this.statusCode[k]!;
    const qi = this.statusQual[k]!;
    if (qi >= 0) ev = this.qualified(k, qi, ev, line, buf, starts, ends, esc);
    if (ev === IGNORED) {
      if (qi < 0) this.ignoredBy[k]!++; // (a qualified status is counted by qualified(), by its name)
      if (this.trace) this.trace({ line, status: qi >= 0 ? this.qualifiedName : this.statusName[k]!, event: null, messageId: '', route: null, reason: null, untimed: false, seq: 0 });
      return;
    }
    const j = this.n;
    let part = 0;
    if (this.parts && this.pick(PART_SLOT, buf, starts, ends, esc)) {
      // One part of a multi-part SMS: the message is its reference with its recipient; the part is its own id.
      const rs = this.s;
      const re = this.e;
      const rb = this.b;
      if (!this.pick(F_MESSAGE_ID, buf, starts, ends, esc)) this.fail(line, F_MESSAGE_ID, 'is missing or empty (the id of this part of a multi-part message)');
      this.partKey[j] = utf8(this.b, this.s, this.e);
      this.b = rb;
      this.s = rs;
      this.e = re;
      this.composed(PART_SLOT, line, buf, starts, ends, esc);
      part = 2;
    } else {
      if (!this.pick(F_MESSAGE_ID, buf, starts, ends, esc)) this.fail(line, F_MESSAGE_ID, 'is missing or empty');
      if (this.withRecipient) this.composed(F_MESSAGE_ID, line, buf, starts, ends, esc);
    }
    this.keep(j, this.mh, this.ms, this.me, this.mside);
    const traced = this.trace ? utf8(this.b, this.s, this.e).replace(/\u001f/g, ' ') : '';

    if (this.rule) this.route[j] = this.derivedRoute(this.rule, line, buf, starts, ends, esc);
    else if (this.pick(F_ROUTE, buf, starts, ends, esc)) {
      const r = this.routeBytes.find(this.b, this.s, this.e);
      this.route[j] = r >= 0 ? this.routeId[r]! : this.newRoute(line);
    } else if (this.defaultRoute >= 0) this.route[j] = this.defaultRoute;
    else this.fail(line, F_ROUTE, 'is missing or empty');

    let holdout = this.defaultHoldout;
    if (this.pick(F_COHORT, buf, starts, ends, esc)) {
      const c = this.cohortBytes.find(this.b, this.s, this.e);
      holdout = c >= 0 ? this.cohortHoldout[c]! : this.newCohort(line);
    }
    this.holdout[j] = (holdout ? 1 : 0) | part;

    let t = -Infinity; // no timestamp: kept, before every timed event of its message (MODEL.md section 8)
    if (this.pick(F_TIMESTAMP, buf, starts, ends, esc)) {
      t = this.times.read(this.b, this.s, this.e);
      if (t !== t) this.badTime(line);
    } else this.counter.untimed++;
    this.ts[j] = t;

    this.reason[j] = ev === FAILED ? (this.pick(F_REASON, buf, starts, ends, esc) ? this.reasonOf(this.b, this.s, this.e, line) : this.defaultReason) : 0;

    if (this.pick(F_EVENT_ID, buf, starts, ends, esc)) this.keep(j, this.eh, this.es, this.ee, this.eside);
    else this.es[j] = this.ee[j] = 0;
    this.ev[j] = ev;
    this.line[j] = line;
    if (this.trace) {
      const r = this.route[j]!;
      const route = r >= 0 ? this.routes[r]! : r <= -2 ? this.routes[-2 - r]! : null;
      this.traceSeq[j] = ++this.traced;
      this.trace({
        line,
        status: this.statusName[k]!,
        event: EVENT_NAMES[ev]!,
        messageId: traced,
        route,
        reason: ev === FAILED ? this.reasons[this.reason[j]!]! : null,
        untimed: t === -Infinity,
        seq: this.traced,
      });
    }
    this.n = j + 1;
    if (this.n === BATCH) this.flush();
  }

  /** Counts the batch (see the file's comment). */
  flush(): void {
    const n = this.n;
    const { eventIds, counter, pairs, mh, ms, me, mside, eh, es, ee, eside } = this;
    const messages = counter.ids;
    const buf = this.buf;
    const side = this.side;
    for (let j0 = 0; j0 < n; j0 += BLOCK) {
      const j1 = Math.min(n, j0 + BLOCK);
      // Read ahead, level by level, so that the loads of a level do not wait on one another:
      // the slots of the event ids and of the messages, then the messages' ids and records.
      const v = this.peeked;
      const mk = this.pairKeys;
      let acc = 0;
      for (let j = j0; j < j1; j++) {
        acc ^= eventIds.slotOf(eh[j]!);
        v[j - j0] = messages.slotOf(mh[j]!);
      }
      for (let j = j0; j < j1; j++) acc ^= messages.keyAt(v[j - j0]!);
      // Then in order: the event ids and the messages (a row whose event id was seen is dropped here)…
      for (let j = j0; j < j1; j++) {
        counter.events++;
        const hasEventId = es[j]! !== ee[j]!;
        if (hasEventId) {
          eventIds.internHashed(eside[j] ? side : buf, es[j]!, ee[j]!, eh[j]!);
          if (!eventIds.added) {
            counter.duplicates++;
            this.onDuplicate?.(this.traceSeq[j]!);
            v[j - j0] = -1;
            continue;
          }
        }
        const m = messages.internHashed(mside[j] ? side : buf, ms[j]!, me[j]!, mh[j]!);
        this.mi[j] = m;
        if (messages.added) counter.newMessage(messages.payload, this.line[j]!, this.route[j]!);
        v[j - j0] = messages.payload;
        // …a row without one is keyed by (message, event, time), read ahead here…
        if (!hasEventId) {
          const x = m * 16 + this.ev[j]!;
          mk[j - j0] = x;
          acc ^= pairs.peek(x, this.ts[j]!);
        }
      }
      this.sink ^= acc;
      // …then the retried ones without an event id are dropped, and the rest counted.
      for (let j = j0; j < j1; j++) {
        const p = v[j - j0]!;
        if (p < 0) continue;
        const t = this.ts[j]!;
        if (es[j]! === ee[j]! && !pairs.add(mk[j - j0]!, t)) {
          counter.duplicates++;
          this.onDuplicate?.(this.traceSeq[j]!);
          continue;
        }
        const h = this.holdout[j]!;
        const ev = this.ev[j]!;
        counter.add(p, this.line[j]!, (h & 1) === 1, ev, this.reason[j]!, t, h > 1, this.route[j]!);
        if (h > 1) this.partReceipt(this.mi[j]!, this.partKey[j]!, t, this.line[j]!, ev === DELIVERED ? 1 : ev === FAILED ? 2 : 0, this.reason[j]!);
      }
    }
    this.n = 0;
    this.sideUsed = 0;
  }

  /**
   * A part's event (after dedupe), outcome 1 delivered, 2 failed, 0 another event: the part is seen,
   * and its latest delivered or failed receipt by time is its outcome (the later line on a tie).
   */
  private partReceipt(m: number, part: string, t: number, line: number, outcome: number, reason: number): void {
    let parts = this.partsOf.get(m);
    if (!parts) this.partsOf.set(m, (parts = new Map()));
    const cur = parts.get(part) ?? null;
    if (outcome === 0) {
      if (!parts.has(part)) parts.set(part, null);
    } else if (!cur || !(t < cur.t)) parts.set(part, { t, line, outcome, reason });
  }

  /**
   * Multi-part messages: failed when any part's latest receipt is a failure (by the reason of the
   * part that failed latest); else delivered when every part seen has delivered; else sent, no
   * outcome.
   */
  private settleParts(): void {
    for (const [m, parts] of this.partsOf) {
      let failed: { t: number; reason: number } | null = null;
      let delivered = 0;
      let latest = -Infinity;
      for (const r of parts.values()) {
        if (!r) continue;
        if (r.t > latest) latest = r.t;
        if (r.outcome === 2) {
          if (!failed || !(r.t < failed.t)) failed = r;
        } else delivered++;
      }
      const p = this.counter.ids.payloadOf(m);
      if (failed) this.counter.setPartsOutcome(p, 'failed', failed.reason, failed.t);
      else this.counter.setPartsOutcome(p, delivered === parts.size ? 'delivered' : null, 0, latest);
    }
  }

  /** Keeps the picked field as an id of row j: its hash and where its bytes are. */
  private keep(j: number, h: Int32Array, s: Int32Array, e: Int32Array, side: Uint8Array): void {
    h[j] = hashBytes(this.b, this.s, this.e);
    if (this.b === this.buf) {
      s[j] = this.s;
      e[j] = this.e;
      side[j] = 0;
      return;
    }
    // Unquoted into scratch: copy to the batch's side buffer.
    const len = this.e - this.s;
    if (this.sideUsed + len > this.side.length) {
      const bigger = Buffer.alloc(2 * (this.sideUsed + len));
      this.side.copy(bigger, 0, 0, this.sideUsed);
      this.side = bigger;
    }
    this.side.set(this.b.subarray(this.s, this.e), this.sideUsed);
    s[j] = this.sideUsed;
    e[j] = this.sideUsed += len;
    side[j] = 1;
  }

  /**
   * Picks field f: the first of its slots with a value. Sets b, s, e (trimmed; unquoted into the
   * scratch buffer when the CSV field held doubled quotes) and slot; false when empty.
   */
  private pick(f: number, buf: Uint8Array, starts: Int32Array, ends: Int32Array, esc: Uint8Array): boolean {
    const list = this.cols[f]!;
    for (let j = 0; j < list.length; j++) {
      const i = list[j]!;
      let s = starts[i]!;
      let e = ends[i]!;
      let b = buf;
      if (esc[i]! & QUOTED_ESCAPES) {
        b = this.unescape(buf, s, e);
        s = 0;
        e = this.e;
      }
      while (s < e && (b[s] === 32 || b[s] === 9)) s++;
      while (e > s && (b[e - 1] === 32 || b[e - 1] === 9)) e--;
      if (s < e) {
        this.slot = i;
        this.b = b;
        this.s = s;
        this.e = e;
        return true;
      }
    }
    this.slot = list.length > 0 ? list[0]! : -1;
    return false;
  }

  /** Copies a quoted field's content without the doubled quotes into scratch; sets this.e to its length. */
  private unescape(buf: Uint8Array, s: number, e: number): Buffer {
    let out = this.scratch;
    if (out.length < e - s) out = this.scratch = Buffer.alloc(2 * (e - s));
    let n = 0;
    for (let i = s; i < e; i++) {
      const c = buf[i]!;
      out[n++] = c;
      if (c === 34) i++; // "" → "
    }
    this.e = n;
    return out;
  }

  private fieldName(f: number): string {
    return this.slot >= 0 && this.cols[f]!.includes(this.slot) ? this.names[this.slot]! : this.fieldNames[f]!;
  }

  private fail(line: number, f: number, what: string): never {
    throw new ImportError('INVALID_FILE', this.file, line, this.fieldName(f), what);
  }

  private newStatus(line: number): number {
    const raw = utf8(this.b, this.s, this.e);
    const code = this.events.get(raw.toLowerCase());
    if (code === undefined) this.fail(line, F_EVENT, `unknown event ${show(raw)} (events: ${[...this.events.keys()].join(', ')}); add it to the format's status values, as an event or as ignored`);
    const k = this.statusBytes.add(this.b, this.s, this.e);
    this.statusCode[k] = code;
    this.statusQual[k] = this.qualIndex.get(raw.toLowerCase()) ?? -1;
    this.statusName[k] = raw;
    this.ignoredBy[k] = 0;
    return k;
  }

  /** The event of status entry k by its qualifier (qualifier qi), or its own when the qualifier is empty. */
  private qualified(k: number, qi: number, own: number, line: number, buf: Uint8Array, starts: Int32Array, ends: Int32Array, esc: Uint8Array): number {
    const status = this.statusName[k]!;
    const slot = QUALIFIER_SLOT + qi;
    const q = this.qualifiers[qi]!;
    if (!this.pick(slot, buf, starts, ends, esc)) {
      if (own === NO_EVENT) this.fail(line, slot, `is missing or empty, and the status ${show(status)} needs it to tell what happened`);
      if (own === IGNORED) {
        const name = q.names[''] !== undefined ? `${status}/${q.names['']}` : status;
        this.counter.ignored.set(name, (this.counter.ignored.get(name) ?? 0) + 1);
        this.qualifiedName = name;
        return IGNORED; // counted here, by its name
      }
      return own;
    }
    const raw = utf8(this.b, this.s, this.e);
    const code = q.values.get(raw.toLowerCase()) ?? q.values.get('*');
    if (code === undefined) this.fail(line, slot, `unknown value ${show(raw)} for the status ${show(status)} (values: ${[...q.values.keys()].join(', ')}); add it to the format's qualifier values`);
    if (code === IGNORED) {
      const name = `${status}/${q.names[raw] ?? q.names[raw.toLowerCase()] ?? raw}`;
      this.counter.ignored.set(name, (this.counter.ignored.get(name) ?? 0) + 1);
      this.qualifiedName = name;
    }
    return code;
  }

  /** The picked id (message id or parts' reference) with the recipient, in the compose buffer: picked again. */
  private composed(from: number, line: number, buf: Uint8Array, starts: Int32Array, ends: Int32Array, esc: Uint8Array): void {
    let len = this.e - this.s;
    if (this.compose.length < len + 1) this.compose = Buffer.alloc(2 * (len + 1));
    this.compose.set(this.b.subarray(this.s, this.e), 0);
    this.compose[len++] = US;
    if (!this.pick(F_RECIPIENT, buf, starts, ends, esc))
      this.fail(line, F_RECIPIENT, `is missing or empty, and the format identifies a message by its ${from === PART_SLOT ? 'multi-part reference' : 'id'} with its recipient`);
    const r = this.e - this.s;
    if (this.compose.length < len + r) {
      const bigger = Buffer.alloc(2 * (len + r));
      this.compose.copy(bigger, 0, 0, len);
      this.compose = bigger;
    }
    this.compose.set(this.b.subarray(this.s, this.e), len);
    this.b = this.compose;
    this.s = 0;
    this.e = len + r;
  }

  /**
   * The route from the record's own fields (RouteRule): the channel (by the number's prefix), the
   * country of the number, the class; -1 when the number is empty (the message's other records may
   * say it; if none does, the import stops at the end), -2 - id when the class field is empty.
   */
  private derivedRoute(rule: RouteRule, line: number, buf: Uint8Array, starts: Int32Array, ends: Int32Array, esc: Uint8Array): number {
    const needsNumber = rule.country === 'number' || rule.prefixes !== undefined;
    // The route's fields as read, as bytes (number, NUL, class, NUL, partial): looked up before anything is decoded.
    let kb = this.routeKeyBuf;
    let kn = 0;
    if (needsNumber) {
      if (!this.pick(NUMBER_SLOT, buf, starts, ends, esc)) return -1;
      kn = this.e - this.s;
      if (kb.length < kn + 2) kb = this.routeKeyBuf = Buffer.alloc(2 * (kn + 2));
      kb.set(this.b.subarray(this.s, this.e), 0);
    }
    const numberLen = kn;
    kb[kn++] = 0;
    const hasClass = rule.classFrom !== undefined && this.pick(CLASS_SLOT, buf, starts, ends, esc);
    if (hasClass) {
      const len = this.e - this.s;
      if (kb.length < kn + len + 1) {
        const bigger = Buffer.alloc(2 * (kn + len + 1));
        kb.copy(bigger, 0, 0, kn);
        kb = this.routeKeyBuf = bigger;
      }
      kb.set(this.b.subarray(this.s, this.e), kn);
      kn += len;
    }
    const partial = rule.classFrom !== undefined && !hasClass;
    kb[kn++] = partial ? 1 : 0;
    const k = this.routeKeys.intern(kb, 0, kn);
    // (undefined: the fields were seen in a record refused for them, which only a preview reads on past)
    if (!this.routeKeys.added && this.routeKeyId[k] !== undefined) return this.routeKeyId[k];
    const id = this.routeFromKey(rule, line, kb, numberLen, kn, hasClass, partial);
    this.routeKeyId[k] = id;
    return id;
  }

  /** derivedRoute for fields not seen before: decoded, the country found, checked. */
  private routeFromKey(rule: RouteRule, line: number, kb: Buffer, z: number, kn: number, hasClass: boolean, partial: boolean): number {
    const number = kb.toString('utf8', 0, z);
    let cls = rule.class ?? '';
    if (hasClass) {
      const raw = kb.toString('utf8', z + 1, kn - 1);
      const c = rule.classes ? (Object.prototype.hasOwnProperty.call(rule.classes, raw) ? rule.classes[raw] : rule.classes[raw.toLowerCase()]) : raw.toLowerCase();
      if (c === undefined || !/^[A-Za-z0-9_.-]+$/.test(c))
        this.fail(line, CLASS_SLOT, `${show(raw)} is not a class the format knows${rule.classes ? ` (classes: ${Object.keys(rule.classes).join(', ')})` : ' (letters, digits, _ . or -)'}`);
      cls = c;
    }
    let channel: string = rule.channel;
    let rest = number;
    for (const [prefix, ch] of Object.entries(rule.prefixes ?? {})) {
      if (number.toLowerCase().startsWith(prefix.toLowerCase())) {
        channel = ch;
        rest = number.slice(prefix.length);
        break;
      }
    }
    let country = rule.country !== undefined && rule.country !== 'number' ? rule.country : '';
    if (rule.country === 'number') {
      country = countryOf(rest);
      if (!country)
        this.fail(
          line,
          NUMBER_SLOT,
          `${show(number)} is not a phone number that belongs to one country (write it in international form, + and the country code, e.g. +14155550123), so the route cannot be told; fix the number or give the format a fixed route`,
        );
    }
    const route = `${channel}${country || cls ? `/${country}` : ''}${cls ? `/${cls}` : ''}`;
    if (!parseRoute(route)) this.fail(line, CLASS_SLOT, `${show(route)} is not a route such as sms/US or whatsapp/IN/marketing`);
    // A route whose class field is empty is partial (-2 - id): the message takes the first complete
    // route of its records, this one only when none has a class.
    return partial ? -2 - this.routeOf(route) : this.routeOf(route);
  }

  private badTime(line: number): never {
    const raw = show(utf8(this.b, this.s, this.e));
    if (this.times.lacksZone(this.b, this.s, this.e)) {
      this.fail(
        line,
        F_TIMESTAMP,
        `${raw} has no time zone: set the time zone of the format (timeZone, e.g. "UTC" or "Europe/London"; --time-zone on the command line) to say which zone the file's times are in`,
      );
    }
    const named = this.mapping.timeFormat ? `${this.mapping.timeFormat}, ` : '';
    this.fail(
      line,
      F_TIMESTAMP,
      `${raw} is not a time (${named}ISO 8601 with Z or an offset, epoch seconds or milliseconds); if the file writes times another way, set the time format of the format (timeFormat, e.g. "M/D/YYYY H:mm")`,
    );
  }

  private routeOf(r: string): number {
    const i = this.routes.indexOf(r);
    if (i >= 0) return i;
    this.routes.push(r);
    return this.routes.length - 1;
  }

  private newRoute(line: number): number {
    const raw = utf8(this.b, this.s, this.e);
    if (!parseRoute(raw)) this.fail(line, F_ROUTE, `${show(raw)} is not a route such as sms/US, whatsapp/IN/marketing or email`);
    const k = this.routeBytes.add(this.b, this.s, this.e);
    return (this.routeId[k] = this.routeOf(raw));
  }

  private newCohort(line: number): boolean {
    const raw = utf8(this.b, this.s, this.e);
    const h = this.cohorts.get(raw.toLowerCase());
    if (h === undefined) this.fail(line, F_COHORT, `must be ${[...this.cohorts.keys()].join(' or ')}, got ${show(raw)}`);
    const k = this.cohortBytes.add(this.b, this.s, this.e);
    return (this.cohortHoldout[k] = h);
  }

  private reasonOf(b: Uint8Array, s: number, e: number, line: number): number {
    const k = this.reasonBytes.intern(b, s, e);
    if (this.reasonBytes.added) {
      if (k >= MAX_REASONS) this.fail(line, F_REASON, `more than ${MAX_REASONS} different failure reasons`);
      this.reasons[k] = utf8(b, s, e);
      // A pilot keeps at most 200 characters of a reason (FORMAT.md): said here, with this line (issue 18).
      if (this.reasons[k]!.length > 200) this.fail(line, F_REASON, `is ${this.reasons[k]!.length} characters long: a failure reason can have at most 200`);
    }
    return k;
  }

  result(file: string) {
    this.flush();
    this.settleParts();
    this.statusName.forEach((name, k) => {
      const n = this.ignoredBy[k]!;
      if (n > 0) this.counter.ignored.set(name, (this.counter.ignored.get(name) ?? 0) + n);
    });
    const rule = this.rule;
    return this.counter.result(file, this.routes, this.reasons, (line, id) => {
      const fields = [...(rule?.classFrom !== undefined ? [this.fieldNames[CLASS_SLOT]!] : []), ...(rule?.country === 'number' || rule?.prefixes ? [this.fieldNames[NUMBER_SLOT]!] : [])];
      throw new ImportError(
        'INVALID_FILE',
        file,
        line,
        fields.join(', ') || null,
        `no record of message ${show(showId(id))} says its route (${fields.join(' and ')} empty or missing in each), and a route is never guessed; fix the file or give the format a fixed route`,
      );
    });
  }

  /** Records read past so far (for the message of a file with no events). */
  get ignoredCount(): number {
    return this.ignoredBy.reduce((a, b) => a + b, 0) + [...this.counter.ignored.values()].reduce((a, b) => a + b, 0);
  }
}

/** For errors when a field has no column: the mapping's first name for each slot, else the model's. */
export function fieldLabels(mapping: ColumnMapping): string[] {
  return slotNames(mapping).map((names, i) => names[0] ?? (i < MODEL_FIELD_NAMES.length ? MODEL_FIELD_NAMES[i]! : ''));
}

const MODEL_FIELD_NAMES = ['eventId', 'messageId', 'recipient', 'route', 'cohort', 'event', 'failureReason', 'timestamp', 'segments', 'price'];

// Countries of numbers (E.164): libphonenumber-js's metadata. A number it cannot place in one
// country (a number of a range no country has allocated, such as Ofcom's drama range +44 7700 900,
// or a calling code several countries share when the number does not tell which) has none: the
// route is never guessed.
//
// Parsing a number costs about 15 µs; most calling codes belong to one country, whose every number
// libphonenumber-js places there (checked: valid or not), so those are told from the code alone
// (calling codes are prefix-free). The codes countries share (+1, +7, +44, …) are parsed, once a number.
const soleCountry = new Map<string, string | null>();
for (const c of getCountries()) {
  const code = getCountryCallingCode(c);
  soleCountry.set(code, soleCountry.has(code) ? null : c);
}
const countries = new Map<string, string>();

/** The ISO country of an international number (`+447…`, `447…`, `whatsapp:` already cut), or ''. */
export function countryOf(raw: string): string {
  const hit = countries.get(raw);
  if (hit !== undefined) return hit;
  let n = raw.replace(/[\s().-]/g, '');
  if (n.startsWith('00')) n = `+${n.slice(2)}`;
  if (/^\d{8,15}$/.test(n)) n = `+${n}`;
  let c = '';
  if (/^\+\d{7,15}$/.test(n)) {
    const sole = soleCountry.get(n.slice(1, 2)) ?? soleCountry.get(n.slice(1, 3)) ?? soleCountry.get(n.slice(1, 4));
    if (sole) c = sole;
    else {
      const p = parsePhoneNumberFromString(n);
      if (p) c = p.country ?? '';
    }
  }
  if (countries.size > 100_000) countries.clear();
  countries.set(raw, c);
  return c;
}
