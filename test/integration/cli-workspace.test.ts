/**
 * The command line on workspace files (FORMAT.md): `tco new FILE [--from DOC]`, `tco compute FILE`
 * on a workspace file, `tco export FILE --json OUT`; bad input exits 2 with one line and writes nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument } from '../../electron/api/document.js';
import { runCli } from '../../electron/cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-cli-ws-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const WORKED = new URL('../fixtures/worked-example.json', import.meta.url).pathname;

async function tco(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

describe('tco on workspace files', () => {
  const file = join(dir, 'worked.tcows');

  it('creates a workspace from a document, computes it and exports the same document', async () => {
    const created = await tco('new', file, '--from', WORKED);
    expect(created.code, created.err.join()).toBe(0);
    expect(created.out.join()).toContain('created');
    const computed = await tco('compute', file, '--json', '--draws', '50');
    expect(computed.code, computed.err.join()).toBe(0);
    // MODEL.md section 11: TCO 19,124.00.
    expect(JSON.parse(computed.out.join('')).vendors[0].tco.nominal).toBe('19124');
    const out = join(dir, 'worked-out.json');
    const exported = await tco('export', file, '--json', out);
    expect(exported.code, exported.err.join()).toBe(0);
    const expected = canonicalDocument(readDocument(JSON.parse(readFileSync(WORKED, 'utf8'))));
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(expected);
  });

  it('prints the readable table for a workspace file', async () => {
    const r = await tco('compute', file, '--draws', '50');
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toContain('19,124.00');
  });

  it('refuses to overwrite an existing file', async () => {
    const before = readFileSync(file);
    const r = await tco('new', file);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain(file);
    expect(r.err[0]).toContain('already exists');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('creates an empty workspace', async () => {
    const empty = join(dir, 'empty.tcows');
    expect((await tco('new', empty)).code).toBe(0);
    const r = await tco('compute', empty, '--json', '--draws', '0');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out.join('')).vendors).toEqual([]);
  });

  it('names the document, its JSON path and field when --from is invalid, and creates nothing', async () => {
    const bad = join(dir, 'bad.json');
    const doc = JSON.parse(readFileSync(WORKED, 'utf8'));
    doc.vendors[0].quote.currency = 'euro';
    writeFileSync(bad, JSON.stringify(doc));
    const target = join(dir, 'never.tcows');
    const r = await tco('new', target, '--from', bad);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toBe(`${bad}: $.vendors[0].quote.currency: must be an ISO 4217 code such as "USD"`);
    expect(existsSync(target)).toBe(false);
  });

  it('two outputs at once, or none, is a usage error in one line; nothing is written', async () => {
    const both = await tco('export', file, '--xlsx', join(dir, 'x.xlsx'), '--json', join(dir, 'x.json'));
    expect(both.code).toBe(2);
    expect(both.err).toHaveLength(1);
    const none = await tco('export', file);
    expect(none.code).toBe(2);
    expect(none.err).toHaveLength(1);
    expect(none.err[0]).toMatch(/--json|--xlsx|--pdf|--csv/);
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });

  it('names a file that is not a workspace', async () => {
    const txt = join(dir, 'notes.tcows');
    writeFileSync(txt, 'hello');
    const r = await tco('export', txt, '--json', join(dir, 'o.json'));
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain(txt);
    expect(r.err[0]).toContain('not a workspace file');
    expect(existsSync(join(dir, 'o.json'))).toBe(false);
  });

  it('refuses a document or a workspace file with a scenario that no longer applies, naming the scenario and the operation (MODEL.md section 7)', async () => {
    // The app computes the rest and says why that one cannot be; the command keeps the contract.
    const worked = JSON.parse(readFileSync(WORKED, 'utf8')) as Record<string, unknown>;
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
    const json = join(dir, 'broken.json');
    writeFileSync(json, JSON.stringify(broken));
    const ws = join(dir, 'broken.tcows');
    const made = await tco('new', ws, '--from', json);
    expect(made.code, made.err.join()).toBe(0);
    for (const file of [json, ws]) {
      const r = await tco('compute', file, '--json', '--draws', '0');
      expect(r.code).toBe(2);
      expect(r.out).toEqual([]);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toBe(
        `${file}: $.scenarios[0].patch[0]: scenario "B cuts its price": operation 1 (test /vendors/0/id) expects "B" but the workspace holds "A": the workspace has changed since the scenario was written; change or remove that operation`,
      );
    }
  });
});
