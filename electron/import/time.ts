/**
 * Timestamps, read straight from the file's bytes (no string per row): ISO 8601 with a zone (`Z`,
 * `±hh:mm`, `±hhmm`, `±hh`; `T` or a space between date and time; a fraction is cut to the
 * millisecond), epoch seconds (9 to 11 digits, optionally a fraction: from 1973 to 5138), and, less
 * often written by hand, RFC 2822 as Twilio's REST API writes dates (`Tue, 06 Oct 2026 10:00:00
 * +0000`). A time with no zone is refused unless the mapping says such times are UTC: a guess
 * about the zone would move events across days without a word.
 */

const D0 = 48;

function digits(b: Uint8Array, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = b[i + k]! - D0;
    if (!(d >= 0 && d <= 9)) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Epoch milliseconds of the time written in b[s, e), or NaN. */
export function parseTimeBytes(b: Uint8Array, s: number, e: number, naiveIsUtc: boolean, zone: Zone | null = null): number {
  const len = e - s;
  if (len >= 16 && b[s + 4] === 45 /* - */) return parseIso(b, s, e, naiveIsUtc, zone);
  if (len >= 9 && len <= 22) {
    const c = b[s]!;
    if (c >= D0 && c <= D0 + 9) return parseEpoch(b, s, e);
  }
  return parseOther(Buffer.from(b.buffer, b.byteOffset + s, len).toString('utf8'));
}

function parseEpoch(b: Uint8Array, s: number, e: number): number {
  let i = s;
  let v = 0;
  while (i < e && b[i]! >= D0 && b[i]! <= D0 + 9) v = v * 10 + (b[i++]! - D0);
  const n = i - s;
  // 9 to 11 digits: seconds (1973 to 5138); 13: milliseconds (2001 to 2286), as JavaScript and Java write them.
  const unit = n >= 9 && n <= 11 ? 1000 : n === 13 ? 1 : 0;
  if (unit === 0) return NaN;
  if (i === e) return v * unit;
  if (b[i] !== 46 /* . */ || i + 1 === e) return NaN;
  let frac = 0;
  let scale = 1;
  for (let j = i + 1; j < e; j++) {
    const d = b[j]! - D0;
    if (d < 0 || d > 9) return NaN;
    if (scale < 1e6) {
      frac = frac * 10 + d;
      scale *= 10;
    }
  }
  return v * unit + Math.round((frac * unit) / scale);
}

// The last date seen (a log's rows mostly share their day with the row before): its bytes, its days.
const lastDate = new Uint8Array(10);
let lastDays = NaN;

function parseDate(b: Uint8Array, s: number): number {
  let same = lastDays === lastDays;
  for (let k = 0; same && k < 10; k++) same = b[s + k] === lastDate[k];
  if (same) return lastDays;
  const y = digits(b, s, 4);
  const mo = digits(b, s + 5, 2);
  const d = digits(b, s + 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || b[s + 7] !== 45 || d < 1 || d > daysInMonth(y, mo)) return NaN;
  for (let k = 0; k < 10; k++) lastDate[k] = b[s + k]!;
  return (lastDays = daysFromCivil(y, mo, d));
}

function parseIso(b: Uint8Array, s: number, e: number, naiveIsUtc: boolean, zone: Zone | null): number {
  const days = parseDate(b, s);
  if (days !== days) return NaN;
  const sep = b[s + 10];
  if (sep !== 84 /* T */ && sep !== 32) return NaN;
  const h = digits(b, s + 11, 2);
  const mi = digits(b, s + 14, 2);
  if (h < 0 || h > 23 || b[s + 13] !== 58 /* : */ || mi < 0 || mi > 59) return NaN;
  let i = s + 16;
  let sec = 0;
  let ms = 0;
  if (i < e && b[i] === 58) {
    sec = digits(b, i + 1, 2);
    if (i + 3 > e || sec < 0 || sec > 59) return NaN;
    i += 3;
    if (i < e && (b[i] === 46 || b[i] === 44) /* . or , */) {
      i++;
      const f0 = i;
      let scale = 1;
      while (i < e && b[i]! >= D0 && b[i]! <= D0 + 9) {
        if (scale < 1000) {
          ms = ms * 10 + (b[i]! - D0);
          scale *= 10;
        }
        i++;
      }
      if (i === f0) return NaN;
      ms = (ms * 1000) / scale;
    }
  }
  let offset = 0; // minutes east of UTC
  if (i === e) {
    if (zone) return zone.toUtc(days * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 + Math.trunc(ms));
    if (!naiveIsUtc) return NaN;
  } else {
    let c = b[i]!;
    if (c === 32 && i + 1 < e) {
      // "… UTC", "… GMT" or "… +0000"
      const rest = e - i - 1;
      if (rest === 3 && ((b[i + 1] === 85 && b[i + 2] === 84 && b[i + 3] === 67) || (b[i + 1] === 71 && b[i + 2] === 77 && b[i + 3] === 84))) i = e;
      else c = b[++i]!;
    }
    if (i < e) {
      if (c === 90 /* Z */ && i + 1 === e) i = e;
      else if (c === 43 || c === 45) {
        const oh = digits(b, i + 1, 2);
        const rest = e - i - 3;
        let om = 0;
        if (oh < 0 || oh > 23 || rest < 0) return NaN;
        if (rest === 3 && b[i + 3] === 58) om = digits(b, i + 4, 2);
        else if (rest === 2) om = digits(b, i + 3, 2);
        else if (rest !== 0) return NaN;
        if (om < 0 || om > 59) return NaN;
        offset = (c === 45 ? -1 : 1) * (oh * 60 + om);
      } else return NaN;
    }
  }
  return days * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 + Math.trunc(ms) - offset * 60_000;
}

const RFC2822 = /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|GMT|UT|UTC)$/;

