/**
 * Number formats: money in a currency with its ISO 4217 minor unit, prices with the sub-cent digits
 * quotes carry, counts, rates, factors and months.
 */
import { minorUnitDigits } from '../../engine/round.js';

/** `[$USD] #,##0.00`: the currency's code, thousands separators, its minor unit digits. */
export function moneyFormat(currency: string): string {
  const d = minorUnitDigits(currency);
  const n = d > 0 ? `#,##0.${'0'.repeat(d)}` : '#,##0';
  return `[$${currency}] ${n};-[$${currency}] ${n}`;
}

/** Unit prices and unit costs: at least the minor unit, up to 8 decimals when a price has them. */
export function priceFormat(currency: string): string {
  const d = minorUnitDigits(currency);
  const n = `#,##0.${'0'.repeat(Math.max(d, 2))}${'#'.repeat(Math.max(0, 8 - Math.max(d, 2)))}`;
  return `[$${currency}] ${n};-[$${currency}] ${n}`;
}

export const COUNT = '#,##0.##';
export const INTEGER = '0';
export const RATE = '0.0000%';
export const PERCENT = '0.00%';
export const FACTOR = '0.0000######';
export const MONTH = 'yyyy-mm';
export const HOURS = '#,##0.##';
