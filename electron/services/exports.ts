/**
 * The services behind `export.xlsx` and `export.csv`: compute the workspace (an open one through
 * its engine cache, or a document), write the file whole or not at all, and turn a write failure
 * into a FILE_ERROR that names the file.
 */
import { resolve } from 'node:path';
import type { ComputeResult, EngineCache } from '../engine/compute.js';
import { computeWithScenarios } from './scenarios.js';
import type { Workspace } from '../engine/types.js';
import { writeCsv, writeXlsx, type CsvTable } from '../export/index.js';
import { asFileError } from './write.js';

export interface ExportSource {
  ws: Workspace;
  cache?: EngineCache | null;
}

export interface ExportOptions {
  draws?: number | undefined;
  seed?: number | undefined;
}

/**
 * An open workspace (with its cache) is exported as the app shows it: a scenario that no longer
 * applies to the base fails alone, and the Scenarios sheet says why; a document given whole is
 * refused with the scenario and the operation named (MODEL.md section 7), as `tco compute` does.
 */
function computed(src: ExportSource, opts: ExportOptions): ComputeResult {
  return computeWithScenarios(src.ws, { draws: opts.draws, seed: opts.seed }, src.cache ?? null, src.cache ? 'alone' : 'refuse');
}

async function writing(path: string, write: (path: string) => void | Promise<void>): Promise<{ path: string }> {
  const full = resolve(path);
  try {
    await write(full);
  } catch (e) {
    throw asFileError(e);
  }
  return { path: full };
}

export function exportXlsxFile(src: ExportSource, path: string, opts: ExportOptions = {}): Promise<{ path: string }> {
  const result = computed(src, opts);
  return writing(path, (full) => writeXlsx(full, src.ws, result));
}

export function exportCsvFile(src: ExportSource, path: string, table: CsvTable, opts: ExportOptions = {}): Promise<{ path: string }> {
  const result = computed(src, opts);
  return writing(path, (full) => writeCsv(full, result, table));
}
