/**
 * Checks of the document's numbers as the engine reads them: a decimal within the reader's bounds,
 * non-negative, a share from 0 to 1; errors name the field by its JSON path.
 */
import { Decimal, dec } from './decimal.js';
import { ModelError } from './errors.js';

export const streamPath = (i: number) => `$.streams[${i}]`;
export const vendorPath = (i: number) => `$.vendors[${i}]`;

export function nonNegative(x: Decimal, path: string): Decimal {
  // lt(0), not isNegative(): minus zero is zero, as the document reader reads it (issue 18).
  if (x.isNaN() || !x.isFinite() || x.lt(0)) throw new ModelError(path, `must be a number >= 0, got ${x.toString()}`);
  return x;
}

/** The largest size of a decimal input, as the document reader bounds it (electron/api/limits.ts): 10^15. */
export const MAX_DECIMAL_MAGNITUDE = 1e15;

export function parseDec(x: string | number, path: string): Decimal {
  let d: Decimal;
  try {
    d = dec(x);
    if (!d.isFinite()) throw new Error('not finite');
  } catch {
    throw new ModelError(path, `not a decimal number: ${JSON.stringify(x)}`);
  }
  if (d.abs().gt(MAX_DECIMAL_MAGNITUDE)) throw new ModelError(path, `is ${String(x).slice(0, 24)}: a number here can be at most 1,000,000,000,000,000 (10^15) in size`);
  return d;
}

export function share01(x: string | number, path: string): Decimal {
  const d = parseDec(x, path);
  if (d.lt(0) || d.gt(1)) throw new ModelError(path, `must be between 0 and 1, got ${d.toString()}`);
  return d;
}
