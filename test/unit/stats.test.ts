import { describe, it, expect } from 'vitest';
import { Z975, normalCdf, normalQuantile, wilsonInterval, newcombeInterval, holdoutStats, sampleSize } from '../../electron/engine/stats.js';

/** |got − want| ≤ tol·|want| (tol relative), or ≤ tol when want is 0. */
function expectRel(got: number, want: number, tol: number): void {
  const err = want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
  expect(err, `got ${got}, want ${want}`).toBeLessThanOrEqual(tol);
}

/** A value as published to 4 decimal places. */
const dp4 = (v: number): string => v.toFixed(4);

describe('normalCdf', () => {
  // Reference values computed independently in 40-digit arithmetic (Python mpmath, ncdf), rounded
  // to the nearest double.
  const reference: Array<[number, number]> = [
    [0, 0.5],
    [1, 0.8413447460685429],
    [1.96, 0.9750021048517795],
    [-1, 0.15865525393145705],
    [-1.96, 0.024997895148220435],
    [-2, 0.02275013194817921],
    [-3, 0.0013498980316300946],
    [-5, 2.866515718791939e-7],
    [-8, 6.220960574271784e-16],
    [-10, 7.619853024160525e-24],
    [-20, 2.7536241186062337e-89],
    [-30, 4.906713927148187e-198],
    [-37, 5.725571222524577e-300],
  ];
  for (const [z, want] of reference) {
    it(`Φ(${z}) = ${want}`, () => expectRel(normalCdf(z), want, 1e-14));
  }

  it('is symmetric and saturates', () => {
    for (let z = 0; z < 8; z += 0.173) expect(Math.abs(normalCdf(z) + normalCdf(-z) - 1)).toBeLessThan(2e-16);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(-45)).toBe(0);
    expect(normalCdf(45)).toBe(1);
    expect(() => normalCdf(Number.NaN)).toThrow(RangeError);
  });
});

describe('normalQuantile', () => {
  it('normalQuantile(0.975) is Z975 = 1.959963984540054', () => {
    // 0.975 is not a double: the exact quantile of the nearest double (0.97499999999999997780) is
    // 1.95996398454005386, one ulp below Z975, and AS241 is accurate to a couple of ulps. So the
    // check is to 1e-15, not bit equality.
    expect(Z975).toBe(1.959963984540054);
    expect(Math.abs(normalQuantile(0.975) - Z975)).toBeLessThan(1e-15);
    expect(Math.abs(normalQuantile(0.025) + Z975)).toBeLessThan(1e-15);
  });

  it('matches known quantiles', () => {
    // 40-digit reference values (mpmath), rounded to doubles.
    expect(normalQuantile(0.5)).toBe(0);
    expectRel(normalQuantile(0.8), 0.8416212335729144, 1e-15);
    expectRel(normalQuantile(0.9), 1.2815515655446006, 1e-15);
    expectRel(normalQuantile(0.995), 2.5758293035489004, 1e-15);
    expectRel(normalQuantile(0.25), -0.6744897501960817, 1e-15);
    expectRel(normalQuantile(1e-10), -6.361340902404057, 1e-15);
    expectRel(normalQuantile(1e-20), -9.262340089798407, 1e-15);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });

  it('inverts normalCdf across the range (all three AS241 branches)', () => {
    // Φ(x(1 + ε)) ≈ Φ(x)·(1 − x²ε) in the lower tail, so even a correctly rounded x only gets p
    // back to about x² ulps: the tolerance scales with x².
    const ps: number[] = [1e-300, 1e-100, 1e-30, 1e-12, 1e-6, 0.0001, 0.02425, 0.075, 0.0750001, 0.3, 0.5, 0.7, 0.925, 0.9999];
    for (let i = 1; i < 1000; i++) ps.push(i / 1000);
    for (const p of ps) {
      const x = normalQuantile(p);
      expectRel(normalCdf(x), p, 1e-14 * Math.max(10, x * x));
    }
    expectRel(normalQuantile(1e-100), -21.273453560965326, 1e-15); // mpmath, 50 digits
    expectRel(normalQuantile(1e-300), -37.0470962993612, 1e-15); // mpmath, 50 digits
  });

  it('rejects p outside [0, 1]', () => {
    for (const p of [-0.1, 1.1, Number.NaN]) expect(() => normalQuantile(p)).toThrow(/p must be in \[0, 1\]/);
  });
});

