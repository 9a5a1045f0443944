// The float path (float.ts) against the exact one (evaluate.ts) at drawn rates (issue 15 item 1).
//
// The uncertainty draws and the break-even scan run in binary floats (MODEL.md section 7 allows it)
// and take shortcuts the exact path does not: usage linear in a route's rate inside a tier cell,
// new cells built as draws leave the ones kept, commits skipped when no cell combination can make
// them bind, a NaN fallback to the month-by-month loop, constant parts summed once. Test 5 of
// properties.test.ts compares the two at the pilots' own rates only. Here every pilot group's DR
// and ER is drawn again and again on one float plan (as the draws do, so cells pile up), and each
// draw is compared with the exact TCO of the same vendor with those rates set on its groups:
// uniform rates, rates 0 and 1, rates that put a month's billed units just above or below one of
// its tier thresholds, rates that make the commits bind (low) or go slack (high), at volume ×1
// (the draws' path) and at other volumes (the break-even scan's path). Assumed rates stay fixed,
// as in the draws. Relative agreement 1e-9 on TCO and on effective messages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../electron/api/document.js';
import { prepare } from '../../electron/engine/compute.js';
import { Decimal } from '../../electron/engine/decimal.js';
import { NO_FACTORS, evaluateVendor } from '../../electron/engine/evaluate.js';
import { floatPlan, floatVendorCost } from '../../electron/engine/float.js';
import type { VendorPlan, WorkspacePlan } from '../../electron/engine/plan.js';
import { workspaceDocArb, type GenDoc } from '../fixtures/arbitraries.js';

const SCALE = Number(process.env.PROPERTY_RUNS_SCALE ?? '1');
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

type DrawKind = 'uniform' | 'zero' | 'one' | 'point' | 'crossing' | 'low' | 'high';

interface DrawSeed {
  kind: DrawKind;
  /** Uniforms in [0, 1) that pick the rates, the route, month and threshold of a crossing. */
  u: number[];
  above: boolean;
  k: number;
}

const drawSeedArb: fc.Arbitrary<DrawSeed> = fc.record({
  kind: fc.constantFrom<DrawKind>('uniform', 'uniform', 'zero', 'one', 'point', 'crossing', 'crossing', 'crossing', 'low', 'high'),
  u: fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 12, maxLength: 12 }),
  above: fc.boolean(),
  // Volume ×1 is the draws' path; the others are the break-even scan's (every route month by month).
  k: fc.constantFrom(1, 1, 1, 0.35, 1.6),
});

const pick = <T>(xs: readonly T[], u: number): T => xs[Math.min(xs.length - 1, Math.floor(u * xs.length))]!;

/**
 * Rates per rate group for one draw: pilot groups drawn, assumed groups at their own rates.
 * A crossing puts one month's charged units of one route billed on delivered or effective messages
 * at (1 ± 1e-6) × one of that month's tier thresholds (not on it: on a threshold the two
 * arithmetics' tie tolerances, 1e-30 and 1e-12, are meant to differ).
 */
function drawRates(vp: VendorPlan, s: DrawSeed): { dr: number[]; er: number[] } {
  const dr = vp.groups.map((g) => g.dr.toNumber());
  const er = vp.groups.map((g) => g.er.toNumber());
  const piloted = vp.groups.map((g, i) => (g.pilot !== null ? i : -1)).filter((i) => i >= 0);
  let j = 0;
  const next = () => s.u[j++ % s.u.length]!;
  for (const g of piloted) {
    const a = next();
    const b = next();
    if (s.kind === 'uniform' || s.kind === 'crossing') [dr[g], er[g]] = [a, b];
    else if (s.kind === 'zero') [dr[g], er[g]] = a < 0.5 ? [0, b] : [a, 0];
    else if (s.kind === 'one') [dr[g], er[g]] = a < 0.5 ? [1, 1] : [1, b];
    else if (s.kind === 'low') [dr[g], er[g]] = [a * 0.02, b * 0.05];
    else if (s.kind === 'high') [dr[g], er[g]] = [1 - a * 0.02, 1 - b * 0.05];
  }
  if (s.kind === 'crossing') {
    const cands: { g: number; effective: boolean; units: number[]; charged: number[]; from: number[][] }[] = [];
    for (const r of vp.routes) {
      if (r.billedOn === 'sent') continue;
      for (const p of r.parts) {
        if (vp.groups[p.group]!.pilot === null) continue;
        cands.push({
          g: p.group,
          effective: r.billedOn === 'effective',
          units: p.units.map((x) => x.toNumber()),
          charged: r.charged.map((x) => x.toNumber()),
          from: r.tiers.map((t) => t.from.slice(1).map((x) => x.toNumber())),
        });
      }
    }
    if (cands.length > 0) {
      const c = pick(cands, next());
      const m = Math.floor(next() * c.units.length);
      const units = c.units[m]! * c.charged[m]!;
      const from = c.from[m]!;
      if (units > 0 && from.length > 0) {
        const w = (pick(from, next()) / units) * (s.above ? 1 + 1e-6 : 1 - 1e-6);
        if (w <= 1) {
          if (!c.effective) dr[c.g] = w;
          else {
            // DR · ER = w with both in [0, 1].
            dr[c.g] = Math.max(w, dr[c.g]!);
            er[c.g] = dr[c.g]! === 0 ? 0 : Math.min(1, w / dr[c.g]!);
          }
        }
      }
    }
  }
  return { dr, er };
}

/** The vendor with those rates set on its groups, evaluated exactly at volume ×k. */
function exactAt(wp: WorkspacePlan, vp: VendorPlan, dr: number[], er: number[], k: number) {
  const groups = vp.groups.map((g, i) => ({ ...g, dr: new Decimal(dr[i]!), er: new Decimal(er[i]!) }));
  return evaluateVendor(wp, { ...vp, groups }, { ...NO_FACTORS, volume: new Decimal(k) });
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

describe('float.ts agrees with evaluate.ts at drawn rates (issue 15)', () => {
  it('TCO and effective messages agree to 1e-9 relative at every draw, on one float plan per vendor', () => {
    fc.assert(
      fc.property(workspaceDocArb({ maxStreams: 5 }), fc.array(drawSeedArb, { minLength: 4, maxLength: 14 }), (doc: GenDoc, draws: DrawSeed[]) => {
        const { wp, vendors } = prepare(readDocument(doc));
        for (const vp of vendors) {
          expect(vp.uncovered).toEqual([]);
          const fp = floatPlan(wp, vp, evaluateVendor(wp, vp));
          for (const s of draws) {
            const { dr, er } = drawRates(vp, s);
            const got = floatVendorCost(fp, s.k, Float64Array.from(dr), Float64Array.from(er));
            const exact = exactAt(wp, vp, dr, er, s.k);
            const tco = exact.tcoNominal.toNumber();
            const eff = exact.effective.toNumber();
            const what = `vendor ${vp.vendor.id}, ${s.kind} draw at k = ${s.k}, DR ${dr.join(' ')}, ER ${er.join(' ')}`;
            expect(near(got.tco, tco), `${what}: float TCO ${got.tco} vs exact ${tco}`).toBe(true);
            expect(near(got.effective, eff), `${what}: float effective ${got.effective} vs exact ${eff}`).toBe(true);
          }
        }
      }),
      { numRuns: runs(150) },
    );
  });
});
