/**
 * The order of the month sums (engine/pairwise.ts): routes are added pairwise, and a kept tree
 * changed one leaf at a time has the very sum the pairwise order gives from scratch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalCalc } from '../../electron/engine/calc.js';
import { Decimal } from '../../electron/engine/decimal.js';
import { pairwiseSum, pairwiseTree, setLeaf } from '../../electron/engine/pairwise.js';

const d = (x: string) => new Decimal(x);

describe('the pairwise order of the month sums', () => {
  it('adds the halves first, which at 34 digits is not the order of a running total', () => {
    // 10^34 + 1 has 35 digits and rounds to 10^34. A running total: ((10^34 + 1) + 1) − 10^34 = 0.
    // Pairwise: (10^34 + 1) + (1 − 10^34) = 10^34 + (−9,999…999, 34 nines) = 1.
    const xs = [d('1e34'), d('1'), d('1'), d('-1e34')];
    expect(xs.reduce((a, b) => a.plus(b)).toString()).toBe('0');
    expect(pairwiseSum(decimalCalc, xs).toString()).toBe('1');
    expect(pairwiseTree(decimalCalc, 4, (i) => xs[i]!)[1]!.toString()).toBe('1');
    // Three leaves: [0, 1) then [1, 3): 2 + (3 + 4) = 9; none and one leaf.
    expect(pairwiseSum(decimalCalc, [d('2'), d('3'), d('4')]).toString()).toBe('9');
    expect(pairwiseSum(decimalCalc, []).toString()).toBe('0');
    expect(pairwiseSum(decimalCalc, [d('7.5')]).toString()).toBe('7.5');
  });

  it('a kept tree changed leaf by leaf sums as the pairwise order does from scratch, to the last digit', () => {
    // Values from 1e-12 to 1e30 with up to 34 digits, so that sums round and the order shows.
    const value = fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: -12, max: 14 })).map(([m, e]) => new Decimal(`${m}e${e}`));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 40 }).chain((leaves) => fc.tuple(fc.constant(leaves), fc.array(fc.tuple(fc.nat({ max: leaves.length - 1 }), value), { maxLength: 30 }))),
        ([leaves, sets]) => {
          const xs = [...leaves];
          const tree = pairwiseTree(decimalCalc, xs.length, (i) => xs[i]!);
          expect(tree[1]!.toString()).toBe(pairwiseSum(decimalCalc, xs).toString());
          for (const [i, v] of sets) {
            xs[i] = v;
            setLeaf(decimalCalc, tree, xs.length, i, v);
            expect(tree[1]!.toString()).toBe(pairwiseSum(decimalCalc, xs).toString());
          }
        },
      ),
      { numRuns: 300, seed: 15 },
    );
  });
});
