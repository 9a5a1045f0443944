// Decisions of MODEL.md v1.2 section 7, worked by hand: price to win, expected regret, scenarios,
// and the cheapest vendor decided once by the engine.
//
// The workspace (USD, 12 months from 2027-01, r = 0): one SMS stream to the US, 100,000 messages a
// month, 1 segment, no growth. Every vendor uses the workspace's default sms rates, DR = 1 and
// ER = 0.1 (assumed: no pilot, so every uncertainty draw is the same), so each vendor has
//   sent 1,200,000, delivered 1,200,000, effective 120,000.
//   A: flat 0.01                               TCO 12 × 1,000          = 12,000   per effective 0.1
//   B: flat 0.006, monthly commit 900          TCO 12 × max(600, 900)  = 10,800   per effective 0.09
//   C: flat 0.005, platform fee 1,000 a month  TCO 12 × (500 + 1,000)  = 18,000   per effective 0.15
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../electron/api/document.js';
import { computeJson } from '../../electron/engine/result-json.js';
import { computeWithScenarios } from '../../electron/services/scenarios.js';
import { smsQuote, threeVendorDoc } from '../fixtures/docs.js';

const quote = smsQuote;
const doc = threeVendorDoc;

const run = (d: unknown, draws = 0) => computeJson(computeWithScenarios(readDocument(d), { draws, seed: 1, sensitivity: false, breakEven: false }), { monthly: false });
const byId = (j: ReturnType<typeof run>, id: string) => j.vendors.find((v) => v.id === id)!;

/** p is the answer to a relative precision of 1e-6, found from below (at p the vendor wins or ties). */
function expectPrice(p: number | null, exact: number) {
  expect(p).not.toBeNull();
  expect(p!).toBeLessThanOrEqual(exact);
  expect(p!).toBeGreaterThanOrEqual(exact * (1 - 1e-6));
}

describe('price to win (MODEL.md v1.2 section 7)', () => {
  const j = run(doc());

  it('the totals the cases below start from', () => {
    expect(byId(j, 'A').tco!.nominal).toBe('12000');
    expect(byId(j, 'B').tco!.nominal).toBe('10800');
    expect(byId(j, 'C').tco!.nominal).toBe('18000');
    expect(byId(j, 'B').costPerEffective).toBe('0.09');
    expect(j.cheapest).toBe('B');
  });

  it('A: target 0.09 (B) → 12,000·p ≤ 0.09 × 120,000 = 10,800 → p = 0.9, a 10% cut', () => {
    expectPrice(byId(j, 'A').priceToWin, 0.9);
  });

  it('B, with a binding commit: target 0.1 (A) → 12 × max(600·p, 900) ≤ 12,000 → 600·p ≤ 1,000 → p = 5/3 (headroom)', () => {
    // The commit holds TCO flat up to p = 1.5 (600·1.5 = 900); only then does price move it.
    expectPrice(byId(j, 'B').priceToWin, 5 / 3);
  });

  it('C cannot win at any price: at p = 0 it still costs 12 × 1,000 = 12,000, 0.1 an effective message > 0.09', () => {
    expect(byId(j, 'C').priceToWin).toBeNull();
  });

  it('is 10 when even ten times the prices still win: A at 0.001 against B at 0.02 needs p = 20 → 10', () => {
    const two = doc({
      vendors: [
        { id: 'A', quote: quote('0.001') },
        { id: 'B', quote: quote('0.02') },
      ],
    });
    const r = run(two);
    // A: 1,200·p ≤ 0.2 × 120,000 = 24,000 → p = 20, capped at 10. B: 24,000·p ≤ 0.01 × 120,000 = 1,200 → p = 0.05.
    expect(byId(r, 'A').priceToWin).toBe(10);
    expectPrice(byId(r, 'B').priceToWin, 0.05);
  });

  it('is none for every vendor with fewer than two covered vendors, or when one has no effective message', () => {
    expect(run(doc({ vendors: [{ id: 'A', quote: quote('0.01') }] })).vendors[0]!.priceToWin).toBeNull();
    const noEffect = run(doc({ defaults: { sms: { deliveryRate: '1', engagementRate: '0' } } }));
    expect(noEffect.vendors.map((v) => v.priceToWin)).toEqual([null, null, null]);
  });
});

describe('expected regret (MODEL.md v1.2 section 7)', () => {
  it('with fixed (assumed) rates every draw is the same: TCO_v − 120,000 × 0.09', () => {
    const j = run(doc(), 200);
    // A: 12,000 − 10,800 = 1,200; B is the cheapest in every draw: 0; C: 18,000 − 10,800 = 7,200.
    expect(byId(j, 'A').expectedRegret).toBeCloseTo(1200, 6);
    expect(byId(j, 'B').expectedRegret).toBe(0);
    expect(byId(j, 'C').expectedRegret).toBeCloseTo(7200, 6);
  });

  it('a draw where no vendor has an effective message adds each vendor its whole TCO', () => {
    const j = run(doc({ defaults: { sms: { deliveryRate: '1', engagementRate: '0' } } }), 50);
    expect(j.vendors.map((v) => v.expectedRegret)).toEqual([12000, 10800, 18000]);
  });

  it('is null without draws', () => {
    expect(run(doc(), 0).vendors.map((v) => v.expectedRegret)).toEqual([null, null, null]);
  });
});

