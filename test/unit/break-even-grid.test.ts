/**
 * The break-even search's curves (float.ts floatCurve): a vendor's nominal TCO as a function of the
 * volume multiplier, kept month by month as a + b·k and changed where a route-month crosses a tier,
 * equals the month-by-month loop (floatVendorCost) at each point of the grid and at points between,
 * in any order, and, by hand, the tier charges at several volumes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../electron/api/document.js';
import { grid } from '../../electron/engine/breakeven.js';
import { prepare } from '../../electron/engine/compute.js';
import { evaluateVendor } from '../../electron/engine/evaluate.js';
import { floatCurve, floatPlan, floatVendorCost } from '../../electron/engine/float.js';
import { workspaceDocArb, type GenDoc } from '../fixtures/arbitraries.js';

const SCALE = Number(process.env.PROPERTY_RUNS_SCALE ?? '1');
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

function plans(doc: unknown) {
  const { wp, vendors } = prepare(readDocument(doc));
  return vendors.filter((vp) => vp.uncovered.length === 0).map((vp) => floatPlan(wp, vp, evaluateVendor(wp, vp)));
}

// One SMS stream of 100,000 messages a month for 2 months, billed on sent, no fees: tiers from 0 at
// 0.01 and from 150,000 at 0.008.
const tiered = (tierMode: 'graduated' | 'volume') => ({
  format: 'tco-workspace',
  version: 1,
  baseCurrency: 'USD',
  startMonth: '2027-01',
  horizonMonths: 2,
  defaults: { sms: { deliveryRate: '1', engagementRate: '0.1' } },
  streams: [{ id: 's', channel: 'sms', country: 'US', monthlyVolume: '100000', segmentsPerMessage: 1 }],
  vendors: [
    {
      id: 'A',
      quote: {
        currency: 'USD',
        routes: [
          {
            channel: 'sms',
            country: 'US',
            tiers: [
              { from: 0, price: '0.01' },
              { from: 150_000, price: '0.008' },
            ],
            tierMode,
          },
        ],
      },
    },
  ],
});

describe('the break-even grid', () => {
  it('prices the tiers by hand at volume ×0.5, ×1, ×1.4 and ×2', () => {
    const ks = [0.5, 1, 1.4, 2];
    // Graduated, per month: ×0.5 50,000 × 0.01 = 500; ×1 1,000; ×1.4 1,400;
    // ×2 150,000 × 0.01 + 50,000 × 0.008 = 1,900. Two months: 1,000, 2,000, 2,800, 3,800.
    const g = floatCurve(plans(tiered('graduated'))[0]!).onGrid(ks);
    [1000, 2000, 2800, 3800].forEach((x, i) => expect(g[i]).toBeCloseTo(x, 6));
    // Volume tiers: ×2 is 200,000 × 0.008 = 1,600 a month, 3,200 for two (a jump down at ×1.5).
    const vc = floatCurve(plans(tiered('volume'))[0]!);
    const v = vc.onGrid(ks);
    [1000, 2000, 2800, 3200].forEach((x, i) => expect(v[i]).toBeCloseTo(x, 6));
    // At single points, in any order: ×2, then ×0.5, then just below and above the jump at ×1.5
    // (149,999 × 0.01 = 1,499.99 and 150,001 × 0.008 = 1,200.008 a month).
    expect(vc.at(2)).toBeCloseTo(3200, 6);
    expect(vc.at(0.5)).toBeCloseTo(1000, 6);
    expect(vc.at(1.49999)).toBeCloseTo(2999.98, 6);
    expect(vc.at(1.50001)).toBeCloseTo(2400.016, 6);
  });

  it('equals the month-by-month loop at every point of the grid, on generated workspaces', () => {
    const ks = grid();
    fc.assert(
      fc.property(workspaceDocArb({ maxStreams: 5 }), (doc: GenDoc) => {
        for (const fp of plans(doc)) {
          const curve = floatCurve(fp);
          const near = (got: number, k: number, what: string) => {
            const want = floatVendorCost(fp, k, fp.dr, fp.er).tco;
            expect(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)), `k = ${k}: ${what} ${got} vs loop ${want}`).toBe(true);
          };
          const got = curve.onGrid(ks);
          ks.forEach((k, i) => near(got[i]!, k, 'grid'));
          // Points between grid points, descending, as bisections and stretches ask.
          for (let i = ks.length - 2; i >= 0; i -= 7) {
            const k = Math.sqrt(ks[i]! * ks[i + 1]!);
            near(curve.at(k), k, 'point');
          }
        }
      }),
      { numRuns: runs(60), seed: 15 },
    );
  });
});
