/**
 * The arithmetic the pricing rule is written over (issue 15 item 1), as dinero.js passes a
 * calculator: the rule (metering.ts, tiers.ts, billing.ts) is written once, generic in the number
 * type N, and runs with `decimalCalc` for money (evaluate.ts: every number shown, exported or
 * printed) and with `numberCalc` for the uncertainty draws and the break-even scan (float.ts:
 * statistics, MODEL.md section 7). Values the rule compares by identity to reuse a month's result
 * (`===`) are the same value in both: the very same Decimal object, or the same number.
 */
import { Decimal, ONE, ZERO } from './decimal.js';

/**
 * A unit count within this relative distance above a threshold is on it. Units are exact decimals
 * except where a pilot's rate does not terminate (3 delivered of 17 sent, carried at 34 digits):
 * 17 · (3/17) comes out 3.000…0001, and a finance reviewer expects exactly 3 billed units, in the
 * lower tier.
 */
const TIE = new Decimal('1e-30');

/** Index of the tier holding unit number U in decimals (the last i with from_i < U); U > 0. */
export function tierIndex(from: ArrayLike<Decimal>, u: Decimal): number {
  let i = from.length - 1;
  while (i > 0 && !from[i]!.lt(u)) i--;
  if (i > 0 && u.minus(from[i]!).lte(u.times(TIE))) i--;
  return i;
}

export interface Calc<N> {
  readonly zero: N;
  readonly one: N;
  add(a: N, b: N): N;
  sub(a: N, b: N): N;
  mul(a: N, b: N): N;
  div(a: N, b: N): N;
  min(a: N, b: N): N;
  max(a: N, b: N): N;
  gt(a: N, b: N): boolean;
  isZero(a: N): boolean;
  isOne(a: N): boolean;
  /** A prepared decimal (plan.ts) in this arithmetic. */
  from(x: Decimal | number): N;
  /**
   * The index of the tier holding billed unit number u (u > 0): the last i with from_i < u, where
   * a u within the arithmetic's rounding of a threshold is on it and stays in the lower tier
   * (MODEL.md section 1). The tolerance belongs to the arithmetic: 1e-30 relative in 34-digit
   * decimals, 1e-12 in binary floats.
   */
  tierIndex(from: ArrayLike<N>, u: N): number;
}

/** Exact money: decimal.js at 34 digits. */
export const decimalCalc: Calc<Decimal> = {
  zero: ZERO,
  one: ONE,
  add: (a, b) => a.plus(b),
  sub: (a, b) => a.minus(b),
  mul: (a, b) => a.times(b),
  div: (a, b) => a.div(b),
  min: (a, b) => (a.lte(b) ? a : b),
  max: (a, b) => (a.gte(b) ? a : b),
  gt: (a, b) => a.gt(b),
  isZero: (a) => a.isZero(),
  isOne: (a) => a.eq(1),
  from: (x) => (x instanceof Decimal ? x : new Decimal(x)),
  tierIndex,
};

/**
 * Tier index in floats. Units that the decimals would put exactly on a threshold can come out a
 * hair above it in binary (0.21·10·0.5·… ≠ its decimal value), so a unit count within 1e-12
 * (relative) of a threshold counts as on it, as in the decimal engine: it stays in the lower tier.
 */
export function floatTierIndex(from: ArrayLike<number>, u: number): number {
  const v = u - Math.abs(u) * 1e-12;
  let i = from.length - 1;
  while (i > 0 && !(from[i]! < v)) i--;
  return i;
}

/** Binary floats, for draws and scans (statistics, not money). */
export const numberCalc: Calc<number> = {
  zero: 0,
  one: 1,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  min: (a, b) => (a <= b ? a : b),
  max: (a, b) => (a >= b ? a : b),
  gt: (a, b) => a > b,
  isZero: (a) => a === 0,
  isOne: (a) => a === 1,
  from: (x) => (typeof x === 'number' ? x : x.toNumber()),
  tierIndex: floatTierIndex,
};
