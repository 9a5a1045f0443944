/**
 * The choices of electron/engine/README.md ("Choices where MODEL.md is silent") that the model-rule
 * tests do not already pin down, and the engine's own machinery: rounding, discount factors, the
 * random generator, percentiles and the per-vendor cache. Expected values are worked by hand.
 */
import { readFileSync } from 'node:fs';
import { Decimal as D } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../electron/api/document.js';
import { EngineCache, compute } from '../../electron/engine/compute.js';
import { Decimal } from '../../electron/engine/decimal.js';
import { discountFactors } from '../../electron/engine/plan.js';
import { Rng, percentileSorted } from '../../electron/engine/random.js';
import { computeJson } from '../../electron/engine/result-json.js';
import { minorUnitDigits, roundMoney, roundUnitCost } from '../../electron/engine/round.js';
import type { Workspace } from '../../electron/engine/types.js';
import { computeDocument } from '../fixtures/compute-document.js';
import { baseDoc, pilot, route, smsStream, vendor } from '../fixtures/docs.js';

const HP = D.clone({ precision: 60 });
const close = (a: string | number, b: string | number, tol = '1e-20') => new HP(a).minus(b).abs().lte(tol);

describe('rates from several pilots on one route', () => {
  it('adds sent and delivered, and takes ER from the pilots that counted engagement', () => {
    // Pilot 1: 1,000 sent, 900 delivered, 90 engaged. Pilot 2: 1,000 sent, 800 delivered, engaged not counted.
    // DR = (900 + 800) / (1000 + 1000) = 0.85. ER = 90 / 900 = 0.1 (not 90 / 1,700 = 0.0529…).
    const doc = baseDoc({ vendors: [vendor('A', { pilots: [pilot({ sent: 1000, delivered: 900, engaged: 90 }), pilot({ sent: 1000, delivered: 800, engaged: null })] })] });
    const v = (computeDocument(doc, { draws: 0 }) as any).vendors[0];
    expect(v.rates).toEqual([{ route: 'sms/US', pilot: 'sms/US', deliveryRate: 0.85, engagementRate: 0.1, deliveryAssumed: false, engagementAssumed: false }]);
    expect(v.assumed).toEqual([]);
    // 12 months × 1,000 sent: delivered 10,200; effective 1,020.
    expect(v.delivered).toBe(10200);
    expect(v.effective).toBe(1020);
  });
});

describe('a threshold reached through a rate that does not terminate', () => {
  it('keeps 17 · (3/17) = 3 billed units in the lower tier', () => {
    // 17 messages a month, pilot 3 delivered of 17 sent, billed on delivered: 17 · 3/17 = 3 units.
    // Volume tiers [0: 0.01, 3: 0.001]: tier 1 covers units 1..3, so U = 3 pays 3 · 0.01 = 0.03 a month.
    // (At 34 digits 3/17 rounds up and 17 · 0.17647…118 = 3.000…001; that must not reach tier 2: 0.003.)
    const doc = baseDoc({
      horizonMonths: 1,
      streams: [smsStream({ id: 's', monthlyVolume: 17 })],
      vendors: [
        vendor('A', {
          quote: {
            routes: [
              route({
                tiers: [
                  { from: 0, price: '0.01' },
                  { from: 3, price: '0.001' },
                ],
                tierMode: 'volume',
                billedOn: 'delivered',
              }),
            ],
          } as any,
          pilots: [pilot({ sent: 17, delivered: 3, engaged: 1 })],
        }),
      ],
    });
    const v = (computeDocument(doc, { draws: 0 }) as any).vendors[0];
    expect(close(v.tco.byCategory.usage, '0.03', '1e-25')).toBe(true);
  });
});

describe('discount factors', () => {
  it('are (1+r)^(-m/12) to better than 1e-30', () => {
    const df = discountFactors(new Decimal('0.12'), 24);
    // DF(12) = 1/1.12 exactly, DF(24) = 1/1.2544; DF(6) = 1.12^(-1/2) = 0.94491118252306806…
    expect(close(df[11]!.toString(), new HP(1).div('1.12').toString(), '1e-32')).toBe(true);
    expect(close(df[23]!.toString(), new HP(1).div('1.2544').toString(), '1e-32')).toBe(true);
    for (const m of [1, 5, 6, 7, 13, 17]) {
      const exact = new HP('1.12').pow(new HP(-m).div(12));
      expect(close(df[m - 1]!.toString(), exact.toString(), '1e-30')).toBe(true);
    }
  });
});

