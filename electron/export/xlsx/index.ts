/**
 * The workbook export (`tco export FILE --xlsx OUT`, operation `export.xlsx`): a spreadsheet that
 * recomputes the engine's numbers from its Inputs sheet with formulas, so a reviewer who changes a
 * price sees every total move as the engine's would. See electron/export/README.md.
 *
 * Sheets, in the order a reader meets them: Summary, Inputs, Monthly, Evidence, Sensitivity, Scenarios, and
 * the helper sheets Volume (per month, all vendors) and Calc (per vendor, route and month).
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

/** exceljs is loaded when a workbook is first built, not when `tco --help` starts (it costs ~0.3 s). */
const loadExcelJS = (): typeof ExcelJS => createRequire(import.meta.url)('exceljs') as typeof ExcelJS;
import type { ComputeResult } from '../../engine/compute.js';
import type { Workspace } from '../../engine/types.js';
import { acrossSection } from './across.js';
import { calcSheet, CALC } from './calc.js';
import { evidenceSheet, EVIDENCE } from './evidence.js';
import { inputsSheet, INPUTS } from './inputs.js';
import { monthlySheet, MONTHLY } from './monthly.js';
import { Names } from './names.js';
import { SheetWriter } from './sheet.js';
import { sensitivitySheet, SENSITIVITY } from './sensitivity.js';
import { storeResults } from './results.js';
import { scenariosSheet, SCENARIOS } from './scenarios.js';
import { structure } from './structure.js';
import { summarySheet, SUMMARY } from './summary.js';
import { volumeSheet, VOLUME } from './volume.js';

export const SHEETS = [SUMMARY, INPUTS, MONTHLY, EVIDENCE, SENSITIVITY, SCENARIOS, VOLUME, CALC] as const;

/** The workbook of a workspace and the engine's result for it (the same workspace). */
export function buildWorkbook(ws: Workspace, result: ComputeResult): ExcelJS.Workbook {
  const wb = new (loadExcelJS().Workbook)();
  wb.creator = 'messaging-tco';
  wb.title = ws.name;
  // Each formula's value is stored with it (for viewers that do not recalculate), and the file is
  // marked to be recalculated on load, so a program that can recalculate shows its own numbers.
  wb.calcProperties.fullCalcOnLoad = true;
  const sheets = Object.fromEntries(SHEETS.map((n) => [n, new SheetWriter(wb, n)])) as Record<(typeof SHEETS)[number], SheetWriter>;
  const names = new Names(wb);
  const st = structure(ws);
  const inp = inputsSheet(sheets[INPUTS], ws, st, names);
  const vol = volumeSheet(sheets[VOLUME], ws, st, inp);
  const ev = evidenceSheet(sheets[EVIDENCE], ws, st, inp, result);
  const ac = acrossSection(sheets[EVIDENCE], ws, st, vol, ev);
  const calc = calcSheet(sheets[CALC], ws, st, inp, vol, ev, ac);
  const monthly = monthlySheet(sheets[MONTHLY], ws, st, inp, vol, calc, ac);
  summarySheet(sheets[SUMMARY], ws, st, inp, ac, monthly, result, names);
  sensitivitySheet(sheets[SENSITIVITY], result);
  scenariosSheet(sheets[SCENARIOS], ws, result);
  checkLimits(wb);
  // The sheets others read first: year-to-date and cumulative chains are then reached row by row.
  storeResults(wb, [INPUTS, VOLUME, EVIDENCE, CALC, MONTHLY, SUMMARY, SENSITIVITY]);
  return wb;
}

/** Excel's limits on a formula's length and a sheet's size (specifications and limits of Excel). */
export const EXCEL_LIMITS = { formulaChars: 8192, nesting: 64, rows: 1_048_576, columns: 16_384 } as const;

/** The deepest nesting of function calls in a formula (`IF(a,IF(b,1,2),3)` is 2); text in quotes is skipped. */
export function functionNesting(formula: string): number {
  const stack: boolean[] = [];
  let depth = 0;
  let max = 0;
  let quoted = false;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i]!;
    if (ch === '"') quoted = !quoted;
    if (quoted) continue;
    if (ch === '(') {
      const call = i > 0 && /[A-Za-z0-9_.]/.test(formula[i - 1]!);
      stack.push(call);
      if (call) max = Math.max(max, ++depth);
    } else if (ch === ')' && stack.pop()) depth--;
  }
  return max;
}

/** A workbook Excel would refuse or truncate: what, and where. */
export class WorkbookLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookLimitError';
  }
}

/**
 * Refuse (before anything is written) a workbook that passes Excel's limits: a formula longer than
 * 8,192 characters or nesting more than 64 functions, more than 1,048,576 rows or 16,384 columns. No sum here grows with the number of
 * streams, so this is a guard, not a layout rule: a route with hundreds of tiers or fees could still
 * reach it.
 */
function checkLimits(wb: ExcelJS.Workbook): void {
  wb.eachSheet((sheet) => {
    if (sheet.rowCount > EXCEL_LIMITS.rows)
      throw new WorkbookLimitError(
        `the ${sheet.name} sheet would have ${sheet.rowCount.toLocaleString('en-US')} rows; a spreadsheet holds at most ${EXCEL_LIMITS.rows.toLocaleString('en-US')} (shorten the horizon or split the workspace)`,
      );
    if (sheet.columnCount > EXCEL_LIMITS.columns)
      throw new WorkbookLimitError(
        `the ${sheet.name} sheet would have ${sheet.columnCount.toLocaleString('en-US')} columns; a spreadsheet holds at most ${EXCEL_LIMITS.columns.toLocaleString('en-US')} (fewer streams per workspace)`,
      );
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const f = (cell.value as { formula?: unknown } | null)?.formula;
        if (typeof f !== 'string') return;
        if (f.length > EXCEL_LIMITS.formulaChars) {
          throw new WorkbookLimitError(
            `the formula of ${sheet.name}!${cell.address} would be ${f.length.toLocaleString('en-US')} characters long; Excel allows ${EXCEL_LIMITS.formulaChars.toLocaleString('en-US')}`,
          );
        }
        const nesting = functionNesting(f);
        if (nesting > EXCEL_LIMITS.nesting) {
          throw new WorkbookLimitError(
            `the formula of ${sheet.name}!${cell.address} would nest ${nesting} functions; Excel allows ${EXCEL_LIMITS.nesting}: a route with that many volume tiers cannot be one spreadsheet formula`,
          );
        }
      }),
    );
  });
}

/** The workbook as the bytes of an .xlsx file. */
export async function xlsxBytes(ws: Workspace, result: ComputeResult): Promise<Buffer> {
  const wb = buildWorkbook(ws, result);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