describe('wilsonInterval', () => {
  // Newcombe RG. "Two-sided confidence intervals for the single proportion: comparison of seven
  // methods." Statistics in Medicine 1998;17:857-872, Table I, method 3 (score, no continuity
  // correction), as quoted in the test suites of R packages ratesci (petelaud/ratesci,
  // tests/testthat/test3.R: 15/148, 0/20, 1/29) and propint (m-Py/propint,
  // tests/testthat/test_Single_Proportion_CI.R: 81/263).
  const table1: Array<[number, number, number, number]> = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ];
  for (const [x, n, lo, hi] of table1) {
    it(`${x}/${n} → (${lo}, ${hi})`, () => {
      const [l, u] = wilsonInterval(x, n);
      expect([dp4(l), dp4(u)]).toEqual([dp4(lo), dp4(hi)]);
    });
  }

  it('is exactly 0 at x = 0 and exactly 1 at x = n', () => {
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(10, 10)[1]).toBe(1);
    expect(wilsonInterval(0, 1)).toEqual([0, expect.closeTo(0.79345, 5)]);
  });

  it('takes another z', () => {
    const [l90, u90] = wilsonInterval(15, 148, normalQuantile(0.95));
    const [l95, u95] = wilsonInterval(15, 148);
    expect(l90).toBeGreaterThan(l95);
    expect(u90).toBeLessThan(u95);
  });
});

describe('newcombeInterval', () => {
  // Newcombe RG. "Interval estimation for the difference between independent proportions:
  // comparison of eleven methods." Statistics in Medicine 1998;17:873-890, Table II, method 10
  // (hybrid score interval from Wilson limits, no continuity correction), examples (a)–(h), to the
  // 4 decimal places published. The table values as quoted in:
  //   capeconomics/mergeron-extra, tests/test_proportions_tests.py ("Examples from Newcombe
  //     (1998), Table II", method "Newcombe"): all eight rows;
  //   m-Py/propint, tests/testthat/test_Two_Independent_Props_CI.R ("the results reported in
  //     Newcombe1998"): (a) and (b);
  //   petelaud/ratesci, tests/testthat/test3.R ("Newcombe RD example (d)", moverci type wilson): (d).
  // (0.0342 to 0.8534 for (c) is the Miettinen-Nurminen score interval of the same table, not
  // method 10.)
  const table2: Array<[string, number, number, number, number, number, number]> = [
    ['(a)', 56, 70, 48, 80, 0.0524, 0.3339],
    ['(b)', 9, 10, 3, 10, 0.1705, 0.809],
    ['(c)', 6, 7, 2, 7, 0.0582, 0.8062],
    ['(d)', 5, 56, 0, 29, -0.0381, 0.1926],
    ['(e)', 0, 10, 0, 20, -0.1611, 0.2775],
    ['(f)', 0, 10, 0, 10, -0.2775, 0.2775],
    ['(g)', 10, 10, 0, 20, 0.6791, 1.0],
    ['(h)', 10, 10, 0, 10, 0.6075, 1.0],
  ];
  for (const [label, x1, n1, x0, n0, lo, hi] of table2) {
    it(`${label} ${x1}/${n1} − ${x0}/${n0} → ${dp4(lo)} to ${dp4(hi)}`, () => {
      const [l, u] = newcombeInterval(x1, n1, x0, n0);
      expect([dp4(l), dp4(u)]).toEqual([dp4(lo), dp4(hi)]);
      const d = x1 / n1 - x0 / n0;
      expect(l).toBeLessThanOrEqual(d);
      expect(u).toBeGreaterThanOrEqual(d);
    });
  }

  it('is antisymmetric in the two groups', () => {
    const [l, u] = newcombeInterval(56, 70, 48, 80);
    const [l2, u2] = newcombeInterval(48, 80, 56, 70);
    expect(l2).toBeCloseTo(-u, 14);
    expect(u2).toBeCloseTo(-l, 14);
  });

  it('validates every count', () => {
    expect(() => newcombeInterval(1, 0, 1, 2)).toThrow(/n1 must be > 0/);
    expect(() => newcombeInterval(1, 2, 3, 2)).toThrow(/x0 must be <= n0/);
  });
});

