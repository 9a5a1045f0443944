/**
 * The decisions made once, in the engine (issue 15 item 2): the recommendation (the cheapest per
 * effective message, the runner-up, the margin between them in exact decimals, P(cheapest) and the
 * confidence called from it, whether the two percentile ranges overlap) and the break-even
 * stretches (which vendor is cheaper between the break-even multipliers). Screens, sheet, report
 * and CLI only show them.
 */
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../electron/api/document.js';
import { stretches } from '../../electron/engine/breakeven.js';
import { compute } from '../../electron/engine/compute.js';
import { Decimal } from '../../electron/engine/decimal.js';
import { confidenceOf, recommendation } from '../../electron/engine/decision.js';
import { computeJson } from '../../electron/engine/result-json.js';

const ranked = (id: string, cpe: string | null, u: { p5: number; p95: number; p: number } | null = null) => ({
  id,
  costPerEffective: cpe === null ? null : new Decimal(cpe),
  uncertainty: u ? { costPerEffective: { p5: u.p5, p95: u.p95 }, pCheapest: u.p } : null,
});

describe('the recommendation', () => {
  const a = ranked('A', '0.30', { p5: 0.25, p95: 0.35, p: 0.2 });
  const b = ranked('B', '0.25', { p5: 0.22, p95: 0.28, p: 0.8 });
  const c = ranked('C', null);

  it('the cheapest, with its P(cheapest), the runner-up and how much more it costs, exactly', () => {
    const rec = recommendation([a, b, c], 'B')!;
    expect(rec).toMatchObject({ vendor: 'B', runnerUp: 'A', pCheapest: 0.8, confidence: 'moderate', rangesOverlap: true });
    // 0.30 / 0.25 − 1 = 0.2 exactly (20% more per effective message).
    expect(rec.margin!.toString()).toBe('0.2');
  });

  it('ranges apart do not overlap; a lone vendor has no runner-up; no cheapest, no recommendation', () => {
    const far = ranked('A', '0.40', { p5: 0.38, p95: 0.42, p: 0 });
    expect(recommendation([far, b], 'B')!.rangesOverlap).toBe(false);
    expect(recommendation([b, c], 'B')).toMatchObject({ runnerUp: null, margin: null, rangesOverlap: null });
    expect(recommendation([c], null)).toBeNull();
    // Without draws there is no P(cheapest) to be sure with.
    expect(recommendation([ranked('A', '1')], 'A')).toMatchObject({ pCheapest: null, confidence: 'unknown' });
  });

  it('the runner-up on a tie is the first listed; decimals compared as decimals, not as text or floats', () => {
    // As numbers 0.1000000000000000001 and 0.1 are the same double: only exact decimals tell them apart.
    const x = ranked('X', '0.05');
    const y = ranked('Y', '0.1000000000000000001');
    const z = ranked('Z', '0.1');
    expect(recommendation([x, y, z], 'X')!.runnerUp).toBe('Z');
    expect(recommendation([x, z, ranked('W', '0.1')], 'X')!.runnerUp).toBe('Z');
  });

  it('confidence: high from 95%, moderate from 75%, low below', () => {
    expect([1, 0.95, 0.9499, 0.75, 0.7499, 0, null].map(confidenceOf)).toEqual(['high', 'high', 'moderate', 'moderate', 'low', 'low', 'unknown']);
  });
});

describe('break-even stretches', () => {
  it('names the cheaper vendor on each stretch, from the sign of the difference on the grid inside it', () => {
    // A cheaper up to ×2.5, B from ×2.5 to ×6, A again above (TCOs on a small grid).
    const ks = [0.1, 1, 2, 3, 5, 7, 10];
    const ta = [10, 100, 200, 310, 520, 690, 980];
    const tb = [20, 150, 210, 300, 500, 700, 1000];
    const never = () => {
      throw new Error('every stretch holds a grid point: the curves are not needed');
    };
    expect(stretches({ a: 'A', b: 'B' }, { a: never, b: never }, [2.5, 6], ks, ta, tb)).toEqual([
      { from: 0.1, to: 2.5, cheaper: 'A' },
      { from: 2.5, to: 6, cheaper: 'B' },
      { from: 6, to: 10, cheaper: 'A' },
    ]);
  });

  it('a stretch with no grid point inside is judged at its midpoint; a tie all along names no one', () => {
    const ks = [0.1, 10];
    const curves = { a: (k: number) => 100 * k, b: (k: number) => 50 + 50 * k };
    // Between 0.1 and 1 the midpoint is √0.1 ≈ 0.316: A 31.6 < B 65.8.
    expect(stretches({ a: 'A', b: 'B' }, curves, [1], ks, [10, 1000], [55, 550])).toEqual([
      { from: 0.1, to: 1, cheaper: 'A' },
      { from: 1, to: 10, cheaper: 'B' },
    ]);
    const same = (k: number) => 7 * k;
    expect(stretches({ a: 'A', b: 'B' }, { a: same, b: same }, [], [0.1, 1, 10], [0.7, 7, 70], [0.7, 7, 70])).toEqual([{ from: 0.1, to: 10, cheaper: null }]);
  });

  it('compute emits both: A flat 0.01, B 1,000 a month and 0.005: they break even at ×2, A cheaper below, margin 50%', () => {
    // 100,000 messages a month for 12 months, delivery 1, engagement 0.1.
    // TCO A(k) = 0.01 × 1,200,000 k = 12,000 k; TCO B(k) = 12,000 + 6,000 k; equal at k = 2.
    // At ×1: A 12,000 and B 18,000 over 120,000 effective messages: 0.10 and 0.15, so B costs 50% more.
    const ws = readDocument({
      format: 'tco-workspace',
      version: 1,
      baseCurrency: 'USD',
      startMonth: '2027-01',
      horizonMonths: 12,
      defaults: { sms: { deliveryRate: '1', engagementRate: '0.1' } },
      streams: [{ id: 'us', channel: 'sms', country: 'US', monthlyVolume: '100000', segmentsPerMessage: 1 }],
      vendors: [
        { id: 'A', quote: { currency: 'USD', routes: [{ channel: 'sms', country: 'US', price: '0.01' }] } },
        { id: 'B', quote: { currency: 'USD', routes: [{ channel: 'sms', country: 'US', price: '0.005' }], fees: [{ name: 'platform', amount: '1000', per: 'month', category: 'platform' }] } },
      ],
    });
    const json = computeJson(compute(ws, { draws: 0, sensitivity: false, priceToWin: false }));
    expect(json.breakEven).toEqual([
      {
        a: 'A',
        b: 'B',
        multipliers: [2],
        stretches: [
          { from: 0.1, to: 2, cheaper: 'A' },
          { from: 2, to: 10, cheaper: 'B' },
        ],
      },
    ]);
    expect(json.recommendation).toEqual({ vendor: 'A', runnerUp: 'B', margin: '0.5', pCheapest: null, confidence: 'unknown', rangesOverlap: null });
  });
});
