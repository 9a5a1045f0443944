/** The charts' pure dataset builders, on small results whose numbers are worked by hand. */
import { describe, expect, it } from 'vitest';
import { breakEvenStretches, costPerEffectiveRange, cumulative, tcoByCategory, tornado, type CumulativeOf, type TornadoOf } from '../../renderer/src/charts/datasets.js';
import type { ComputeJson } from '../../electron/engine/result-json.js';

const cats = (u: string) => ({ usage: u, passThrough: '10', commitTrueUp: '0', fees: '5', internal: '3', remediation: '2' });
function vendor(id: string, nominal: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: `Vendor ${id}`,
    currency: 'USD',
    uncovered: [],
    assumed: [],
    rates: [],
    tco: { nominal, npv: nominal, byCategory: cats(String(Number(nominal) - 20)), npvByCategory: cats('0'), feesByCategory: {} },
    sent: 100,
    delivered: 90,
    effective: 9,
    costPerSent: null,
    costPerDelivered: null,
    costPerEffective: String(Number(nominal) / 9),
    benefits: null,
    roi: null,
    paybackMonth: null,
    costPerIncremental: null,
    sensitivity: null,
    uncertainty: { costPerEffective: { p5: 1, p50: 2, p95: 3 }, pCheapest: 0.5 },
    monthly: null,
    ...extra,
  };
}
const result = (vendors: unknown[], breakEven: ComputeJson['breakEven'] = []): ComputeJson =>
  ({ name: '', baseCurrency: 'USD', startMonth: '2027-01', horizonMonths: 2, streams: [], vendors, breakEven, draws: 10, seed: 1 }) as unknown as ComputeJson;

describe('chart datasets', () => {
  it('stacks the TCO by category for covered vendors only', () => {
    const r = result([vendor('A', '120'), { ...vendor('C', '0'), tco: null, costPerEffective: null, uncertainty: null }]);
    const d = tcoByCategory(r);
    expect(d.labels).toEqual(['Vendor A']);
    // usage = 120 − (10 + 5 + 3 + 2) = 100
    expect(d.datasets.map((x) => [x.label, x.data[0]])).toEqual([
      ['Usage', 100],
      ['Pass-through', 10],
      ['Commit true-up', 0],
      ['Fees', 5],
      ['Internal', 3],
      ['Remediation', 2],
    ]);
  });

  it('gives cost per effective with its 5th–95th range and P(cheapest)', () => {
    const d = costPerEffectiveRange(result([vendor('A', '18')]));
    expect(d).toEqual({ labels: ['Vendor A'], value: [2], range: [[1, 3]], pCheapest: [0.5] });
  });

  it('accumulates cost and risk-adjusted benefit month by month', () => {
    const v: CumulativeOf = {
      paybackMonth: 2,
      monthly: [
        { period: '2027-01', total: '20', benefits: '5' },
        { period: '2027-02', total: '10', benefits: '40' },
      ],
    };
    // cost 20, 30; benefit 5, 45: benefit passes cost in month 2.
    expect(cumulative(v)).toEqual({ months: ['2027-01', '2027-02'], cost: [20, 30], benefit: [5, 45], payback: 2 });
  });

  it('centres the tornado on the TCO', () => {
    const v: TornadoOf = {
      tco: { nominal: '1000' },
      costPerEffective: String(1000 / 9),
      sensitivity: [
        { input: 'prices', tco: ['900', '1100'], npv: ['900', '1100'], costPerEffective: [null, null] },
        { input: 'fees', tco: ['990', '1010'], npv: ['990', '1010'], costPerEffective: [null, null] },
      ],
    };
    expect(tornado(v)).toEqual({ labels: ['Prices', 'Fees'], low: [-100, -10], high: [100, 10] });
  });

  it("gives the engine's stretches of a pair, asked in either order", () => {
    const stretches = [
      { from: 0.1, to: 2.5, cheaper: 'A' },
      { from: 2.5, to: 6, cheaper: 'B' },
      { from: 6, to: 10, cheaper: 'A' },
    ];
    const r = result([vendor('A', '100'), vendor('B', '150')], [{ a: 'A', b: 'B', multipliers: [2.5, 6], stretches }]);
    expect(breakEvenStretches(r, 'A', 'B')).toEqual(stretches);
    expect(breakEvenStretches(r, 'B', 'A')).toEqual(stretches);
    expect(breakEvenStretches(r, 'A', 'Z')).toBeNull();
  });
});
