// Holdout statistics — MODEL.md section 10 — and the normal-distribution helpers they need.
//
// Pure functions, no imports. Binary floating point is fine here: these are statistics, not
// money. Every public function validates its arguments and throws a RangeError naming the
// argument that is out of range.

/** z_(0.975), the two-sided 95% normal critical value (= normalQuantile(0.975)). */
export const Z975 = 1.959963984540054;

const SQRT_32 = 5.656854249492380195206754896838;
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;

// ---------------------------------------------------------------------------------------------
// Normal distribution

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969)
// 631-637, in the form of Cody's ANORM (ACM TOMS Algorithm 715, 1993), as also used by R's pnorm.
// Near 1e-16 relative accuracy in both tails; no cancellation because each branch computes the
// smaller tail directly.
const CODY_A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const CODY_B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const CODY_C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
  1.0765576773720192317e-8,
];
const CODY_D = [22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727];
const CODY_P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const CODY_Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

/** Coefficient lookup for the fixed tables above (the index is always in range). */
function k(table: readonly number[], i: number): number {
  return table[i] as number;
}

/** exp(-y²/2) computed as exp(-ys²/2)·exp(-(y-ys)(y+ys)/2) with ys = y rounded down to 1/16,
 *  which avoids the rounding error of squaring a large y (Cody). */
function gaussTail(y: number): number {
  const ys = Math.trunc(y * 16) / 16;
  const del = (y - ys) * (y + ys);
  return Math.exp(-ys * ys * 0.5) * Math.exp(-del * 0.5);
}

/** Standard normal CDF Φ(z), accurate to about 1e-16 relative (Cody's algorithm). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('normalCdf: z must be a number, got NaN');
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  const y = Math.abs(z);
  if (y <= 0.67448975) {
    let xnum = 0;
    let xden = 0;
    if (y > 1.1102230246251565e-16) {
      const xsq = z * z;
      xnum = k(CODY_A, 4) * xsq;
      xden = xsq;
      for (let i = 0; i < 3; i++) {
        xnum = (xnum + k(CODY_A, i)) * xsq;
        xden = (xden + k(CODY_B, i)) * xsq;
      }
    }
    const temp = (z * (xnum + k(CODY_A, 3))) / (xden + k(CODY_B, 3));
    return 0.5 + temp;
  }
  let smallTail: number; // Φ(-|z|)
  if (y <= SQRT_32) {
    let xnum = k(CODY_C, 8) * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + k(CODY_C, i)) * y;
      xden = (xden + k(CODY_D, i)) * y;
    }
    const temp = (xnum + k(CODY_C, 7)) / (xden + k(CODY_D, 7));
    smallTail = gaussTail(y) * temp;
  } else if (y < 40) {
    const xsq = 1 / (y * y);
    let xnum = k(CODY_P, 5) * xsq;
    let xden = xsq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + k(CODY_P, i)) * xsq;
      xden = (xden + k(CODY_Q, i)) * xsq;
    }
    let temp = (xsq * (xnum + k(CODY_P, 4))) / (xden + k(CODY_Q, 4));
    temp = (ONE_OVER_SQRT_2PI - temp) / y;
    smallTail = gaussTail(y) * temp;
  } else {
    smallTail = 0; // below the smallest positive double
  }
  return z > 0 ? 1 - smallTail : smallTail;
}

/**
 * Inverse of the standard normal CDF, by M. J. Wichura, "Algorithm AS 241: The percentage points
 * of the normal distribution", Applied Statistics 37 (1988) 477-484, PPND16 (about 1e-16
 * relative accuracy). p = 0 gives -Infinity and p = 1 gives +Infinity.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    val =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -val : val;
}

// ---------------------------------------------------------------------------------------------
// Argument checks

function checkCounts(fn: string, xName: string, x: number, nName: string, n: number): void {
  if (!Number.isInteger(n)) throw new RangeError(`${fn}: ${nName} must be an integer, got ${n}`);
  if (n <= 0) throw new RangeError(`${fn}: ${nName} must be > 0, got ${n}`);
  if (!Number.isInteger(x)) throw new RangeError(`${fn}: ${xName} must be an integer, got ${x}`);
  if (x < 0) throw new RangeError(`${fn}: ${xName} must be >= 0, got ${x}`);
  if (x > n) throw new RangeError(`${fn}: ${xName} must be <= ${nName} (${n}), got ${x}`);
}

function checkZ(fn: string, z: number): void {
  if (!(Number.isFinite(z) && z > 0)) throw new RangeError(`${fn}: z must be a finite number > 0, got ${z}`);
}

function checkOpenUnit(fn: string, name: string, v: number): void {
  if (!(v > 0 && v < 1)) throw new RangeError(`${fn}: ${name} must be strictly between 0 and 1, got ${v}`);
}

// ---------------------------------------------------------------------------------------------
// Intervals and tests

/**
 * Wilson score interval for a binomial proportion x/n (no continuity correction), at critical
 * value z (default the two-sided 95% one). Exactly 0 as the lower limit when x = 0 and exactly 1
 * as the upper limit when x = n.
 */
