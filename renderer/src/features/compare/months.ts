/**
 * The month-by-month and year-by-year grid of each vendor: messages sent, delivered and effective,
 * and cost by category, from the engine's monthly rows; and the same as tab-separated text a
 * spreadsheet pastes. Pure: a compute result in, rows and text out.
 *
 * Rounding, once: each month's messages to hundredths and its money to the currency's minor unit
 * (half away from zero, as every total on screen). A year is the exact sum of its months as shown,
 * so the pasted months add up to the pasted years. The last year may be short (a 13-month horizon
 * has a year 2 of one month).
 */
import { Decimal } from 'decimal.js';
import type { ComputeJson, MonthJson, VendorJson } from '../../../../electron/engine/result-json.js';

export type GridPeriod = 'month' | 'year';

export const VOLUME_COLUMNS = [
  ['sent', 'Sent'],
  ['delivered', 'Delivered'],
  ['effective', 'Effective'],
] as const;

export const COST_COLUMNS = [
  ['usage', 'Usage'],
  ['passThrough', 'Pass-through'],
  ['commitTrueUp', 'Commit true-up'],
  ['fees', 'Fees'],
  ['internal', 'Internal'],
  ['remediation', 'Remediation'],
  ['total', 'Total cost'],
] as const;

export type GridKey = (typeof VOLUME_COLUMNS)[number][0] | (typeof COST_COLUMNS)[number][0];
export const GRID_KEYS: GridKey[] = [...VOLUME_COLUMNS, ...COST_COLUMNS].map(([k]) => k);

export interface GridRow {
  /** "2027-01" for a month; "Year 1" for a year. */
  period: string;
  /** How many months the row adds up (1 for a month; fewer than 12 for a short last year). */
  months: number;
  /** Exact decimal text: messages to hundredths, money to the minor unit. */
  values: Record<GridKey, string>;
}

export interface VendorGrid {
  id: string;
  name: string;
  rows: GridRow[];
}

/** Digits after the decimal point of a currency's minor unit (2 for USD, 0 for JPY). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const fixed = (x: Decimal.Value, digits: number): string => new Decimal(x).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP).toFixed(digits);

/** A vendor's months, rounded once. Internal is the team's time and other costs, remediation apart (as in the TCO by category). */
export function monthRows(v: VendorJson, currency: string): GridRow[] {
  const d = minorDigits(currency);
  return (v.monthly ?? []).map((m: MonthJson) => ({
    period: m.period,
    months: 1,
    values: {
      sent: fixed(m.sent, 2),
      delivered: fixed(m.delivered, 2),
      effective: fixed(m.effective, 2),
      usage: fixed(m.usage, d),
      passThrough: fixed(m.passThrough, d),
      commitTrueUp: fixed(m.commitTrueUp, d),
      fees: fixed(m.fees, d),
      internal: fixed(new Decimal(m.internal).minus(m.remediation), d),
      remediation: fixed(m.remediation, d),
      total: fixed(m.total, d),
    },
  }));
}

/** Contract years of 12 months (the last one shorter when the horizon is not whole years): the sums of their rows. */
export function yearRows(months: readonly GridRow[]): GridRow[] {
  const out: GridRow[] = [];
  for (let i = 0; i < months.length; i += 12) {
    const part = months.slice(i, i + 12);
    const values = {} as Record<GridKey, string>;
    for (const k of GRID_KEYS) {
      const places = Math.max(...part.map((r) => r.values[k].split('.')[1]?.length ?? 0));
      values[k] = part.reduce((a, r) => a.plus(r.values[k]), new Decimal(0)).toFixed(places);
    }
    out.push({ period: `Year ${i / 12 + 1}`, months: part.length, values });
  }
  return out;
}

/** Every vendor with totals, by month or by year. Vendors that cover not every stream have no months. */
export function vendorGrids(result: ComputeJson, period: GridPeriod): VendorGrid[] {
  return result.vendors
    .filter((v) => v.tco && v.monthly)
    .map((v) => {
      const months = monthRows(v, result.baseCurrency);
      return { id: v.id, name: v.name, rows: period === 'month' ? months : yearRows(months) };
    });
}

/** A cell of text: tabs and line breaks (which would split the row) become spaces. */
const cell = (s: string): string => s.replace(/[\t\r\n]+/g, ' ').trim();

/**
 * The grid as tab-separated text: a header row, then one row per vendor and month (or year), the
 * vendor by its name; numbers as plain decimals (no currency sign, no grouping), lines ended by CRLF
 * as spreadsheets write them.
 */
export function gridTsv(result: ComputeJson, period: GridPeriod): string {
  const cur = result.baseCurrency;
  const header = ['Vendor', period === 'month' ? 'Month' : 'Year', ...VOLUME_COLUMNS.map(([, l]) => `${l} messages`), ...COST_COLUMNS.map(([, l]) => `${l} (${cur})`)];
  const lines = [header.join('\t')];
  for (const g of vendorGrids(result, period)) {
    for (const r of g.rows) lines.push([cell(g.name), r.period, ...GRID_KEYS.map((k) => r.values[k])].join('\t'));
  }
  return lines.join('\r\n') + '\r\n';
}
