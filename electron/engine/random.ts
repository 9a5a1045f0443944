/**
 * Seeded randomness for the uncertainty draws: sfc32 seeded through splitmix32, normal deviates by
 * the Marsaglia polar method, gamma by Marsaglia & Tsang (2000), beta as a ratio of gammas.
 * The same seed gives the same sequence on every platform (32-bit integer arithmetic only).
 */

/** Constants of a Beta(aa, bb) sampler, computed once per distribution. */
export interface BetaShape { aa: number; bb: number; a: number; b: number; alpha: number; beta: number; gamma: number; swapped: boolean; cheng: boolean }

export function betaShape(aa: number, bb: number): BetaShape {
  const a = Math.min(aa, bb);
  const b = Math.max(aa, bb);
  const alpha = a + b;
  const cheng = a > 1;
  const beta = cheng ? Math.sqrt((alpha - 2) / (2 * a * b - alpha)) : 0;
  return { aa, bb, a, b, alpha, beta, gamma: cheng ? a + 1 / beta : 0, swapped: aa !== a, cheng };
}

export class Rng {
  /** sfc32 state, in a typed array so updates never box numbers. */
  private readonly s = new Int32Array(4);
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return z ^ (z >>> 16);
    };
    for (let i = 0; i < 4; i++) this.s[i] = next();
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  nextU32(): number {
    const s = this.s;
    const a = s[0]!;
    const b = s[1]!;
    let c = s[2]!;
    const d = s[3]!;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    s[2] = (c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on (0, 1) with 32 bits of resolution: ample for statistics, twice as fast as 53. */
  uniform(): number {
    return (this.nextU32() + 0.5) * 2.3283064365386963e-10;
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const q = u * u + v * v;
      if (q > 0 && q < 1) {
        const f = Math.sqrt((-2 * Math.log(q)) / q);
        this.spare = v * f;
        this.hasSpare = true;
        return u * f;
      }
    }
  }

  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /**
   * Beta(aa, bb). Both shapes above 1: Cheng's algorithm BB (R. C. H. Cheng, "Generating beta
   * variates with nonintegral shape parameters", Comm. ACM 21 (1978) 317-322), as R's rbeta uses
   * it: two uniforms, a log and an exp per draw, instead of two gamma variates. Otherwise the
   * ratio of gammas.
   */
  beta(aa: number, bb: number): number {
    return this.betaOf(betaShape(aa, bb));
  }

  betaOf(p: BetaShape): number {
    const { a, b, alpha, beta, gamma } = p;
    if (!p.cheng) {
      const x = this.gamma(p.aa);
      const y = this.gamma(p.bb);
      return x / (x + y);
    }
    let w: number;
    for (;;) {
      const u1 = this.uniform();
      const u2 = this.uniform();
      const v = beta * Math.log(u1 / (1 - u1));
      w = v <= 709 ? a * Math.exp(v) : Number.MAX_VALUE;
      if (!Number.isFinite(w)) w = Number.MAX_VALUE;
      const z = u1 * u1 * u2;
      const r = gamma * v - 1.3862944;
      const s = a + r - w;
      if (s + 2.609438 >= 5 * z) break;
      const t = Math.log(z);
      if (s > t) break;
      if (r + alpha * Math.log(alpha / (b + w)) >= t) break;
    }
    return p.swapped ? b / (b + w) : w / (b + w);
  }
}

/** Percentile with linear interpolation between order statistics (h = (n-1)p), of sorted values. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  if (a === b) return a;
  return a + (h - lo) * (b - a);
}
