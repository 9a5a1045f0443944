// Hand-worked tests of the cost model (MODEL.md sections 1-7 and 11, FORMAT.md compute output).
// Every expected number below is derived by hand in the comment next to it, from the spec and
// the lead's written interpretations (numbered I1..I11 here), never from the engine's output.
import { Decimal as DecimalJs } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { computeDocument } from '../fixtures/compute-document.js';
import { baseDoc, fee, pilot, route, smsStream, stream, vendor, workedExampleDoc, type WorkspaceDoc } from '../fixtures/docs.js';

// A private 50-digit clone, so the tests never touch the global decimal.js configuration.
const Decimal = DecimalJs.clone({ precision: 50 });
type Decimal = InstanceType<typeof Decimal>;
type DecValue = DecimalJs.Value;

// ---------------------------------------------------------------------------------------------
// Output shape (FORMAT.md, `tco compute --json`), only what these tests read.
type Money = string;
interface Cats {
  usage: Money;
  passThrough: Money;
  commitTrueUp: Money;
  fees: Money;
  internal: Money;
  remediation: Money;
}
interface MonthRow extends Cats {
  month: number;
  total: Money;
  discountFactor: number | string;
  benefits: Money;
}
interface SensEntry {
  input: string;
  tco: [Money, Money];
  npv: [Money, Money];
  costPerEffective: [Money | null, Money | null];
}
interface VendorOut {
  id: string;
  uncovered: string[];
  assumed: string[];
  tco: { nominal: Money; npv: Money; byCategory: Cats; npvByCategory: Cats } | null;
  sent: number;
  delivered: number;
  effective: number;
  costPerSent: Money | null;
  costPerDelivered: Money | null;
  costPerEffective: Money | null;
  benefits: { nominal: Money; riskAdjusted: Money; npv: Money } | null;
  roi: Money | null;
  paybackMonth: number | null;
  costPerIncremental: { value: Money | null; ci95: [Money | null, Money | null] | null } | null;
  sensitivity: SensEntry[] | null;
  uncertainty: {
    costPerEffective: { p5: number; p50: number; p95: number };
    pCheapest: number;
  } | null;
  monthly: MonthRow[] | null;
}
interface Out {
  baseCurrency: string;
  horizonMonths: number;
  vendors: VendorOut[];
  breakEven: { a: string; b: string; multipliers: number[] }[];
}

// ---------------------------------------------------------------------------------------------
// Helpers
function run(doc: WorkspaceDoc, seed = 1): Out {
  return computeDocument(doc, { draws: 200, seed }) as unknown as Out;
}

function vOf(out: Out, id: string): VendorOut {
  const v = out.vendors.find((x) => x.id === id);
  if (!v) throw new Error(`vendor ${id} missing from output`);
  return v;
}

function tcoOf(v: VendorOut): NonNullable<VendorOut['tco']> {
  expect(v.tco, `vendor ${v.id} tco`).not.toBeNull();
  return v.tco!;
}

function monthlyOf(v: VendorOut): MonthRow[] {
  expect(v.monthly, `vendor ${v.id} monthly`).not.toBeNull();
  return v.monthly!;
}

function row(v: VendorOut, month: number): MonthRow {
  const r = monthlyOf(v).find((x) => x.month === month);
  if (!r) throw new Error(`vendor ${v.id} has no monthly row ${month}`);
  return r;
}

/** Money equality: both parsed with decimal.js, |a - e| <= tol (default 1e-9). */
function expectMoney(actual: unknown, expected: DecValue, tol: DecValue = '1e-9'): void {
  expect(actual, `expected money ${String(expected)}, got ${String(actual)}`).not.toBeNull();
  expect(actual, `expected money ${String(expected)}, got undefined`).not.toBeUndefined();
  const a = new Decimal(String(actual));
  const e = new Decimal(expected);
  const ok = a.minus(e).abs().lte(new Decimal(tol));
  expect(ok, `money ${a.toString()} != expected ${e.toString()} (tol ${String(tol)})`).toBe(true);
}

/** Plain-number equality with a relative tolerance (counts may be computed in decimals or floats). */
function expectNum(actual: unknown, expected: number, rel = 1e-12): void {
  expect(typeof actual === 'number' || typeof actual === 'string', `number expected, got ${String(actual)}`).toBe(true);
  const a = Number(actual);
  expect(Math.abs(a - expected) <= rel * Math.max(1, Math.abs(expected)), `${a} != ${expected}`).toBe(true);
}

/** Σ_{m=1..n} DF(m), DF(m) = (1+r)^(-m/12), in 50-digit decimals. */
function sumDF(r: DecValue, from: number, to: number): Decimal {
  let s = new Decimal(0);
  for (let m = from; m <= to; m++) s = s.plus(new Decimal(1).plus(r).pow(new Decimal(-m).div(12)));
  return s;
}

// Newcombe (1998) method 10, from Wilson score intervals, z = 1.959963984540054 (MODEL.md §10).
// Checked against Newcombe's own table: 56/70 vs 48/80 gives [0.0524, 0.3339].
const Z = 1.959963984540054;
function wilson(x: number, n: number): [number, number] {
  const p = x / n;
  const c = p + (Z * Z) / (2 * n);
  const h = Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  const d = 1 + (Z * Z) / n;
  return [(c - h) / d, (c + h) / d];
}
function newcombe(x1: number, n1: number, x0: number, n0: number): [number, number] {
  const p1 = x1 / n1;
  const p0 = x0 / n0;
  const [l1, u1] = wilson(x1, n1);
  const [l0, u0] = wilson(x0, n0);
  const d = p1 - p0;
  return [d - Math.sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2), d + Math.sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2)];
}

