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
export function parseTimeBytes(b: Uint8Array, s: number, e: number, naiveIsUtc: boolean): number {
  const len = e - s;
  if (len >= 16 && b[s + 4] === 45 /* - */) return parseIso(b, s, e, naiveIsUtc);
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
  if (n < 9 || n > 11) return NaN;
  if (i === e) return v * 1000;
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
  return v * 1000 + Math.round((frac * 1000) / scale);
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

function parseIso(b: Uint8Array, s: number, e: number, naiveIsUtc: boolean): number {
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
