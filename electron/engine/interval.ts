/**
 * Ranges: the rule (billing.ts commitTrueUps) run on values known only to lie in [lo, hi], to learn
 * whether it takes the same branches for every value in them (float.ts: whether any commit can
 * bind while the draws' rates stay in their tier cells). A comparison the ranges cannot decide
 * stops the run (Undecided); a finished run's results hold for every value in the ranges.
 */
import { Decimal } from './decimal.js';
import type { Calc } from './calc.js';

export interface Range {
  readonly lo: number;
  readonly hi: number;
}

export class Undecided extends Error {}

const range = (lo: number, hi: number): Range => ({ lo, hi });
/** A product in which 0 · ∞ is 0 (a rate with no upper bound times a slope of 0). */
const times = (a: number, b: number) => (a === 0 || b === 0 ? 0 : a * b);

export const rangeCalc: Calc<Range> = {
  zero: range(0, 0),
  one: range(1, 1),
  add: (p, q) => range(p.lo + q.lo, p.hi + q.hi),
  sub: (p, q) => range(p.lo - q.hi, p.hi - q.lo),
  mul(p, q) {
    const xs = [times(p.lo, q.lo), times(p.lo, q.hi), times(p.hi, q.lo), times(p.hi, q.hi)];
    return range(Math.min(...xs), Math.max(...xs));
  },
  div(p, q) {
    if (q.lo <= 0 && q.hi >= 0) throw new Undecided('a division by a range holding 0');
    return rangeCalc.mul(p, range(1 / q.hi, 1 / q.lo));
  },
  min: (p, q) => (rangeCalc.gt(p, q) ? q : p),
  max: (p, q) => (rangeCalc.gt(q, p) ? q : p),
  gt(p, q) {
    if (p.lo > q.hi) return true;
    if (p.hi <= q.lo) return false;
    throw new Undecided('a comparison the ranges do not decide');
  },
  isZero: (v) => v.lo === 0 && v.hi === 0,
  isOne: (v) => v.lo === 1 && v.hi === 1,
  from(v) {
    const x = v instanceof Decimal ? v.toNumber() : v;
    return range(x, x);
  },
  tierIndex() {
    throw new Undecided('tiers are not metered over ranges');
  },
};
