/**
 * Monte Carlo uncertainty (MODEL.md section 7): each pilot's DR ~ Beta(delivered+1, sent−delivered+1)
 * and ER ~ Beta(engaged+1, delivered−engaged+1), one draw each per vendor and pilot per iteration;
 * assumed rates stay fixed. Every draw recomputes each vendor's whole TCO and effective messages.
 */
import { stopIf } from './errors.js';
import { floatVendorCost, type FloatPlan } from './float.js';
import type { RateGroup } from './plan.js';
import { Rng, betaShape, percentileSorted, type BetaShape } from './random.js';

export interface UncertaintyInput {
  plan: FloatPlan;
  groups: RateGroup[];
}

export interface VendorUncertainty {
  costPerEffective: { p5: number | null; p50: number | null; p95: number | null };
  pCheapest: number;
  /**
   * Expected regret (MODEL.md v1.2 section 7): the mean over draws of
   * `TCO_v − effective_v · min_u costPerEffective_u`; a draw where v (or every vendor) has no
   * effective message adds v's whole TCO. In the base currency.
   */
  expectedRegret: number;
}

/** `stop` is asked every 256 draws (compute.ts ComputeOptions.stop). */
export function uncertainty(vendors: UncertaintyInput[], draws: number, seed: number, stop?: () => boolean): VendorUncertainty[] {
  const rng = new Rng(seed);
  const n = vendors.length;
  const values = vendors.map(() => new Float64Array(draws));
  const cheapest = new Float64Array(n);
  const dr = vendors.map((v) => Float64Array.from(v.plan.dr));
  const er = vendors.map((v) => Float64Array.from(v.plan.er));
  const cpe = new Float64Array(n);
  const tco = new Float64Array(n);
  const eff = new Float64Array(n);
  const regret = new Float64Array(n);
  // Per vendor, the rate groups measured by a pilot and their Beta distributions, in a fixed order.
  const drawn = vendors.map(({ groups }) =>
    groups.flatMap((g, gi) => {
      const p = g.pilot;
      if (!p) return [];
      const erShape: BetaShape | null = p.engaged !== null && !g.erAssumed ? betaShape(p.engaged + 1, p.engagedOf - p.engaged + 1) : null;
      return [{ gi, dr: betaShape(p.delivered + 1, p.sent - p.delivered + 1), er: erShape }];
    }),
  );
  for (let d = 0; d < draws; d++) {
    if ((d & 255) === 0) stopIf(stop);
    let best = Infinity;
    for (let v = 0; v < n; v++) {
      const { plan } = vendors[v]!;
      const dv = dr[v]!;
      const ev = er[v]!;
      for (const x of drawn[v]!) {
        dv[x.gi] = rng.betaOf(x.dr);
        if (x.er) ev[x.gi] = rng.betaOf(x.er);
      }
      const c = floatVendorCost(plan, 1, dr[v]!, er[v]!);
      const x = c.effective > 0 ? c.tco / c.effective : Infinity;
      cpe[v] = x;
      tco[v] = c.tco;
      eff[v] = c.effective;
      values[v]![d] = x;
      if (x < best) best = x;
    }
    // The draw's cheapest vendor regrets nothing (exactly 0, not the rounding of tco − eff·(tco/eff)).
    for (let v = 0; v < n; v++) regret[v]! += best === Infinity || !(eff[v]! > 0) ? tco[v]! : cpe[v] === best ? 0 : tco[v]! - eff[v]! * best;
    if (best === Infinity) continue;
    let ties = 0;
    for (let v = 0; v < n; v++) if (cpe[v] === best) ties++;
    for (let v = 0; v < n; v++) if (cpe[v] === best) cheapest[v]! += 1 / ties;
  }
  return values.map((vals, v) => {
    vals.sort();
    const q = (p: number) => {
      const x = percentileSorted(vals, p);
      return Number.isFinite(x) ? x : null;
    };
    return { costPerEffective: { p5: q(0.05), p50: q(0.5), p95: q(0.95) }, pCheapest: draws > 0 ? cheapest[v]! / draws : 0, expectedRegret: draws > 0 ? regret[v]! / draws : 0 };
  });
}