describe('scenarios (MODEL.md v1.2 section 7; FORMAT.md v1.2 "scenarios")', () => {
  const scenarios = [
    // 130,000 a month: A 12 × 1,300 = 15,600; B 12 × max(780, 900) = 10,800; C 12 × (650 + 1,000) = 19,800;
    // effective 156,000: A 0.1, B 0.0692307…, C 0.1269230… → B.
    { id: 'volume', name: 'Volume +30%', patch: [{ op: 'replace', path: '/streams/0/monthlyVolume', value: '130000' }] },
    // C without its platform fee: 12 × 500 = 6,000, 0.05 an effective message → C (the decision flips).
    {
      id: 'no-fee',
      name: 'C drops its platform fee',
      patch: [
        { op: 'test', path: '/vendors/2/quote/fees/0/name', value: 'platform' },
        { op: 'remove', path: '/vendors/2/quote/fees/0' },
      ],
    },
    // A adds a 600 setup fee: 12,600, 0.105 → still B. Members an operation does not use are ignored (RFC 6902).
    {
      id: 'setup',
      name: 'A charges setup',
      patch: [{ op: 'add', path: '/vendors/0/quote/fees/-', value: { name: 'setup', amount: '600', per: 'once', category: 'setup' }, note: 'from the call of 3 Dec' }],
    },
  ];
  const j = run(doc({ scenarios }));

  it('gives each scenario its totals and its cheapest vendor, keys as FORMAT.md writes them', () => {
    expect(j.scenarios.map((s) => [s.id, s.name, s.cheapest])).toEqual([
      ['volume', 'Volume +30%', 'B'],
      ['no-fee', 'C drops its platform fee', 'C'],
      ['setup', 'A charges setup', 'B'],
    ]);
    const v = j.scenarios[0]!.vendors;
    expect(v.map((x) => x.tco?.nominal)).toEqual(['15600', '10800', '19800']);
    expect(v.map((x) => x.tco?.npv)).toEqual(['15600', '10800', '19800']);
    expect(Number(v[1]!.costPerEffective)).toBeCloseTo(10800 / 156000, 15);
    expect(j.scenarios[1]!.vendors[2]!.tco!.nominal).toBe('6000');
    expect(j.scenarios[1]!.vendors[2]!.costPerEffective).toBe('0.05');
    expect(j.scenarios[2]!.vendors[0]!.tco!.nominal).toBe('12600');
    expect(j.scenarios[2]!.vendors[0]!.costPerEffective).toBe('0.105');
  });

  it('leaves the base as it was (analyses run on the base only)', () => {
    expect(j.vendors.map((v) => v.tco!.nominal)).toEqual(['12000', '10800', '18000']);
    expect(j.cheapest).toBe('B');
  });

  it('an uncovered vendor in a scenario has null totals; the first in document order wins a tie', () => {
    const s = [
      { id: 'drop', name: 'A loses its route', patch: [{ op: 'replace', path: '/vendors/0/quote/routes/0/country', value: 'CA' }] },
      // B at 0.01 without commit: 12,000, the same 0.1 as A → A, first in document order.
      {
        id: 'tie',
        name: 'B matches A',
        patch: [
          { op: 'replace', path: '/vendors/1/quote/routes/0/price', value: '0.01' },
          { op: 'replace', path: '/vendors/1/quote/minimumMonthlyCommit', value: '0' },
          { op: 'remove', path: '/vendors/2' },
        ],
      },
    ];
    const r = run(doc({ scenarios: s }));
    expect(r.scenarios[0]!.vendors[0]).toEqual({ id: 'A', tco: null, costPerEffective: null });
    expect(r.scenarios[0]!.cheapest).toBe('B');
    expect(r.scenarios[1]!.vendors.map((v) => v.id)).toEqual(['A', 'B']);
    expect(r.scenarios[1]!.cheapest).toBe('A');
  });

  it('a failing test operation is refused naming the scenario and the operation', () => {
    const bad = [
      {
        id: 'eur',
        name: 'Prices in euros',
        patch: [
          { op: 'replace', path: '/name', value: 'x' },
          { op: 'test', path: '/vendors/0/quote/currency', value: 'EUR' },
        ],
      },
    ];
    expect(() => run(doc({ scenarios: bad }))).toThrow('$.scenarios[0].patch[1]: scenario "Prices in euros": operation 2 (test /vendors/0/quote/currency) expects "EUR" but the workspace holds "USD"');
  });

  it('a path that is not there, and a patch that leaves an invalid document, name the scenario', () => {
    const missing = [{ id: 'x', name: 'Vendor D', patch: [{ op: 'replace', path: '/vendors/3/quote/currency', value: 'EUR' }] }];
    expect(() => run(doc({ scenarios: missing }))).toThrow('scenario "Vendor D": operation 1 (replace /vendors/3/quote/currency): the workspace has nothing at /vendors/3/quote/currency');
    const invalid = [{ id: 'neg', name: 'Negative price', patch: [{ op: 'replace', path: '/vendors/0/quote/routes/0/price', value: '-1' }] }];
    expect(() => run(doc({ scenarios: invalid }))).toThrow('scenario "Negative price": after its changes, $.vendors[0].quote.routes[0].price: must be >= 0');
  });

  it('move and copy are refused by the reader, naming the operation', () => {
    const moving = [{ id: 'm', name: 'Move', patch: [{ op: 'move', from: '/vendors/0', path: '/vendors/1' }] }];
    expect(() => readDocument(doc({ scenarios: moving }))).toThrow('$.scenarios[0].patch[0].op: "move" is not supported in a scenario: write it as remove and add');
    const noValue = [{ id: 'r', name: 'R', patch: [{ op: 'replace', path: '/name' }] }];
    expect(() => readDocument(doc({ scenarios: noValue }))).toThrow('$.scenarios[0].patch[0].value: is required by a "replace" operation');
    const twice = [
      { id: 'r', patch: [] },
      { id: 'r', patch: [] },
    ];
    expect(() => readDocument(doc({ scenarios: twice }))).toThrow('$.scenarios[1].id: duplicate scenario id "r"');
  });
});

