/**
 * The workbook export (`tco export FILE --xlsx OUT`, operation `export.xlsx`): a spreadsheet that
 * recomputes the engine's numbers from its Inputs sheet with formulas, so a reviewer who changes a
 * price sees every total move as the engine's would. See electron/export/README.md.
 *
 * Sheets, in the order a reader meets them: Summary, Inputs, Monthly, Evidence, Sensitivity, and
 * the helper sheets Volume (per month, all vendors) and Calc (per vendor, route and month).
 */
import ExcelJS from 'exceljs';
import type { ComputeResult } from '../../engine/compute.js';
import type { Workspace } from '../../engine/types.js';
import { calcSheet, CALC } from './calc.js';
import { evidenceSheet, EVIDENCE } from './evidence.js';
import { inputsSheet, INPUTS } from './inputs.js';
import { monthlySheet, MONTHLY } from './monthly.js';
import { Names } from './names.js';
import { SheetWriter } from './sheet.js';
import { sensitivitySheet, SENSITIVITY } from './sensitivity.js';
import { structure } from './structure.js';
import { summarySheet, SUMMARY } from './summary.js';
import { volumeSheet, VOLUME } from './volume.js';

export const SHEETS = [SUMMARY, INPUTS, MONTHLY, EVIDENCE, SENSITIVITY, VOLUME, CALC] as const;

/** The workbook of a workspace and the engine's result for it (the same workspace). */
export function buildWorkbook(ws: Workspace, result: ComputeResult): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'messaging-tco';
  wb.title = ws.name;
  // No cached values are written: whatever opens the file computes every formula.
  wb.calcProperties.fullCalcOnLoad = true;
  const sheets = Object.fromEntries(SHEETS.map((n) => [n, new SheetWriter(wb, n)])) as Record<(typeof SHEETS)[number], SheetWriter>;
  const names = new Names(wb);
  const st = structure(ws);
  const inp = inputsSheet(sheets[INPUTS], ws, st, names);
  const vol = volumeSheet(sheets[VOLUME], ws, st, inp);
  const ev = evidenceSheet(sheets[EVIDENCE], ws, st, inp, result);
  const calc = calcSheet(sheets[CALC], ws, st, inp, vol, ev);
  const monthly = monthlySheet(sheets[MONTHLY], ws, st, inp, vol, ev, calc);
  summarySheet(sheets[SUMMARY], ws, st, inp, vol, ev, monthly, result, names);
  sensitivitySheet(sheets[SENSITIVITY], result);
  return wb;
}

/** The workbook as the bytes of an .xlsx file. */
export async function xlsxBytes(ws: Workspace, result: ComputeResult): Promise<Buffer> {
  const wb = buildWorkbook(ws, result);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