describe('holdoutStats', () => {
  it('pooled z-test: statsmodels reference (5/83 vs 12/99)', () => {
    // statsmodels, statsmodels/stats/tests/test_proportion.py, TestProportion.test_default_values:
    // proportions_ztest([5, 12], [83, 99]) → stat −1.4078304151258787, p 0.15918129181156992
    // (the proportions_ztest docstring example prints the p-value as 0.159). proportions_ztest's
    // two-sample test uses the pooled proportion under the null, no continuity correction.
    const r = holdoutStats(5, 83, 12, 99);
    expectRel(r.z as number, -1.4078304151258787, 1e-13);
    expectRel(r.pValue, 0.15918129181156992, 1e-13);
    expect(r.pValue.toFixed(3)).toBe('0.159');
    expect(r.p1).toBe(5 / 83);
    expect(r.p0).toBe(12 / 99);
    expect(r.absoluteLift).toBeCloseTo(5 / 83 - 12 / 99, 15);
    expect(r.relativeLift).toBeCloseTo((5 / 83 - 12 / 99) / (12 / 99), 14);
  });

  it('pooled z-test: R pairwise two-proportion tests without continuity correction', () => {
    // statsmodels, statsmodels/stats/tests/test_proportion.py, class TestProportion: counts
    // 73/86, 90/93, 114/136, 75/82 ("smokers2", a variant of the smokers data in R's prop.test
    // help page) and the reference raw p-values of all pairwise chi-square tests without
    // continuity correction (res_ppt_pvals_raw). For two groups the chi-square statistic is z²,
    // so these are the pooled two-sided z-test p-values.
    expectRel(holdoutStats(73, 86, 90, 93).pValue, 0.00533824886503131, 1e-12);
    expectRel(holdoutStats(73, 86, 114, 136).pValue, 0.8327574849753566, 1e-12);
    expectRel(holdoutStats(90, 93, 75, 82).pValue, 0.1309487516334318, 1e-12);
    expectRel(holdoutStats(114, 136, 75, 82).pValue, 0.1076118730631731, 1e-12);
  });

  it('pooled z-test: textbook example (HyperStat)', () => {
    // David M. Lane, HyperStat Online, "Tests of Differences between Proportions"
    // (davidmlane.com/hyperstat/B73479.html, B75278.html, B74286.html): early-intervention group
    // 73 of 85 graduated, control 43 of 82; z = 0.344/0.0713 = 4.69, two-tailed p < 0.0001.
    const r = holdoutStats(73, 85, 43, 82);
    expect((r.z as number).toFixed(2)).toBe('4.69');
    expect(r.absoluteLift.toFixed(3)).toBe('0.334');
    expect(r.pValue).toBeLessThan(0.0001);
  });

  it('p-value 1 and z null when the pooled proportion is 0 or 1', () => {
    expect(holdoutStats(0, 10, 0, 20)).toMatchObject({ z: null, pValue: 1, relativeLift: null, absoluteLift: 0 });
    expect(holdoutStats(10, 10, 20, 20)).toMatchObject({ z: null, pValue: 1, relativeLift: 0, absoluteLift: 0 });
    // The interval is still reported (Newcombe (e) above).
    const [l, u] = holdoutStats(0, 10, 0, 20).ci95;
    expect([dp4(l), dp4(u)]).toEqual(['-0.1611', '0.2775']);
  });

  it('relative lift is null when p0 = 0, and the interval is Newcombe method 10', () => {
    const r = holdoutStats(5, 56, 0, 29);
    expect(r.relativeLift).toBeNull();
    expect(r.z).not.toBeNull();
    expect([dp4(r.ci95[0]), dp4(r.ci95[1])]).toEqual(['-0.0381', '0.1926']);
    expect(r.ci95).toEqual(newcombeInterval(5, 56, 0, 29));
  });

  it('identical rates give z = 0 and p = 1', () => {
    expect(holdoutStats(10, 100, 20, 200)).toMatchObject({ z: 0, pValue: 1, absoluteLift: 0, relativeLift: 0 });
  });

  it('validates its inputs with RangeErrors that name the argument', () => {
    expect(() => holdoutStats(1, 0, 1, 10)).toThrow(RangeError);
    expect(() => holdoutStats(1, 0, 1, 10)).toThrow(/n1 must be > 0/);
    expect(() => holdoutStats(1, 10, 1, -5)).toThrow(/n0 must be > 0/);
    expect(() => holdoutStats(-1, 10, 1, 10)).toThrow(/x1 must be >= 0/);
    expect(() => holdoutStats(1, 10, 11, 10)).toThrow(/x0 must be <= n0/);
    expect(() => holdoutStats(1.5, 10, 1, 10)).toThrow(/x1 must be an integer/);
    expect(() => holdoutStats(1, 10.5, 1, 10)).toThrow(/n1 must be an integer/);
    expect(() => holdoutStats(1, 10, Number.NaN, 10)).toThrow(/x0 must be an integer/);
    expect(() => holdoutStats(1, Infinity, 1, 10)).toThrow(/n1 must be an integer/);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(/z must be/);
  });
});

