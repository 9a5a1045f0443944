/**
 * A scenario whose changes no longer apply to the base (its vendor was removed or moved) fails alone
 * in the app: exporting the open workspace still writes the workbook, whose Scenarios sheet says in
 * words why that scenario cannot be computed (the app showed a raw JSON path and exported nothing).
 * A document given whole is refused naming the scenario and the operation, as MODEL.md section 7 says.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../electron/services/app.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-broken-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The worked example (vendors A and B); the scenario was written when B was the first vendor.
const worked = JSON.parse(readFileSync(new URL('../fixtures/worked-example.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const broken = {
  ...worked,
  scenarios: [
    {
      id: 'b',
      name: 'B cuts its price',
      patch: [
        { op: 'test', path: '/vendors/0/id', value: 'B' },
        { op: 'replace', path: '/vendors/0/quote/routes/0/price', value: '0.005' },
      ],
    },
  ],
};

describe('exporting a workspace with a scenario that no longer applies', () => {
  it('the open workspace exports; the Scenarios sheet says why the scenario cannot be computed', async () => {
    const app = createApp({ dataDir: null });
    const made = await app.dispatch('workspace.create', { path: join(dir, 'w.tcows'), from: broken });
    expect(made.ok, JSON.stringify(made)).toBe(true);
    const handle = (made as { value: { handle: string } }).value.handle;
    const out = join(dir, 'w.xlsx');
    const r = await app.dispatch('export.xlsx', { handle, path: out, draws: 0 });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const rows: string[] = [];
    wb.getWorksheet('Scenarios')!.eachRow((row) =>
      rows.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) => (v === null || v === undefined ? '' : String(v)))
          .join(' | '),
      ),
    );
    const line = rows.find((x) => x.startsWith('B cuts its price |'));
    expect(line).toBeDefined();
    expect(line).toContain('cannot be computed');
    expect(line).toContain('“B cuts its price” no longer applies');
    // Words, not the JSON path or the pointer of the operation.
    expect(line).not.toMatch(/\$\.|\/vendors\/0/);
    app.closeAll();
  });

  it('a document given whole is refused, naming the scenario and the operation', async () => {
    const app = createApp({ dataDir: null });
    const r = await app.dispatch('export.xlsx', { document: broken, path: join(dir, 'd.xlsx'), draws: 0 });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toContain('scenario \\"B cuts its price\\": operation 1');
    app.closeAll();
  });
});
