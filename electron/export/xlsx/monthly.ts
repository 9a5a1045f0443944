/**
 * The Monthly sheet: per vendor and month, as MODEL.md sections 4, 5 and 7 compute it — messages,
 * billed units, usage (route charges x escalator x (1 - discount) x FX), pass-through, commit
 * true-ups, fees by category, internal cost, remediation, total, discount factor and risk-adjusted
 * benefits, with the running sums the payback month is read from. Nothing here is rounded.
 */
import type { CellValue } from 'exceljs';
import type { Workspace } from '../../engine/types.js';
import { FEE_CATEGORIES } from '../../engine/types.js';
import { contractYears } from '../../engine/months.js';
import type { AcrossRefs } from './across.js';
import { colLetter, fx, range, ref, sum } from './cells.js';
import { CALC, CALC_COLS, type CalcRefs } from './calc.js';
import { COUNT, FACTOR, INTEGER, MONTH, moneyFormat, priceFormat } from './formats.js';
import type { InputRefs } from './inputs.js';
import type { SheetWriter } from './sheet.js';
import type { Structure } from './structure.js';
import { VOLUME, type VolumeRefs } from './volume.js';

export const MONTHLY = 'Monthly';

export const M = {
  vendor: 1,
  /** The vendor's name, beside its id. */
  name: 2,
  month: 3,
  period: 4,
  year: 5,
  sent: 6,
  delivered: 7,
  effective: 8,
  failed: 9,
  units: 10,
  escalation: 11,
  charges: 12,
  usage: 13,
  passThrough: 14,
  billAfterMonthly: 15,
  yearToDate: 16,
  commitTrueUp: 17,
  feeFirst: 18, // one column per fee category, in FEE_CATEGORIES order
  fees: 24,
  labour: 25,
  remediation: 26,
  internal: 27,
  total: 28,
  df: 29,
  discounted: 30,
  benefitsGross: 31,
  benefits: 32,
  cumCost: 33,
  cumBenefits: 34,
  paidBack: 35,
} as const;

export interface MonthlyRefs {
  /** First and last row of each vendor's block; null for an uncovered vendor. */
  blocks: ({ first: number; last: number } | null)[];
}

