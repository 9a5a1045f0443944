/**
 * Break-even volume multipliers between two vendors (MODEL.md section 7): every k in 0.1..10 of
 * every stream's monthly volume (inbound follows, contacts do not) where the cheaper vendor by
 * nominal TCO changes. TCO is piecewise linear in k with jumps where volume tiers switch, so the
 * difference is scanned on a fine geometric grid and each change of sign is bisected to a relative
 * width of 1e-7 (reported to 1e-6). A crossing is reported once; two crossings closer together than
 * one grid step (0.5% of k) would be missed, which the engine's notes state.
 */

export const K_MIN = 0.1;
export const K_MAX = 10;
export const GRID = 1000;

export function grid(): number[] {
  const ks: number[] = [];
  const ratio = Math.log(K_MAX / K_MIN);
  for (let i = 0; i <= GRID; i++) ks.push(i === GRID ? K_MAX : K_MIN * Math.exp((ratio * i) / GRID));
  return ks;
}

function sign(x: number, scale: number): number {
  // Differences within floating-point noise of the totals count as a tie.
  return Math.abs(x) <= 1e-12 * scale ? 0 : x > 0 ? 1 : -1;
}

/** The multipliers where sign(TCO_a − TCO_b) changes, given both curves on the grid. */
export function breakEven(a: (k: number) => number, b: (k: number) => number, ks: number[], ta: number[], tb: number[]): number[] {
  const out: number[] = [];
  let lastSign = 0;
  let lastK = NaN;
  for (let i = 0; i < ks.length; i++) {
    const s = sign(ta[i]! - tb[i]!, Math.abs(ta[i]!) + Math.abs(tb[i]!));
    if (s === 0) continue;
    if (lastSign !== 0 && s !== lastSign) {
      const prevIndex = ks.indexOf(lastK);
      if (prevIndex === i - 1) {
        let lo = lastK;
        let hi = ks[i]!;
        while ((hi - lo) / lo > 1e-7) {
          const mid = (lo + hi) / 2;
          const va = a(mid);
          const vb = b(mid);
          const sm = sign(va - vb, Math.abs(va) + Math.abs(vb));
          if (sm === 0) {
            lo = hi = mid;
            break;
          }
          if (sm === lastSign) lo = mid;
          else hi = mid;
        }
        out.push(Number(((lo + hi) / 2).toPrecision(7)));
      } else {
        // A tie over whole grid points: the change happens where the tie begins.
        out.push(Number(ks[prevIndex + 1]!.toPrecision(7)));
      }
    }
    lastSign = s;
    lastK = ks[i]!;
  }
  return out;
}

/**
 * The stretches of volume multipliers between 0.1, the break-even multipliers and 10, each with the
 * vendor cheaper by nominal TCO over it: the sign of the difference at the grid points inside the
 * stretch (a stretch with no grid point inside, or a tie at all of them, at its midpoint). Null: a
 * tie all along.
 */
export function stretches(
  ids: { a: string; b: string },
  curves: { a: (k: number) => number; b: (k: number) => number },
  multipliers: readonly number[],
  ks: readonly number[],
  ta: readonly number[],
  tb: readonly number[],
): { from: number; to: number; cheaper: string | null }[] {
  const { a, b } = ids;
  const bounds = [K_MIN, ...multipliers, K_MAX];
  const out: { from: number; to: number; cheaper: string | null }[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i]!;
    const to = bounds[i + 1]!;
    let s = 0;
    for (let j = 0; j < ks.length && s === 0; j++) {
      if (ks[j]! <= from || ks[j]! >= to) continue;
      s = sign(ta[j]! - tb[j]!, Math.abs(ta[j]!) + Math.abs(tb[j]!));
    }
    if (s === 0) {
      const mid = Math.sqrt(from * to);
      const va = curves.a(mid);
      const vb = curves.b(mid);
      s = sign(va - vb, Math.abs(va) + Math.abs(vb));
    }
    out.push({ from, to, cheaper: s < 0 ? a : s > 0 ? b : null });
  }
  return out;
}