function parseOther(s: string): number {
  if (RFC2822.test(s)) {
    const ms = Date.parse(s);
    return Number.isFinite(ms) ? ms : NaN;
  }
  return NaN;
}

const scratch = Buffer.alloc(256);

/** The same as parseTimeBytes for a string: epoch milliseconds, or NaN. */
export function parseTimestamp(s: string, naiveIsUtc = false): number {
  if (s.length > 128) return NaN;
  const n = scratch.write(s, 0, 'utf8');
  return parseTimeBytes(scratch, 0, n, naiveIsUtc);
}

/** A zone for times written without one: local wall-clock milliseconds to UTC. */
export interface Zone {
  toUtc(local: number): number;
}

const UTC_ZONE: Zone = { toUtc: (t) => t };

/** The zone named 'UTC' (or 'GMT', 'Etc/UTC') or by its IANA name; null when it is not one. */
export function zoneNamed(name: string): Zone | null {
  if (/^(UTC|GMT|Etc\/UTC|Etc\/GMT|Z)$/i.test(name)) return UTC_ZONE;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  } catch {
    return null;
  }
  // The zone's offset at a UTC instant, cached per quarter hour (offsets change on quarter hours).
  const cache = new Map<number, number>();
  const offsetAt = (utc: number): number => {
    const q = Math.floor(utc / 900_000);
    const hit = cache.get(q);
    if (hit !== undefined) return hit;
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(new Date(q * 900_000))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const local = daysFromCivil(p.year!, p.month!, p.day!) * 86_400_000 + p.hour! * 3_600_000 + p.minute! * 60_000 + p.second! * 1000;
    const off = local - q * 900_000;
    if (cache.size > 100_000) cache.clear();
    cache.set(q, off);
    return off;
  };
  return {
    // A wall-clock time skipped by a change to summer time is read with the offset before it; one
    // that happens twice (the change back) as the first of the two.
    toUtc: (local) => {
      const before = offsetAt(local - 86_400_000);
      const after = offsetAt(local + 86_400_000);
      const a = local - before;
      const b = local - after;
      const okA = offsetAt(a) === before;
      const okB = offsetAt(b) === after;
      if (okA && okB) return Math.min(a, b);
      if (okB) return b;
      return a;
    },
  };
}

/** A named text format compiled: a regular expression and where each part is. */
export interface TimeFormat {
  re: RegExp;
  parts: ('Y' | 'M' | 'D' | 'H' | 'h' | 'm' | 's' | 'S' | 'A')[];
}

