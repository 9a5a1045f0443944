// Why the winner wins (issue 14 item 6; electron/engine/gap.ts, README "Why the winner wins").
// Every expected number is worked by hand in the comment beside it, never pasted from the engine.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../electron/engine/decimal.js';
import { GAP_EFFECTS, engagementFormula, roundParts, splitGap, whyTheWinner, type GapEffect, type GapVendor } from '../../electron/engine/gap.js';
import { computeDocument } from '../fixtures/compute-document.js';
import { baseDoc, fee, pilot, route, smsStream, vendor, workedExampleDoc } from '../fixtures/docs.js';

const d = (x: string | number) => new Decimal(x);

function gv(
  id: string,
  c: { usage: number; passThrough: number; commitTrueUp: number; fees: number; internal: number; remediation: number },
  npv: number,
  delivered: number,
  effective: number,
): GapVendor {
  const nominal = Object.fromEntries(Object.entries(c).map(([k, v]) => [k, d(v)])) as GapVendor['nominal'];
  const tco = Object.values(nominal).reduce((a, b) => a.plus(b), d(0));
  return { id, nominal, tcoNominal: tco, tcoNpv: d(npv), delivered: d(delivered), effective: d(effective), costPerEffective: effective > 0 ? tco.div(effective) : null };
}

// Sums in 100 digits: a part can be larger than the gap and carry its last decimal place.
const Wide = Decimal.clone({ precision: 100 });
const sum = (p: Record<GapEffect, Decimal>) => new Decimal(GAP_EFFECTS.reduce((a, e) => a.plus(p[e].toString()), new Wide(0)).toString());
const strings = (p: Record<GapEffect, Decimal>) => Object.fromEntries(GAP_EFFECTS.map((e) => [e, p[e].toString()]));