export function wilsonInterval(x: number, n: number, z: number = Z975): [number, number] {
  checkCounts('wilsonInterval', 'x', x, 'n', n);
  checkZ('wilsonInterval', z);
  const z2 = z * z;
  const denom = n + z2;
  const centre = (x + z2 / 2) / denom;
  const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / denom;
  const lower = x === 0 ? 0 : Math.max(0, centre - half);
  const upper = x === n ? 1 : Math.min(1, centre + half);
  return [lower, upper];
}

/**
 * Interval for the difference p1 − p0 = x1/n1 − x0/n0 by Newcombe's hybrid score method
 * (method 10 of Newcombe 1998, Statistics in Medicine 17:873-890): the Wilson limits (l, u) of
 * each proportion, no continuity correction, combined as
 *   lower = d − sqrt((p1 − l1)² + (u0 − p0)²),  upper = d + sqrt((u1 − p1)² + (p0 − l0)²).
 */
export function newcombeInterval(x1: number, n1: number, x0: number, n0: number, z: number = Z975): [number, number] {
  checkCounts('newcombeInterval', 'x1', x1, 'n1', n1);
  checkCounts('newcombeInterval', 'x0', x0, 'n0', n0);
  checkZ('newcombeInterval', z);
  const p1 = x1 / n1;
  const p0 = x0 / n0;
  const [l1, u1] = wilsonInterval(x1, n1, z);
  const [l0, u0] = wilsonInterval(x0, n0, z);
  const d = p1 - p0;
  const lower = d - Math.sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2);
  const upper = d + Math.sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2);
  return [Math.max(-1, lower), Math.min(1, upper)];
}

export interface HoldoutResult {
  p1: number;
  p0: number;
  absoluteLift: number;
  /** (p1 − p0)/p0; null when p0 = 0. */
  relativeLift: number | null;
  /** Pooled two-proportion z statistic; null when the pooled proportion is 0 or 1. */
  z: number | null;
  /** Two-sided p-value of the pooled z-test, no continuity correction; 1 when z is null. */
  pValue: number;
  /** Newcombe hybrid score 95% interval for p1 − p0. */
  ci95: [number, number];
}

/**
 * Exposed x1/n1 against holdout x0/n0 (MODEL.md section 10). The p-value is from the pooled
 * two-proportion z-test, two-sided, without continuity correction:
 *   p̂ = (x1 + x0)/(n1 + n0),  z = (p1 − p0) / sqrt(p̂(1 − p̂)(1/n1 + 1/n0)),  p = 2·Φ(−|z|).
 */
