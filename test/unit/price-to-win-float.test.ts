/**
 * Price to win (engine/price-to-win.ts) found from the float root checked in exact decimals, or by
 * the exact steps when the check fails: on generated workspaces (every feature of MODEL.md v1.2,
 * commits binding or not), for each vendor against each other vendor's cost per effective message,
 * the answer p is what MODEL.md says, to 1e-6 relative, in exact decimals: at p the vendor's cost
 * per effective message is at or below the target and just above p it is not; null when even p = 0
 * is above it; 10 when p = 10 is still at or below it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../electron/api/document.js';
import { prepare } from '../../electron/engine/compute.js';
import { Decimal } from '../../electron/engine/decimal.js';
import { NO_FACTORS, bill, meter } from '../../electron/engine/evaluate.js';
import { PRICE_TO_WIN_MAX, priceToWin } from '../../electron/engine/price-to-win.js';
import { workspaceDocArb, type GenDoc } from '../fixtures/arbitraries.js';

const SCALE = Number(process.env.PROPERTY_RUNS_SCALE ?? '1');

describe('price to win', () => {
  it('is the largest price multiplier at which the vendor wins, to 1e-6, in exact decimals', () => {
    let found = 0;
    fc.assert(
      fc.property(workspaceDocArb({ maxStreams: 5 }), (doc: GenDoc) => {
        const { wp, vendors } = prepare(readDocument(doc));
        const covered = vendors.filter((vp) => vp.uncovered.length === 0).map((vp) => ({ vp, mt: meter(wp, vp) }));
        for (const a of covered) {
          if (a.mt.effective.lte(0)) continue;
          for (const b of covered) {
            if (a === b || b.mt.effective.lte(0)) continue;
            const target = bill(wp, b.vp, b.mt).tcoNominal.div(b.mt.effective);
            const cost = (p: number) => bill(wp, a.vp, a.mt, { ...NO_FACTORS, prices: new Decimal(p) }).tcoNominal.div(a.mt.effective);
            const p = priceToWin(wp, a.vp, a.mt, target);
            if (p === null) expect(cost(0).gt(target)).toBe(true);
            else if (p === PRICE_TO_WIN_MAX) expect(cost(PRICE_TO_WIN_MAX).lte(target)).toBe(true);
            else {
              expect(cost(p).lte(target), `at p = ${p} the vendor wins`).toBe(true);
              expect(cost(p * (1 + 2e-6)).gt(target), `just above p = ${p} it loses`).toBe(true);
              found++;
            }
          }
        }
      }),
      { numRuns: Math.max(1, Math.round(60 * SCALE)), seed: 15 },
    );
    // The property met answers strictly between 0 and 10, not only the ends.
    expect(found).toBeGreaterThan(10);
  });
});
