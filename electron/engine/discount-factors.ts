/** Discounting (MODEL.md section 2; README choice 18): DF(m) at an annual rate, to 34 digits. */
import { Decimal, ONE } from './decimal.js';

/** The discount factors DF(m) = (1+r)^(-m/12), m = 1..H. */
export function discountFactors(r: Decimal, h: number): Decimal[] {
  const out: Decimal[] = [];
  if (r.isZero()) {
    for (let m = 1; m <= h; m++) out.push(ONE);
    return out;
  }
  // One twelfth root, then powers by multiplication: (1+r)^(-m/12) = q^m with q = (1+r)^(-1/12).
  // At 34 significant digits the products drift by less than 1e-30 over 600 months.
  const q = ONE.plus(r).pow(new Decimal(-1).div(12));
  let df = ONE;
  for (let m = 1; m <= h; m++) {
    df = m % 12 === 0 ? ONE.plus(r).pow(-m / 12) : df.times(q);
    out.push(df);
  }
  return out;
}