export function monthlySheet(s: SheetWriter, ws: Workspace, st: Structure, inp: InputRefs, vol: VolumeRefs, calc: CalcRefs, ac: AcrossRefs): MonthlyRefs {
  const h = ws.horizonMonths;
  const base = ws.baseCurrency;
  const money = moneyFormat(base);
  s.title(
    `Monthly cost per vendor (${base})`,
    'usage = route charges x (1 + escalator)^(year - 1) x (1 - discount) x FX; total = usage + pass-through + commit true-up + fees + internal (with remediation). Unrounded: totals are rounded on Summary.',
  );
  s.widths([10, 24, 7, 10, 8, 14, 14, 14, 12, 14, 11, 14, 14, 14, 14, 14, 14, 12, 12, 12, 12, 12, 12, 14, 14, 14, 14, 16, 12, 16, 14, 14, 16, 16, 10]);
  const labels = [
    'Vendor id',
    'Vendor',
    'Month',
    'Period',
    'Contract year',
    'Sent (messages)',
    'Delivered',
    'Effective',
    'Failed',
    'Billed units',
    'Escalation factor',
    'Route charges (quote currency)',
    'Usage',
    'Pass-through',
    'Bill after monthly commit',
    'Year-to-date bill',
    'Commit true-up',
    ...FEE_CATEGORIES.map((c) => `Fees: ${c}`),
    'Fees',
    'Internal (labour, other)',
    'Remediation',
    'Internal incl. remediation',
    'Total',
    'Discount factor',
    'Discounted total',
    'Benefits before risk adjustment',
    'Benefits (risk-adjusted)',
    'Cumulative cost',
    'Cumulative benefits',
    'Paid back',
  ];
  const hr = s.header(labels);
  s.freeze(hr + 1, 4);
  const years = contractYears(h);
  const blocks: MonthlyRefs['blocks'] = [];
  const V = (col: number, m: number) => ref(VOLUME, col, vol.rowOf(m));
  for (const info of st.vendors) {
    if (!info.covered) {
      blocks.push(null);
      continue;
    }
    const vi = info.index;
    const vr = inp.vendors[vi]!;
    const first = s.row;
    const qf = priceFormat(info.vendor.quote.currency);
    for (let m = 1; m <= h; m++) {
      const r = s.row;
      const c = (col: number) => `${colLetter(col)}${r}`;
      const prev = (col: number) => `${colLetter(col)}${r - 1}`;
      // Sums over streams: a SUMPRODUCT of the month's Volume row and the vendor's row on Evidence.
      const outRow = vol.outRow(m);
      const across = (row: string | null) => (outRow === null ? '0' : `SUMPRODUCT(${outRow},${row!})`);
      // Sums over the vendor's routes: its rows on Calc for this month (SUMIFS on the month column),
      // so the formula's length does not grow with the number of routes.
      const nr = info.routes.length;
      const calcCol = (col: number) => range(CALC, col, calc.rowOf(vi, 0, 1), col, calc.rowOf(vi, nr - 1, h));
      const routeSum = (col: number) => (nr === 0 ? '0' : `SUMIFS(${calcCol(col)},${calcCol(CALC_COLS.month)},${c(M.month)})`);
      const monthlyCommit = `${vr.monthlyCommit}*${vr.fx}`;
      const year = years[Math.ceil(m / 12) - 1]!;
      const annualDue = year.months === 12 ? `${vr.annualCommit}*${vr.fx}` : `${vr.annualCommit}*${vr.fx}*${year.months}/12`;
      const trueUp = `MAX(0,${monthlyCommit}-${c(M.usage)})` + (m === year.lastMonth ? `+MAX(0,${annualDue}-${c(M.yearToDate)})` : '');
      const feeTerms = FEE_CATEGORIES.map((cat) =>
        vr.fees
          .filter((f) => f.category === cat)
          .map((f) => {
            switch (f.kind) {
              case 'once':
                return `IF(${c(M.month)}=${f.month},${f.amount}*${f.fx},0)`;
              case 'month':
                return `${f.amount}*${f.fx}*${c(M.escalation)}`;
              case 'seat-month':
                return `${f.amount}*${f.quantity}*${f.fx}*${c(M.escalation)}`;
              case 'contact-month':
                // Only the contacts above the fee's allowance are charged (MODEL.md section 4, v1.2).
                return `${f.amount}*${f.fx}*MAX(0,${V(vol.contacts, m)}-${f.included})*${c(M.escalation)}`;
              case 'failed-message':
                return `${f.amount}*${f.fx}*${c(M.failed)}*${c(M.escalation)}`;
            }
          }),
      );
      const labour = `${vr.monthlyHours}*${inp.hourlyRate}+${vr.monthlyOther}` + (m === 1 ? `+${vr.setupHours}*${inp.hourlyRate}` : '');
      const benefits = [across(ac.benefitPerOut(vi))];
      if (inp.streamColumns && inp.streams.some((x) => x.risk !== null)) benefits.push(`SUM(${inp.streamColumns.risk})/12`);
      s.line([
        info.vendor.id,
        info.vendor.name || info.vendor.id,
        [m, INTEGER],
        [fx(V(vol.period, m)), MONTH],
        [fx(V(vol.year, m)), INTEGER],
        [fx(outRow === null ? '0' : `SUM(${outRow})`), COUNT],
        [fx(across(ac.dr(vi))), COUNT],
        [fx(across(ac.drEr(vi))), COUNT],
        [fx(across(ac.failShare(vi))), COUNT],
        [fx(routeSum(CALC_COLS.billedUnits)), COUNT],
        [fx(`(1+${vr.escalator})^(${c(M.year)}-1)`), FACTOR],
        [fx(`${routeSum(CALC_COLS.tierCharge)}+${routeSum(CALC_COLS.inboundCharge)}`), qf],
        [fx(`${c(M.charges)}*${c(M.escalation)}*(1-${vr.discount})*${vr.fx}`), money],
        [fx(`${routeSum(CALC_COLS.passThrough)}*${vr.fx}`), money],
        [fx(`MAX(${c(M.usage)},${monthlyCommit})`), money],
        [fx(m === 1 || (m - 1) % 12 === 0 ? c(M.billAfterMonthly) : `${prev(M.yearToDate)}+${c(M.billAfterMonthly)}`), money],
        [fx(trueUp), money],
        ...feeTerms.map((t): [CellValue, string] => [fx(sum(t)), money]),
        [fx(`SUM(${c(M.feeFirst)}:${colLetter(M.feeFirst + FEE_CATEGORIES.length - 1)}${r})`), money],
        [fx(labour), money],
        [fx(`${c(M.failed)}*${vr.remediation}`), money],
        [fx(`${c(M.labour)}+${c(M.remediation)}`), money],
        [fx(`${c(M.usage)}+${c(M.passThrough)}+${c(M.commitTrueUp)}+${c(M.fees)}+${c(M.internal)}`), money],
        [fx(V(vol.df, m)), FACTOR],
        [fx(`${c(M.total)}*${c(M.df)}`), money],
        [fx(sum(benefits)), money],
        [fx(`${c(M.benefitsGross)}*(1-${inp.riskAdjustment})`), money],
        [fx(m === 1 ? c(M.total) : `${prev(M.cumCost)}+${c(M.total)}`), money],
        [fx(m === 1 ? c(M.benefits) : `${prev(M.cumBenefits)}+${c(M.benefits)}`), money],
        [fx(`IF(${c(M.cumBenefits)}>=${c(M.cumCost)},${c(M.month)},"")`), INTEGER],
      ]);
    }
    blocks.push({ first, last: s.row - 1 });
  }
  return { blocks };
}
