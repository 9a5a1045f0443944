/**
 * A deterministic event log in the generic CSV of MODEL.md section 8 (electron/import/README.md),
 * with the counts it must give known by construction: every message is planned (its route, cohort,
 * outcome, engagement) before its events are written, and the plan is what is counted here, not
 * the events. Shaped like a pilot's export: messages interleaved in time, about one event in five
 * without a vendor event id, retried webhooks (the same row twice), status-only exports (a final
 * `delivered` or `failed` with no `sent`), and a few of each anomaly.
 *
 * Used by `npm run bench:import` (1,000,000 events) and by the unit tests (smaller logs).
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export interface RouteExpect {
  sent: number;
  delivered: number;
  failed: Record<string, number>;
  engaged: number;
  converted: number;
  optedOut: number;
  complained: number;
  holdout?: { members: number; converted: number };
}

export interface Expected {
  events: number;
  duplicates: number;
  messages: number;
  anomalies: Record<'engaged-before-delivered' | 'delivered-after-failed' | 'unknown-message' | 'future-timestamp', number>;
  counts: Record<string, RouteExpect>;
  bytes: number;
}

export interface GenerateOptions {
  events: number;
  seed?: number;
  /** Epoch ms of the import the log is meant for: a few messages get events after it. */
  now?: number;
  /** Line ends (default '\n'). */
  eol?: '\n' | '\r\n';
}

export const GEN_NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
export const HEADER = 'event_id,message_id,recipient,route,cohort,event,failure_reason,timestamp,segments,price';

const ROUTES = ['sms/US', 'sms/US', 'sms/US', 'sms/GB', 'sms/IN', 'sms/BR', 'whatsapp/IN/marketing', 'whatsapp/BR/utility', 'email', 'rcs/DE'];
const REASONS = ['30003', '30005', '30006', '30007', '30008', 'carrier-blocked'];
const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** ISO 8601: mostly `Z` to the second, some with milliseconds, some with an offset. */
function iso(ms: number, style: number): string {
  if (style < 0.8) return new Date(ms).toISOString().slice(0, 19) + 'Z';
  if (style < 0.92) return new Date(ms).toISOString();
  // +05:30: the same instant written in India's local time.
  return new Date(ms + 330 * 60_000).toISOString().slice(0, 19) + '+05:30';
}

interface Row {
  ts: number;
  seq: number;
  text: string;
}