describe('the gap between the two cheapest per effective message, in eight effects', () => {
  it('a hand-worked pair: every effect at or above zero', () => {
    // W: usage 700 + pass-through 300 + fees 100 + internal 200 + remediation 100 = 1,400;
    //    delivered 9,000, effective 1,000 → 1.40 per effective message.
    // R: usage 800 + 300 + 100 + 200 + remediation 200 = 1,600; delivered 8,000, effective 800 → 2.00.
    const w = gv('W', { usage: 700, passThrough: 300, commitTrueUp: 0, fees: 100, internal: 200, remediation: 100 }, 1400, 9000, 1000);
    const r = gv('R', { usage: 800, passThrough: 300, commitTrueUp: 0, fees: 100, internal: 200, remediation: 200 }, 1600, 8000, 800);
    const why = whyTheWinner([r, w], 'W', d(100000));
    expect(why.kind).toBe('gap');
    expect(why.runnerUp).toBe('R');
    // gap = 2.00 − 1.40 = 0.60
    expect(why.gap!.toString()).toBe('0.6');
    // cost effects at W's 1,000 effective messages: price (800 − 700)/1,000 = 0.1; remediation (200 − 100)/1,000 = 0.1
    // delivery: C_R·(D_W/D_R − 1)/E_W = 1,600·(9,000/8,000 − 1)/1,000 = 1,600·0.125/1,000 = 0.2
    // engagement: C_R/E_R − C_R·D_W/(D_R·E_W) = 2 − 1,600·9,000/(8,000·1,000) = 2 − 1.8 = 0.2
    expect(strings(why.parts!)).toEqual({ price: '0.1', passThrough: '0', fees: '0', commits: '0', internal: '0', remediation: '0.1', deliveryRate: '0.2', engagementRate: '0.2' });
    // W has the lower TCO too (1,400 < 1,600; present value 1,400 < 1,600)
    expect(why.tco).toEqual({ nominal: 'lower', npv: 'lower' });
    expect(why.perEffectiveOnly).toBe(false);
    // shown: 0.6 to 4 significant digits is 0.6000, so 4 decimals
    expect(why.shown!.decimals).toBe(4);
    expect(why.shown!.gap.toFixed(4)).toBe('0.6000');
    expect(why.monthlyVolume.toString()).toBe('100000');
  });

  it('negative effects: the winner has the higher TCO and wins only per effective message', () => {
    // W: 1,000 + 300 + fees 200 + 200 + 0 = 1,700 (present value 1,650); delivered 9,500, effective 1,900
    //    → 17/19 = 0.894736842… per effective message.
    // R: 800 + 300 + fees 100 + 200 + remediation 100 = 1,500 (present value 1,480); delivered 8,000,
    //    effective 1,200 → 1.25.
    const w = gv('W', { usage: 1000, passThrough: 300, commitTrueUp: 0, fees: 200, internal: 200, remediation: 0 }, 1650, 9500, 1900);
    const r = gv('R', { usage: 800, passThrough: 300, commitTrueUp: 0, fees: 100, internal: 200, remediation: 100 }, 1480, 8000, 1200);
    const why = whyTheWinner([w, r], 'W', d(1));
    // gap = 1.25 − 17/19 = 6.75/19
    expect(why.gap!.minus(d('6.75').div(19)).abs().lt('1e-32')).toBe(true);
    const p = why.parts!;
    // price (800 − 1,000)/1,900 = −2/19; fees (100 − 200)/1,900 = −1/19; remediation +1/19
    expect(p.price.minus(d(-2).div(19)).abs().lt('1e-32')).toBe(true);
    expect(p.fees.minus(d(-1).div(19)).abs().lt('1e-32')).toBe(true);
    expect(p.remediation.minus(d(1).div(19)).abs().lt('1e-32')).toBe(true);
    // delivery: 1,500·(9,500/8,000 − 1)/1,900 = 1,500·0.1875/1,900 = 281.25/1,900
    expect(p.deliveryRate.minus(d('281.25').div(1900)).abs().lt('1e-32')).toBe(true);
    // engagement: 1,500/1,200 − 1,500·9,500/(8,000·1,900) = 1.25 − 0.9375 = 0.3125
    expect(p.engagementRate.minus('0.3125').abs().lt('1e-32')).toBe(true);
    expect(sum(p).eq(why.gap!)).toBe(true);
    expect(why.tco).toEqual({ nominal: 'higher', npv: 'higher' });
    expect(why.perEffectiveOnly).toBe(true);
    // Shown: the gap 0.355263… → 0.3553 (4 decimals), 3,553 ten-thousandths to share out.
    // ×10⁴: price −1,052.63 → floor −1,053 (remainder 0.368); fees −526.32 → −527 (0.684);
    // remediation 526.32 → 526 (0.316); delivery 1,480.26 → 1,480 (0.263); engagement 3,125 (0).
    // Floors sum to −1,053 − 527 + 526 + 1,480 + 3,125 = 3,551: two units to the largest
    // remainders, fees (0.684) and price (0.368).
    const s = why.shown!;
    expect(s.gap.toFixed(4)).toBe('0.3553');
    expect(Object.fromEntries(GAP_EFFECTS.map((e) => [e, s.parts[e].toFixed(4)]))).toEqual({
      price: '-0.1052',
      passThrough: '0.0000',
      fees: '-0.0526',
      commits: '0.0000',
      internal: '0.0000',
      remediation: '0.0526',
      deliveryRate: '0.1480',
      engagementRate: '0.3125',
    });
    // −0.1052 − 0.0526 + 0.0526 + 0.1480 + 0.3125 = 0.3553
    expect(sum(s.parts).eq(s.gap)).toBe(true);
  });

  it('the remainder taken for the engagement effect is its formula to the 30th digit', () => {
    const w = gv('W', { usage: 1000, passThrough: 300, commitTrueUp: 7, fees: 200, internal: 200, remediation: 3 }, 1650, 9700, 1300);
    const r = gv('R', { usage: 800, passThrough: 310, commitTrueUp: 0, fees: 100, internal: 200, remediation: 100 }, 1480, 7900, 700);
    const { parts } = splitGap(w, r);
    expect(parts.engagementRate.minus(engagementFormula(w, r)).abs().lt('1e-30')).toBe(true);
  });

  it('no waterfall on a tie, with one vendor, or without effective messages', () => {
    // W 1,000/1,000 = 1 and R 2,000/2,000 = 1: a tie, W first in document order
    const w = gv('W', { usage: 1000, passThrough: 0, commitTrueUp: 0, fees: 0, internal: 0, remediation: 0 }, 1000, 1000, 1000);
    const r = gv('R', { usage: 2000, passThrough: 0, commitTrueUp: 0, fees: 0, internal: 0, remediation: 0 }, 2000, 4000, 2000);
    const tie = whyTheWinner([w, r], 'W', d(1));
    expect(tie.kind).toBe('tie');
    expect(tie.gap!.isZero()).toBe(true);
    expect(tie.parts).toBeNull();
    expect(tie.shown).toBeNull();
    // one vendor, or the other has no effective message
    const none = gv('N', { usage: 5, passThrough: 0, commitTrueUp: 0, fees: 0, internal: 0, remediation: 0 }, 5, 0, 0);
    expect(whyTheWinner([w], 'W', d(1)).kind).toBe('oneVendor');
    const alone = whyTheWinner([none, w], 'W', d(1));
    expect(alone.kind).toBe('oneVendor');
    expect(alone.runnerUp).toBeNull();
    expect(alone.parts).toBeNull();
    const nothing = whyTheWinner([none], null, d(1));
    expect(nothing.kind).toBe('noEffective');
    expect(nothing.winner).toBeNull();
  });

  it('property: the parts add up exactly to the gap, and the parts shown to the gap shown', () => {
    const amount = fc.integer({ min: 0, max: 10_000_000 }).map((x) => d(x).div(100));
    const side = fc.record({
      usage: amount,
      passThrough: amount,
      commitTrueUp: amount,
      fees: amount,
      internal: amount,
      remediation: amount,
      delivered: fc.integer({ min: 1, max: 5_000_000 }),
      share: fc.integer({ min: 1, max: 1000 }),
    });
    fc.assert(
      fc.property(side, side, (a, b) => {
        const mk = (id: string, x: typeof a) => {
          const { delivered, share, ...c } = x;
          const nominal = c as GapVendor['nominal'];
          const tco = Object.values(nominal).reduce((s, v) => s.plus(v), d(0));
          const effective = d(delivered).times(share).div(1000);
          return { id, nominal, tcoNominal: tco, tcoNpv: tco, delivered: d(delivered), effective, costPerEffective: tco.div(effective) };
        };
        const va = mk('a', a);
        const vb = mk('b', b);
        const [w, r] = va.costPerEffective.lte(vb.costPerEffective) ? [va, vb] : [vb, va];
        const why = whyTheWinner([va, vb], w.id, d(1));
        if (why.kind === 'tie') return r.costPerEffective.eq(w.costPerEffective);
        expect(why.kind).toBe('gap');
        expect(sum(why.parts!).eq(why.gap!)).toBe(true);
        expect(why.gap!.eq(r.costPerEffective.minus(w.costPerEffective))).toBe(true);
        const s = why.shown!;
        expect(sum(s.parts).eq(s.gap)).toBe(true);
        // 4 significant digits below 1,000; whole units from there
        expect(s.gap.eq(why.gap!.lt(1000) ? why.gap!.toSignificantDigits(4, Decimal.ROUND_HALF_UP) : why.gap!.toDecimalPlaces(0, Decimal.ROUND_HALF_UP))).toBe(true);
        // every part shown is its exact value rounded down or up: within one unit of the last decimal
        const unit = d(10).pow(-s.decimals);
        for (const e of GAP_EFFECTS) expect(s.parts[e].minus(why.parts![e]).abs().lt(unit)).toBe(true);
        return true;
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it('largest remainder: ties in remainder go in the order of the effects', () => {
    // gap 1 → 1.000 (3 decimals). ×10³: price 333.5, pass-through 333.5, fees 333.0 → floors 333 each,
    // 999 of 1,000: one unit to the largest remainder; price and pass-through tie at 0.5 → price.
    const z = d(0);
    const parts = { price: d('0.3335'), passThrough: d('0.3335'), fees: d('0.333'), commits: z, internal: z, remediation: z, deliveryRate: z, engagementRate: z };
    const s = roundParts(d(1), parts);
    expect(s.decimals).toBe(3);
    expect([s.parts.price.toFixed(3), s.parts.passThrough.toFixed(3), s.parts.fees.toFixed(3)]).toEqual(['0.334', '0.333', '0.333']);
    expect(sum(s.parts).toFixed(3)).toBe('1.000');
  });
});

describe('why, through compute (the worked example A against a cheaper list with poorer rates)', () => {
  it('A wins per effective message with the higher TCO; the effects are worked by hand', () => {
    // A (MODEL.md section 11): usage 8,400, pass-through 3,600, fees 124, internal 1,000,
    // remediation 6,000 → 19,124; delivered 1,140,000, effective 114,000 → 0.16775…
    // B: flat 0.0070 + pass-through 0.0030 on 100,000 a month for 12 months: usage 8,400,
    // pass-through 3,600 → 12,000; DR 0.8, ER 0.05: delivered 960,000, effective 48,000 → 0.25.
    const doc = workedExampleDoc();
    doc.vendors.push(
      vendor('B', {
        quote: { routes: [route({ price: '0.0070', passThrough: '0.0030' })], fees: [] },
        pilots: [pilot({ sent: 10000, delivered: 8000, engaged: 400 })],
      }),
    );
    const out = computeDocument(doc, { draws: 0 });
    const why = out.why!;
    expect(out.cheapest).toBe('A');
    expect(why.kind).toBe('gap');
    expect(why.runnerUp).toBe('B');
    expect(why.tco).toEqual({ nominal: 'higher', npv: 'higher' });
    expect(why.perEffectiveOnly).toBe(true);
    expect(why.monthlyVolume).toBe(100000);
    const p = Object.fromEntries(Object.entries(why.parts!).map(([k, v]) => [k, d(v)]));
    const near = (x: Decimal, y: Decimal) => expect(x.minus(y).abs().lt('1e-30')).toBe(true);
    // gap = 0.25 − 19,124/114,000 = 9,376/114,000
    near(d(why.gap!), d(9376).div(114000));
    // at A's 114,000 effective messages: price (8,400 − 8,400) = 0, pass-through 0,
    // fees −124/114,000, internal −1,000/114,000, remediation −6,000/114,000
    near(p.price!, d(0));
    near(p.passThrough!, d(0));
    near(p.fees!, d(-124).div(114000));
    near(p.internal!, d(-1000).div(114000));
    near(p.remediation!, d(-6000).div(114000));
    // delivery: 12,000·(1,140,000/960,000 − 1)/114,000 = 12,000·0.1875/114,000 = 2,250/114,000
    near(p.deliveryRate!, d(2250).div(114000));
    // engagement: 12,000/48,000 − 12,000·1,140,000/(960,000·114,000) = 0.25 − 0.125 = 0.125
    near(p.engagementRate!, d('0.125'));
    // Shown: 0.082245614… → 0.08225 (4 significant digits, 5 decimals), 8,225 units of 10⁻⁵.
    // ×10⁵: fees −108.772 → floor −109 (remainder 0.228); internal −877.193 → −878 (0.807);
    // remediation −5,263.158 → −5,264 (0.842); delivery 1,973.684 → 1,973 (0.684); engagement 12,500.
    // Floors: 12,500 + 1,973 − 109 − 878 − 5,264 = 8,222; 3 units missing → the three largest
    // remainders: remediation, internal, delivery.
    const s = why.shown!;
    expect(s.decimals).toBe(5);
    expect(s.gap).toBe('0.08225');
    expect(s.parts).toEqual({
      price: '0.00000',
      passThrough: '0.00000',
      fees: '-0.00109',
      commits: '0.00000',
      internal: '-0.00877',
      remediation: '-0.05263',
      deliveryRate: '0.01974',
      engagementRate: '0.12500',
    });
    // −0.00109 − 0.00877 − 0.05263 + 0.01974 + 0.12500 = 0.08225
  });

  it('sensitivity says where ×1.2 of a rate is held at 100%', () => {
    // A's DR 0.95 ×1.2 = 1.14 → held at 1: capped; its ER 0.1 ×1.2 = 0.12: not capped.
    // B's DR 0.8 ×1.2 = 0.96: not capped. Other inputs are never capped.
    const doc = workedExampleDoc();
    doc.vendors.push(vendor('B', { pilots: [pilot({ sent: 10000, delivered: 8000, engaged: 400 })] }));
    const out = computeDocument(doc, { draws: 0 });
    const capped = (id: string) => Object.fromEntries(out.vendors.find((v) => v.id === id)!.sensitivity!.map((s) => [s.input, s.capped]));
    expect(capped('A')).toEqual({
      prices: false,
      passThrough: false,
      volume: false,
      deliveryRate: true,
      engagementRate: false,
      internalHours: false,
      fees: false,
      escalator: false,
      discountRate: false,
    });
    expect(capped('B').deliveryRate).toBe(false);
  });

  it('one vendor: no waterfall; its today volume is the sum of the streams', () => {
    const doc = baseDoc({ streams: [smsStream({ id: 'a', monthlyVolume: 1200 }), smsStream({ id: 'b', monthlyVolume: 300 })], vendors: [vendor('A', { quote: { fees: [fee('x', '1', 'month')] } })] });
    const why = computeDocument(doc, { draws: 0 }).why!;
    expect(why.kind).toBe('oneVendor');
    // 1,200 + 300
    expect(why.monthlyVolume).toBe(1500);
  });
});