const TOKENS: [string, string, TimeFormat['parts'][number]][] = [
  ['YYYY', '(\\d{4})', 'Y'],
  ['MM', '(\\d{2})', 'M'],
  ['M', '(\\d{1,2})', 'M'],
  ['DD', '(\\d{2})', 'D'],
  ['D', '(\\d{1,2})', 'D'],
  ['HH', '(\\d{2})', 'H'],
  ['H', '(\\d{1,2})', 'H'],
  ['hh', '(\\d{2})', 'h'],
  ['h', '(\\d{1,2})', 'h'],
  ['mm', '(\\d{2})', 'm'],
  ['ss', '(\\d{2})', 's'],
  ['SSS', '(\\d{1,9})', 'S'],
  ['A', '([AaPp][Mm])', 'A'],
];

/** `M/D/YYYY H:mm` and the like compiled, or an error sentence. */
export function compileTimeFormat(f: string): TimeFormat | string {
  let re = '^';
  const parts: TimeFormat['parts'] = [];
  for (let i = 0; i < f.length;) {
    const t = TOKENS.find(([tok]) => f.startsWith(tok, i));
    if (t) {
      re += t[1];
      parts.push(t[2]);
      i += t[0].length;
    } else {
      const c = f[i]!;
      if (/[A-Za-z]/.test(c)) return `${JSON.stringify(c)} is not a token (YYYY M MM D DD H HH h hh mm ss SSS A)`;
      re += c === ' ' ? '\\s+' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      i++;
    }
  }
  const has = (p: TimeFormat['parts'][number]) => parts.includes(p);
  if (!has('Y') || !has('M') || !has('D')) return 'names no year, month or day (YYYY, M, D)';
  if (has('h') !== has('A')) return 'a 12-hour clock (h, hh) goes with AM/PM (A), and A with h';
  if (new Set(parts).size !== parts.length) return 'names a part twice';
  return { re: new RegExp(`${re}$`), parts };
}

/**
 * Local wall-clock milliseconds of `s` in the format, or NaN (not in it, or a date or time that is
 * not one).
 */
export function parseNamed(fmt: TimeFormat, s: string): number {
  const m = fmt.re.exec(s);
  if (!m) return NaN;
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let ms = 0;
  let pm = -1;
  fmt.parts.forEach((p, k) => {
    const v = m[k + 1]!;
    if (p === 'Y') y = Number(v);
    else if (p === 'M') mo = Number(v);
    else if (p === 'D') d = Number(v);
    else if (p === 'H' || p === 'h') h = Number(v);
    else if (p === 'm') mi = Number(v);
    else if (p === 's') sec = Number(v);
    else if (p === 'S') ms = Math.trunc(Number(`0.${v}`) * 1000);
    else pm = /^p/i.test(v) ? 1 : 0;
  });
  if (pm >= 0) {
    if (h < 1 || h > 12) return NaN;
    h = (h % 12) + (pm === 1 ? 12 : 0);
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return NaN;
  return daysFromCivil(y, mo, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
}

/**
 * The times of a format: its named text format first (when it has one), then ISO 8601, epoch
 * seconds or milliseconds and RFC 2822; a time without a zone in the format's zone.
 */
export class TimeReader {
  private readonly fmt: TimeFormat | null;
  private readonly zone: Zone | null;
  readonly zoneName: string | null;

  constructor(format: string | undefined, zone: string | undefined) {
    const f = format === undefined ? null : compileTimeFormat(format);
    this.fmt = typeof f === 'string' ? null : f;
    this.zone = zone === undefined ? null : zoneNamed(zone);
    this.zoneName = zone ?? null;
  }

  /** Epoch ms of b[s, e), or NaN. */
  read(b: Uint8Array, s: number, e: number): number {
    if (this.fmt) {
      const local = parseNamed(this.fmt, Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('utf8'));
      if (local === local) return this.zone ? this.zone.toUtc(local) : NaN;
    }
    return parseTimeBytes(b, s, e, false, this.zone);
  }

  /** After a NaN: whether the value is a time that only lacks a zone. */
  lacksZone(b: Uint8Array, s: number, e: number): boolean {
    if (this.zone) return false;
    if (this.fmt && !Number.isNaN(parseNamed(this.fmt, Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('utf8')))) return true;
    const t = parseTimeBytes(b, s, e, true);
    return t === t;
  }
}
