/**
 * The report's year-by-year cost table: each vendor's cost by category in each contract year (12
 * months; the last one shorter when the horizon is not whole years), in exact decimals from the
 * engine's monthly rows, and their total, which is the vendor's TCO (the sum of the same months).
 * Rounded only when shown, so the total row prints the TCO shown everywhere else, to the cent.
 */
import { Decimal } from 'decimal.js';
import type { VendorJson } from '../../../../electron/engine/result-json.js';

export const YEAR_CATEGORIES = ['usage', 'passThrough', 'commitTrueUp', 'fees', 'internal', 'remediation'] as const;
export type YearCategory = (typeof YEAR_CATEGORIES)[number];

export interface YearCost {
  /** 1 for the first contract year. */
  year: number;
  /** Months of the horizon in the year (12, or fewer for a short last year). */
  months: number;
  /** Exact decimal strings, unrounded. */
  byCategory: Record<YearCategory, string>;
  total: string;
}

/** A month's cost by category as the TCO counts it: internal is the team's time and other costs, remediation apart. */
function monthCategories(m: NonNullable<VendorJson['monthly']>[number]): Record<YearCategory, Decimal> {
  return {
    usage: new Decimal(m.usage),
    passThrough: new Decimal(m.passThrough),
    commitTrueUp: new Decimal(m.commitTrueUp),
    fees: new Decimal(m.fees),
    internal: new Decimal(m.internal).minus(m.remediation),
    remediation: new Decimal(m.remediation),
  };
}

const zero = (): Record<YearCategory, Decimal> => ({
  usage: new Decimal(0),
  passThrough: new Decimal(0),
  commitTrueUp: new Decimal(0),
  fees: new Decimal(0),
  internal: new Decimal(0),
  remediation: new Decimal(0),
});

function asText(c: Record<YearCategory, Decimal>): { byCategory: Record<YearCategory, string>; total: string } {
  const byCategory = Object.fromEntries(YEAR_CATEGORIES.map((k) => [k, c[k].toString()])) as Record<YearCategory, string>;
  return { byCategory, total: YEAR_CATEGORIES.reduce((a, k) => a.plus(c[k]), new Decimal(0)).toString() };
}

/** The vendor's years and their total; null when it has no monthly rows (no totals). */
export function yearCosts(v: VendorJson): { years: YearCost[]; total: { byCategory: Record<YearCategory, string>; total: string } } | null {
  if (!v.tco || !v.monthly || v.monthly.length === 0) return null;
  const years: YearCost[] = [];
  const all = zero();
  for (let i = 0; i < v.monthly.length; i += 12) {
    const part = v.monthly.slice(i, i + 12);
    const sum = zero();
    for (const m of part) {
      const c = monthCategories(m);
      for (const k of YEAR_CATEGORIES) {
        sum[k] = sum[k].plus(c[k]);
        all[k] = all[k].plus(c[k]);
      }
    }
    years.push({ year: i / 12 + 1, months: part.length, ...asText(sum) });
  }
  return { years, total: asText(all) };
}
