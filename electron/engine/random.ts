/**
 * Seeded randomness for the uncertainty draws: sfc32 seeded through splitmix32, normal deviates by
 * the ziggurat method, gamma by Marsaglia & Tsang (2000), beta as a ratio of gammas.
 * The same seed gives the same sequence on every platform (32-bit integer arithmetic only).
 */

/** The shape parameters of a Beta distribution drawn again and again. */
export interface BetaShape {
  aa: number;
  bb: number;
}

export function betaShape(aa: number, bb: number): BetaShape {
  return { aa, bb };
}

/** Ziggurat tables for the standard normal, 128 layers (Marsaglia & Tsang 2000, zigset). */
const ZIG_R = 3.442619855899;
const ZIG_K = new Int32Array(128);
const ZIG_W = new Float64Array(128);
const ZIG_F = new Float64Array(128);
{
  const m1 = 2147483648.0;
  const vn = 9.91256303526217e-3;
  let dn = ZIG_R;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  ZIG_K[0] = Math.floor((dn / q) * m1);
  ZIG_K[1] = 0;
  ZIG_W[0] = q / m1;
  ZIG_W[127] = dn / m1;
  ZIG_F[0] = 1;
  ZIG_F[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    ZIG_K[i + 1] = Math.floor((dn / tn) * m1);
    tn = dn;
    ZIG_F[i] = Math.exp(-0.5 * dn * dn);
    ZIG_W[i] = dn / m1;
  }
}

export class Rng {
  /** sfc32 state, in a typed array so updates never box numbers. */
  private readonly s = new Int32Array(4);

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

  /**
   * A standard normal deviate by the ziggurat method (Marsaglia & Tsang, "The Ziggurat Method for
   * Generating Random Variables", J. Stat. Software 5(8), 2000; 128 layers), with the layer index
   * taken from its own random word (Doornik 2005 showed the original's shared bits correlate).
   */
  normal(): number {
    for (;;) {
      const hz = this.nextU32() | 0;
      const iz = this.nextU32() & 127;
      if (Math.abs(hz) < ZIG_K[iz]!) return hz * ZIG_W[iz]!;
      const x = hz * ZIG_W[iz]!;
      if (iz === 0) {
        // The tail beyond r = 3.442620: Marsaglia's exponential method.
        let a: number;
        let b: number;
        do {
          a = -Math.log(this.uniform()) / ZIG_R;
          b = -Math.log(this.uniform());
        } while (b + b < a * a);
        return hz > 0 ? ZIG_R + a : -ZIG_R - a;
      }
      if (ZIG_F[iz]! + this.uniform() * (ZIG_F[iz - 1]! - ZIG_F[iz]!) < Math.exp(-0.5 * x * x)) return x;
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

  /** Beta(aa, bb) as X / (X + Y) with X ~ Gamma(aa), Y ~ Gamma(bb). */
  beta(aa: number, bb: number): number {
    return this.betaOf(betaShape(aa, bb));
  }

  betaOf(p: BetaShape): number {
    const x = this.gamma(p.aa);
    const y = this.gamma(p.bb);
    return x / (x + y);
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
