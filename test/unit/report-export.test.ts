/**
 * `export.pdf` through the one dispatch, with a fake printer (the real one is in
 * test/integration/report-pdf.test.ts): what the printer is handed (every number of MODEL.md section 11,
 * the screen's 2,000 draws unless told, the canonical document, the evidence), the file written through a
 * temporary file and a rename, and errors that name the file and leave what was there.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportPayload, ReportPrinter } from '../../electron/api/report.js';
import { createApp } from '../../electron/services/app.js';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tco-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const worked = () => JSON.parse(readFileSync(join(root, 'test/fixtures/worked-example.json'), 'utf8')) as unknown;
const sample = () => JSON.parse(readFileSync(join(root, 'test/fixtures/sample-rfp.json'), 'utf8')) as unknown;

/** Two pages, as Chromium writes them. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Pages /Count 2>> endobj\n2 0 obj <</Type /Page>> endobj\n3 0 obj <</Type /Page>> endobj\n%%EOF\n', 'latin1');

function fakePrinter(answer: (p: ReportPayload) => Promise<Uint8Array> = async () => PDF): ReportPrinter & { payloads: ReportPayload[] } {
  const payloads: ReportPayload[] = [];
  return {
    payloads,
    print: async (p) => {
      payloads.push(p);
      return answer(p);
    },
  };
}

describe('export.pdf', () => {
  it('hands the printer every number of the worked example (MODEL.md section 11) and writes its PDF', async () => {
    const printer = fakePrinter();
    const app = createApp({ dataDir: null, printer, now: () => new Date(Date.UTC(2026, 10, 2)) });
    const out = join(dir, 'worked.pdf');
    const r = await app.dispatch('export.pdf', { document: worked(), path: out });
    expect(r).toEqual({ ok: true, value: { path: out, pages: 2 } });
    expect(readFileSync(out)).toEqual(PDF);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    const p = printer.payloads[0]!;
    expect(p.generatedAt).toBe('2026-11-02T00:00:00.000Z');
    const a = p.result.vendors[0]!;
    // 12·(700 + 300 + 10 + 500) + 4 + 1,000 = 19,124
    expect(a.tco!.nominal).toBe('19124');
    expect(a.tco!.byCategory).toMatchObject({ usage: '8400', passThrough: '3600', fees: '124', internal: '1000', remediation: '6000' });
    expect(a.delivered).toBe(1140000);
    expect(a.effective).toBe(114000);
    // The report's analyses: the compare screen's 2,000 draws (seed 1) unless told, the nine-input tornado, twelve monthly rows.
    expect(p.result.draws).toBe(2000);
    expect(p.result.seed).toBe(1);
    expect(a.uncertainty!.pCheapest).toBe(1);
    expect(a.sensitivity).toHaveLength(9);
    expect(a.monthly).toHaveLength(12);
    // The document comes canonical (every default written out) and the pilot with its intervals.
    expect(p.document.vendors[0]!.quote.routes[0]!.billedOn).toBe('sent');
    expect(p.evidence[0]!.pilots[0]).toMatchObject({ route: 'sms/US', sent: 10000, delivered: 9500, engaged: 950 });
    app.closeAll();
  });

  it('prints an open workspace by its handle, with the draws and seed asked for', async () => {
    const printer = fakePrinter();
    const app = createApp({ dataDir: null, printer });
    const created = await app.dispatch('workspace.create', { path: join(dir, 'rfp.tcows'), from: sample() });
    expect(created.ok).toBe(true);
    const state = (created as { ok: true; value: { handle: string; document: unknown } }).value;
    const r = await app.dispatch('export.pdf', { handle: state.handle, path: join(dir, 'rfp.pdf'), draws: 50, seed: 7 });
    expect(r.ok).toBe(true);
    expect(printer.payloads[0]!.document).toEqual(state.document);
    expect(printer.payloads[0]!.result).toMatchObject({ draws: 50, seed: 7 });
    expect(printer.payloads[0]!.result.vendors.map((v) => v.id)).toEqual(['A', 'B', 'C']);
    app.closeAll();
  });

  it('a folder that is not there: FILE_ERROR naming the file, before anything is printed', async () => {
    const printer = fakePrinter();
    const app = createApp({ dataDir: null, printer });
    const out = join(dir, 'no-such-folder', 'r.pdf');
    const r = await app.dispatch('export.pdf', { document: worked(), path: out });
    expect(r).toMatchObject({ ok: false, error: { code: 'FILE_ERROR', file: out } });
    expect((r as { ok: false; error: { message: string } }).error.message.startsWith(`${out}: could not be written`)).toBe(true);
    expect(printer.payloads).toHaveLength(0);
  });

  it('a printer that fails, or answers with something else than a PDF: the error names the file and what was there stays', async () => {
    const out = join(dir, 'kept.pdf');
    writeFileSync(out, 'the previous report');
    for (const [printer, why] of [
      [fakePrinter(async () => Promise.reject(new Error('Chromium is not at /nowhere: install it'))), /the report could not be printed: Chromium is not at \/nowhere/],
      [fakePrinter(async () => Buffer.from('<html>')), /not a PDF/],
    ] as const) {
      const app = createApp({ dataDir: null, printer });
      const r = await app.dispatch('export.pdf', { document: worked(), path: out });
      expect(r).toMatchObject({ ok: false, error: { file: out } });
      const message = (r as { ok: false; error: { message: string } }).error.message;
      expect(message.startsWith(out)).toBe(true);
      expect(message).toMatch(why);
      expect(readFileSync(out, 'utf8')).toBe('the previous report');
    }
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('without a printer, says so; a bad document is refused at its path', async () => {
    const app = createApp({ dataDir: null });
    const r = await app.dispatch('export.pdf', { document: worked(), path: join(dir, 'x.pdf') });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect((r as { ok: false; error: { message: string } }).error.message).toMatch(/cannot be printed here/);
    const withPrinter = createApp({ dataDir: null, printer: fakePrinter() });
    const bad = await withPrinter.dispatch('export.pdf', { document: { ...(worked() as object), horizonMonths: 0 }, path: join(dir, 'x.pdf') });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_DOCUMENT', path: '$.document.horizonMonths', field: 'horizonMonths' } });
    expect(await withPrinter.dispatch('export.pdf', { path: join(dir, 'x.pdf') })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
