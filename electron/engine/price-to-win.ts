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
 */
import { Decimal, ZERO } from './decimal.js';
import { NO_FACTORS, bill, type Metering } from './evaluate.js';
import type { VendorPlan, WorkspacePlan } from './plan.js';

export const PRICE_TO_WIN_MAX = 10;
const REL = 1e-6;

export function priceToWin(wp: WorkspacePlan, vp: VendorPlan, mt: Metering, target: Decimal): number | null {
  if (mt.effective.lte(0)) return null;
  const budget = target.times(mt.effective);
  // g(p) = TCO(p) − target · effective: the vendor wins (or ties) where g(p) <= 0.
  const g = (p: number): Decimal => bill(wp, vp, mt, { ...NO_FACTORS, prices: new Decimal(p) }).tcoNominal.minus(budget);
  if (g(0).gt(ZERO)) return null;
  let hi = PRICE_TO_WIN_MAX;
  let gHi = g(hi);
  if (gHi.lte(ZERO)) return PRICE_TO_WIN_MAX;
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