describe('display rounding', () => {
  it('rounds totals half away from zero to the minor unit of the currency', () => {
    expect(roundMoney(new Decimal('2.675'), 'USD').toFixed()).toBe('2.68');
    expect(roundMoney(new Decimal('-2.675'), 'USD').toFixed()).toBe('-2.68');
    expect(roundMoney(new Decimal('19124.004999'), 'USD').toFixed()).toBe('19124');
    expect(roundMoney(new Decimal('1234.5'), 'JPY').toFixed()).toBe('1235');
    expect(roundMoney(new Decimal('1.2345'), 'KWD').toFixed()).toBe('1.235');
    expect(minorUnitDigits('EUR')).toBe(2);
    expect(roundMoney(new Decimal('1234.5'), 'HUF').toFixed()).toBe('1235');
    expect(roundMoney(new Decimal('1.2345'), 'XYZ').toFixed()).toBe('1.23');
  });
  it("takes a currency's minor unit from a table that agrees with the platform's Intl for every currency it knows", () => {
    // Node 20 carries CLDR 48; the table was copied from it (round.ts) so that rounding did not change.
    const codes = Intl.supportedValuesOf('currency');
    expect(codes.length).toBeGreaterThan(150);
    const differ = codes.filter((c) => new Intl.NumberFormat('en', { style: 'currency', currency: c }).resolvedOptions().maximumFractionDigits !== minorUnitDigits(c));
    expect(differ).toEqual([]);
  });
  it('rounds unit costs to 4 significant digits', () => {
    expect(roundUnitCost(new Decimal('0.0167754385964912')).toFixed()).toBe('0.01678');
    expect(roundUnitCost(new Decimal('0.1677543859649122')).toFixed()).toBe('0.1678');
    expect(roundUnitCost(new Decimal('12.345')).toFixed()).toBe('12.35');
  });
});

describe('seeded randomness', () => {
  it('repeats a sequence for a seed and differs between seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xs);
    for (const x of xs) expect(x > 0 && x < 1).toBe(true);
  });

  it('draws standard normals by the ziggurat with the right moments and tails', () => {
    // 1,000,000 draws: mean within 4/√n = 0.004 of 0, variance within 1%; P(|Z| > 2) = 0.0455003,
    // P(Z > 3.442620) (the ziggurat's tail region) = 2.8797e-4 (normal tables; 1 − Φ(3.44262)).
    const rng = new Rng(11);
    const n = 1_000_000;
    let s = 0;
    let s2 = 0;
    let beyond2 = 0;
    let tail = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
      if (Math.abs(z) > 2) beyond2++;
      if (z > 3.44262) tail++;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.004);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.01);
    // Binomial standard errors: √(0.0455·0.9545/n) = 2.1e-4; √(2.88e-4/n) = 1.7e-5.
    expect(Math.abs(beyond2 / n - 0.0455003)).toBeLessThan(4 * 2.1e-4);
    expect(Math.abs(tail / n - 2.8797e-4)).toBeLessThan(4 * 1.7e-5);
  });

  // Beta(a, b): mean a/(a+b), variance ab/((a+b)²(a+b+1)). With n = 200,000 draws the sample mean
  // is within 4 standard errors (sd/√n) and the sample variance within 2% (its relative standard
  // error is about √(2/n) = 0.3%).
  it.each([
    [9501, 501], // a pilot of 10,000 sent, 9,500 delivered
    [951, 8551], // its engagement: 950 engaged of 9,500 delivered
    [3, 2], // small counts
    [1, 41], // nothing failed out of 40
    [0.5, 0.5],
  ])('draws Beta(%d, %d) with the right mean and variance', (a, b) => {
    const rng = new Rng(7);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.beta(a, b);
      s += x;
      s2 += x * x;
    }
    const mean = a / (a + b);
    const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    const m = s / n;
    const v = s2 / n - m * m;
    expect(Math.abs(m - mean)).toBeLessThan(4 * Math.sqrt(variance / n));
    expect(Math.abs(v / variance - 1)).toBeLessThan(0.02);
  });

  it('interpolates percentiles linearly between order statistics', () => {
    // h = (n-1)p: [1,2,3,4] at p=0.5 → h=1.5 → 2.5; at p=0.05 → h=0.15 → 1.15; p=0.95 → 3.85.
    const xs = Float64Array.from([1, 2, 3, 4]);
    expect(percentileSorted(xs, 0.5)).toBeCloseTo(2.5, 12);
    expect(percentileSorted(xs, 0.05)).toBeCloseTo(1.15, 12);
    expect(percentileSorted(xs, 0.95)).toBeCloseTo(3.85, 12);
  });
});

