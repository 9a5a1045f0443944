/**
 * Rounding happens only where a value is shown or written (MODEL.md section 1): totals to the
 * currency's minor unit, unit costs to 4 significant digits, both half away from zero (as a
 * spreadsheet's ROUND does).
 */
import { Decimal } from './decimal.js';

/** Digits of the currency's minor unit (ISO 4217: USD 2, JPY 0, KWD 3), from the platform's Intl data. */
/** Digits per currency, asked of the platform once each (an Intl.NumberFormat is slow to make: ~0.1 ms). */
const digitsOf = new Map<string, number>();

export function minorUnitDigits(currency: string): number {
  let digits = digitsOf.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsOf.set(currency, digits);
  }
  return digits;
}

export function roundMoney(d: Decimal, currency: string): Decimal {
  return d.toDecimalPlaces(minorUnitDigits(currency), Decimal.ROUND_HALF_UP);
}

export function roundUnitCost(d: Decimal): Decimal {
  return d.toSignificantDigits(4, Decimal.ROUND_HALF_UP);
}
