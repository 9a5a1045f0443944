/**
 * Exports of a computed workspace: the workbook (xlsx/) and the CSV tables (csv.ts), written
 * whole or not at all (write-file.ts). The services call these; nothing here knows the store.
 */
import type { ComputeResult } from '../engine/compute.js';
import type { Workspace } from '../engine/types.js';
import { csvExport, type CsvTable } from './csv-tables.js';
import { ExportFileError, writeFileAtomic } from './write-file.js';
import { WorkbookLimitError, xlsxBytes } from './xlsx/index.js';

export { CSV_TABLES, type CsvTable } from './csv-tables.js';
export { ExportFileError } from './write-file.js';

/** Write the workbook of a workspace and its result to `path`. */
export async function writeXlsx(path: string, ws: Workspace, result: ComputeResult): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await xlsxBytes(ws, result);
  } catch (e) {
    // Past a spreadsheet's limits: nothing is written, and the message says where.
    if (e instanceof WorkbookLimitError) throw new ExportFileError(path, e.message);
    throw e;
  }
  writeFileAtomic(path, bytes);
}

/** Write a CSV table of a computed workspace to `path`. */
export function writeCsv(path: string, result: ComputeResult, table: CsvTable): void {
  writeFileAtomic(path, csvExport(result, table));
}