describe('uncertainty', () => {
  it('narrows to the point estimate when pilots are huge', () => {
    // A pilot of 10,000,000 sent, 9,500,000 delivered, 950,000 engaged. Relative sd of DR:
    // √(0.95·0.05/1e7)/0.95 = 7.3e-5; of ER: √(0.1·0.9/9.5e6)/0.1 = 9.7e-4. Cost per effective
    // ≈ TCO/(sent·DR·ER) (remediation moves a little with DR too) has a relative sd of about
    // 1e-3, so p5 and p95 sit about 1.645e-3 from the point value (within 3e-3), p50 within 3e-4.
    const doc = baseDoc({ vendors: [vendor('A', { pilots: [pilot({ sent: 10_000_000, delivered: 9_500_000, engaged: 950_000 })], internal: { remediationPerFailure: '0.1' } as any })] });
    const v = (computeDocument(doc, { draws: 2000, seed: 5 }) as any).vendors[0];
    const point = Number(v.costPerEffective);
    const rel = (q: 'p5' | 'p50' | 'p95') => v.uncertainty.costPerEffective[q] / point - 1;
    expect(Math.abs(rel('p50'))).toBeLessThan(3e-4);
    expect(rel('p5')).toBeLessThan(-1e-3);
    expect(rel('p5')).toBeGreaterThan(-3e-3);
    expect(rel('p95')).toBeGreaterThan(1e-3);
    expect(rel('p95')).toBeLessThan(3e-3);
    expect(v.uncertainty.pCheapest).toBe(1);
  });

  it('keeps assumed rates fixed: a vendor on defaults only has one value at every percentile', () => {
    const doc = baseDoc({ defaults: { sms: { deliveryRate: 0.9, engagementRate: 0.05 } } as any, vendors: [vendor('A', { pilots: [] })] });
    const v = (computeDocument(doc, { draws: 500, seed: 1 }) as any).vendors[0];
    // TCO = 12 · 1,000 · 0.01 = 120; effective = 12,000 · 0.9 · 0.05 = 540; 120 / 540 = 0.2222…
    expect(v.uncertainty.costPerEffective.p5).toBeCloseTo(120 / 540, 12);
    expect(v.uncertainty.costPerEffective.p95).toBeCloseTo(120 / 540, 12);
  });
});

describe('the per-vendor cache', () => {
  const sample = (): Workspace => readDocument(JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8')));

  it('gives the same result as a fresh computation after each kind of edit', () => {
    const cache = new EngineCache();
    let ws = sample();
    const opts = { draws: 300, seed: 9 };
    const same = () => expect(computeJson(compute(ws, opts, cache))).toEqual(computeJson(compute(ws, opts)));
    same();
    // A price of vendor B (new vendor object, the others unchanged).
    ws = { ...ws, vendors: ws.vendors.map((v, i) => (i === 1 ? { ...v, quote: { ...v.quote, routes: v.quote.routes.map((r, j) => (j === 2 ? { ...r, price: '0.0099' } : r)) } } : v)) };
    same();
    // A stream's volume (new streams array: every vendor recomputes).
    ws = { ...ws, streams: ws.streams.map((s, i) => (i === 0 ? { ...s, monthlyVolume: 150000 } : s)) };
    same();
    // The discount rate and the defaults.
    ws = { ...ws, discountRate: '0.08', defaults: { ...ws.defaults, email: { deliveryRate: 0.9, engagementRate: 0.02 } } };
    same();
    // Vendor A's pilot, which the cart stream's holdout names: vendor B's benefits depend on it.
    ws = { ...ws, vendors: ws.vendors.map((v, i) => (i === 0 ? { ...v, pilots: v.pilots.map((p, j) => (j === 0 ? { ...p, delivered: 9000 } : p)) } : v)) };
    same();
  });
});