// =============================================================================================
describe('MODEL.md §11 worked example', () => {
  it('TCO to the cent, by category, and the counts', () => {
    const a = vOf(run(workedExampleDoc()), 'A');
    // Usage/month: graduated 50,000·0.008 + 50,000·0.006 = 400 + 300 = 700 → ×12 = 8,400
    // Pass-through: 100,000·0.003 = 300 → ×12 = 3,600
    // Fees: 4 once + 10·12 = 124
    // Internal (labour): setup 10 h · 100 = 1,000 in month 1
    // Remediation: (100,000 − 100,000·0.95)·0.10 = 5,000·0.10 = 500 → ×12 = 6,000
    // TCO = 8,400 + 3,600 + 124 + 1,000 + 6,000 = 19,124 (= 12·(700+300+10+500) + 4 + 1,000)
    const t = tcoOf(a);
    expectMoney(t.nominal, '19124');
    expectMoney(t.npv, '19124'); // r = 0
    expectMoney(t.byCategory.usage, '8400');
    expectMoney(t.byCategory.passThrough, '3600');
    expectMoney(t.byCategory.commitTrueUp, '0');
    expectMoney(t.byCategory.fees, '124');
    expectMoney(t.byCategory.internal, '1000');
    expectMoney(t.byCategory.remediation, '6000');
    // sent = 12·100,000; delivered = 12·95,000; effective = 1,140,000·(950/9,500 = 0.1)
    expectNum(a.sent, 1_200_000);
    expectNum(a.delivered, 1_140_000);
    expectNum(a.effective, 114_000);
    expect(a.uncovered).toEqual([]);
    expect(a.assumed).toEqual([]);
  });

  it('unit costs: per sent, per delivered (0.016775…), per effective (0.167754…)', () => {
    const a = vOf(run(workedExampleDoc()), 'A');
    // 19,124 / 1,200,000 = 0.0159366666…
    expectMoney(a.costPerSent, new Decimal(19124).div(1_200_000));
    expectMoney(a.costPerSent, '0.015936666666666666667');
    // 19,124 / 1,140,000 = 0.016775438596491228…
    expectMoney(a.costPerDelivered, new Decimal(19124).div(1_140_000));
    expectMoney(a.costPerDelivered, '0.016775438596491228070');
    // 19,124 / 114,000 = 0.16775438596491228…
    expectMoney(a.costPerEffective, new Decimal(19124).div(114_000));
    expectMoney(a.costPerEffective, '0.16775438596491228070');
  });

  it('no benefits entered: benefits 0, roi null, payback null, costPerIncremental null (I7, I8)', () => {
    const a = vOf(run(workedExampleDoc()), 'A');
    expectMoney(a.benefits!.nominal, '0');
    expectMoney(a.benefits!.riskAdjusted, '0');
    expectMoney(a.benefits!.npv, '0');
    expect(a.roi).toBeNull();
    expect(a.paybackMonth).toBeNull();
    expect(a.costPerIncremental).toBeNull();
  });

  it('monthly row of month 1 and month 2 (I6)', () => {
    const a = vOf(run(workedExampleDoc()), 'A');
    expect(monthlyOf(a)).toHaveLength(12);
    // Month 1: usage 700, pass-through 300, fees 4 + 10 = 14,
    // internal = setup 1,000 + remediation 500 = 1,500 (remediation 500 also apart),
    // total = 700 + 0 + 300 + 14 + 1,500 = 2,514; DF(1) = 1 at r = 0; benefits 0.
    const m1 = row(a, 1);
    expectMoney(m1.usage, '700');
    expectMoney(m1.passThrough, '300');
    expectMoney(m1.commitTrueUp, '0');
    expectMoney(m1.fees, '14');
    expectMoney(m1.internal, '1500');
    expectMoney(m1.remediation, '500');
    expectMoney(m1.total, '2514');
    expectMoney(m1.discountFactor, '1');
    expectMoney(m1.benefits, '0');
    // Month 2: fees 10, internal = remediation 500, total = 700 + 300 + 10 + 500 = 1,510.
    const m2 = row(a, 2);
    expectMoney(m2.fees, '10');
    expectMoney(m2.internal, '500');
    expectMoney(m2.total, '1510');
    // Σ totals = 2,514 + 11·1,510 = 19,124 = nominal TCO
    const sum = monthlyOf(a).reduce((s, r) => s.plus(r.total), new Decimal(0));
    expectMoney(sum.toString(), '19124');
  });

  it('sensitivity: prices ×0.8 / ×1.2 (usage 8,400 → 6,720 / 10,080)', () => {
    const a = vOf(run(workedExampleDoc()), 'A');
    const prices = a.sensitivity!.find((s) => s.input === 'prices')!;
    expect(prices).toBeDefined();
    // ×0.8: tiers 0.0064 / 0.0048 → 50,000·0.0064 + 50,000·0.0048 = 320 + 240 = 560/month → 6,720
    //   TCO = 19,124 − 8,400 + 6,720 = 17,444
    // ×1.2: tiers 0.0096 / 0.0072 → 480 + 360 = 840/month → 10,080 → TCO = 19,124 + 1,680 = 20,804
    expectMoney(prices.tco[0], '17444');
    expectMoney(prices.tco[1], '20804');
    expectMoney(prices.npv[0], '17444'); // r = 0
    expectMoney(prices.npv[1], '20804');
    // effective unchanged (114,000): 17,444/114,000 and 20,804/114,000
    expectMoney(prices.costPerEffective[0], new Decimal(17444).div(114000));
    expectMoney(prices.costPerEffective[1], new Decimal(20804).div(114000));
  });

  it('sensitivity: nine entries in tornado order; deliveryRate capped at 1 (I10)', () => {
    const a = vOf(run(workedExampleDoc()), 'A');
    // Nominal TCO at ×0.8 / ×1.2 (base 19,124 = 12·(700 usage + 300 pt + 10 fee + 500 rem) + 4 + 1,000):
    //  deliveryRate: DR 0.95·0.8 = 0.76 → failures 24,000/month → remediation 2,400/month
    //                → 12·(700+300+10+2,400) + 1,004 = 41,924; DR 0.95·1.2 = 1.14 → capped 1 → no
    //                failures → 12·1,010 + 1,004 = 13,124. swing 28,800
    //  volume: 80,000/month → usage 400+30,000·0.006 = 580, pt 240, rem 4,000·0.1 = 400
    //                → 12·1,230 + 1,004 = 15,764; 120,000 → usage 400+420 = 820, pt 360, rem 600
    //                → 12·1,790 + 1,004 = 22,484. swing 6,720
    //  prices: 17,444 / 20,804, swing 3,360
    //  passThrough: pt 240 / 360 → 18,404 / 19,844, swing 1,440
    //  internalHours: setup 8 h / 12 h → 18,924 / 19,324, swing 400
    //  fees: 3.2 + 12·8 = 99.2 / 4.8 + 12·12 = 148.8 → 19,099.2 / 19,148.8, swing 49.6
    //  engagementRate, escalator (0·k = 0), discountRate (0·k = 0): swing 0, NPV swing 0 → listed order
    expect(a.sensitivity!.map((s) => s.input)).toEqual(['deliveryRate', 'volume', 'prices', 'passThrough', 'internalHours', 'fees', 'engagementRate', 'escalator', 'discountRate']);
    const get = (k: string): SensEntry => a.sensitivity!.find((s) => s.input === k)!;
    expectMoney(get('deliveryRate').tco[0], '41924');
    expectMoney(get('deliveryRate').tco[1], '13124');
    // cost per effective: DR 0.76 → delivered 912,000, effective 91,200 → 41,924/91,200;
    //                     DR 1 → effective 120,000 → 13,124/120,000
    expectMoney(get('deliveryRate').costPerEffective[0], new Decimal(41924).div(91200));
    expectMoney(get('deliveryRate').costPerEffective[1], new Decimal(13124).div(120000));
    expectMoney(get('volume').tco[0], '15764');
    expectMoney(get('volume').tco[1], '22484');
    // volume ×0.8: effective 0.8·114,000 = 91,200; ×1.2: 136,800
    expectMoney(get('volume').costPerEffective[0], new Decimal(15764).div(91200));
    expectMoney(get('volume').costPerEffective[1], new Decimal(22484).div(136800));
    expectMoney(get('passThrough').tco[0], '18404');
    expectMoney(get('passThrough').tco[1], '19844');
    expectMoney(get('internalHours').tco[0], '18924');
    expectMoney(get('internalHours').tco[1], '19324');
    expectMoney(get('fees').tco[0], '19099.2');
    expectMoney(get('fees').tco[1], '19148.8');
    // engagementRate leaves TCO alone; ER 0.08 / 0.12 → effective 91,200 / 136,800
    expectMoney(get('engagementRate').tco[0], '19124');
    expectMoney(get('engagementRate').tco[1], '19124');
    expectMoney(get('engagementRate').costPerEffective[0], new Decimal(19124).div(91200));
    expectMoney(get('engagementRate').costPerEffective[1], new Decimal(19124).div(136800));
  });

  it('sensitivity: escalator ×0.8 / ×1.2 changes year-2 prices only', () => {
    // price 0.01, 1,000/month, H = 24, e = 0.1.
    // e·0.8 = 0.08: 12·10 + 12·10·1.08 = 120 + 129.6 = 249.6
    // e·1.2 = 0.12: 120 + 12·11.2 = 120 + 134.4 = 254.4
    const doc = baseDoc({ horizonMonths: 24, vendors: [vendor('A', { quote: { escalator: 0.1 } })] });
    const a = vOf(run(doc), 'A');
    expectMoney(tcoOf(a).nominal, '252'); // 120 + 12·11 = 252
    const esc = a.sensitivity!.find((s) => s.input === 'escalator')!;
    expectMoney(esc.tco[0], '249.6');
    expectMoney(esc.tco[1], '254.4');
  });

  it('sensitivity ties: equal TCO swing keeps the listed order; NPV swing breaks TCO-swing ties', () => {
    // price 0.01, 1,000/month, DR 1, no remediation cost, no fees, r = 12%, H = 12: TCO 120.
    // prices ×0.8 → usage 8/month, volume ×0.8 → 800·0.01 = 8/month: identical TCO (96 / 144) and NPV
    //   swings → listed order: prices, volume.
    // discountRate: TCO swing 0 but NPV swing > 0 (r 0.096 vs 0.144) → next.
    // passThrough (0), deliveryRate (DR 0.8: no remediation cost, billed on sent → 0), engagementRate,
    //   internalHours, fees, escalator: TCO and NPV swing 0 → listed order.
    const doc = baseDoc({ discountRate: '0.12' });
    const a = vOf(run(doc), 'A');
    expect(a.sensitivity!.map((x) => x.input)).toEqual(['prices', 'volume', 'discountRate', 'passThrough', 'deliveryRate', 'engagementRate', 'internalHours', 'fees', 'escalator']);
    const get = (k: string): SensEntry => a.sensitivity!.find((x) => x.input === k)!;
    expectMoney(get('prices').tco[0], '96');
    expectMoney(get('prices').tco[1], '144');
    expectMoney(get('volume').tco[0], '96');
    // discountRate: TCO unchanged; NPV = 10·Σ DF at r = 0.096 and at r = 0.144
    expectMoney(get('discountRate').tco[0], '120');
    expectMoney(get('discountRate').tco[1], '120');
    expectMoney(get('discountRate').npv[0], sumDF('0.096', 1, 12).times(10));
    expectMoney(get('discountRate').npv[1], sumDF('0.144', 1, 12).times(10));
  });
});

