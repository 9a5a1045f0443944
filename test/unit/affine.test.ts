/**
 * The arithmetics that derive the fast forms from the rule (affine.ts, interval.ts): tiers.ts's
 * chargeTiers run over lines gives the tier charge as a line and the range of the variable where it
 * holds, and billing.ts's commitTrueUps run over ranges tells whether a commit can bind. Numbers
 * worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { constantPart, Line, LineCalc, slope } from '../../electron/engine/affine.js';
import { commitTrueUps } from '../../electron/engine/billing.js';
import { rangeCalc, Undecided, type Range } from '../../electron/engine/interval.js';
import { chargeTiers, type Tiers } from '../../electron/engine/tiers.js';

// 2,000 messages a month at rate x; graduated tiers: the first 1,000 at 0.01, the rest at 0.008.
const graduated: Tiers<number> = { mode: 'graduated', from: [0, 1000], price: [0.01, 0.008], base: [0, 10] };
const volume: Tiers<number> = { ...graduated, mode: 'volume' };
const units = new Line(0, 2000);

describe('the rule run over lines (affine.ts)', () => {
  it('gives a graduated tier charge as a line and where it holds', () => {
    // At x = 0.3: 600 units, all in the first tier: 0.01 · 2,000x = 20x, while 0 < 2,000x ≤ 1,000.
    const c = new LineCalc(0.3);
    const low = chargeTiers(c, graduated, units);
    expect([constantPart(low), slope(low)]).toEqual([0, 20]);
    expect(c.lo).toBe(0);
    expect(c.hi).toBeCloseTo(0.5, 10);
    // At x = 0.8: 1,600 units: 10 + 0.008 · (2,000x − 1,000) = 2 + 16x, for x above 0.5.
    c.reset(0.8);
    const high = chargeTiers(c, graduated, units);
    expect(constantPart(high)).toBeCloseTo(2, 12);
    expect(slope(high)).toBeCloseTo(16, 12);
    expect(c.lo).toBeCloseTo(0.5, 10);
    expect(c.hi).toBe(Infinity);
  });

  it('keeps a units count on a threshold in the lower tier, as the float arithmetic does', () => {
    // x = 0.5 puts exactly 1,000 units on the threshold: the lower tier, 20x; the range ends there.
    const c = new LineCalc(0.5);
    expect(slope(chargeTiers(c, graduated, units))).toBe(20);
    expect(c.hi).toBeGreaterThanOrEqual(0.5);
    expect(c.hi).toBeLessThan(0.5 + 1e-9);
  });

  it('gives a volume tier charge as a line: every unit at the tier the count reaches', () => {
    // At x = 0.8, all 1,600 units at 0.008: 12.8 at 0.8, 16x.
    const c = new LineCalc(0.8);
    const v = chargeTiers(c, volume, units);
    expect([constantPart(v), slope(v)]).toEqual([0, 16]);
  });

  it("gives a monthly commit's true-up as a line and where the commit binds", () => {
    // Usage 200x a month against a commit of 100: at x = 0.3 the commit binds, 100 − 200x, while x ≤ 0.5.
    const years = [{ lastMonth: 1, months: 1 }];
    const c = new LineCalc(0.3);
    const trueUp: (number | Line)[] = [];
    commitTrueUps(c, [new Line(0, 200)], 1, 100, 0, [1], years, trueUp);
    expect([constantPart(trueUp[0]!), slope(trueUp[0]!)]).toEqual([100, -200]);
    expect([c.lo, c.hi]).toEqual([-Infinity, 0.5]);
    // At x = 0.8 it does not (160 of usage): no true-up, for x above 0.5.
    c.reset(0.8);
    commitTrueUps(c, [new Line(0, 200)], 1, 100, 0, [1], years, trueUp);
    expect(trueUp[0]).toBe(0);
    expect([c.lo, c.hi]).toEqual([0.5, Infinity]);
  });

  it('refuses a product of two values that both move', () => {
    const c = new LineCalc(1);
    expect(() => c.mul(units, units)).toThrow(/both move/);
    expect(() => c.div(3, units)).toThrow(/divided/);
    expect(c.mul(units, 0.5)).toEqual(new Line(0, 1000));
  });
});

describe('the rule run over ranges (interval.ts)', () => {
  const years = [{ lastMonth: 2, months: 2 }];
  const run = (usage: Range[], monthly: number, annual: number) => {
    const trueUp: Range[] = [];
    commitTrueUps(rangeCalc, usage, usage.length, rangeCalc.from(monthly), rangeCalc.from(annual), [1, 1], years, trueUp);
    return trueUp;
  };

  it('bills no true-up when usage covers the monthly commit over its whole range', () => {
    expect(
      run(
        [
          { lo: 120, hi: 150 },
          { lo: 100, hi: 130 },
        ],
        100,
        0,
      ).every((t) => rangeCalc.isZero(t)),
    ).toBe(true);
  });

  it('bills the monthly commit less usage when usage is below it over its whole range', () => {
    // Commit 100 against usage 50..80: a true-up of 20..50.
    expect(run([{ lo: 50, hi: 80 }], 100, 0)).toEqual([{ lo: 20, hi: 50 }]);
  });

  it('stops when the range holds usage on both sides of a commit', () => {
    expect(() => run([{ lo: 90, hi: 150 }], 100, 0)).toThrow(Undecided);
    // Annual commit 1,200 prorated to 2 months: 200 due against 180..260 billed: undecided.
    expect(() =>
      run(
        [
          { lo: 90, hi: 130 },
          { lo: 90, hi: 130 },
        ],
        0,
        1200,
      ),
    ).toThrow(Undecided);
    // Against 210..260, covered: no true-up.
    expect(
      run(
        [
          { lo: 105, hi: 130 },
          { lo: 105, hi: 130 },
        ],
        0,
        1200,
      ).every((t) => rangeCalc.isZero(t)),
    ).toBe(true);
  });
});