describe('sampleSize', () => {
  // The formula of MODEL.md section 10 is the one R's stats::power.prop.test solves (two-sided,
  // strict = FALSE): power = Φ((√n·|δ| − z_(α/2)·sqrt((p1+p2)(q1+q2)/2)) / sqrt(p1q1 + p2q2)),
  // and (p1+p2)(q1+q2)/2 = 2·p̄·q̄, so solving for n gives exactly section 10's n.
  // R reports n unrounded (to about 4 significant digits, uniroot tolerance); we round up.

  it('R power.prop.test help page: p1 = .50, p2 = .75, power = .90 → n = 76.7 → 77', () => {
    // stats::power.prop.test, Examples: "power.prop.test(p1 = .50, p2 = .75, power = .90)  ## => n = 76.7"
    expect(sampleSize(0.5, 0.25, 0.05, 0.9)).toEqual({ perGroup: 77, total: 154 });
  });

  it('further power.prop.test outputs (as printed by R in public R tutorials)', () => {
    // power.prop.test(p1 = 0.15, p2 = 0.30, power = 0.80)  → n = 120.4719
    expect(sampleSize(0.15, 0.15)).toEqual({ perGroup: 121, total: 242 });
    // power.prop.test(p1 = 0.02, p2 = 0.025, sig.level = 0.05, power = 0.8) → n = 13808.92
    expect(sampleSize(0.02, 0.005)).toEqual({ perGroup: 13809, total: 27618 });
    // power.prop.test(p1 = .33, p2 = .67, power = .80) → n = 32.74418
    expect(sampleSize(0.33, 0.34)).toEqual({ perGroup: 33, total: 66 });
  });

  it('defaults are alpha 0.05 and power 0.8', () => {
    expect(sampleSize(0.02, 0.005)).toEqual(sampleSize(0.02, 0.005, 0.05, 0.8));
  });

  it('grows with power and shrinks with alpha and lift', () => {
    const base = sampleSize(0.1, 0.02).perGroup;
    expect(sampleSize(0.1, 0.02, 0.05, 0.9).perGroup).toBeGreaterThan(base);
    expect(sampleSize(0.1, 0.02, 0.1, 0.8).perGroup).toBeLessThan(base);
    expect(sampleSize(0.1, 0.04).perGroup).toBeLessThan(base);
  });

  it('a target rate of exactly 100% (p0 + lift = 1) is computed, not refused (MODEL.md v1.2 section 10)', () => {
    // p0 = 0.8, δ = 0.2: p1 = 1, p̄ = 0.9. z_(α/2) = 1.959963984540054, z_β = Φ⁻¹(0.8) = 0.8416212335729143.
    // bracket = 1.959963984540054·√(2·0.9·0.1) + 0.8416212335729143·√(1·0 + 0.8·0.2)
    //         = 1.959963984540054·0.4242640687119285 + 0.8416212335729143·0.4 = 0.8315422946… + 0.3366484934… = 1.1681907880…
    // n = 1.1681907880² / 0.2² = 1.3646697172… / 0.04 = 34.1167… → 35 per group.
    expect(sampleSize(0.8, 0.2)).toEqual({ perGroup: 35, total: 70 });
    // p0 = 0.9, δ = 0.1: p̄ = 0.95; (1.959963984540054·√0.095 + 0.8416212335729143·√0.09)² / 0.01 = 73.374… → 74.
    expect(sampleSize(0.9, 0.1)).toEqual({ perGroup: 74, total: 148 });
    // A sum one rounding above 1 is the same target: 0.7 + 0.30000000000000004 = 1.0000000000000002.
    expect(sampleSize(0.7, 0.30000000000000004)).toEqual(sampleSize(0.7, 0.3));
  });

  it('is at least 1 per group, even when the power asked for is tiny', () => {
    expect(sampleSize(0.4, 0.5, 0.5, 0.01)).toEqual({ perGroup: 1, total: 2 });
  });

  it('validates its inputs with RangeErrors that name the argument', () => {
    expect(() => sampleSize(0, 0.1)).toThrow(RangeError);
    expect(() => sampleSize(0, 0.1)).toThrow(/p0 must be strictly between 0 and 1/);
    expect(() => sampleSize(1, 0.1)).toThrow(/p0/);
    expect(() => sampleSize(Number.NaN, 0.1)).toThrow(/p0/);
    expect(() => sampleSize(0.5, 0)).toThrow(/lift must be > 0/);
    expect(() => sampleSize(0.5, -0.1)).toThrow(/lift must be > 0/);
    expect(() => sampleSize(0.5, 0.6)).toThrow(/p0 \+ lift must be at most 1/);
    expect(() => sampleSize(0.5, 0.1, 0)).toThrow(/alpha/);
    expect(() => sampleSize(0.5, 0.1, 1)).toThrow(/alpha/);
    expect(() => sampleSize(0.5, 0.1, 0.05, 0)).toThrow(/power/);
    expect(() => sampleSize(0.5, 0.1, 0.05, 1)).toThrow(/power/);
  });
});
