/**
 * The Summary sheet: per vendor (one column each), TCO nominal and NPV, by category, fees by
 * category, messages sent, delivered and effective, cost per sent, delivered and effective message,
 * benefits, ROI, payback month and cost per incremental outcome — formulas over the Monthly sheet.
 * Totals are rounded to the currency's minor unit and unit costs to 4 significant digits
 * (MODEL.md section 1), half away from zero as ROUND does, from the unrounded monthly amounts.
 */
import type { CellValue } from 'exceljs';
import type { ComputeResult } from '../../engine/compute.js';
import { FEE_CATEGORIES, type Workspace } from '../../engine/types.js';
import { computeJson } from '../../engine/result-json.js';
import { negotiationLines } from '../../api/decision-words.js';
import type { AcrossRefs, ConversionsAt } from './across.js';
import { addr, fx, range, sig4 } from './cells.js';
import { COUNT, FACTOR, INTEGER, PERCENT, moneyFormat, priceFormat } from './formats.js';
import type { InputRefs } from './inputs.js';
import { M, MONTHLY, type MonthlyRefs } from './monthly.js';
import type { Names } from './names.js';
import type { SheetWriter } from './sheet.js';
import type { Structure } from './structure.js';

export const SUMMARY = 'Summary';

const CATEGORY_COLS: [string, number][] = [
  ['Usage', M.usage],
  ['Pass-through', M.passThrough],
  ['Commit true-up', M.commitTrueUp],
  ['Fees', M.fees],
  ['Internal (labour, other)', M.labour],
  ['Remediation', M.remediation],
];

type Row = { label: string; key?: string; format?: string; value: (vi: number, col: (c: number) => string) => CellValue; name?: string };