/** Writes the log to `path` and returns what importing it must give. */
export function generateEvents(path: string, options: GenerateOptions): Expected {
  const rnd = mulberry32(options.seed ?? 1);
  const now = options.now ?? GEN_NOW;
  const eol = options.eol ?? '\n';
  const target = options.events;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[Math.floor(rnd() * 16)];
    return s;
  };
  const b64 = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += B64[Math.floor(rnd() * 64)];
    return s;
  };

  const exp: Expected = {
    events: 0,
    duplicates: 0,
    messages: 0,
    anomalies: { 'engaged-before-delivered': 0, 'delivered-after-failed': 0, 'unknown-message': 0, 'future-timestamp': 0 },
    counts: {},
    bytes: 0,
  };
  const route = (r: string) => (exp.counts[r] ??= { sent: 0, delivered: 0, failed: {}, engaged: 0, converted: 0, optedOut: 0, complained: 0 });

  const fd = openSync(path, 'w');
  let out = HEADER + eol;
  const flush = (force: boolean) => {
    if (out.length > 1 << 20 || (force && out.length)) {
      exp.bytes += writeSync(fd, out);
      out = '';
    }
  };

  let seq = 0;
  let batch: Row[] = [];
  const writeBatch = () => {
    batch.sort((a, b) => a.ts - b.ts || a.seq - b.seq);
    for (const r of batch) {
      out += r.text;
      flush(false);
    }
    batch = [];
  };

  let msg = 0;
  let clock = Date.UTC(2026, 9, 1, 0, 0, 0);
  const tsStyle = rnd;
  /** One event row (and sometimes its retried copy). */
  const emit = (m: { id: string; to: string; route: string; cohort: string }, event: string, ts: number, reason = '', extra = ['', '']) => {
    const eventId = rnd() < 0.8 ? 'EV' + b64(20) : '';
    const text = `${eventId},${m.id},${m.to},${m.route},${m.cohort},${event},${reason},${iso(ts, tsStyle())},${extra[0]},${extra[1]}${eol}`;
    batch.push({ ts, seq: seq++, text });
    exp.events++;
    if (rnd() < 0.015) {
      // A retried webhook: the same row again a little later in the file.
      batch.push({ ts: ts + 30_000, seq: seq++, text });
      exp.events++;
      exp.duplicates++;
    }
  };

  // Messages until the next one might pass the target; the rest are single-event unknown messages.
  while (exp.events < target - 24) {
    clock += Math.floor(rnd() * 5000);
    const future = rnd() < 0.001;
    const t0 = future ? now + 86_400_000 + Math.floor(rnd() * 86_400_000) : clock;
    const m = { id: 'SM' + hex(32), to: '+1555' + String(Math.floor(rnd() * 1e7)).padStart(7, '0'), route: pick(ROUTES), cohort: '' };
    exp.messages++;
    if (future) exp.anomalies['future-timestamp']++;
    const c = route(m.route);
    const kind = rnd();
    if (kind < 0.08) {
      // A holdout member: withheld, and sometimes converts anyway.
      m.cohort = 'holdout';
      emit(m, 'held_out', t0);
      c.holdout ??= { members: 0, converted: 0 };
      c.holdout.members++;
      if (rnd() < 0.05) {
        emit(m, 'converted', t0 + 3_600_000 + Math.floor(rnd() * 86_400_000));
        c.holdout.converted++;
      }
    } else if (kind < 0.1) {
      // An event for a message never sent: reported, counted nowhere.
      emit(m, rnd() < 0.5 ? 'clicked' : 'converted', t0);
      exp.anomalies['unknown-message']++;
    } else {
      m.cohort = rnd() < 0.5 ? 'exposed' : '';
      c.sent++;
      const statusOnly = rnd() < 0.1;
      if (!statusOnly) emit(m, 'sent', t0, '', [rnd() < 0.9 ? '1' : '2', '0.0079']);
      const o = rnd();
      const tOut = t0 + 1000 + Math.floor(rnd() * 20_000);
      let delivered = false;
      if (o < 0.09 || (statusOnly && o < 0.1)) {
        const reason = pick(REASONS);
        emit(m, 'failed', tOut, reason);
        if (rnd() < 0.02) {
          // A delivery receipt after the failure: delivered wins (later), and it is reported.
          emit(m, 'delivered', tOut + 5000);
          exp.anomalies['delivered-after-failed']++;
          delivered = true;
        } else c.failed[reason] = (c.failed[reason] ?? 0) + 1;
      } else if (o < 0.97 || statusOnly) {
        emit(m, 'delivered', tOut);
        delivered = true;
      }
      if (delivered) {
        c.delivered++;
        let engaged = false;
        if (rnd() < 0.005) {
          // A click stamped before its delivery receipt.
          emit(m, 'clicked', tOut - 2000);
          exp.anomalies['engaged-before-delivered']++;
          engaged = true;
        }
        if (rnd() < 0.4) emit(m, 'opened', tOut + 60_000 + Math.floor(rnd() * 600_000));
        if (rnd() < 0.15) {
          const t = tOut + 120_000 + Math.floor(rnd() * 3_600_000);
          emit(m, 'clicked', t);
          if (rnd() < 0.3) emit(m, 'clicked', t + 1000 + Math.floor(rnd() * 60_000));
          engaged = true;
        }
        if (rnd() < 0.03) {
          emit(m, 'replied', tOut + 300_000);
          engaged = true;
        }
        if (engaged) c.engaged++;
        if (rnd() < 0.04) {
          emit(m, 'converted', tOut + 7_200_000);
          c.converted++;
        }
        if (rnd() < 0.01) {
          emit(m, 'opted_out', tOut + 900_000);
          c.optedOut++;
        }
        if (rnd() < 0.003) {
          emit(m, 'complained', tOut + 1_800_000);
          c.complained++;
        }
      }
    }
    if (++msg % 2000 === 0) writeBatch();
  }
  while (exp.events < target) {
    const m = { id: 'SM' + hex(32), to: '+15550000000', route: pick(ROUTES), cohort: '' };
    route(m.route);
    exp.messages++;
    exp.anomalies['unknown-message']++;
    batch.push({ ts: clock, seq: seq++, text: `,${m.id},${m.to},${m.route},,clicked,,${iso(clock, 0)},,${eol}` });
    exp.events++;
  }
  writeBatch();
  flush(true);
  closeSync(fd);
  return exp;
}

/** A route with nothing counted is left out of the result (it had only unknown messages). */
export function expectedCounts(e: Expected): Record<string, RouteExpect> {
  const out: Record<string, RouteExpect> = {};
  for (const [r, c] of Object.entries(e.counts)) {
    if (c.sent === 0 && !c.holdout) continue;
    out[r] = c;
  }
  return out;
}
