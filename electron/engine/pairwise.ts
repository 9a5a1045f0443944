/**
 * The order in which a vendor's routes are added month by month (MODEL.md leaves it open; the
 * engine's README says why): pairwise, the first half of the routes [lo, mid) and the second
 * [mid, hi), mid = ⌊(lo + hi) / 2⌋, each added the same way, then the two sums. Exact decimals
 * round at 34 digits, so an order must be fixed for a result to be the same to the last digit
 * however it is reached. This one can be kept as a tree: a price typed in one route adds again only
 * the ⌈log₂ n⌉ sums above it, not all n routes (a keystroke on a 150-route vendor: 8 additions a
 * month, not 150).
 */
import type { Calc } from './calc.js';

/** a + b, adding only what is not zero (zero plus a value is that value, to the last digit). */
export function add0<N>(c: Calc<N>, a: N, b: N): N {
  return c.isZero(a) ? b : c.isZero(b) ? a : c.add(a, b);
}

/** Σ xs[lo..hi) in the pairwise order. */
export function pairwiseSum<N>(c: Calc<N>, xs: ArrayLike<N>, lo = 0, hi = xs.length): N {
  if (hi - lo <= 0) return c.zero;
  if (hi - lo === 1) return xs[lo]!;
  const mid = (lo + hi) >> 1;
  return add0(c, pairwiseSum(c, xs, lo, mid), pairwiseSum(c, xs, mid, hi));
}

/**
 * The pairwise sums of n leaves, kept: node k covers [lo, hi), its halves are nodes 2k and 2k + 1,
 * node 1 covers all (the sum). `leaf(i)` gives leaf i's value.
 */
export function pairwiseTree<N>(c: Calc<N>, n: number, leaf: (i: number) => N): N[] {
  const nodes = new Array<N>(n > 0 ? 4 * n : 2).fill(c.zero);
  const build = (k: number, lo: number, hi: number): N => {
    if (hi - lo === 1) return (nodes[k] = leaf(lo));
    const mid = (lo + hi) >> 1;
    return (nodes[k] = add0(c, build(2 * k, lo, mid), build(2 * k + 1, mid, hi)));
  };
  if (n > 0) build(1, 0, n);
  return nodes;
}

/** Leaf i of a kept tree of n leaves is now `value`: the sums above it are added again. */
export function setLeaf<N>(c: Calc<N>, nodes: N[], n: number, i: number, value: N): void {
  const path: number[] = [];
  let k = 1;
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    path.push(k);
    const mid = (lo + hi) >> 1;
    if (i < mid) {
      k = 2 * k;
      hi = mid;
    } else {
      k = 2 * k + 1;
      lo = mid;
    }
  }
  nodes[k] = value;
  for (let p = path.length - 1; p >= 0; p--) {
    const j = path[p]!;
    nodes[j] = add0(c, nodes[2 * j]!, nodes[2 * j + 1]!);
  }
}