export function holdoutStats(x1: number, n1: number, x0: number, n0: number): HoldoutResult {
  checkCounts('holdoutStats', 'x1', x1, 'n1', n1);
  checkCounts('holdoutStats', 'x0', x0, 'n0', n0);
  const p1 = x1 / n1;
  const p0 = x0 / n0;
  const absoluteLift = p1 - p0;
  const relativeLift = x0 === 0 ? null : absoluteLift / p0;
  const pooledSuccesses = x1 + x0;
  const pooledTotal = n1 + n0;
  let z: number | null = null;
  let pValue = 1;
  if (pooledSuccesses > 0 && pooledSuccesses < pooledTotal) {
    const pooled = pooledSuccesses / pooledTotal;
    z = absoluteLift / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
    pValue = Math.min(1, 2 * normalCdf(-Math.abs(z)));
  }
  return { p1, p0, absoluteLift, relativeLift, z, pValue, ci95: newcombeInterval(x1, n1, x0, n0, Z975) };
}

export interface SampleSize {
  perGroup: number;
  total: number;
}

/**
 * Relative tolerance taken off the unrounded sample size before rounding up: the formula goes
 * through irrational quantiles and square roots, so a value that is an integer in exact
 * arithmetic can come out as, e.g., 100.00000000000003 and would then round up to 101. With the
 * tolerance, anything within 1e-9 (relative) above an integer counts as that integer. The price
 * is that a true value less than 1e-9 relative above an integer is rounded down, a difference of
 * one observation in about a billion that no input precision can justify anyway.
 */
const CEIL_RELATIVE_TOLERANCE = 1e-9;

/** How far above 1 the floating-point sum p0 + lift may land and still mean a target of 100%. */
const SUM_TOLERANCE = 1e-12;

/** Whether a target rate p0 + lift is at most 100% (as sampleSize accepts it). */
export function targetWithinOne(p0: number, lift: number): boolean {
  return p0 + lift <= 1 + SUM_TOLERANCE;
}

/**
 * Sample size per group to detect an absolute lift δ = `lift` over the baseline `p0` (p0 + δ ≤ 1) with a
 * two-sided pooled z-test at level `alpha` and power `power` (MODEL.md section 10):
 *   n = (z_(α/2)·sqrt(2·p̄(1 − p̄)) + z_β·sqrt(p1(1 − p1) + p0(1 − p0)))² / δ²,
 *   p1 = p0 + δ, p̄ = (p0 + p1)/2, z_(α/2) = Φ⁻¹(1 − α/2), z_β = Φ⁻¹(power),
 * rounded up (see CEIL_RELATIVE_TOLERANCE), at least 1. When power is so low that the bracket is
 * not positive, any sample meets the target and the answer is 1 per group. total = 2·perGroup.
 */
export function sampleSize(p0: number, lift: number, alpha: number = 0.05, power: number = 0.8): SampleSize {
  checkOpenUnit('sampleSize', 'p0', p0);
  if (!(Number.isFinite(lift) && lift > 0)) throw new RangeError(`sampleSize: lift must be > 0, got ${lift}`);
  // A target rate of exactly 100% is valid (MODEL.md v1.2 section 10: p0 + δ ≤ 1); a sum one
  // rounding above 1 (0.7 + 0.30000000000000004) is that target too.
  if (!targetWithinOne(p0, lift)) throw new RangeError(`sampleSize: p0 + lift must be at most 1, got ${p0} + ${lift} = ${p0 + lift}`);
  checkOpenUnit('sampleSize', 'alpha', alpha);
  checkOpenUnit('sampleSize', 'power', power);
  const p1 = Math.min(1, p0 + lift);
  const pBar = (p0 + p1) / 2;
  const zAlpha = normalQuantile(1 - alpha / 2);
  const zBeta = normalQuantile(power);
  const bracket = zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p0 * (1 - p0));
  const raw = bracket > 0 ? (bracket * bracket) / (lift * lift) : 0;
  const perGroup = Math.max(1, Math.ceil(raw * (1 - CEIL_RELATIVE_TOLERANCE)));
  return { perGroup, total: 2 * perGroup };
}