describe('decision risk: more pilot messages to reach P(cheapest) ≥ 90% (engine/decision-risk.ts)', () => {
  // Two vendors at the same flat 0.01 on sent messages, engagement assumed (default ER 0.1), so the
  // cheaper per effective message is the one with the higher delivery rate: cost per effective =
  // 0.01 / (DR · 0.1). Pilots: A 950/1,000, B 940/1,000 (engagement not counted).
  const pilots = (a: number, b: number, n = 1000) =>
    doc({
      vendors: [
        { id: 'A', quote: quote('0.01'), pilots: [{ channel: 'sms', country: 'US', sent: n, delivered: a }] },
        { id: 'B', quote: quote('0.01'), pilots: [{ channel: 'sms', country: 'US', sent: n, delivered: b }] },
      ],
    });

  it('A leads; by the normal approximation 1,000 more messages each bring P(DR_A > DR_B) from 84% to 92%', () => {
    // Var of a Beta posterior ≈ p(1−p)/n: A 0.95·0.05 = 0.0475, B 0.94·0.06 = 0.0564; sum 0.1039/n.
    // n = 1,000: z = 0.01 / sqrt(0.1039/1000) = 0.981 → Φ = 0.837 (< 0.9).
    // n = 2,000: z = 0.01 / sqrt(0.1039/2000) = 1.387 → Φ = 0.917 (≥ 0.9): the first rung of the ladder.
    const j = run(pilots(950, 940), 10_000);
    expect(j.cheapest).toBe('A');
    expect(byId(j, 'A').uncertainty!.pCheapest).toBeGreaterThan(0.8);
    expect(byId(j, 'A').uncertainty!.pCheapest).toBeLessThan(0.88);
    expect(j.decisionRisk!.leader).toBe('A');
    expect(j.decisionRisk!.moreMessages).toBe(1000);
    expect(j.decisionRisk!.pCheapest).toBeGreaterThan(0.9);
  });

  it('is 0 when the leader is already at 90% or more (A 950/1,000 against B 900/1,000: z = 0.05/0.0117 = 4.3)', () => {
    const j = run(pilots(950, 900), 2_000);
    expect(j.decisionRisk).toEqual({ leader: 'A', moreMessages: 0, pCheapest: 1 });
  });

  it('is out of reach (null) when the vendors measure the same: P stays near one half', () => {
    const j = run(pilots(950, 950), 2_000);
    expect(j.decisionRisk!.moreMessages).toBeNull();
    expect(j.decisionRisk!.pCheapest).toBeLessThan(0.9);
  });

  it('is null without draws; with assumed rates only, 0 when one vendor is cheaper in every draw, out of reach on a tie', () => {
    expect(run(pilots(950, 940), 0).decisionRisk).toBeNull();
    // No pilots: every draw is the same. B at 0.011 costs more in every draw: P(A) = 1.
    const apart = doc({
      vendors: [
        { id: 'A', quote: quote('0.01') },
        { id: 'B', quote: quote('0.01') },
      ],
    });
    const cheaper = doc({
      vendors: [
        { id: 'A', quote: quote('0.01') },
        { id: 'B', quote: quote('0.011') },
      ],
    });
    expect(run(cheaper, 100).decisionRisk).toEqual({ leader: 'A', moreMessages: 0, pCheapest: 1 });
    // The same price: a tie in every draw, shared (P = 0.5 each); A leads as the first in document
    // order, and no pilot can break a tie of assumed rates.
    expect(run(apart, 100).decisionRisk).toEqual({ leader: 'A', moreMessages: null, pCheapest: 0.5 });
  });
});
