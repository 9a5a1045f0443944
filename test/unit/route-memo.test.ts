/**
 * The route memo (engine/route-memo.ts): metering with each route's values kept on the plan gives
 * the very same decimals as metering all routes together (metering.ts meterRoutes), to the last
 * digit, on generated workspaces covering every feature; and a price typed in one route of a
 * vendor meters that route again and no other.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../electron/api/document.js';
import { decimalCalc } from '../../electron/engine/calc.js';
import { EngineCache, compute, prepare } from '../../electron/engine/compute.js';
import { Decimal, ONE } from '../../electron/engine/decimal.js';
import { meter } from '../../electron/engine/evaluate.js';
import { planVendor } from '../../electron/engine/vendor-plan.js';
import { ALL_PARTS, meterRoutes } from '../../electron/engine/metering.js';
import type { Workspace } from '../../electron/engine/types.js';
import { workspaceDocArb } from '../fixtures/arbitraries.js';

describe('metering with the route memo', () => {
  it('gives the same decimals as metering every route together, to the last digit', () => {
    fc.assert(
      fc.property(workspaceDocArb({ maxStreams: 5 }), (doc) => {
        const { wp, vendors } = prepare(readDocument(doc));
        for (const vp of vendors) {
          if (vp.uncovered.length > 0) continue;
          const mt = meter(wp, vp, ONE, ONE, ONE, true);
          const wD = mt.rates.map((r) => r.dr);
          const wE = mt.rates.map((r) => r.dr.times(r.er));
          const charge = new Array<Decimal>(wp.h);
          const pt = new Array<Decimal>(wp.h);
          meterRoutes(decimalCalc, vp.routes, wp.h, wD, wE, ONE, ALL_PARTS, charge, pt);
          expect(mt.charge.map(String)).toEqual(charge.map(String));
          expect(mt.passThrough.map(String)).toEqual(pt.map(String));
          // And a second metering takes every route from the memo: the same values again.
          expect(meter(wp, vp, ONE, ONE, ONE, true).charge.map(String)).toEqual(charge.map(String));
          // Without keeping, the same again (the path the sensitivity and a first compute take).
          const fresh = meter(wp, vp);
          expect(fresh.charge.map(String)).toEqual(charge.map(String));
          expect(fresh.passThrough.map(String)).toEqual(pt.map(String));
          expect(mt.failed.map(String)).toEqual(fresh.failed.map(String));
        }
      }),
      { numRuns: 120, seed: 15 },
    );
  });

  it('prices typed route after route give the sums of metering every route together, to the last digit', () => {
    // The kept month sums (pairwise trees, route-memo.ts monthSums) are changed above the routes
    // typed in only; after every keystroke they equal the sums of metering all routes from scratch.
    fc.assert(
      fc.property(workspaceDocArb({ maxStreams: 6 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 99_999 })), { minLength: 1, maxLength: 6 }), (doc, typed) => {
        const { wp } = prepare(readDocument(doc));
        let current = doc as any;
        for (const [which, price] of typed) {
          const vi = which % current.vendors.length;
          const routes = current.vendors[vi].quote.routes;
          if (routes.length === 0) continue;
          const ri = Math.floor(which / current.vendors.length) % routes.length;
          const route = { ...routes[ri], price: `0.${String(price).padStart(5, '0')}` };
          delete route.tiers;
          const vendor = { ...current.vendors[vi], quote: { ...current.vendors[vi].quote, routes: routes.map((r: unknown, i: number) => (i === ri ? route : r)) } };
          current = { ...current, vendors: current.vendors.map((v: unknown, i: number) => (i === vi ? vendor : v)) };
          const vp = planVendor(wp, readDocument(current).vendors[vi]!, vi);
          if (vp.uncovered.length > 0) continue;
          const mt = meter(wp, vp, ONE, ONE, ONE, true);
          const charge = new Array<Decimal>(wp.h);
          const pt = new Array<Decimal>(wp.h);
          meterRoutes(
            decimalCalc,
            vp.routes,
            wp.h,
            mt.rates.map((r) => r.dr),
            mt.rates.map((r) => r.dr.times(r.er)),
            ONE,
            ALL_PARTS,
            charge,
            pt,
          );
          expect(mt.charge.map(String)).toEqual(charge.map(String));
          expect(mt.passThrough.map(String)).toEqual(pt.map(String));
          // The failed messages of each month, kept per group, as metering from scratch counts them.
          expect(mt.failed.map(String)).toEqual(meter(wp, vp).failed.map(String));
        }
      }),
      { numRuns: 80, seed: 16 },
    );
  });

  it('a price typed in one route meters that route again, and no other', () => {
    // Three SMS routes of one vendor, one stream each: 100,000, 200,000 and 300,000 a month for 12 months.
    const ws = (price: string) =>
      readDocument({
        format: 'tco-workspace',
        version: 1,
        baseCurrency: 'USD',
        startMonth: '2027-01',
        horizonMonths: 12,
        defaults: { sms: { deliveryRate: '0.95', engagementRate: '0.1' } },
        streams: ['US', 'GB', 'DE'].map((c, i) => ({ id: c, channel: 'sms', country: c, monthlyVolume: String((i + 1) * 100_000), segmentsPerMessage: 1 })),
        vendors: [
          {
            id: 'A',
            quote: {
              currency: 'USD',
              routes: [
                { channel: 'sms', country: 'US', price },
                { channel: 'sms', country: 'GB', price: '0.03' },
                { channel: 'sms', country: 'DE', price: '0.07' },
              ],
            },
          },
        ],
      }) as Workspace;
    const cache = new EngineCache();
    const first = ws('0.0079');
    const opts = { draws: 0, sensitivity: false, breakEven: false, priceToWin: false } as const;
    // A first computation keeps nothing (only the vendors a user edits are kept).
    const a = compute(first, opts, cache);
    expect(cache.wp!.memo.meters.size).toBe(0);
    // The streams are the same objects: the same volume plan, and its memo, serve the edits.
    const typed = (price: string) => ({ ...ws(price), streams: first.streams, defaults: first.defaults, fx: first.fx });
    // The first keystroke in vendor A: its three routes are metered and kept...
    compute(typed('0.008'), opts, cache);
    expect(cache.wp!.memo.meters.size).toBe(3);
    // ...and the next meters only the route whose price changed.
    const b = compute(typed('0.0085'), opts, cache);
    expect(cache.wp!.memo.meters.size).toBe(4);
    // By hand: usage 12 × (100,000 × p + 200,000 × 0.03 + 300,000 × 0.07) = 12 × (100,000 p + 27,000).
    expect(a.vendors[0]!.evaluation!.nominal.usage.toString()).toBe(new Decimal(12).times(790 + 27_000).toString());
    expect(b.vendors[0]!.evaluation!.nominal.usage.toString()).toBe(new Decimal(12).times(850 + 27_000).toString());
  });
});
