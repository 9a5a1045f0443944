// The words and chart data of "why the winner wins" (renderer/src/features/compare/why.ts,
// renderer/src/charts/datasets.ts). Numbers are worked by hand in the comments.
import { describe, expect, it } from 'vitest';
import type { ComputeJson, WhyJson } from '../../electron/engine/result-json.js';
import { computeDocument } from '../fixtures/compute-document.js';
import { gapWaterfall, tornado } from '../../renderer/src/charts/datasets.js';
import { breakEvenWords, messagesShort, signedUnit, whyWords } from '../../renderer/src/features/compare/why.js';
import { pilot, route, vendor, workedExampleDoc } from '../fixtures/docs.js';

/** test/e2e/why.e2e.test.ts's pair: A (TCO 19,124, 0.1678 per effective) against B (TCO 18,000, 0.3750). */
function pair(): ComputeJson {
  const doc = workedExampleDoc();
  doc.vendors.push(vendor('B', { quote: { routes: [route({ price: '0.012', passThrough: '0.003' })], fees: [] }, pilots: [pilot({ sent: 10000, delivered: 8000, engaged: 400 })] }));
  return computeDocument(doc, { draws: 0 });
}

const withWhy = (r: ComputeJson, why: Partial<WhyJson>, breakEven = r.breakEven): ComputeJson => ({ ...r, breakEven, why: { ...r.why!, ...why } });

describe('why, in words', () => {
  it('signs and decimals', () => {
    expect(signedUnit('0.0526', 'USD', 4)).toBe('+$0.0526');
    expect(signedUnit('-0.0011', 'USD', 4)).toBe('−$0.0011');
    expect(signedUnit('0.0000', 'USD', 4)).toBe('$0.0000');
    expect(messagesShort(1_234_567)).toBe('1.23 million');
    expect(messagesShort(193_666.7)).toBe('193,667');
  });

  it('the break-even sentence: a change above today, one below, none', () => {
    const r = pair();
    // B is cheaper by TCO at ×1 (18,000 < 19,124); A = 2,324 + 16,800k, B = 18,000k meet at k = 1.936667.
    expect(breakEvenWords(r)).toBe("At today's 100,000 messages a month Vendor B has the lower TCO and stays cheaper until 193,667 a month (×1.937), where Vendor A becomes cheaper by TCO.");
    // The same pair with a change below today only (×0.5): 50,000 a month.
    const below = withWhy(r, {}, [{ a: 'A', b: 'B', multipliers: [0.5], stretches: [] }]);
    expect(breakEvenWords(below)).toBe(
      "At today's 100,000 messages a month Vendor B has the lower TCO and stays cheaper at every volume up to ×10; below 50,000 a month (×0.5) Vendor A is cheaper by TCO.",
    );
    const none = withWhy(r, { tco: { nominal: 'lower', npv: 'lower' } }, [{ a: 'A', b: 'B', multipliers: [], stretches: [] }]);
    expect(breakEvenWords(none)).toBe("At today's 100,000 messages a month Vendor A has the lower TCO, and stays cheaper by TCO than Vendor B at any volume from ×0.1 to ×10 of today's.");
    // Without the break-even analysis (the totals of a keystroke): nothing to say yet.
    expect(breakEvenWords(withWhy(r, {}, []))).toBeNull();
  });

  it('the measure, when the winner also has the lower TCO', () => {
    const r = withWhy(pair(), { tco: { nominal: 'lower', npv: 'lower' }, perEffectiveOnly: false });
    expect(whyWords(r)!.measure).toBe('Vendor A wins on every measure against Vendor B: the lower TCO, the lower present value of cost and the lower cost per effective message.');
  });

  it('no waterfall on a tie, with one vendor, or with nothing effective — said in words', () => {
    const r = pair();
    const tie = whyWords(withWhy(r, { kind: 'tie', gap: '0', parts: null, shown: null }))!;
    expect(tie.rows).toBeNull();
    expect(tie.sentence).toBe('Vendor A and Vendor B cost exactly the same per effective message; Vendor A is listed first, so it is marked cheapest. There is no gap to explain.');
    const one = whyWords(withWhy(r, { kind: 'oneVendor', runnerUp: null, tco: null, gap: null, parts: null, shown: null }))!;
    expect(one.rows).toBeNull();
    expect(one.measure).toBe('Vendor A is the only vendor that covers every stream and has messages that do their job, so there is no runner-up to compare it with.');
    expect(whyWords(withWhy(r, { kind: 'noEffective', winner: null }))).toBeNull();
  });
});

describe('why, as chart data', () => {
  it('the waterfall floats each effect from the running total, then the gap from 0', () => {
    // +0.05, −0.01, +0.02 → bars [0, 0.05], [0.05, 0.04], [0.04, 0.06]; gap [0, 0.06]
    const w = gapWaterfall(
      [
        { label: 'a', value: '0.05' },
        { label: 'b', value: '-0.01' },
        { label: 'c', value: '0.02' },
      ],
      'Gap',
      '0.06',
    );
    expect(w.labels).toEqual(['a', 'b', 'c', 'Gap']);
    expect(w.kind).toEqual(['up', 'down', 'up', 'total']);
    expect(w.bars.map(([x, y]) => [Number(x.toFixed(10)), Number(y.toFixed(10))])).toEqual([
      [0, 0.05],
      [0.05, 0.04],
      [0.04, 0.06],
      [0, 0.06],
    ]);
  });

  it('the tornado per effective message: widest swing first, the capped rate said', () => {
    const a = pair().vendors.find((v) => v.id === 'A')!;
    const t = tornado(a, 'costPerEffective');
    // A's DR 0.95: ×0.8 → 41,924/91,200 = 0.45969…; ×1.2 → capped at 1: 13,124/120,000 = 0.10937;
    // against 19,124/114,000 = 0.16775: −0.05838 … +0.29194, the widest swing.
    expect(t.labels[0]).toBe('Delivery rate (×1.2 capped at 100%)');
    expect(t.low[0]).toBeCloseTo(41924 / 91200 - 19124 / 114000, 12);
    expect(t.high[0]).toBeCloseTo(13124 / 120000 - 19124 / 114000, 12);
    // ER 0.1 → 0.08 / 0.12: effective 91,200 / 136,800 at the same TCO: the second widest
    expect(t.labels[1]).toBe('Engagement rate');
    expect(t.low[1]).toBeCloseTo(19124 / 91200 - 19124 / 114000, 12);
    // On TCO the engine's order stands: delivery rate first (swing 28,800), the same capped label
    expect(tornado(a, 'tco').labels[0]).toBe('Delivery rate (×1.2 capped at 100%)');
    expect(tornado(a, 'tco').labels[1]).toBe('Volume');
  });
});
