/**
 * Decimals as binary floats, for the draws and the scans (float.ts). decimal.js converts through the
 * number's text (~0.3 µs a value), and a vendor's float plan converts every month of every route's
 * series: on the 12 × 150 × 60 global RFP 770,000 conversions of 25,000 distinct values, 212 ms of
 * the first analyses. A series (the schedules' arrays, shared by the vendors on a route and kept
 * across keystrokes) is converted once and the same Float64Array given to every plan that reads
 * it; within one, a month holding the same Decimal as the month before (a flat price, a volume
 * without growth) reuses its float. Decimals and the schedules' arrays are never changed in place,
 * so what is kept stays right; nobody writes into what is returned. The float of a value is the
 * same as `toNumber` gives (the correctly rounded nearest double): the cache changes no draw.
 */
import type { Decimal } from './decimal.js';

const series = new WeakMap<readonly Decimal[], Float64Array>();

/** The floats of `xs`, month by month; the same Float64Array for the same array (read it, never write it). */
export function toFloats(xs: readonly Decimal[]): Float64Array {
  let got = series.get(xs);
  if (got) return got;
  got = new Float64Array(xs.length);
  let last: Decimal | null = null;
  let value = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (x !== last) {
      last = x;
      value = x.toNumber();
    }
    got[i] = value;
  }
  series.set(xs, got);
  return got;
}
