/**
 * The decimal type of the engine: decimal.js with 34 significant digits (IEEE 754 decimal128's
 * precision), so sums of sub-cent prices times exact volumes keep every digit a finance reviewer
 * could ask for. Values are rounded only where they are shown (see round.ts).
 */
import { Decimal as DecimalJs } from 'decimal.js';

export const Decimal = DecimalJs.clone({ precision: 34, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

/** A decimal input: a decimal string ("0.0079") or a JSON number. */
export type DecimalInput = string | number;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

export function dec(x: DecimalInput | Decimal): Decimal {
  return x instanceof Decimal ? x : new Decimal(x);
}

export function decMax(a: Decimal, b: Decimal): Decimal {
  return a.gte(b) ? a : b;
}

export function decMin(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}
