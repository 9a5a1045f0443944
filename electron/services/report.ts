/**
 * `export.pdf`: the business-case report of a workspace, as a PDF. Every number is computed here
 * (by default the compare screen's seeded draws, electron/api/analysis.ts, so the report's
 * percentiles are the screen's; sensitivity, break-even, monthly rows), the payload is built
 * (electron/export/report-payload.ts), and the printer the transport gave createApp draws and
 * prints the report page; this file never knows which printer it is (playwright's Chromium for the
 * command line and the browser host, a hidden window under Electron). The PDF is written to a
 * temporary file beside the target and renamed over it, so a failure leaves no half-written file;
 * every error names the file.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { WorkspaceDocument } from '../api/document.js';
import { OperationError } from '../api/errors.js';
import type { ReportPrepared, ReportPrinter } from '../api/report.js';
import { ANALYSIS_DRAWS, ANALYSIS_SEED } from '../api/analysis.js';
import type { EngineCache } from '../engine/compute.js';
import { computeWithScenarios } from './scenarios.js';
import { computeJson } from '../engine/result-json.js';
import type { Workspace } from '../engine/types.js';
import { countPdfPages } from '../export/pdf.js';
import { buildReportPayload } from '../export/report-payload.js';
import { writeFileWhole } from './write.js';

export interface ReportSource {
  ws: Workspace;
  /** The canonical document of `ws`. */
  document: WorkspaceDocument;
  cache?: EngineCache;
  /** "Prepared for" and "prepared by", from the workspace file (none for a document). */
  prepared?: ReportPrepared;
}

export interface ReportOptions {
  draws?: number | undefined;
  seed?: number | undefined;
}

const errnoText = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

export async function exportReportPdf(source: ReportSource, outPath: string, options: ReportOptions, printer: ReportPrinter | undefined, now: () => Date): Promise<{ path: string; pages: number }> {
  const path = resolve(outPath);
  if (!printer) throw new OperationError('INTERNAL', `${path}: the report cannot be printed here (this app was started without a report printer)`, { file: path });
  // A folder that is not there fails now, not after the seconds that printing takes.
  let folder;
  try {
    folder = statSync(dirname(path));
  } catch (e) {
    throw new OperationError('FILE_ERROR', `${path}: could not be written (its folder ${dirname(path)} cannot be used: ${errnoText(e)})`, { file: path });
  }
  if (!folder.isDirectory()) throw new OperationError('FILE_ERROR', `${path}: could not be written (${dirname(path)} is not a folder)`, { file: path });

  const result = computeJson(
    computeWithScenarios(
      source.ws,
      { draws: options.draws ?? ANALYSIS_DRAWS, seed: options.seed ?? ANALYSIS_SEED, sensitivity: true, breakEven: true },
      source.cache,
      source.cache ? 'alone' : 'refuse',
    ),
    { monthly: true },
  );
  const payload = buildReportPayload(source.document, result, now(), source.prepared);
  let bytes: Uint8Array;
  try {
    bytes = await printer.print(payload);
  } catch (e) {
    throw new OperationError('INTERNAL', `${path}: the report could not be printed: ${(e as Error).message ?? String(e)}`, { file: path });
  }
  let pages: number;
  try {
    pages = countPdfPages(bytes);
  } catch (e) {
    throw new OperationError('INTERNAL', `${path}: the printer gave something that is not a PDF (${(e as Error).message})`, { file: path });
  }
  writeFileWhole(path, bytes);
  return { path, pages };
}
