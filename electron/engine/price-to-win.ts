/**
 * Price to win (MODEL.md v1.2 section 7): the largest multiplier p in [0, 10] of a vendor's
 * `prices` (every unit, tier and inbound price, as the sensitivity scales them) at which its cost
 * per effective message is at or below a target, to a relative precision of 1e-6; null when even
 * p = 0 stays above the target, 10 when p = 10 is still at or below it.
 *
 * Prices only change the billing, never the metering, and nominal TCO is a convex, non-decreasing,
 * piecewise-linear function of p (usage is linear in p; a commit bills max(usage, K), a maximum of
 * linear pieces; fees, pass-through and internal cost do not move). So the root is bracketed and
 * approached by Newton steps from above (exact on the last linear piece), with bisection when a
 * step leaves the bracket. Each step is one `bill` of the metering already done: exact decimals.
 *
 * First, the same function in binary floats (the usage of each month at p = 1 times p, the
 * commits' true-ups on it by billing.ts's rule, the rest as it is) is solved by bisection, and its
 * root less 3e-7 is checked in exact decimals: if there the vendor wins and 1e-6 above it loses, it
 * is the answer (two bills instead of a dozen or more); if not, the steps above find it.
 */
import { commitTrueUps } from './billing.js';
import { numberCalc } from './calc.js';
import { Decimal, ZERO } from './decimal.js';
import { NO_FACTORS, bill, type Metering, type VendorEvaluation } from './evaluate.js';
import type { VendorPlan, WorkspacePlan } from './plan.js';

export const PRICE_TO_WIN_MAX = 10;
const REL = 1e-6;

/** The float root of TCO(p) = budget in (0, hi), TCO(p) as the billing makes it from the usage at p = 1. */
function floatRoot(wp: WorkspacePlan, vp: VendorPlan, ev: VendorEvaluation, budget: number, hi: number): number {
  const h = wp.h;
  const usage = Float64Array.from(ev.months, (r) => r.usage.toNumber());
  let rest = ev.tcoNominal.toNumber();
  for (const r of ev.months) rest -= r.usage.toNumber() + r.commitTrueUp.toNumber();
  const scaled = new Float64Array(h);
  const trueUp = new Float64Array(h);
  const monthly = vp.monthlyCommit.toNumber();
  const annual = vp.annualCommit.toNumber();
  const g = (p: number) => {
    for (let m = 0; m < h; m++) scaled[m] = usage[m]! * p;
    commitTrueUps(numberCalc, scaled, h, monthly, annual, wp.yearOf, wp.years, trueUp);
    let t = rest - budget;
    for (let m = 0; m < h; m++) t += scaled[m]! + trueUp[m]!;
    return t;
  };
  let lo = 0;
  for (let i = 0; i < 80 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (g(mid) <= 0) lo = mid;
    else hi = mid;
  }
  return lo;
}

export function priceToWin(wp: WorkspacePlan, vp: VendorPlan, mt: Metering, target: Decimal, ev: VendorEvaluation = bill(wp, vp, mt)): number | null {
  if (mt.effective.lte(0)) return null;
  const budget = target.times(mt.effective);
  // g(p) = TCO(p) − target · effective: the vendor wins (or ties) where g(p) <= 0.
  const g = (p: number): Decimal => bill(wp, vp, mt, { ...NO_FACTORS, prices: new Decimal(p) }).tcoNominal.minus(budget);
  if (g(0).gt(ZERO)) return null;
  let hi = PRICE_TO_WIN_MAX;
  let gHi = g(hi);
  if (gHi.lte(ZERO)) return PRICE_TO_WIN_MAX;
  const guess = floatRoot(wp, vp, ev, budget.toNumber(), hi) * (1 - 3e-7);
  if (guess > 0 && guess * (1 + REL) < hi && g(guess).lte(ZERO) && g(guess * (1 + REL)).gt(ZERO)) return guess;
  let lo = 0;
  for (let i = 0; i < 200; i++) {
    // The answer is lo once lo·(1 + 1e-6) already loses.
    const step = lo * (1 + REL);
    if (lo > 0 && (step >= hi || g(step).gt(ZERO))) return lo;
    if (hi - lo <= REL * hi) return lo;
    // Newton from above: the slope over a short stretch below hi.
    const d = (hi - lo) * 1e-3;
    const slope = gHi.minus(g(hi - d)).div(d);
    let p = slope.gt(ZERO) ? hi - gHi.div(slope).toNumber() : (lo + hi) / 2;
    if (!(p > lo && p < hi)) p = (lo + hi) / 2;
    const gp = g(p);
    if (gp.lte(ZERO)) lo = p;
    else {
      hi = p;
      gHi = gp;
    }
  }
  return lo;
}
