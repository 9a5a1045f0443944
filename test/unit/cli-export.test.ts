/**
 * `tco export FILE --xlsx OUT` and `tco export FILE --csv OUT [--table compare|monthly]` in process:
 * a document or a workspace file in, the file out (whole, or nothing at all); bad input and an
 * unwritable OUT exit 2 with one line on stderr naming the file, nothing on stdout.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run.js';

const WORKED = fileURLToPath(new URL('../fixtures/worked-example.json', import.meta.url));

interface Run {
  code: number;
  out: string[];
  err: string[];
}

async function tco(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

/** Exit 2, nothing on stdout, one line on stderr; returns the line. */
function badInput(r: Run): string {
  expect(r.out, 'stdout').toEqual([]);
  expect(r.err, 'stderr').toHaveLength(1);
  expect(r.err[0]).not.toContain('\n');
  expect(r.code).toBe(2);
  return r.err[0]!;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tco-cli-export-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Files in a folder that are not `keep` (temporary files left behind would show here). */
const stray = (folder: string, keep: string[] = []) => readdirSync(folder).filter((f) => !keep.includes(f));

describe('tco export --csv and --xlsx', () => {
  it('writes the compare table of a document: 19,124.00 for MODEL.md section 11', async () => {
    const out = join(dir, 'compare.csv');
    const r = await tco('export', WORKED, '--csv', out);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([`wrote ${out}`]);
    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/^vendor_id,vendor,currency,covered,/);
    expect(lines[1]).toMatch(/^A,Vendor A,USD,yes,,,19124\.00,19124\.00,8400\.00,3600\.00,0\.00,124\.00,1000\.00,6000\.00,/);
  });

  it('writes the monthly rows: 2,514.00 in month 1, 1,510.00 after', async () => {
    const out = join(dir, 'monthly.csv');
    expect((await tco('export', WORKED, '--csv', out, '--table', 'monthly')).code).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(13);
    expect(lines[1]).toBe('A,Vendor A,1,2027-01,100000,5000,700.00,300.00,0.00,14.00,1000.00,500.00,2514.00,1,2514.00,0.00');
    expect(lines[12]).toBe('A,Vendor A,12,2027-12,100000,5000,700.00,300.00,0.00,10.00,0.00,500.00,1510.00,1,1510.00,0.00');
  });

  it('writes the workbook of a document', async () => {
    const out = join(dir, 'worked.xlsx');
    const r = await tco('export', WORKED, '--xlsx', out);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.err).toEqual([`wrote ${out}`]);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Inputs', 'Monthly', 'Evidence', 'Sensitivity', 'Scenarios', 'Volume', 'Calc']);
    const [sheet, address] = wb.definedNames.getRanges('TCO_A').ranges[0]!.split('!') as [string, string];
    expect(wb.getWorksheet(sheet)!.getCell(address.replace(/\$/g, '')).formula).toMatch(/^ROUND\(SUM\(Monthly!/);
  });

  it('exports a workspace file (SQLite) as it does the document', async () => {
    const ws = join(dir, 'worked.tcows');
    expect((await tco('new', ws, '--from', WORKED)).code).toBe(0);
    const out = join(dir, 'from-file.csv');
    const r = await tco('export', ws, '--csv', out);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(dir, 'compare.csv'), 'utf8'));
    const xlsx = join(dir, 'from-file.xlsx');
    expect((await tco('export', ws, '--xlsx', xlsx)).code).toBe(0);
    expect(statSync(xlsx).size).toBeGreaterThan(1000);
  });

  it('replaces an existing OUT whole, leaving no temporary file', async () => {
    const folder = join(dir, 'replace');
    mkdirSync(folder);
    const out = join(folder, 'table.csv');
    writeFileSync(out, 'old content');
    expect((await tco('export', WORKED, '--csv', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^vendor_id,/);
    expect(stray(folder, ['table.csv'])).toEqual([]);
  });
});

describe('tco export errors: exit 2, one line naming the file, nothing written', () => {
  it('an input file that does not exist', async () => {
    const missing = join(dir, 'missing.json');
    const out = join(dir, 'never.csv');
    const line = badInput(await tco('export', missing, '--csv', out));
    expect(line).toContain(missing);
    expect(existsSync(out)).toBe(false);
  });

  it('an input that is not JSON names the file and the line', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "format": "tco-workspace",\n  oops\n}\n');
    const out = join(dir, 'never.xlsx');
    const line = badInput(await tco('export', bad, '--xlsx', out));
    expect(line).toContain(bad);
    expect(line).toContain('line 3');
    expect(existsSync(out)).toBe(false);
  });

  it('a document the model cannot compute (a quote currency without an FX rate) leaves OUT as it was', async () => {
    const doc = JSON.parse(readFileSync(WORKED, 'utf8'));
    doc.vendors[0].quote.currency = 'EUR';
    const file = join(dir, 'no-fx.json');
    writeFileSync(file, JSON.stringify(doc));
    const out = join(dir, 'kept.csv');
    writeFileSync(out, 'old content');
    const line = badInput(await tco('export', file, '--csv', out));
    expect(line).toContain(file);
    expect(line).toContain('EUR');
    expect(readFileSync(out, 'utf8')).toBe('old content');
    for (const flag of ['--xlsx', '--csv']) badInput(await tco('export', file, flag, join(dir, `never${flag}`)));
    expect(existsSync(join(dir, 'never--xlsx'))).toBe(false);
  });

  it('a route with more volume tiers than Excel can nest is refused with the cell named, and OUT is kept', async () => {
    // 70 volume tiers make the tier charge's price 69 nested IFs: Excel nests at most 64 functions.
    const doc = JSON.parse(readFileSync(WORKED, 'utf8'));
    const route = doc.vendors[0].quote.routes[0];
    route.tierMode = 'volume';
    route.tiers = Array.from({ length: 70 }, (_, i) => ({ from: i * 1000, price: (0.01 - i * 0.0001).toFixed(4) }));
    const file = join(dir, 'many-tiers.json');
    writeFileSync(file, JSON.stringify(doc));
    const out = join(dir, 'kept.xlsx');
    writeFileSync(out, 'old workbook');
    const line = badInput(await tco('export', file, '--xlsx', out));
    expect(line).toContain(out);
    expect(line).toMatch(/the formula of Calc![A-Z]+\d+ would nest 69 functions; Excel allows 64/);
    expect(readFileSync(out, 'utf8')).toBe('old workbook');
    // At 60 tiers the same route is a workbook.
    route.tiers = route.tiers.slice(0, 60);
    writeFileSync(file, JSON.stringify(doc));
    expect((await tco('export', file, '--xlsx', out)).code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('OUT in a folder that does not exist', async () => {
    for (const flag of ['--xlsx', '--csv']) {
      const out = join(dir, 'no-such-folder', `out${flag}`);
      const line = badInput(await tco('export', WORKED, flag, out));
      expect(line).toBe(`${out}: could not be written (no such folder, ENOENT)`);
      expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
    }
  });

  it('OUT that is a folder, or below a file: the folder stays as it was, no temporary file is left', async () => {
    const folder = join(dir, 'unwritable');
    mkdirSync(folder);
    const target = join(folder, 'a-folder.xlsx');
    mkdirSync(target);
    const line = badInput(await tco('export', WORKED, '--xlsx', target));
    expect(line.startsWith(`${target}: could not be written (`)).toBe(true);
    expect(statSync(target).isDirectory()).toBe(true);
    expect(readdirSync(target)).toEqual([]);
    expect(stray(folder, ['a-folder.xlsx'])).toEqual([]);
    const file = join(folder, 'plain-file');
    writeFileSync(file, 'x');
    const below = join(file, 'out.csv');
    expect(badInput(await tco('export', WORKED, '--csv', below)).startsWith(`${below}: could not be written (`)).toBe(true);
    expect(stray(folder, ['a-folder.xlsx', 'plain-file'])).toEqual([]);
  });

  it('bad flags: an unknown table, --table without --csv, two outputs at once', async () => {
    expect(badInput(await tco('export', WORKED, '--csv', join(dir, 'x.csv'), '--table', 'vendors'))).toContain('--table must be compare or monthly');
    expect(badInput(await tco('export', WORKED, '--xlsx', join(dir, 'x.xlsx'), '--table', 'monthly'))).toContain('--table goes with --csv');
    expect(badInput(await tco('export', WORKED, '--xlsx', join(dir, 'x.xlsx'), '--csv', join(dir, 'x.csv')))).toContain('one output at a time');
    for (const f of ['x.csv', 'x.xlsx']) expect(existsSync(join(dir, f))).toBe(false);
  });
});
