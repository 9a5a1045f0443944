/**
 * The report prints the percentiles the compare screen shows (issue 14 item 10: the PDF said
 * $0.2523–0.2961 where the screen said $0.2526–0.2959). The screen's analyses ask `compute` for
 * ANALYSIS_DRAWS seeded draws (renderer/src/state/slices/workspace.ts); the report computed its own 10,000.
 * Here the sample is opened through the app as the window opens it (analyses on their thread), the
 * screen's call is made, the report is exported, and the payload handed to the printer is compared
 * with what the screen received: the same 5th–95th percentiles and P(cheapest), formatted the same.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ANALYSIS_DRAWS, ANALYSIS_SEED } from '../../electron/api/analysis.js';
import type { ApiResult } from '../../electron/api/errors.js';
import type { WorkspaceState } from '../../electron/api/operations.js';
import type { ReportPayload, ReportPrinter } from '../../electron/api/report.js';
import type { ComputeJson } from '../../electron/engine/result-json.js';
import { createApp } from '../../electron/services/app.js';
import { unitRange } from '../../renderer/src/features/report/fmt.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-report-percentiles-'));
const printed: ReportPayload[] = [];
// A printer that keeps the payload it is given (the page would draw exactly these numbers) and
// answers with the smallest bytes that count as a one-page PDF.
const printer: ReportPrinter = {
  print: (payload) => {
    printed.push(payload);
    return Promise.resolve(new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n'));
  },
};
const app = createApp({ dataDir: join(dir, 'data'), printer, analysesThread: true });
afterAll(() => {
  app.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

async function ok<T>(op: string, input: unknown): Promise<T> {
  const r = (await app.dispatch(op, input)) as ApiResult<T>;
  if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('the report and the compare screen', () => {
  it('print the same 5th–95th percentiles and P(cheapest) for the sample: the same draws and seed', async () => {
    const sample = JSON.parse(readFileSync(new URL('../../resources/sample-workspace.json', import.meta.url), 'utf8')) as unknown;
    const ws = await ok<WorkspaceState>('workspace.create', { path: join(dir, 'sample.tcows'), from: sample });
    // The screen's analyses: the call renderer/src/state/slices/workspace.ts makes after a pause in typing.
    const screen = await ok<ComputeJson>('compute', { handle: ws.handle, draws: ANALYSIS_DRAWS, seed: ANALYSIS_SEED });
    await ok('export.pdf', { handle: ws.handle, path: join(dir, 'sample.pdf') });
    expect(printed).toHaveLength(1);
    const report = printed[0]!.result;
    expect([report.draws, report.seed]).toEqual([screen.draws, screen.seed]);
    expect([report.draws, report.seed]).toEqual([2000, 1]);
    const covered = screen.vendors.filter((v) => v.uncertainty);
    expect(covered.map((v) => v.id)).toEqual(['A', 'B']);
    for (const s of covered) {
      const r = report.vendors.find((v) => v.id === s.id)!;
      expect(r.uncertainty, s.id).toEqual(s.uncertainty);
      const range = (v: typeof s) => unitRange(v.uncertainty!.costPerEffective.p5, v.uncertainty!.costPerEffective.p95, 'USD');
      expect(range(r)).toBe(range(s));
      expect(range(r)).toMatch(/^\$0\.\d{4}–\$0\.\d{4}$/);
    }
    // The draws matter: the report's own 10,000 (its default before) give other percentiles, so this
    // test would fail if the report went back to computing its own.
    const own = await ok<ComputeJson>('compute', { handle: ws.handle, draws: 10_000, seed: 1 });
    expect(own.vendors[0]!.uncertainty!.costPerEffective.p5).not.toBe(screen.vendors[0]!.uncertainty!.costPerEffective.p5);
  }, 120_000);

  it("prints the workspace's prepared for and by, saved in its file", async () => {
    const sample = JSON.parse(readFileSync(new URL('../../resources/sample-workspace.json', import.meta.url), 'utf8')) as unknown;
    const ws = await ok<WorkspaceState>('workspace.create', { path: join(dir, 'prepared.tcows'), from: sample });
    expect(await ok('report.settings', { handle: ws.handle })).toEqual({ preparedFor: '', preparedBy: '' });
    // Saved trimmed; the other setting is left as it was.
    expect(await ok('report.settings', { handle: ws.handle, preparedFor: '  Acme Retail, procurement ' })).toEqual({ preparedFor: 'Acme Retail, procurement', preparedBy: '' });
    expect(await ok('report.settings', { handle: ws.handle, preparedBy: 'Jo Rivera' })).toEqual({ preparedFor: 'Acme Retail, procurement', preparedBy: 'Jo Rivera' });
    // Not an undo step: nothing to undo, the document unchanged.
    const state = await ok<WorkspaceState>('workspace.get', { handle: ws.handle });
    expect(state.history.canUndo).toBe(false);
    expect(state.document).toEqual(ws.document);
    await ok('export.pdf', { handle: ws.handle, path: join(dir, 'prepared.pdf'), draws: 0 });
    expect(printed.at(-1)!.prepared).toEqual({ preparedFor: 'Acme Retail, procurement', preparedBy: 'Jo Rivera' });
    // Reopened, the file still has them.
    await ok('workspace.close', { handle: ws.handle });
    const again = await ok<WorkspaceState>('workspace.open', { path: join(dir, 'prepared.tcows') });
    expect(await ok('report.settings', { handle: again.handle })).toEqual({ preparedFor: 'Acme Retail, procurement', preparedBy: 'Jo Rivera' });
    // A line break would not print as one line: refused, naming the field.
    const bad = (await app.dispatch('report.settings', { handle: again.handle, preparedBy: 'Jo\nRivera' })) as ApiResult<unknown>;
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatchObject({ code: 'INVALID_INPUT', field: 'preparedBy' });
  }, 120_000);
});