export function summarySheet(s: SheetWriter, ws: Workspace, st: Structure, inp: InputRefs, ac: AcrossRefs, monthly: MonthlyRefs, result: ComputeResult, names: Names): void {
  const base = ws.baseCurrency;
  const money = moneyFormat(base);
  const unit = priceFormat(base);
  const d = inp.minorUnits;
  s.title(
    `Summary — ${ws.name || 'workspace'}`,
    `${base}, ${ws.horizonMonths} months from ${ws.startMonth}. Totals rounded to the minor unit and unit costs to 4 significant digits from the unrounded Monthly amounts.`,
  );
  s.widths([40, ...ws.vendors.map(() => 20)]);
  const hr = s.header(['', ...ws.vendors.map((v) => v.id)]);
  s.freeze(hr + 1, 2);

  /** SUM over a vendor's Monthly block of column c. */
  const col = (vi: number) => (c: number) => {
    const b = monthly.blocks[vi]!;
    return range(MONTHLY, c, b.first, c, b.last);
  };
  const total = (c: (x: number) => string) => `SUM(${c(M.total)})`;
  // Σ over streams of outbound over the horizon x DR x conversions per delivered: one SUMPRODUCT.
  const conversions = (vi: number, which: ConversionsAt): string | null => {
    const row = ac.conversions(vi, which);
    return row === null || ac.outTotals === null ? null : `SUMPRODUCT(${ac.outTotals},${row})`;
  };
  const anyHoldout = ws.streams.some((x) => x.benefits.holdout !== null);
  // The conversion rows are written before the cost rows, which divide by their cells.
  const firstRow = s.row + 4; // after the Name, currency, coverage and assumed lines
  const rowOf = (key: string) => firstRow + rows.findIndex((r) => r.key === key);
  const cellOf = (vi: number, key: string) => addr(vi + 2, rowOf(key), false);
  const costAt = (vi: number, c: (x: number) => string, key: string, conv: string | null) => {
    if (conv === null) return 'none';
    const x = cellOf(vi, key);
    return fx(`IF(ISNUMBER(${x}),IF(${x}>0,${sig4(`${total(c)}/${x}`)},"none"),"none")`);
  };
  const perCount = (c: (x: number) => string, count: number) => fx(`IF(SUM(${c(count)})=0,"none",${sig4(`${total(c)}/SUM(${c(count)})`)})`);

  const rows: Row[] = [
    { label: 'TCO (nominal)', format: money, name: 'TCO', value: (_, c) => fx(`ROUND(${total(c)},${d})`) },
    { label: 'TCO (NPV)', format: money, name: 'NPV', value: (_, c) => fx(`ROUND(SUMPRODUCT(${c(M.total)},${c(M.df)}),${d})`) },
    ...CATEGORY_COLS.map(([label, mc]): Row => ({ label: `  ${label}`, format: money, value: (_, c) => fx(`ROUND(SUM(${c(mc)}),${d})`) })),
    ...CATEGORY_COLS.map(([label, mc]): Row => ({ label: `  ${label}, NPV`, format: money, value: (_, c) => fx(`ROUND(SUMPRODUCT(${c(mc)},${c(M.df)}),${d})`) })),
    ...FEE_CATEGORIES.map((cat, k): Row => ({ label: `  Fees: ${cat}`, format: money, value: (_, c) => fx(`ROUND(SUM(${c(M.feeFirst + k)}),${d})`) })),
    { label: 'Messages sent', format: COUNT, value: (_, c) => fx(`SUM(${c(M.sent)})`) },
    { label: 'Messages delivered', format: COUNT, value: (_, c) => fx(`SUM(${c(M.delivered)})`) },
    { label: 'Effective messages', format: COUNT, value: (_, c) => fx(`SUM(${c(M.effective)})`) },
    { label: 'Cost per sent message', format: unit, value: (_, c) => perCount(c, M.sent) },
    { label: 'Cost per delivered message', format: unit, value: (_, c) => perCount(c, M.delivered) },
    { label: 'Cost per effective message', format: unit, name: 'CostPerEffective', value: (_, c) => perCount(c, M.effective) },
    { label: 'Benefits (before risk adjustment)', format: money, value: (_, c) => fx(`ROUND(SUM(${c(M.benefitsGross)}),${d})`) },
    { label: 'Benefits (risk-adjusted)', format: money, value: (_, c) => fx(`ROUND(SUM(${c(M.benefits)}),${d})`) },
    { label: 'Benefits (risk-adjusted), NPV', format: money, value: (_, c) => fx(`ROUND(SUMPRODUCT(${c(M.benefits)},${c(M.df)}),${d})`) },
    {
      label: 'ROI (risk-adjusted benefits - TCO) / TCO',
      format: PERCENT,
      value: (_, c) => (st.benefitsEntered ? fx(`IF(${total(c)}=0,"none",(SUM(${c(M.benefits)})-${total(c)})/${total(c)})`) : 'none'),
    },
    { label: 'Payback month', format: INTEGER, value: (_, c) => (st.benefitsEntered ? fx(`IF(COUNT(${c(M.paidBack)})=0,"none",MIN(${c(M.paidBack)}))`) : 'none') },
    { label: 'Incremental conversions', key: 'conv', format: COUNT, value: (vi) => (conversions(vi, 'icr') === null ? 'none' : fx(conversions(vi, 'icr')!)) },
    { label: "  at every lift's 95% low bound", key: 'convLow', format: COUNT, value: (vi) => (anyHoldout && conversions(vi, 'icrLow') !== null ? fx(conversions(vi, 'icrLow')!) : 'none') },
    { label: "  at every lift's 95% high bound", key: 'convHigh', format: COUNT, value: (vi) => (anyHoldout && conversions(vi, 'icrHigh') !== null ? fx(conversions(vi, 'icrHigh')!) : 'none') },
    { label: 'Cost per incremental outcome', format: unit, value: (vi, c) => costAt(vi, c, 'conv', conversions(vi, 'icr')) },
    { label: '  95% interval, low (lifts at high bound)', format: unit, value: (vi, c) => (anyHoldout ? costAt(vi, c, 'convHigh', conversions(vi, 'icrHigh')) : 'none') },
    { label: '  95% interval, high (lifts at low bound)', format: unit, value: (vi, c) => (anyHoldout ? costAt(vi, c, 'convLow', conversions(vi, 'icrLow')) : 'none') },
  ];

  const info = (label: string, f: (vi: number) => string) => s.line([label, ...ws.vendors.map((_, vi) => f(vi))]);
  info('Name', (vi) => ws.vendors[vi]!.name);
  info('Quote currency', (vi) => ws.vendors[vi]!.quote.currency);
  info('Coverage', (vi) => (st.vendors[vi]!.covered ? 'covers every stream' : `does not cover ${result.vendors[vi]!.uncovered.join(', ')}: no totals`));
  info('Assumed (default) rates on', (vi) => result.vendors[vi]!.assumed.join(', '));
  if (s.row !== firstRow) throw new Error(`Summary layout: first metric at row ${s.row}, expected ${firstRow}`);
  for (const row of rows) {
    s.put(1, row.label);
    ws.vendors.forEach((v, vi) => {
      const c = vi + 2;
      if (!st.vendors[vi]!.covered) {
        s.put(c, '—');
        return;
      }
      if (row.name) names.add([row.name, v.id], SUMMARY, addr(c, s.row));
      s.put(c, row.value(vi, col(vi)), row.format);
    });
    s.row++;
  }

  // Negotiation targets (MODEL.md v1.2 section 7, price to win): values from the engine, in words too.
  const lines = new Map(negotiationLines(computeJson(result, { monthly: false })).map((l) => [l.vendorId, l]));
  s.section(
    'Negotiation targets (values from the engine)',
    "Every price of the vendor's list scaled by one multiplier, all else held; against the lowest cost per effective message of the other vendors.",
  );
  const target = (label: string, f: (l: NonNullable<ReturnType<typeof lines.get>>) => CellValue, format?: string) => {
    s.put(1, label);
    ws.vendors.forEach((v, vi) => {
      const l = lines.get(v.id);
      s.put(vi + 2, l ? f(l) : '—', l ? format : undefined);
    });
    s.row++;
  };
  target('Price to win: multiplier of the price list', (l) => l.priceToWin ?? 'none', FACTOR);
  target('Price list change at which it is the cheapest (headroom when positive)', (l) => (l.priceToWin === null ? 'none' : l.priceToWin - 1), PERCENT);
  target('In words', (l) => l.sentence);
}
