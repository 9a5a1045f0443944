/**
 * Counting per MODEL.md section 8. The state of each distinct message is a 64-byte record kept
 * in the message table's arena right after the message's id (ByteTable payload): read as doubles
 * (times) and as 32-bit words (flags, reason, route, lines). No object per message, so memory grows
 * with messages, not with the file, the garbage collector has nothing to walk, and an event's
 * lookup of its message and the update of its state touch the same place in memory.
 */
import { ByteTable } from './bytes.js';
import { CLICKED, COMPLAINED, CONVERTED, DELIVERED, FAILED, HELD_OUT, OPTED_OUT, REPLIED, SENT, type AnomalyKind, type ImportResult, type RouteCounts } from './events.js';

const F_SENT = 1;
const F_ENGAGED = 2;
const F_CONVERTED = 4;
const F_OPTED_OUT = 8;
const F_COMPLAINED = 16;
const F_HELD_OUT = 32;
const F_HOLDOUT_COHORT = 64;
const F_OUTCOME_FAILED = 128;
/** Its events are parts of a multi-part SMS (one receipt each): failed when any part failed. */
const F_PARTS = 256;
const FLAG_BITS = 10;
const FLAG_MASK = (1 << FLAG_BITS) - 1;

// A message's record (16 words from an even word p): doubles p/2 + 0..4, words p + 10..15.
const OUTCOME_TS = 0; // doubles
const MIN_ENGAGED_TS = 1;
const MIN_DELIVERED_TS = 2;
const MAX_DELIVERED_TS = 3;
const MIN_FAILED_TS = 4;
const FLAGS = 10; // words: flags in the low 10 bits, the outcome's failure reason above
const ROUTE = 11; // -1 while none of its events has said (a route's field left empty)
const FIRST_LINE = 12;
const MIN_ENGAGED_LINE = 13;
const MAX_DELIVERED_LINE = 14;
const FUTURE_LINE = 15;

/** Failure reasons a file may hold (the reason shares a word with the flags). */
export const MAX_REASONS = 1 << 21;

export class Counter {
  events = 0;
  duplicates = 0;
  /** Records read past, by the status value (and qualifier) the format ignores. */
  readonly ignored = new Map<string, number>();
  /** Records (events, retried ones included) without a timestamp. */
  untimed = 0;
  /** The messages, each with its record (16 words) beside its id. */
  readonly ids: ByteTable;

  constructor(
    private readonly now: number,
    expected = 1024,
  ) {
    this.ids = new ByteTable(expected, 24, true, 16);
  }

  /** A message seen for the first time, its record at word p: its route is its first event's. */
  newMessage(p: number, line: number, route: number): void {
    const d = p >> 1;
    const f = this.ids.f64;
    f[d + OUTCOME_TS] = NaN; // no outcome yet (an untimed one is -Infinity)
    f[d + MIN_ENGAGED_TS] = Infinity;
    f[d + MIN_DELIVERED_TS] = Infinity;
    f[d + MAX_DELIVERED_TS] = -Infinity;
    f[d + MIN_FAILED_TS] = Infinity;
    const w = this.ids.words;
    w[p + FLAGS] = 0;
    w[p + ROUTE] = route;
    w[p + FIRST_LINE] = line;
    w[p + MIN_ENGAGED_LINE] = 0;
    w[p + MAX_DELIVERED_LINE] = 0;
    w[p + FUTURE_LINE] = 0;
  }

  /**
   * One event (after dedupe) of the message whose record is at word p; t is -Infinity for a record
   * without a timestamp (before every timed event, in line order, in no timing anomaly); route -1
   * when the record did not say it.
   */
  add(p: number, line: number, holdoutCohort: boolean, event: number, reason: number, t: number, part: boolean, route: number): void {
    const fs = this.ids.f64;
    const ws = this.ids.words;
    const d = p >> 1;
    let flags = ws[p + FLAGS]!;
    if (holdoutCohort) flags |= F_HOLDOUT_COHORT;
    if (part) flags |= F_PARTS;
    // The message's route: its first complete one (a partial one, without its class, only when no record has the class).
    if (route !== -1) {
      const cur = ws[p + ROUTE]!;
      if (cur === -1 || (cur <= -2 && route >= 0)) ws[p + ROUTE] = route;
    }
    if (t > this.now && ws[p + FUTURE_LINE] === 0) ws[p + FUTURE_LINE] = line;
    switch (event) {
      case SENT:
        flags |= F_SENT;
        break;
      case DELIVERED:
      case FAILED:
        flags |= F_SENT;
        if (flags & F_PARTS) {
          // A multi-part SMS: its outcome is set from its parts' receipts at the end (setPartsOutcome).
          if (event === DELIVERED && t < fs[d + MIN_DELIVERED_TS]!) fs[d + MIN_DELIVERED_TS] = t;
          break;
        }
        // The latest delivered or failed event decides the outcome; the later line wins a tie.
        if (!(t < fs[d + OUTCOME_TS]!)) {
          fs[d + OUTCOME_TS] = t;
          flags = event === FAILED ? (flags & FLAG_MASK) | F_OUTCOME_FAILED | (reason << FLAG_BITS) : flags & FLAG_MASK & ~F_OUTCOME_FAILED;
        }
        // An untimed delivery is before every timed event (so before any click); an untimed event
        // is never the later one of delivered-after-failed.
        if (event === DELIVERED) {
          if (t < fs[d + MIN_DELIVERED_TS]!) fs[d + MIN_DELIVERED_TS] = t;
          if (t > -Infinity && t > fs[d + MAX_DELIVERED_TS]!) {
            fs[d + MAX_DELIVERED_TS] = t;
            ws[p + MAX_DELIVERED_LINE] = line;
          }
        } else if (t > -Infinity && t < fs[d + MIN_FAILED_TS]!) fs[d + MIN_FAILED_TS] = t;
        break;
      case CLICKED:
      case REPLIED:
        flags |= F_ENGAGED;
        if (t > -Infinity && t < fs[d + MIN_ENGAGED_TS]!) {
          fs[d + MIN_ENGAGED_TS] = t;
          ws[p + MIN_ENGAGED_LINE] = line;
        }
        break;
      case CONVERTED:
        flags |= F_CONVERTED;
        break;
      case OPTED_OUT:
        flags |= F_OPTED_OUT;
        break;
      case COMPLAINED:
        flags |= F_COMPLAINED;
        break;
      case HELD_OUT:
        flags |= F_HELD_OUT | F_HOLDOUT_COHORT;
        break;
      default: // opened: read, not counted
        break;
    }
    ws[p + FLAGS] = flags;
  }

