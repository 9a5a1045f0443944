/**
 * CSV exports (`tco export FILE --csv OUT [--table compare|monthly]`, operation `export.csv`):
 * the compare table (one row per vendor) and the monthly rows (one per covered vendor and month).
 * RFC 4180: a header row, CRLF line ends, a field quoted when it holds a comma, a double quote, CR
 * or LF, with its quotes doubled. Money is a plain decimal string at the base currency's minor unit
 * (19124.00), unit costs have 4 significant digits (MODEL.md section 1), counts and ratios up to 6
 * decimals, never an exponent; a value that does not exist (an uncovered vendor's TCO, an ROI
 * without benefits) is an empty field. See electron/export/README.md.
 */
import type { ComputeResult, VendorResult } from '../engine/compute.js';
import type { Decimal } from '../engine/decimal.js';
import { minorUnitDigits, roundMoney, roundUnitCost } from '../engine/round.js';
import { monthLabel, parseYearMonth } from '../engine/months.js';

export const CSV_TABLES = ['compare', 'monthly'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

type Field = string | number | null;

/** One field, quoted when RFC 4180 needs it. */
export function csvField(x: Field): string {
  const s = x === null ? '' : String(x);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows (the header first) as RFC 4180 text, every line ended by CRLF. */
export function csvText(rows: Field[][]): string {
  return rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

/** Money at the currency's minor unit, half away from zero: "19124.00". */
export function csvMoney(d: Decimal | null, currency: string): string | null {
  return d === null ? null : roundMoney(d, currency).toFixed(minorUnitDigits(currency));
}

/** A unit cost at 4 significant digits, in plain notation: "0.01678". */
export function csvUnitCost(d: Decimal | number | null): string | null {
  if (d === null) return null;
  if (typeof d === 'number') return Number.isFinite(d) ? plain(Number(d.toPrecision(4))) : null;
  return roundUnitCost(d).toFixed();
}

/** A count or ratio to at most 6 decimals, trailing zeros dropped. */
export function csvNumber(d: Decimal | number | null): string | null {
  if (d === null) return null;
  if (typeof d === 'number') return Number.isFinite(d) ? plain(Number(d.toFixed(6))) : null;
  return d.toDecimalPlaces(6).toFixed();
}

/** A float without an exponent (0.0000123, not 1.23e-5). */
function plain(x: number): string {
  const s = String(x);
  if (!/e/i.test(s)) return s;
  return x.toFixed(20).replace(/\.?0+$/, '');
}

const COMPARE_HEADER = [
  'vendor_id',
  'vendor',
  'currency',
  'covered',
  'does_not_cover',
  'assumed_rates',
  'tco',
  'npv',
  'usage',
  'pass_through',
  'commit_true_up',
  'fees',
  'internal',
  'remediation',
  'sent',
  'delivered',
  'effective',
  'cost_per_sent',
  'cost_per_delivered',
  'cost_per_effective',
  'cost_per_effective_p5',
  'cost_per_effective_p95',
  'p_cheapest',
  'benefits_risk_adjusted',
  'benefits_npv',
  'roi',
  'payback_month',
  'cost_per_incremental',
];

function compareRow(v: VendorResult, base: string): Field[] {
  const head: Field[] = [v.id, v.name, base, v.evaluation ? 'yes' : 'no', v.uncovered.join(' '), v.assumed.join(' ')];
  const ev = v.evaluation;
  if (!ev) return [...head, ...new Array<Field>(COMPARE_HEADER.length - head.length).fill(null)];
  const money = (d: Decimal | null) => csvMoney(d, base);
  const b = v.benefits;
  const u = v.uncertainty;
  return [
    ...head,
    money(ev.tcoNominal),
    money(ev.tcoNpv),
    money(ev.nominal.usage),
    money(ev.nominal.passThrough),
    money(ev.nominal.commitTrueUp),
    money(ev.nominal.fees),
    money(ev.nominal.internal),
    money(ev.nominal.remediation),
    csvNumber(ev.sent),
    csvNumber(ev.delivered),
    csvNumber(ev.effective),
    csvUnitCost(v.costPerSent),
    csvUnitCost(v.costPerDelivered),
    csvUnitCost(v.costPerEffective),
    csvUnitCost(u?.costPerEffective.p5 ?? null),
    csvUnitCost(u?.costPerEffective.p95 ?? null),
    u ? csvNumber(u.pCheapest) : null,
    b && b.entered ? money(b.riskAdjusted) : null,
    b && b.entered ? money(b.npv) : null,
    b?.roi ? csvNumber(b.roi) : null,
    b?.paybackMonth ?? null,
    csvUnitCost(b?.costPerIncremental?.value ?? null),
  ];
}

const MONTHLY_HEADER = [
  'vendor_id',
  'vendor',
  'month',
  'period',
  'sent',
  'failed',
  'usage',
  'pass_through',
  'commit_true_up',
  'fees',
  'internal',
  'remediation',
  'total',
  'discount_factor',
  'discounted_total',
  'benefits_risk_adjusted',
];

/** The compare table or the monthly rows of a computed workspace, as CSV text. */
export function csvExport(result: ComputeResult, table: CsvTable): string {
  const base = result.baseCurrency;
  if (table === 'compare') return csvText([COMPARE_HEADER, ...result.vendors.map((v) => compareRow(v, base))]);
  const start = parseYearMonth(result.startMonth)!;
  const money = (d: Decimal) => csvMoney(d, base);
  const rows: Field[][] = [MONTHLY_HEADER];
  for (const v of result.vendors) {
    const ev = v.evaluation;
    if (!ev) continue;
    ev.months.forEach((r, i) => {
      rows.push([
        v.id,
        v.name,
        r.month,
        monthLabel(start, r.month),
        csvNumber(r.sent),
        csvNumber(r.failed),
        money(r.usage),
        money(r.passThrough),
        money(r.commitTrueUp),
        money(r.fees),
        money(r.labour),
        money(r.remediation),
        money(r.total),
        r.discountFactor.toDecimalPlaces(10).toFixed(),
        money(r.total.times(r.discountFactor)),
        money(v.benefits!.monthly[i]!),
      ]);
    });
  }
  return csvText(rows);
}
