/**
 * Rounding happens only where a value is shown or written (MODEL.md section 1): totals to the
 * currency's minor unit, unit costs to 4 significant digits, both half away from zero (as a
 * spreadsheet's ROUND does).
 */
import { Decimal } from './decimal.js';

/**
 * Digits of each currency's minor unit that are not 2: the currency data of CLDR 48 (Unicode's
 * Common Locale Data Repository, which Node 20's and Chromium's Intl report: JPY 0, KWD 3, and
 * CLDR's HUF 0, IDR 0). A table rather than asking Intl: the first Intl.NumberFormat of a process
 * loads ICU's locale data (~20 ms of a `tco compute`), and a table rounds alike in the CLI, the
 * browser and the desktop app whatever ICU each carries.
 */
const NO_MINOR_UNIT = 'AFN ALL BIF CLP COP DJF GNF HUF IDR IQD IRR ISK JPY KMF KPW KRW LAK LBP MGA MMK PKR PYG RWF SLL SOS SYP UGX VND VUV XAF XOF XPF YER';
const THREE_DIGITS = 'BHD JOD KWD LYD OMR TND';
const DIGITS = new Map<string, number>([...NO_MINOR_UNIT.split(' ').map((c) => [c, 0] as const), ...THREE_DIGITS.split(' ').map((c) => [c, 3] as const)]);

/** Digits of the currency's minor unit (USD 2, JPY 0, KWD 3); 2 for any code not in the table. */
export function minorUnitDigits(currency: string): number {
  return DIGITS.get(currency) ?? 2;
}

export function roundMoney(d: Decimal, currency: string): Decimal {
  return d.toDecimalPlaces(minorUnitDigits(currency), Decimal.ROUND_HALF_UP);
}

export function roundUnitCost(d: Decimal): Decimal {
  return d.toSignificantDigits(4, Decimal.ROUND_HALF_UP);
}