  /** A multi-part message's outcome from its parts (rows.ts): failed by `reason`, delivered, or none (null). */
  setPartsOutcome(p: number, outcome: 'delivered' | 'failed' | null, reason: number, t: number): void {
    const ws = this.ids.words;
    const d = p >> 1;
    let flags = ws[p + FLAGS]! & FLAG_MASK & ~F_OUTCOME_FAILED;
    if (outcome === null) this.ids.f64[d + OUTCOME_TS] = NaN;
    else {
      this.ids.f64[d + OUTCOME_TS] = t;
      if (outcome === 'failed') flags |= F_OUTCOME_FAILED | (reason << FLAG_BITS);
    }
    ws[p + FLAGS] = flags;
  }

  get messages(): number {
    return this.ids.size;
  }

  /**
   * The counts; unrouted(m's first line, its id) is asked for a message that needs a route (sent or
   * held out) when none of its records said it, and throws.
   */
  result(file: string, routes: readonly string[], reasons: readonly string[], unrouted?: (line: number, id: string) => never): ImportResult {
    const counts: Record<string, RouteCounts> = {};
    const anomalies: ImportResult['anomalies'] = [];
    const ids = this.ids;
    const route = (r: number) => (counts[routes[r]!] ??= { sent: 0, delivered: 0, failed: {}, engaged: 0, converted: 0, optedOut: 0, complained: 0 });
    const flag = (kind: AnomalyKind, m: number, line: number) => anomalies.push({ kind, messageId: ids.text(m), line });
    const fs = ids.f64;
    const ws = ids.words;
    for (let m = 0; m < ids.size; m++) {
      const p = ids.payloadOf(m);
      const d = p >> 1;
      const word = ws[p + FLAGS]!;
      const f = word & FLAG_MASK;
      if (ws[p + FUTURE_LINE]) flag('future-timestamp', m, ws[p + FUTURE_LINE]! >>> 0);
      const rw = ws[p + ROUTE]!;
      if (rw === -1 && f & (F_HELD_OUT | F_SENT)) unrouted?.(ws[p + FIRST_LINE]! >>> 0, ids.text(m));
      const r = rw <= -2 ? -2 - rw : rw;
      if (f & F_HELD_OUT) {
        const c = route(r);
        c.holdout ??= { members: 0, converted: 0 };
        c.holdout.members++;
        if (f & F_CONVERTED) c.holdout.converted++;
        continue;
      }
      if (!(f & F_SENT)) {
        flag('unknown-message', m, ws[p + FIRST_LINE]! >>> 0);
        continue;
      }
      if (f & F_HOLDOUT_COHORT) continue; // sent but marked holdout without held_out: not exposed evidence
      const c = route(r);
      c.sent++;
      if (fs[d + OUTCOME_TS] === fs[d + OUTCOME_TS]) {
        if (f & F_OUTCOME_FAILED) {
          const r = reasons[word >>> FLAG_BITS]!;
          c.failed[r] = (c.failed[r] ?? 0) + 1;
        } else c.delivered++;
      }
      if (f & F_ENGAGED) c.engaged++;
      if (f & F_CONVERTED) c.converted++;
      if (f & F_OPTED_OUT) c.optedOut++;
      if (f & F_COMPLAINED) c.complained++;
      if (f & F_ENGAGED && !(fs[d + MIN_DELIVERED_TS]! <= fs[d + MIN_ENGAGED_TS]!)) flag('engaged-before-delivered', m, ws[p + MIN_ENGAGED_LINE]! >>> 0);
      if (!(f & F_PARTS) && fs[d + MAX_DELIVERED_TS]! > fs[d + MIN_FAILED_TS]!) flag('delivered-after-failed', m, ws[p + MAX_DELIVERED_LINE]! >>> 0);
    }
    anomalies.sort((a, b) => a.line - b.line || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
    for (const a of anomalies) a.messageId = showId(a.messageId);
    const out: ImportResult = { file, events: this.events, duplicates: this.duplicates, messages: ids.size, anomalies, counts };
    if (this.ignored.size > 0) out.ignored = Object.fromEntries([...this.ignored].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    if (this.untimed > 0) out.untimed = this.untimed;
    return out;
  }
}

/** A composed message key (id, unit separator, recipient) as a person reads it: "id recipient". */
export function showId(key: string): string {
  const k = key.indexOf('\u001f');
  return k < 0 ? key : `${key.slice(0, k)} ${key.slice(k + 1)}`;
}