// =============================================================================================
describe('tiers (§4)', () => {
  const tiered = (mode: 'graduated' | 'volume', tiers: { from: number; price: string }[]) => vendor('A', { quote: { routes: [route({ tiers, tierMode: mode })] } });

  it('volume tiers: a volume exactly at a threshold stays in the lower tier', () => {
    // tiers [0: 0.01, 100,000: 0.005], volume mode, U = 100,000: tier 1 covers units 1..100,000,
    // so 0 < U ≤ 100,000 → all units at 0.01 = 1,000 (not 500). ×12 = 12,000.
    const doc = baseDoc({
      streams: [smsStream({ monthlyVolume: 100000 })],
      vendors: [
        tiered('volume', [
          { from: 0, price: '0.01' },
          { from: 100000, price: '0.005' },
        ]),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 1).usage, '1000');
    expectMoney(tcoOf(a).byCategory.usage, '12000');
  });

  it('graduated tiers with 15% growth: 100,000·1.15² = 132,250 exactly', () => {
    // tiers [0: 0.01, 100,000: 0.005], graduated, H = 36
    // y1 U = 100,000: 100,000·0.01 = 1,000
    // y2 U = 115,000: 1,000 + 15,000·0.005 = 1,075
    // y3 U = 132,250: 1,000 + 32,250·0.005 = 1,161.25
    // usage = 12·(1,000 + 1,075 + 1,161.25) = 12·3,236.25 = 38,835 (exact)
    const doc = baseDoc({
      horizonMonths: 36,
      streams: [smsStream({ monthlyVolume: 100000, annualGrowth: 0.15 })],
      vendors: [
        tiered('graduated', [
          { from: 0, price: '0.01' },
          { from: 100000, price: '0.005' },
        ]),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 1).usage, '1000');
    expectMoney(row(a, 13).usage, '1075');
    expectMoney(row(a, 25).usage, '1161.25', 0);
    expectMoney(tcoOf(a).byCategory.usage, '38835', 0);
    expectNum(a.sent, 12 * (100000 + 115000 + 132250));
  });

  it('volume tiers with 15% growth: whole volume repriced when a threshold is crossed', () => {
    // same tiers, volume mode: y1 U = 100,000 (at threshold) → 1,000; y2 115,000·0.005 = 575;
    // y3 132,250·0.005 = 661.25 → 12·(1,000 + 575 + 661.25) = 12·2,236.25 = 26,835
    const doc = baseDoc({
      horizonMonths: 36,
      streams: [smsStream({ monthlyVolume: 100000, annualGrowth: 0.15 })],
      vendors: [
        tiered('volume', [
          { from: 0, price: '0.01' },
          { from: 100000, price: '0.005' },
        ]),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 1).usage, '1000');
    expectMoney(row(a, 13).usage, '575');
    expectMoney(row(a, 25).usage, '661.25', 0);
    expectMoney(tcoOf(a).byCategory.usage, '26835', 0);
  });

  it('growth volumes are exact decimals: 100,000·1.1² = 121,000 stays under a 121,000 threshold', () => {
    // (In binary floats 100000·1.1·1.1 = 121000.00000000001, which would wrongly jump tiers.)
    // tiers [0: 0.01, 121,000: 0.005], volume mode, g = 0.10, H = 36:
    // y1 100,000·0.01 = 1,000; y2 110,000·0.01 = 1,100; y3 121,000 (at threshold) ·0.01 = 1,210
    // usage = 12·(1,000 + 1,100 + 1,210) = 12·3,310 = 39,720
    const doc = baseDoc({
      horizonMonths: 36,
      streams: [smsStream({ monthlyVolume: 100000, annualGrowth: 0.1 })],
      vendors: [
        tiered('volume', [
          { from: 0, price: '0.01' },
          { from: 121000, price: '0.005' },
        ]),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 25).usage, '1210');
    expectMoney(tcoOf(a).byCategory.usage, '39720');
  });

  it('three tiers: graduated vs volume at U = 100,000', () => {
    // tiers [0: 0.01, 50,000: 0.008, 150,000: 0.006]
    // graduated: 50,000·0.01 + 50,000·0.008 = 500 + 400 = 900
    // volume: 50,000 < 100,000 ≤ 150,000 → 100,000·0.008 = 800
    const tiers = [
      { from: 0, price: '0.01' },
      { from: 50000, price: '0.008' },
      { from: 150000, price: '0.006' },
    ];
    const g = vOf(run(baseDoc({ streams: [smsStream({ monthlyVolume: 100000 })], vendors: [tiered('graduated', tiers)] })), 'A');
    const v = vOf(run(baseDoc({ streams: [smsStream({ monthlyVolume: 100000 })], vendors: [tiered('volume', tiers)] })), 'A');
    expectMoney(row(g, 1).usage, '900');
    expectMoney(row(v, 1).usage, '800');
  });

  it('streams priced by the same quote route are pooled before the tiers', () => {
    // two sms/US streams of 60,000 (one with class 10dlc, also priced by the classless sms/US route)
    // pooled U = 120,000, graduated [0: 0.01, 100,000: 0.005] → 1,000 + 20,000·0.005 = 1,100
    // (unpooled would be 600 + 600 = 1,200)
    const doc = baseDoc({
      streams: [smsStream({ id: 'a', monthlyVolume: 60000 }), smsStream({ id: 'b', monthlyVolume: 60000, class: '10dlc' })],
      vendors: [
        tiered('graduated', [
          { from: 0, price: '0.01' },
          { from: 100000, price: '0.005' },
        ]),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 1).usage, '1100');
  });
});

// =============================================================================================
describe('commits (§4, I9)', () => {
  it('binding monthly commit: max(usage, K) every month', () => {
    // price 0.01, 1,000/month, seasonality Jan ×3; K = 25
    // month 1 (Jan): usage 30 ≥ 25 → no true-up; months 2..12: usage 10 → true-up 15 each
    // usage = 30 + 11·10 = 140; commitTrueUp = 11·15 = 165
    const doc = baseDoc({
      streams: [smsStream({ seasonality: [3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] })],
      vendors: [vendor('A', { quote: { minimumMonthlyCommit: '25' } })],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(tcoOf(a).byCategory.usage, '140');
    expectMoney(tcoOf(a).byCategory.commitTrueUp, '165');
    expectMoney(tcoOf(a).nominal, '305');
    expectMoney(row(a, 1).commitTrueUp, '0');
    expectMoney(row(a, 2).commitTrueUp, '15');
    expectMoney(row(a, 2).total, '25'); // 10 usage + 15 true-up
  });

  it('binding annual commit: trued up in month 12', () => {
    // usage 10/month → 120 in year 1; K_y = 200 → true-up 80 in month 12
    const doc = baseDoc({ vendors: [vendor('A', { quote: { minimumAnnualCommit: '200' } })] });
    const a = vOf(run(doc), 'A');
    expectMoney(tcoOf(a).byCategory.commitTrueUp, '80');
    expectMoney(row(a, 11).commitTrueUp, '0');
    expectMoney(row(a, 12).commitTrueUp, '80');
    expectMoney(tcoOf(a).nominal, '200');
  });

  it('annual commit with a contract year cut short by the horizon (H = 18) is prorated', () => {
    // year 1: 200 − 120 = 80 in month 12
    // year 2 has 6 months in the horizon: K = 200·6/12 = 100; usage 6·10 = 60 → 40 in month 18
    // commitTrueUp = 80 + 40 = 120; TCO = 180 usage + 120 = 300
    const doc = baseDoc({
      horizonMonths: 18,
      vendors: [vendor('A', { quote: { minimumAnnualCommit: '200' } })],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 12).commitTrueUp, '80');
    expectMoney(row(a, 17).commitTrueUp, '0');
    expectMoney(row(a, 18).commitTrueUp, '40');
    expectMoney(tcoOf(a).byCategory.commitTrueUp, '120');
    expectMoney(tcoOf(a).nominal, '300');
  });

  it('monthly and annual commit together: one shortfall is never charged twice', () => {
    // usage 10/month, K = 15 → monthly true-up 5, bill 15/month → 180 a year
    // K_y = 200 → annual true-up 200 − 180 = 20 in month 12 (not 200 − 120 = 80)
    // commitTrueUp = 12·5 + 20 = 80; month 12 true-up = 5 + 20 = 25
    const doc = baseDoc({
      vendors: [vendor('A', { quote: { minimumMonthlyCommit: '15', minimumAnnualCommit: '200' } })],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(tcoOf(a).byCategory.commitTrueUp, '80');
    expectMoney(row(a, 1).commitTrueUp, '5');
    expectMoney(row(a, 12).commitTrueUp, '25');
  });
});

// =============================================================================================
describe('time: escalator and NPV (§2)', () => {
  it('escalator crossing into year 2: usage and recurring fees escalate; pass-through, once fees, internal do not', () => {
    // H = 24, e = 5%, price 0.01, pass-through 0.002, 1,000/month, fee 10/month, once 100 in month 13,
    // monthlyOther 20.
    // year 1 per month: usage 10, pt 2, fee 10, internal 20
    // year 2 per month: usage 10·1.05 = 10.5, pt 2, fee 10.5, internal 20; +100 once in month 13
    // usage = 120 + 126 = 246; pt = 48; fees = 120 + 126 + 100 = 346; internal = 480
    // TCO = 246 + 48 + 346 + 480 = 1,120
    const doc = baseDoc({
      horizonMonths: 24,
      vendors: [
        vendor('A', {
          quote: {
            escalator: '0.05',
            routes: [route({ passThrough: '0.002' })],
            fees: [fee('platform', '10', 'month'), fee('setup', '100', 'once', { month: 13 })],
          },
          internal: { monthlyOther: '20' },
        }),
      ],
    });
    const a = vOf(run(doc), 'A');
    const t = tcoOf(a);
    expectMoney(t.byCategory.usage, '246');
    expectMoney(t.byCategory.passThrough, '48');
    expectMoney(t.byCategory.fees, '346');
    expectMoney(t.byCategory.internal, '480');
    expectMoney(t.nominal, '1120');
    const m12 = row(a, 12);
    expectMoney(m12.usage, '10');
    const m13 = row(a, 13);
    expectMoney(m13.usage, '10.5');
    expectMoney(m13.passThrough, '2');
    expectMoney(m13.fees, '110.5');
    expectMoney(m13.internal, '20');
    expectMoney(m13.total, '143'); // 10.5 + 2 + 110.5 + 20
  });

  it('the escalator scales tier prices, never tier thresholds', () => {
    // graduated [0: 0.01, 1,000: 0.005], 1,500/month, e = 10%, H = 24
    // year 1: 1,000·0.01 + 500·0.005 = 12.5; year 2: 12.5·1.1 = 13.75 (threshold stays 1,000;
    // an escalated threshold 1,100 would give (11 + 2)·1.1 = 14.3). usage = 150 + 165 = 315
    const doc = baseDoc({
      horizonMonths: 24,
      streams: [smsStream({ monthlyVolume: 1500 })],
      vendors: [
        vendor('A', {
          quote: {
            escalator: 0.1,
            routes: [
              route({
                tiers: [
                  { from: 0, price: '0.01' },
                  { from: 1000, price: '0.005' },
                ],
              }),
            ],
          },
        }),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 1).usage, '12.5');
    expectMoney(row(a, 13).usage, '13.75');
    expectMoney(tcoOf(a).byCategory.usage, '315');
  });

  it('minimum commits are never escalated', () => {
    // usage 10/month, e = 100% → year 2 usage 20/month; K = 15 (not 30 in year 2)
    // year 1 true-up 5·12 = 60; year 2: 20 ≥ 15 → 0. commitTrueUp = 60
    const doc = baseDoc({
      horizonMonths: 24,
      vendors: [vendor('A', { quote: { escalator: 1, minimumMonthlyCommit: '15' } })],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 13).usage, '20');
    expectMoney(row(a, 13).commitTrueUp, '0');
    expectMoney(tcoOf(a).byCategory.commitTrueUp, '60');
  });

  it('NPV at r = 12%: DF(m) = 1.12^(−m/12)', () => {
    // price 0.1 · 1,000 = 100/month for 12 months; riskReductionPerYear 1,200 → benefit 100/month
    // NPV = 100·Σ_{m=1..12} 1.12^(−m/12) = 100·11.2915159896… = 1,129.15159896010521571…
    // DF(6) = 1.12^(−0.5) = 0.944911182523068…, DF(12) = 1/1.12 = 0.892857142857…
    // ROI = (1,200 − 1,200)/1,200 = 0; payback month 1 (100 ≥ 100)
    const doc = baseDoc({
      discountRate: 0.12,
      streams: [smsStream({ benefits: { riskReductionPerYear: '1200' } })],
      vendors: [vendor('A', { quote: { routes: [route({ price: '0.1' })] } })],
    });
    const a = vOf(run(doc), 'A');
    const npv = sumDF('0.12', 1, 12).times(100);
    expectMoney(npv.toFixed(20), '1129.15159896010521571659');
    expectMoney(tcoOf(a).nominal, '1200');
    expectMoney(tcoOf(a).npv, npv);
    expectMoney(tcoOf(a).npvByCategory.usage, npv);
    expectMoney(row(a, 6).discountFactor, '0.944911182523068068036');
    expectMoney(row(a, 12).discountFactor, new Decimal(1).div('1.12'));
    expectMoney(a.benefits!.nominal, '1200');
    expectMoney(a.benefits!.npv, npv);
    expectMoney(a.roi, '0');
    expect(a.paybackMonth).toBe(1);
  });

  it('NPV of single flows: 112 in month 12 and 100 in month 24 at 12%', () => {
    // usage 0 (price 0); once 112 in month 12 → 112/1.12 = 100; once 100 in month 24 → 100/1.2544
    // = 79.7193877551020408…; NPV = 179.7193877551020408…; nominal 212
    const doc = baseDoc({
      horizonMonths: 24,
      discountRate: '0.12',
      vendors: [
        vendor('A', {
          quote: {
            routes: [route({ price: '0' })],
            fees: [fee('a', '112', 'once', { month: 12 }), fee('b', '100', 'once', { month: 24 })],
          },
        }),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(tcoOf(a).nominal, '212');
    expectMoney(tcoOf(a).npv, new Decimal(100).plus(new Decimal(100).div('1.2544')));
    expectMoney(tcoOf(a).npv, '179.719387755102040816');
  });
});

// =============================================================================================
describe('currency (§1, I2)', () => {
  it('EUR quote with fx 1.08; a USD fee and a GBP fee; internal cost never converted', () => {
    // fx EUR 1.08, GBP 1.25. Quote in EUR: price 0.01, pt 0.001, 1,000/month, monthly commit 20 EUR.
    // usage 10 EUR = 10.80 USD/month → 129.60
    // commit 20 EUR = 21.60 USD → true-up 21.60 − 10.80 = 10.80/month → 129.60
    // pass-through 1 EUR = 1.08/month → 12.96
    // fees: 5 EUR/month = 5.40 + 3 USD/month → 8.40/month → 100.80; once 2 GBP = 2.50 → fees 103.30
    // internal monthlyOther 20 USD (base, not converted) → 240
    // TCO = 129.60 + 129.60 + 12.96 + 103.30 + 240 = 615.46
    // month 1 total = 10.80 + 10.80 + 1.08 + (5.40 + 3 + 2.50) + 20 = 53.58
    const doc = baseDoc({
      fx: [
        { currency: 'EUR', rate: '1.08', asOf: '2026-11-01' },
        { currency: 'GBP', rate: '1.25', asOf: '2026-11-01' },
      ],
      vendors: [
        vendor('A', {
          quote: {
            currency: 'EUR',
            minimumMonthlyCommit: '20',
            routes: [route({ passThrough: '0.001' })],
            fees: [fee('platform', '5', 'month'), fee('numbers', '3', 'month', { currency: 'USD' }), fee('brand', '2', 'once', { currency: 'GBP' })],
          },
          internal: { monthlyOther: '20' },
        }),
      ],
    });
    const a = vOf(run(doc), 'A');
    const t = tcoOf(a);
    expectMoney(t.byCategory.usage, '129.6');
    expectMoney(t.byCategory.commitTrueUp, '129.6');
    expectMoney(t.byCategory.passThrough, '12.96');
    expectMoney(t.byCategory.fees, '103.3');
    expectMoney(t.byCategory.internal, '240');
    expectMoney(t.nominal, '615.46');
    expectMoney(row(a, 1).total, '53.58');
  });

  it('a quote currency with no fx rate is an error naming the path and the currency', () => {
    const doc = baseDoc({ vendors: [vendor('A', { quote: { currency: 'EUR' } })] });
    expect(() => run(doc)).toThrow(/vendors\[0\]\.quote\.currency/);
    expect(() => run(doc)).toThrow(/EUR/);
  });

  it('a fee currency with no fx rate is an error naming the fee and the currency', () => {
    const doc = baseDoc({
      vendors: [vendor('A', { quote: { fees: [fee('x', '1', 'month', { currency: 'GBP' })] } })],
    });
    expect(() => run(doc)).toThrow(/vendors\[0\]\.quote\.fees\[0\]/);
    expect(() => run(doc)).toThrow(/GBP/);
  });
});

// =============================================================================================
describe('volume (§3)', () => {
  it('seasonality follows the calendar month (I4); contract years follow the horizon', () => {
    // startMonth 2027-03, seasonality Jan 0.5, Feb 1.5, Mar 2, others 1; price 0.01; H = 24; g = 100%
    // year 1 (2027-03..2028-02): m1 Mar 1,000·2 = 2,000 → 20; m2..m10 Apr..Dec 9·10 = 90;
    //   m11 Jan 2028: 1,000·0.5 → 5 (still contract year 1); m12 Feb 1,000·1.5 → 15; year 1 = 130
    // year 2 (m13..m24): volumes ×2 → 260; m13 (Mar 2028) = 2,000·2 = 4,000 → 40
    // usage = 390; sent = 13,000 + 26,000 = 39,000
    const doc = baseDoc({
      startMonth: '2027-03',
      horizonMonths: 24,
      streams: [smsStream({ annualGrowth: 1, seasonality: [0.5, 1.5, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1] })],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 1).usage, '20');
    expectMoney(row(a, 2).usage, '10');
    expectMoney(row(a, 11).usage, '5');
    expectMoney(row(a, 12).usage, '15');
    expectMoney(row(a, 13).usage, '40');
    expectMoney(tcoOf(a).byCategory.usage, '390');
    expectNum(a.sent, 39000);
  });

  it('inbound: priced per inbound message with its own pass-through, outside the tiers', () => {
    // 100,000 outbound, inbound 0.5 → 50,000 inbound. Volume tiers [0: 0.01, 100,000: 0.005]:
    // outbound U = 100,000 (inbound not counted) → at threshold → 1,000
    // inbound 50,000·0.002 = 100 → usage 1,100/month
    // pass-through 100,000·0.003 + 50,000·0.001 = 300 + 50 = 350/month
    // (if inbound joined the tiers, U = 150,000 would reprice everything at 0.005)
    const doc = baseDoc({
      streams: [smsStream({ monthlyVolume: 100000, inboundPerOutbound: 0.5 })],
      vendors: [
        vendor('A', {
          quote: {
            routes: [
              route({
                tiers: [
                  { from: 0, price: '0.01' },
                  { from: 100000, price: '0.005' },
                ],
                tierMode: 'volume',
                inboundPrice: '0.002',
                passThrough: '0.003',
                inboundPassThrough: '0.001',
              }),
            ],
          },
        }),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 1).usage, '1100');
    expectMoney(row(a, 1).passThrough, '350');
    expectMoney(tcoOf(a).byCategory.usage, '13200');
    expectMoney(tcoOf(a).byCategory.passThrough, '4200');
    expectNum(a.sent, 1_200_000); // counts are outbound messages only
  });

  it('inbound is one unit a message even when SMS has 2 segments', () => {
    // 1,000 out · 2 segments = 2,000 units · 0.01 = 20; inbound 500 msgs · 0.002 = 1 → usage 21
    // pass-through 2,000·0.001 + 500·0.001 = 2.5
    const doc = baseDoc({
      streams: [smsStream({ segmentsPerMessage: 2, inboundPerOutbound: 0.5 })],
      vendors: [
        vendor('A', {
          quote: { routes: [route({ inboundPrice: '0.002', passThrough: '0.001', inboundPassThrough: '0.001' })] },
        }),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 1).usage, '21');
    expectMoney(row(a, 1).passThrough, '2.5');
  });

  it('fractional SMS segments (1.5): billed units are exact; counts and failures are messages', () => {
    // 1,000 msgs · 1.5 = 1,500 units; volume tiers [0: 0.01, 1,500: 0.005] → at threshold → 15/month
    // pass-through 1,500·0.002 = 3/month
    // DR 0.9 → failed 100 messages (not 150 segments) · 0.10 = 10/month
    // TCO = 12·(15 + 3 + 10) = 336; sent = 12,000 messages; cost per sent = 336/12,000 = 0.028
    const doc = baseDoc({
      streams: [smsStream({ segmentsPerMessage: 1.5 })],
      vendors: [
        vendor('A', {
          quote: {
            routes: [
              route({
                tiers: [
                  { from: 0, price: '0.01' },
                  { from: 1500, price: '0.005' },
                ],
                tierMode: 'volume',
                passThrough: '0.002',
              }),
            ],
          },
          internal: { remediationPerFailure: '0.10' },
          pilots: [pilot({ sent: 1000, delivered: 900, engaged: 90 })],
        }),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 1).usage, '15');
    expectMoney(row(a, 1).passThrough, '3');
    expectMoney(row(a, 1).remediation, '10');
    expectMoney(tcoOf(a).nominal, '336');
    expectNum(a.sent, 12000);
    expectNum(a.delivered, 10800);
    expectMoney(a.costPerSent, '0.028');
  });

  it('segments from the template when none is entered; an entered value wins', () => {
    // 161 GSM-7 characters → 2 segments (153 + 8) → 1,000·2·0.01 = 20/month → 240
    const text = 'A'.repeat(161);
    const fromTemplate = vOf(run(baseDoc({ streams: [smsStream({ segmentsPerMessage: null, template: text })] })), 'A');
    expectMoney(tcoOf(fromTemplate).byCategory.usage, '240');
    // entered 1 wins over the template → 1,000·0.01·12 = 120
    const entered = vOf(run(baseDoc({ streams: [smsStream({ segmentsPerMessage: 1, template: text })] })), 'A');
    expectMoney(tcoOf(entered).byCategory.usage, '120');
  });

  it('SMS with neither segmentsPerMessage nor template is an error naming the stream', () => {
    const doc = baseDoc({ streams: [smsStream({ segmentsPerMessage: null, template: null })] });
    expect(() => run(doc)).toThrow(/streams\[0\]/);
  });
});

// =============================================================================================
describe('fees (§4, I5)', () => {
  it('seat-month × quantity (default 1) and contact-month × contacts, escalated; seasonality ignored', () => {
    // H = 24, escalator 10%. Fees: seat-month 15 × 3, seat-month 7 (quantity 1), contact-month 0.01.
    // contacts: stream 1 monthlyActive 1,000 growing 10%/yr (seasonality ×2 does not touch it),
    //           stream 2 monthlyActive 500, no growth.
    // year 1: contacts 1,500 → 15; seats 45 + 7 → fees 67/month
    // year 2: contacts 1,100 + 500 = 1,600 → 16·1.1 = 17.6; seats 49.5 + 7.7 → fees 74.8/month
    // fees = 12·67 + 12·74.8 = 804 + 897.6 = 1,701.6
    const doc = baseDoc({
      horizonMonths: 24,
      streams: [smsStream({ id: 'a', monthlyActive: 1000, contactGrowth: 0.1, seasonality: Array(12).fill(2) as number[] }), smsStream({ id: 'b', monthlyActive: 500, contactGrowth: 0 })],
      vendors: [
        vendor('A', {
          quote: {
            escalator: '0.1',
            fees: [
              fee('seats', '15', 'seat-month', { quantity: 3, category: 'support' }),
              fee('seat', '7', 'seat-month', { category: 'support' }),
              fee('contacts', '0.01', 'contact-month', { category: 'platform' }),
            ],
          },
        }),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 1).fees, '67');
    expectMoney(row(a, 13).fees, '74.8');
    expectMoney(tcoOf(a).byCategory.fees, '1701.6');
  });

  it('once fees: default month 1, month 3, and one after the horizon (outside the TCO)', () => {
    // H = 12: once 5 (month 1), once 50 (month 3), once 70 (month 13 > H) → fees 55
    const fees = [fee('a', '5', 'once'), fee('b', '50', 'once', { month: 3 }), fee('c', '70', 'once', { month: 13 })];
    const a = vOf(run(baseDoc({ vendors: [vendor('A', { quote: { fees } })] })), 'A');
    expectMoney(row(a, 1).fees, '5');
    expectMoney(row(a, 2).fees, '0');
    expectMoney(row(a, 3).fees, '50');
    expectMoney(tcoOf(a).byCategory.fees, '55');
    // H = 24: month 13 is inside; the month-1 fee is not repeated on renewal → fees 125, month 13 = 70
    const b = vOf(run(baseDoc({ horizonMonths: 24, vendors: [vendor('A', { quote: { fees } })] })), 'A');
    expectMoney(row(b, 13).fees, '70');
    expectMoney(tcoOf(b).byCategory.fees, '125');
  });

  it('discount applies to usage only (incl. inbound price), not to pass-through, fees or commits (I1)', () => {
    // price 0.01, inboundPrice 0.002, 1,000 out + 500 in; discount 10%
    // usage = (10 + 1)·0.9 = 9.9/month; pt 1,000·0.001 = 1; fee 10; commit K = 20 → true-up 10.1
    // month = 9.9 + 10.1 + 1 + 10 = 31 → TCO 372; usage 118.8, commitTrueUp 121.2
    const doc = baseDoc({
      streams: [smsStream({ inboundPerOutbound: 0.5 })],
      vendors: [
        vendor('A', {
          quote: {
            discount: '0.1',
            minimumMonthlyCommit: '20',
            routes: [route({ inboundPrice: '0.002', passThrough: '0.001' })],
            fees: [fee('platform', '10', 'month')],
          },
        }),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 1).usage, '9.9');
    expectMoney(row(a, 1).commitTrueUp, '10.1');
    expectMoney(row(a, 1).passThrough, '1');
    expectMoney(row(a, 1).fees, '10');
    expectMoney(tcoOf(a).nominal, '372');
  });

  it('internal cost: setup in month 1, monthly hours and other every month, never escalated', () => {
    // hourlyRate 100; setup 10 h, monthly 2 h, monthlyOther 50; escalator 10%; H = 24
    // month 1: 1,000 + 200 + 50 = 1,250; other months 250; internal = 1,000 + 24·250 = 7,000
    const doc = baseDoc({
      horizonMonths: 24,
      vendors: [vendor('A', { quote: { escalator: 0.1 }, internal: { setupHours: 10, monthlyHours: 2, monthlyOther: '50' } })],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 1).internal, '1250');
    expectMoney(row(a, 13).internal, '250');
    expectMoney(tcoOf(a).byCategory.internal, '7000');
  });
});

// =============================================================================================
describe('routes, coverage and rates (§3, §4, §6, I11)', () => {
  it('an uncovered route: vendor shown with no totals; breakEven skips it', () => {
    // streams sms/US and sms/DE (1,000 each); A prices sms/US only → does not cover sms/DE.
    // B prices `sms` (any country) at 0.01 and an unused whatsapp route (costs nothing):
    //   usage 2,000·0.01 = 20/month → 240; B has a pilot on sms/US only, so sms/DE is on defaults.
    const doc = baseDoc({
      defaults: { sms: { deliveryRate: 1, engagementRate: 0.1 } },
      streams: [smsStream({ id: 'us' }), smsStream({ id: 'de', country: 'DE' })],
      vendors: [
        vendor('A'),
        vendor('B', {
          quote: {
            routes: [route({ country: null }), route({ channel: 'whatsapp', country: null, price: '5' })],
          },
        }),
      ],
    });
    const out = run(doc);
    const a = vOf(out, 'A');
    expect(a.uncovered).toEqual(['sms/DE']);
    expect(a.tco).toBeNull();
    expect(a.costPerSent).toBeNull();
    expect(a.costPerDelivered).toBeNull();
    expect(a.costPerEffective).toBeNull();
    expect(a.roi).toBeNull();
    expect(a.sensitivity).toBeNull();
    expect(a.uncertainty).toBeNull();
    expect(a.monthly).toBeNull();
    const b = vOf(out, 'B');
    expect(b.uncovered).toEqual([]);
    expect(b.assumed).toEqual(['sms/DE']);
    expectMoney(tcoOf(b).nominal, '240');
    expect(out.breakEven.filter((p) => p.a === 'A' || p.b === 'A')).toEqual([]);
    expectNum(b.uncertainty!.pCheapest, 1);
  });

  it('assumed route: workspace defaults used when there is no pilot, listed in `assumed`', () => {
    // no pilot; defaults sms DR 0.9, ER 0.2; 1,000/month; remediation 0.10
    // delivered 900/month → 10,800; effective 10,800·0.2 = 2,160; failed 100/month → 10 → 120
    // TCO = 120 usage + 120 remediation = 240
    const doc = baseDoc({
      defaults: { sms: { deliveryRate: 0.9, engagementRate: 0.2 } },
      vendors: [vendor('A', { pilots: [], internal: { remediationPerFailure: '0.10' } })],
    });
    const a = vOf(run(doc), 'A');
    expect(a.assumed).toEqual(['sms/US']);
    expectNum(a.delivered, 10800);
    expectNum(a.effective, 2160);
    expectMoney(tcoOf(a).byCategory.remediation, '120');
    expectMoney(tcoOf(a).nominal, '240');
  });

  it('assumed: a pilot with nothing sent, or with no engaged count, falls back to the default', () => {
    const defaults = { sms: { deliveryRate: 0.9, engagementRate: 0.2 } };
    // (a) pilot sent 0 → DR and ER from defaults → delivered 10,800, effective 2,160
    const a = vOf(run(baseDoc({ defaults, vendors: [vendor('A', { pilots: [pilot({ sent: 0, delivered: 0, engaged: 0 })] })] })), 'A');
    expect(a.assumed).toEqual(['sms/US']);
    expectNum(a.delivered, 10800);
    expectNum(a.effective, 2160);
    // (b) pilot 800/1000 delivered, engaged null → DR 0.8 from the pilot, ER 0.2 from the default
    //     delivered 800·12 = 9,600; effective 9,600·0.2 = 1,920
    const b = vOf(run(baseDoc({ defaults, vendors: [vendor('A', { pilots: [pilot({ sent: 1000, delivered: 800, engaged: null })] })] })), 'A');
    expect(b.assumed).toEqual(['sms/US']);
    expectNum(b.delivered, 9600);
    expectNum(b.effective, 1920);
  });

  it('assumed routes are written sms/US, whatsapp/US/utility, chat//support, email', () => {
    const doc = baseDoc({
      defaults: {
        whatsapp: { deliveryRate: 0.97, engagementRate: 0.1 },
        chat: { deliveryRate: 1, engagementRate: 0.5 },
        email: { deliveryRate: 0.98, engagementRate: 0.03 },
      },
      streams: [
        smsStream({ id: 'sms' }), // has a pilot → not assumed
        stream({ id: 'wa', channel: 'whatsapp', country: 'US', class: 'utility' }),
        stream({ id: 'chat', channel: 'chat', country: null, class: 'support' }),
        stream({ id: 'mail', channel: 'email', country: null }),
      ],
      vendors: [
        vendor('A', {
          quote: {
            routes: [
              route(),
              route({ channel: 'whatsapp', country: 'US', price: '0.005' }),
              route({ channel: 'chat', country: null, price: '0.1' }),
              route({ channel: 'email', country: null, price: '0.001' }),
            ],
          },
        }),
      ],
    });
    const a = vOf(run(doc), 'A');
    expect(a.uncovered).toEqual([]);
    expect([...a.assumed].sort()).toEqual(['chat//support', 'email', 'whatsapp/US/utility']);
  });

  it('no pilot and no default for the channel is an input error', () => {
    const doc = baseDoc({ defaults: {}, vendors: [vendor('A', { pilots: [] })] });
    expect(() => run(doc)).toThrow(/sms/);
  });

  it('most specific match wins, country first: sms/US beats sms//10dlc beats sms', () => {
    // routes: sms/US 0.01, sms//10dlc 0.02, sms 0.03 (all rates from defaults)
    // a: sms/US/10dlc 1,000 → sms/US   → 10
    // b: sms/CA/10dlc 2,000 → sms//10dlc → 40
    // c: sms/CA       4,000 → sms      → 120
    // d: sms/CA/toll-free 8,000 → sms  → 240
    // usage = 410/month → 4,920 (each wrong match gives a different total)
    const doc = baseDoc({
      defaults: { sms: { deliveryRate: 1, engagementRate: 0.1 } },
      streams: [
        smsStream({ id: 'a', country: 'US', class: '10dlc', monthlyVolume: 1000 }),
        smsStream({ id: 'b', country: 'CA', class: '10dlc', monthlyVolume: 2000 }),
        smsStream({ id: 'c', country: 'CA', class: null, monthlyVolume: 4000 }),
        smsStream({ id: 'd', country: 'CA', class: 'toll-free', monthlyVolume: 8000 }),
      ],
      vendors: [
        vendor('A', {
          pilots: [],
          quote: {
            routes: [route({ country: 'US', price: '0.01' }), route({ country: null, class: '10dlc', price: '0.02' }), route({ country: null, class: null, price: '0.03' })],
          },
        }),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 1).usage, '410');
    expectMoney(tcoOf(a).byCategory.usage, '4920');
  });

  it('WhatsApp class billed on delivered: delivered units summed before the tiers', () => {
    // whatsapp/US/utility 10,000/month; pilot DR 0.9 (900/1000), ER 0.1
    // billed = 9,000 delivered; graduated [0: 0.02, 5,000: 0.01] → 5,000·0.02 + 4,000·0.01 = 140
    // (billing sent would give 100 + 50 = 150); pass-through 9,000·0.001 = 9
    // remediation 1,000 failed · 0.05 = 50; marketing route unused → 0
    // TCO = 12·(140 + 9 + 50) = 2,388
    const doc = baseDoc({
      streams: [stream({ channel: 'whatsapp', country: 'US', class: 'utility', monthlyVolume: 10000 })],
      vendors: [
        vendor('A', {
          quote: {
            routes: [
              route({
                channel: 'whatsapp',
                country: 'US',
                class: 'utility',
                tiers: [
                  { from: 0, price: '0.02' },
                  { from: 5000, price: '0.01' },
                ],
                billedOn: 'delivered',
                passThrough: '0.001',
              }),
              route({ channel: 'whatsapp', country: 'US', class: 'marketing', price: '0.05' }),
            ],
          },
          internal: { remediationPerFailure: '0.05' },
          pilots: [pilot({ channel: 'whatsapp', country: 'US', class: 'utility', sent: 1000, delivered: 900, engaged: 90 })],
        }),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 1).usage, '140');
    expectMoney(row(a, 1).passThrough, '9');
    expectMoney(row(a, 1).remediation, '50');
    expectMoney(tcoOf(a).nominal, '2388');
    expectNum(a.sent, 120000);
    expectNum(a.delivered, 108000);
    expectNum(a.effective, 10800);
  });

  it('a route billed on effective (per-outcome AI agent pricing)', () => {
    // chat//support 1,000/month; pilot DR 0.8 (800/1000), ER 0.25 (200/800)
    // effective = 1,000·0.8·0.25 = 200 → usage 200·0.5 = 100/month; pt 200·0.01 = 2/month
    const doc = baseDoc({
      streams: [stream({ channel: 'chat', country: null, class: 'support' })],
      vendors: [
        vendor('A', {
          quote: { routes: [route({ channel: 'chat', country: null, price: '0.5', billedOn: 'effective', passThrough: '0.01' })] },
          pilots: [pilot({ channel: 'chat', country: null, class: 'support', sent: 1000, delivered: 800, engaged: 200 })],
        }),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 1).usage, '100');
    expectMoney(row(a, 1).passThrough, '2');
    expectMoney(tcoOf(a).nominal, '1224');
    expectNum(a.effective, 2400);
  });

  it('pass-through changes from a calendar month on; unnamed fields keep their value (I3)', () => {
    // start 2027-03, H = 12, 1,000 out + 500 in; pt 0.003, inbound pt 0.001
    // change from 2028-01: pt 0.0045 (horizon months 11, 12); from 2028-02: inbound pt 0.002 (month 12)
    // m1..m10: 3 + 0.5 = 3.5 → 35; m11: 4.5 + 0.5 = 5; m12: 4.5 + 1 = 5.5 → 45.5
    const doc = baseDoc({
      startMonth: '2027-03',
      streams: [smsStream({ inboundPerOutbound: 0.5 })],
      vendors: [
        vendor('A', {
          quote: {
            routes: [
              route({
                passThrough: '0.003',
                inboundPassThrough: '0.001',
                passThroughChanges: [
                  { from: '2028-01', passThrough: '0.0045' },
                  { from: '2028-02', inboundPassThrough: '0.002' },
                ],
              }),
            ],
          },
        }),
      ],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(row(a, 10).passThrough, '3.5');
    expectMoney(row(a, 11).passThrough, '5');
    expectMoney(row(a, 12).passThrough, '5.5');
    expectMoney(tcoOf(a).byCategory.passThrough, '45.5');
  });

  it('pilots: a class pilot serves its class, a classless one every other class; pilots on one route add up', () => {
    // pilots sms/US (900/1000, 90 engaged) and sms/US/10dlc (500/1000, 50 engaged)
    // stream a sms/US/10dlc 1,000 → DR 0.5; stream b sms/US/toll-free 1,000 → DR 0.9
    // delivered = 12·(500 + 900) = 16,800; ER 0.1 on both → effective 1,680
    const doc = baseDoc({
      streams: [smsStream({ id: 'a', class: '10dlc' }), smsStream({ id: 'b', class: 'toll-free' })],
      vendors: [
        vendor('A', {
          pilots: [pilot({ sent: 1000, delivered: 900, engaged: 90 }), pilot({ class: '10dlc', sent: 1000, delivered: 500, engaged: 50 })],
        }),
      ],
    });
    const a = vOf(run(doc), 'A');
    expect(a.assumed).toEqual([]);
    expectNum(a.delivered, 16800);
    expectNum(a.effective, 1680);
    // two pilots on sms/US: (900 + 700)/(1,000 + 1,000) = 0.8; ER (90 + 70)/1,600 = 0.1
    // delivered 800·12 = 9,600; effective 960
    const doc2 = baseDoc({
      vendors: [
        vendor('A', {
          pilots: [pilot({ sent: 1000, delivered: 900, engaged: 90 }), pilot({ sent: 1000, delivered: 700, engaged: 70 })],
        }),
      ],
    });
    const b = vOf(run(doc2), 'A');
    expectNum(b.delivered, 9600);
    expectNum(b.effective, 960);
  });

  it('ER = 0 (engaged 0 is a count): no effective messages → cost per effective is none', () => {
    // pilot 1000/1000, engaged 0 → ER 0, not assumed; TCO 120; sent 12,000 → 0.01 per sent
    const a = vOf(run(baseDoc({ vendors: [vendor('A', { pilots: [pilot({ engaged: 0 })] })] })), 'A');
    expect(a.assumed).toEqual([]);
    expectNum(a.effective, 0);
    expect(a.costPerEffective).toBeNull();
    expectMoney(a.costPerSent, '0.01');
    expectMoney(a.costPerDelivered, '0.01');
  });
});

// =============================================================================================
describe('benefits, ROI, payback (§7, I7, I8)', () => {
  it('payback month (cumulative ≥, equality counts) and ROI, without and with riskAdjustment', () => {
    // price 0.04 → 40/month; setup 3 h · 100 = 300 in month 1; riskReductionPerYear 1,200 → 100/month
    // cumulative cost(m) = 300 + 40m; benefits 100m ≥ 300 + 40m ⇔ m ≥ 5 (500 = 500) → payback 5
    // TCO = 300 + 480 = 780; ROI = (1,200 − 780)/780 = 420/780 = 0.538461…
    const mk = (riskAdjustment: number, perYear: string) =>
      baseDoc({
        riskAdjustment,
        streams: [smsStream({ benefits: { riskReductionPerYear: perYear } })],
        vendors: [vendor('A', { quote: { routes: [route({ price: '0.04' })] }, internal: { setupHours: 3 } })],
      });
    const a = vOf(run(mk(0, '1200')), 'A');
    expectMoney(tcoOf(a).nominal, '780');
    expect(a.paybackMonth).toBe(5);
    expectMoney(a.roi, new Decimal(420).div(780));
    // riskAdjustment 0.2: benefits 80/month; 80m ≥ 300 + 40m ⇔ m ≥ 7.5 → payback 8
    // risk-adjusted 960; ROI = (960 − 780)/780 = 180/780 = 3/13 = 0.230769…
    const b = vOf(run(mk(0.2, '1200')), 'A');
    expect(b.paybackMonth).toBe(8);
    expectMoney(b.benefits!.nominal, '1200');
    expectMoney(b.benefits!.riskAdjusted, '960');
    expectMoney(b.benefits!.npv, '960'); // r = 0, risk-adjusted
    expectMoney(row(b, 1).benefits, '80');
    expectMoney(b.roi, new Decimal(3).div(13));
    // 120/yr → 10/month < 40/month: never paid back; ROI = (120 − 780)/780 = −0.846153…
    const c = vOf(run(mk(0, '120')), 'A');
    expect(c.paybackMonth).toBeNull();
    expectMoney(c.roi, new Decimal(-660).div(780));
  });

  it('benefits from a holdout: lift ÷ DR of the holdout vendor, applied to each vendor’s delivered', () => {
    // holdout exposed 300/10,000 = 0.03, holdout 100/10,000 = 0.01 → absolute lift 0.02, vendor A
    // A: DR 0.8 → incremental per delivered = 0.02/0.8 = 0.025 (an entered rate 0.5 is ignored)
    // stream 10,000/month, price 0.01 → TCO 100·12 = 1,200 for both vendors; value 20 a conversion
    // A: delivered 8,000 → 200 conv/month → 4,000/month → 48,000; ROI = (48,000 − 1,200)/1,200 = 39
    // B: DR 1 → delivered 10,000 → 250 conv/month → 5,000/month → 60,000; ROI = 58,800/1,200 = 49
    // cost per incremental: A 1,200/2,400 = 0.5; B 1,200/3,000 = 0.4
    const doc = baseDoc({
      streams: [
        smsStream({
          monthlyVolume: 10000,
          benefits: {
            valuePerConversion: '20',
            holdout: { exposed: [300, 10000], holdout: [100, 10000], vendor: 'A' },
            conversionRate: 0.5,
          },
        }),
      ],
      vendors: [vendor('A', { pilots: [pilot({ sent: 1000, delivered: 800, engaged: 80 })] }), vendor('B', { pilots: [pilot({ sent: 1000, delivered: 1000, engaged: 100 })] })],
    });
    const out = run(doc);
    const a = vOf(out, 'A');
    const b = vOf(out, 'B');
    expectMoney(tcoOf(a).nominal, '1200');
    expectMoney(a.benefits!.nominal, '48000');
    expectMoney(b.benefits!.nominal, '60000');
    expectMoney(row(a, 1).benefits, '4000');
    expectMoney(a.roi, '39');
    expectMoney(b.roi, '49');
    expect(a.paybackMonth).toBe(1);
    expectMoney(a.costPerIncremental!.value, '0.5');
    expectMoney(b.costPerIncremental!.value, '0.4');
    // ci95: Newcombe bounds of the lift [L, U] = [0.0161736885…, 0.0239475460…];
    // low cost = TCO / (U/0.8 · delivered), high cost = TCO / (L/0.8 · delivered)
    // A (delivered 96,000): [0.4175793196…, 0.6182881521…]; B (120,000): [0.3340634557…, 0.4946305217…]
    const [L, U] = newcombe(300, 10000, 100, 10000);
    expect(L).toBeCloseTo(0.016173688539, 11);
    expect(U).toBeCloseTo(0.023947546082, 11);
    const ciA = a.costPerIncremental!.ci95!;
    expectMoney(ciA[0], 1200 / ((U / 0.8) * 96000));
    expectMoney(ciA[1], 1200 / ((L / 0.8) * 96000));
    expectMoney(ciA[0], '0.4175793196');
    expectMoney(ciA[1], '0.6182881521', '1e-9');
    const ciB = b.costPerIncremental!.ci95!;
    expectMoney(ciB[0], 1200 / ((U / 0.8) * 120000));
    expectMoney(ciB[1], 1200 / ((L / 0.8) * 120000));
  });

  it('a holdout without a vendor uses the costed vendor’s own DR', () => {
    // A: 0.02/0.8 · 8,000 = 200 conv; B: 0.02/1 · 10,000 = 200 conv → both 4,000/month → 48,000
    const doc = baseDoc({
      streams: [
        smsStream({
          monthlyVolume: 10000,
          benefits: { valuePerConversion: '20', holdout: { exposed: [300, 10000], holdout: [100, 10000] } },
        }),
      ],
      vendors: [vendor('A', { pilots: [pilot({ sent: 1000, delivered: 800, engaged: 80 })] }), vendor('B', { pilots: [pilot({ sent: 1000, delivered: 1000, engaged: 100 })] })],
    });
    const out = run(doc);
    expectMoney(vOf(out, 'A').benefits!.nominal, '48000');
    expectMoney(vOf(out, 'B').benefits!.nominal, '48000');
  });

  it('an entered conversionRate: cost per incremental without an interval', () => {
    // conversionRate 0.01 per delivered; A DR 0.8 → 8,000·0.01 = 80 conv/month → 960; value 10 → 9,600
    // cost per incremental = 1,200 / 960 = 1.25; ci95 null (no holdout)
    const doc = baseDoc({
      streams: [smsStream({ monthlyVolume: 10000, benefits: { valuePerConversion: '10', conversionRate: 0.01 } })],
      vendors: [vendor('A', { pilots: [pilot({ sent: 1000, delivered: 800, engaged: 80 })] })],
    });
    const a = vOf(run(doc), 'A');
    expectMoney(a.benefits!.nominal, '9600');
    expectMoney(a.costPerIncremental!.value, '1.25');
    expect(a.costPerIncremental!.ci95).toBeNull();
  });

  it('deflection and riskReductionPerYear, risk-adjusted; ROI without conversions', () => {
    // 1,000/month; deflectedPerDelivered 0.02, costPerContact 5; riskReductionPerYear 1,200; riskAdj 0.25
    // A (DR 0.8): delivered 800 → 16 contacts → 80 + 100 = 180/month → risk-adjusted 135/month
    //   nominal 2,160, risk-adjusted 1,620; TCO 120 → ROI = (1,620 − 120)/120 = 12.5
    // B (DR 1): delivered 1,000 → 20 → 100 + 100 = 200 → 150/month → nominal 2,400, risk-adjusted 1,800
    const doc = baseDoc({
      riskAdjustment: 0.25,
      streams: [smsStream({ benefits: { deflectedPerDelivered: 0.02, costPerContact: '5', riskReductionPerYear: '1200' } })],
      vendors: [vendor('A', { pilots: [pilot({ sent: 1000, delivered: 800, engaged: 80 })] }), vendor('B')],
    });
    const out = run(doc);
    const a = vOf(out, 'A');
    expectMoney(a.benefits!.nominal, '2160');
    expectMoney(a.benefits!.riskAdjusted, '1620');
    expectMoney(row(a, 1).benefits, '135');
    expectMoney(a.roi, '12.5');
    expect(a.costPerIncremental).toBeNull();
    const b = vOf(out, 'B');
    expectMoney(b.benefits!.nominal, '2400');
    expectMoney(b.benefits!.riskAdjusted, '1800');
  });
});

// =============================================================================================
describe('break-even (§7)', () => {
  it('one crossing: A fee 100/month + 0.01 vs B 0.02, 4,000/month → k = 2.5', () => {
    // TCO_A(k) = 12·(100 + 4,000k·0.01) = 12·(100 + 40k); TCO_B(k) = 12·(4,000k·0.02) = 12·80k
    // equal at 100 + 40k = 80k ⇔ k = 2.5 (B cheaper below, A cheaper above)
    const doc = baseDoc({
      streams: [smsStream({ monthlyVolume: 4000 })],
      vendors: [vendor('A', { quote: { fees: [fee('platform', '100', 'month')] } }), vendor('B', { quote: { routes: [route({ price: '0.02' })] } })],
    });
    const out = run(doc);
    const pair = out.breakEven.find((p) => (p.a === 'A' && p.b === 'B') || (p.a === 'B' && p.b === 'A'));
    expect(pair).toBeDefined();
    expect(pair!.multipliers).toHaveLength(1);
    expect(Math.abs(pair!.multipliers[0]! - 2.5)).toBeLessThanOrEqual(2.5e-6);
  });

  it('a volume-tier jump: the jump’s k is reported (k = 1.25)', () => {
    // 4,000/month. A: volume tiers [0: 0.02, 5,000: 0.005]; B: flat 0.01 (monthly, ×12 cancels)
    // A(k) = 80k for 4,000k ≤ 5,000 (k ≤ 1.25), = 20k above; B(k) = 40k
    // k ≤ 1.25: A = 80k > 40k (B cheaper); k > 1.25: A = 20k < 40k (A cheaper) → [1.25]
    const doc = baseDoc({
      streams: [smsStream({ monthlyVolume: 4000 })],
      vendors: [
        vendor('A', {
          quote: {
            routes: [
              route({
                tiers: [
                  { from: 0, price: '0.02' },
                  { from: 5000, price: '0.005' },
                ],
                tierMode: 'volume',
              }),
            ],
          },
        }),
        vendor('B'),
      ],
    });
    const out = run(doc);
    const pair = out.breakEven.find((p) => (p.a === 'A' && p.b === 'B') || (p.a === 'B' && p.b === 'A'));
    expect(pair).toBeDefined();
    expect(pair!.multipliers).toHaveLength(1);
    expect(Math.abs(pair!.multipliers[0]! - 1.25)).toBeLessThanOrEqual(1.25e-6);
  });

  it('inbound follows the multiplier, contacts do not', () => {
    // 4,000/month, inbound 0.5, monthlyActive 1,000.
    // A: 0.01 + contact-month 0.1 → 100/month fixed: A(k) = 100 + 40k
    // B: 0.01 + inboundPrice 0.02: B(k) = 40k + 2,000k·0.02 = 80k → equal at k = 2.5
    // (contacts scaling would give A = 140k > 80k; inbound fixed would give B = 40k + 40 < A: no crossing)
    const doc = baseDoc({
      streams: [smsStream({ monthlyVolume: 4000, inboundPerOutbound: 0.5, monthlyActive: 1000 })],
      vendors: [vendor('A', { quote: { fees: [fee('contacts', '0.1', 'contact-month')] } }), vendor('B', { quote: { routes: [route({ inboundPrice: '0.02' })] } })],
    });
    const out = run(doc);
    const pair = out.breakEven.find((p) => (p.a === 'A' && p.b === 'B') || (p.a === 'B' && p.b === 'A'));
    expect(pair).toBeDefined();
    expect(pair!.multipliers).toHaveLength(1);
    expect(Math.abs(pair!.multipliers[0]! - 2.5)).toBeLessThanOrEqual(2.5e-6);
  });

  it('no crossing in 0.1..10: B at 0.005 is always cheaper → []', () => {
    // A = 12·(100 + 40k) > B = 12·20k for every k > 0
    const doc = baseDoc({
      streams: [smsStream({ monthlyVolume: 4000 })],
      vendors: [vendor('A', { quote: { fees: [fee('platform', '100', 'month')] } }), vendor('B', { quote: { routes: [route({ price: '0.005' })] } })],
    });
    const out = run(doc);
    const pair = out.breakEven.find((p) => (p.a === 'A' && p.b === 'B') || (p.a === 'B' && p.b === 'A'));
    expect(pair).toBeDefined();
    expect(pair!.multipliers).toEqual([]);
  });
});

// =============================================================================================
describe('uncertainty (§7)', () => {
  function twoVendorsAndUncovered(): WorkspaceDoc {
    const doc = workedExampleDoc();
    const b = vendor('B', {
      quote: { routes: [route({ price: '0.009', passThrough: '0.003' })] },
      internal: { remediationPerFailure: '0.10' },
      pilots: [pilot({ sent: 5000, delivered: 4900, engaged: 400 })],
    });
    const c = vendor('C', { quote: { routes: [route({ country: 'DE' })] } }); // does not cover sms/US
    return baseDoc({ ...doc, vendors: [...doc.vendors, b, c] });
  }

  it('the same seed gives the same uncertainty; pCheapest sums to 1 over covered vendors', () => {
    const doc = twoVendorsAndUncovered();
    const o1 = run(doc, 1);
    const o2 = run(doc, 1);
    for (const id of ['A', 'B']) {
      expect(vOf(o1, id).uncertainty).not.toBeNull();
      expect(vOf(o1, id).uncertainty).toEqual(vOf(o2, id).uncertainty);
    }
    expect(vOf(o1, 'C').uncertainty).toBeNull();
    const sum = vOf(o1, 'A').uncertainty!.pCheapest + vOf(o1, 'B').uncertainty!.pCheapest;
    expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
    // A's percentiles bracket its point estimate 0.167754… (ER ~ Beta(951, 8551): sd ≈ 3% relative)
    const u = vOf(o1, 'A').uncertainty!.costPerEffective;
    expect(u.p5).toBeLessThanOrEqual(u.p50);
    expect(u.p50).toBeLessThanOrEqual(u.p95);
    expect(u.p5).toBeLessThan(0.167754);
    expect(u.p95).toBeGreaterThan(0.167754);
    expect(u.p5).toBeGreaterThan(0.14);
    expect(u.p95).toBeLessThan(0.2);
  });

  it('assumed rates stay fixed and ties share the draw: identical vendors get 0.5 each', () => {
    // no pilots, defaults DR 0.9 ER 0.2 → every draw equal: TCO 120, effective 2,160 → 0.0555…
    const doc = baseDoc({
      defaults: { sms: { deliveryRate: 0.9, engagementRate: 0.2 } },
      vendors: [vendor('A', { pilots: [] }), vendor('B', { pilots: [] })],
    });
    const out = run(doc);
    for (const id of ['A', 'B']) {
      const u = vOf(out, id).uncertainty!;
      expectNum(u.pCheapest, 0.5, 1e-9);
      expectNum(u.costPerEffective.p5, 120 / 2160, 1e-9);
      expectNum(u.costPerEffective.p50, 120 / 2160, 1e-9);
      expectNum(u.costPerEffective.p95, 120 / 2160, 1e-9);
    }
  });
});

// =============================================================================================
describe('document errors (FORMAT.md)', () => {
  it('an unknown field is an error naming its JSON path', () => {
    const doc = baseDoc();
    Object.assign(doc.streams[0]!, { colour: 'blue' });
    expect(() => run(doc)).toThrow(/streams\[0\]/);
    expect(() => run(doc)).toThrow(/colour/);
  });
});
