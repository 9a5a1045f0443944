/**
 * The `tco` command line in process (FORMAT.md "The command line"): the `--json` outputs carry
 * every key of the contract, the same seed gives the same bytes, and bad input exits 2 with one
 * line on stderr naming the file / JSON path / line / flag, and nothing on stdout.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run.js';

const WORKED = fileURLToPath(new URL('../fixtures/worked-example.json', import.meta.url));
const workedDoc = (): any => JSON.parse(readFileSync(WORKED, 'utf8'));

interface Run {
  code: number;
  out: string[];
  err: string[];
  stdout: string;
}

async function tco(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err, stdout: out.join('\n') };
}

function json(r: Run): any {
  expect(r.code, r.err.join('\n')).toBe(0);
  expect(r.err).toEqual([]);
  return JSON.parse(r.stdout);
}

/** Exit 2, nothing on stdout, exactly one line on stderr; returns that line. */
function badInput(r: Run): string {
  expect(r.out, 'stdout').toEqual([]);
  expect(r.err, 'stderr').toHaveLength(1);
  const line = r.err[0]!.replace(/\n$/, '');
  expect(line).not.toContain('\n');
  expect(line.trim()).not.toBe('');
  expect(r.code).toBe(2);
  return line;
}

let dir: string;
const tmp = (name: string, content: string | Uint8Array): string => {
  const f = join(dir, name);
  writeFileSync(f, content);
  return f;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tco-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('tco compute --json (worked example)', () => {
  let j: any;
  let first: Run;
  beforeAll(async () => {
    first = await tco('compute', WORKED, '--json', '--draws', '200', '--seed', '3');
    j = json(first);
  });

  it('has every top-level key', async () => {
    for (const k of ['baseCurrency', 'horizonMonths', 'vendors', 'breakEven', 'draws', 'seed']) expect(j, k).toHaveProperty(k);
    expect(j.baseCurrency).toBe('USD');
    expect(j.horizonMonths).toBe(12);
    expect(j.draws).toBe(200);
    expect(j.seed).toBe(3);
    expect(Array.isArray(j.breakEven)).toBe(true);
    expect(j.vendors.map((v: any) => v.id)).toEqual(['A']);
  });

  it('has every vendor key', async () => {
    const v = j.vendors[0];
    for (const k of [
      'id',
      'uncovered',
      'assumed',
      'tco',
      'sent',
      'delivered',
      'effective',
      'costPerSent',
      'costPerDelivered',
      'costPerEffective',
      'benefits',
      'roi',
      'paybackMonth',
      'costPerIncremental',
      'sensitivity',
      'uncertainty',
      'monthly',
    ]) {
      expect(v, k).toHaveProperty(k);
    }
    expect(v.uncovered).toEqual([]);
    expect(v.assumed).toEqual([]);
    for (const k of ['nominal', 'npv', 'byCategory']) expect(v.tco, `tco.${k}`).toHaveProperty(k);
    for (const k of ['usage', 'passThrough', 'commitTrueUp', 'fees', 'internal', 'remediation']) expect(v.tco.byCategory, `byCategory.${k}`).toHaveProperty(k);
    for (const k of ['nominal', 'riskAdjusted', 'npv']) expect(v.benefits, `benefits.${k}`).toHaveProperty(k);
    expect(v.sensitivity.length).toBeGreaterThan(0);
    for (const s of v.sensitivity) {
      for (const k of ['input', 'tco', 'npv', 'costPerEffective']) expect(s, `sensitivity.${k}`).toHaveProperty(k);
      expect(s.tco).toHaveLength(2);
    }
    for (const k of ['p5', 'p50', 'p95']) expect(v.uncertainty.costPerEffective, `uncertainty.costPerEffective.${k}`).toHaveProperty(k);
    expect(v.uncertainty).toHaveProperty('pCheapest');
    expect(v.uncertainty.pCheapest).toBe(1); // the only vendor
    expect(v.monthly).toHaveLength(12);
    for (const m of v.monthly) {
      for (const k of ['month', 'usage', 'passThrough', 'commitTrueUp', 'fees', 'internal', 'total', 'benefits']) expect(m, `monthly.${k}`).toHaveProperty(k);
    }
    expect(v.monthly.map((m: any) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('gives the worked example totals (MODEL.md section 11)', async () => {
    const v = j.vendors[0];
    expect(Number(v.tco.nominal)).toBe(19124);
    expect(Number(v.tco.npv)).toBe(19124);
    expect(Object.fromEntries(Object.entries(v.tco.byCategory).map(([k, x]) => [k, Number(x)]))).toEqual({
      usage: 8400,
      passThrough: 3600,
      commitTrueUp: 0,
      fees: 124,
      internal: 1000,
      remediation: 6000,
    });
    expect([v.sent, v.delivered, v.effective]).toEqual([1200000, 1140000, 114000]);
    expect(Number(v.costPerEffective)).toBeCloseTo(0.167754, 6);
    // the monthly totals add up to the horizon total
    expect(v.monthly.reduce((s: number, m: any) => s + Number(m.total), 0)).toBeCloseTo(19124, 6);
    // percentiles are ordered
    const u = v.uncertainty.costPerEffective;
    expect(u.p5).toBeLessThanOrEqual(u.p50);
    expect(u.p50).toBeLessThanOrEqual(u.p95);
  });

  it('the same seed twice gives byte-identical output', async () => {
    const again = await tco('compute', WORKED, '--json', '--draws', '200', '--seed', '3');
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
  });

  it('a different seed gives a different uncertainty', async () => {
    const other = json(await tco('compute', WORKED, '--json', '--draws', '200', '--seed', '4'));
    expect(other.seed).toBe(4);
    expect(other.vendors[0].uncertainty).not.toEqual(j.vendors[0].uncertainty);
    // the deterministic part does not move
    expect(other.vendors[0].tco).toEqual(j.vendors[0].tco);
  });

  it('the readable table shows the total with grouping and cents', async () => {
    const r = await tco('compute', WORKED, '--draws', '200', '--seed', '3');
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.stdout).toContain('19,124.00');
    expect(r.stdout).toContain('200 draws, seed 3');
    expect(() => JSON.parse(r.stdout)).toThrow();
  });

  it('options may come before the file', async () => {
    const r = await tco('compute', '--json', '--seed', '3', '--draws', '200', WORKED);
    expect(r.stdout).toBe(first.stdout);
  });
});

describe('tco segments', () => {
  it('a 161-character GSM-7 text is 2 segments of 153', async () => {
    const s = json(await tco('segments', 'a'.repeat(161), '--json'));
    expect(s).toMatchObject({ encoding: 'GSM-7', segments: 2, units: 161, perSegment: 153, ucs2Chars: [] });
  });

  it('a 160-character GSM-7 text is 1 segment', async () => {
    const s = json(await tco('segments', 'a'.repeat(160), '--json'));
    expect(s).toMatchObject({ encoding: 'GSM-7', segments: 1, units: 160, perSegment: 160 });
  });

  it('"ç" forces UCS-2 and is listed', async () => {
    const s = json(await tco('segments', 'Merci, ça va? ça oui', '--json'));
    expect(s.encoding).toBe('UCS-2');
    expect(s.ucs2Chars).toEqual(['ç']);
    expect(s.units).toBe('Merci, ça va? ça oui'.length);
    expect(s.perSegment).toBe(70);
    expect(s.segments).toBe(1);
  });

  it('prints a readable line without --json', async () => {
    const r = await tco('segments', 'ça');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('UCS-2');
    expect(r.stdout).toContain('U+00E7');
  });

  it('a text over 100,000 characters is refused in words; one of 100,000 is counted (654 parts of 153)', async () => {
    expect(badInput(await tco('segments', 'a'.repeat(100_001)))).toBe('tco segments: TEXT has 100,001 characters; at most 100,000 can be counted');
    expect(json(await tco('segments', 'a'.repeat(100_000), '--json'))).toMatchObject({ encoding: 'GSM-7', segments: 654, units: 100_000 });
  });

  it('needs exactly one text', async () => {
    expect(badInput(await tco('segments'))).toContain('segments');
    expect(badInput(await tco('segments', 'a', 'b'))).toContain('segments');
  });
});

describe('tco holdout', () => {
  it('--json has every key', async () => {
    const h = json(await tco('holdout', '--exposed', '412/9000', '--holdout', '31/1000', '--json'));
    for (const k of ['p1', 'p0', 'absoluteLift', 'relativeLift', 'z', 'pValue', 'ci95']) expect(h, k).toHaveProperty(k);
    expect(h.p1).toBeCloseTo(412 / 9000, 12);
    expect(h.p0).toBeCloseTo(0.031, 12);
    expect(h.absoluteLift).toBeCloseTo(412 / 9000 - 0.031, 12);
    expect(h.relativeLift).toBeCloseTo((412 / 9000 - 0.031) / 0.031, 12);
    expect(h.ci95).toHaveLength(2);
    expect(h.ci95[0]).toBeLessThan(h.absoluteLift);
    expect(h.ci95[1]).toBeGreaterThan(h.absoluteLift);
    expect(h.pValue).toBeGreaterThan(0);
    expect(h.pValue).toBeLessThan(0.05);
  });

  it('relativeLift is null when p0 is 0', async () => {
    const h = json(await tco('holdout', '--exposed', '5/100', '--holdout', '0/100', '--json'));
    expect(h.relativeLift).toBeNull();
  });
});

describe('tco sample-size', () => {
  it("R's power.prop.test example: p1 .50, p2 .75, power .90 gives n = 76.7, so 77 per group", async () => {
    const s = json(await tco('sample-size', '--p0', '0.5', '--lift', '0.25', '--power', '0.9', '--json'));
    expect(s).toMatchObject({ perGroup: 77, total: 154 });
  });

  it('defaults alpha 0.05 and power 0.8', async () => {
    const a = json(await tco('sample-size', '--p0', '0.5', '--lift', '0.25', '--json'));
    const b = json(await tco('sample-size', '--p0', '0.5', '--lift', '0.25', '--alpha', '0.05', '--power', '0.8', '--json'));
    expect(a).toEqual(b);
    expect(a.perGroup).toBeLessThan(77);
    expect(a.total).toBe(2 * a.perGroup);
  });

  it('a target rate of exactly 100% (--p0 0.8 --lift 0.2) is computed: 35 per group (worked in stats.test.ts)', async () => {
    // (1.959963984540054·√0.18 + 0.8416212335729143·√0.16)² / 0.04 = 34.1167 → 35.
    expect(json(await tco('sample-size', '--p0', '0.8', '--lift', '0.2', '--json'))).toMatchObject({ perGroup: 35, total: 70 });
  });
});

describe('bad input exits 2 with one line on stderr and nothing on stdout', () => {
  it('a missing file', async () => {
    const f = join(dir, 'nope.json');
    const line = badInput(await tco('compute', f, '--json'));
    expect(line).toContain(f);
    expect(line).toMatch(/no such file/);
  });

  it('a directory', async () => {
    const sub = join(dir, 'a-folder');
    mkdirSync(sub, { recursive: true });
    const line = badInput(await tco('compute', sub));
    expect(line).toContain(sub);
    expect(line).toMatch(/folder|directory/);
  });

  it('a document saved as UTF-16 (Notepad\'s "Unicode") is read as its text; one broken after the mark is named', async () => {
    const text = readFileSync(WORKED, 'utf8');
    const le = tmp('utf16le.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const be = tmp('utf16be.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]).swap16());
    // MODEL.md section 11: the worked example's TCO is 19,124.00, whatever the file's encoding.
    for (const f of [le, be]) expect(Number(json(await tco('compute', f, '--json', '--draws', '0')).vendors[0].tco.nominal)).toBe(19124);
    const broken = tmp('utf16bad.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le'), Buffer.from([0x00, 0xd8])]));
    expect(badInput(await tco('compute', broken))).toBe(`${broken}: the file is not UTF-16 text throughout (it starts with a UTF-16 byte order mark): save it again as UTF-8`);
  });

  it('invalid JSON: the line and column are named', async () => {
    const f = tmp('bad.json', '{\n  "format": "tco-workspace",\n  "version": 1,\n  oops\n}\n');
    const line = badInput(await tco('compute', f, '--json'));
    expect(line).toContain(f);
    expect(line).toContain('line 4 column 3');
    expect(line).toMatch(/not valid JSON/);
  });

  it('invalid JSON: a trailing comma names its line and column', async () => {
    const f = tmp('comma.json', '{\n  "format": "tco-workspace",\n}\n');
    const line = badInput(await tco('compute', f));
    expect(line).toContain(f);
    expect(line).toContain('line 3 column 1');
  });

  // Node 20's JSON.parse leaves the position out of "Unexpected token" messages, so the reader has
  // to find the place itself; the contract asks for the line either way.
  it('invalid JSON: an unquoted value names its line and column', async () => {
    const f = tmp('bare.json', '{\n  "format": "tco-workspace",\n  "version": x\n}\n');
    const line = badInput(await tco('compute', f));
    expect(line).toContain(f);
    expect(line).toContain('line 3 column 14');
  });

  it('invalid JSON: a single-quoted string names its line and column', async () => {
    const f = tmp('single.json', '{\n  "format": \'tco-workspace\'\n}\n');
    const line = badInput(await tco('compute', f));
    expect(line).toContain(f);
    expect(line).toContain('line 2 column 13');
  });

  it('an empty file', async () => {
    const f = tmp('empty.json', '');
    const line = badInput(await tco('compute', f));
    expect(line).toContain(f);
    expect(line).toMatch(/empty/);
  });

  it('a file of only white space is empty too', async () => {
    const f = tmp('blank.json', '  \n\n ');
    const line = badInput(await tco('compute', f));
    expect(line).toContain(f);
    expect(line).toMatch(/empty/);
  });

  it('a non-UTF-8 file', async () => {
    // {"é"} in Latin-1: é is the single byte 0xe9, not UTF-8 (nor UTF-16, which would start ff fe).
    const f = tmp('latin.json', new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    const line = badInput(await tco('compute', f));
    expect(line).toContain(f);
    expect(line).toMatch(/not UTF-8/);
    expect(line).toMatch(/line 1/);
  });

  it('a non-UTF-8 byte further down names its line', async () => {
    const f = tmp('latin2.json', Buffer.concat([Buffer.from('{\n  "name": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]));
    const line = badInput(await tco('compute', f));
    expect(line).toContain(f);
    expect(line).toMatch(/not UTF-8/);
    expect(line).toContain('line 2');
  });

  it('a SQLite workspace file', async () => {
    const f = tmp('ws.tco', Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(84, 0)]));
    const line = badInput(await tco('compute', f));
    expect(line).toContain(f);
    expect(line).toMatch(/SQLite/);
  });

  it('an unknown field: the JSON path is named', async () => {
    const doc = workedDoc();
    doc.vendors[0].quote.routes[0].priceX = '0.01';
    const f = tmp('unknown.json', JSON.stringify(doc, null, 2));
    const line = badInput(await tco('compute', f, '--json'));
    expect(line).toBe(`${f}: $.vendors[0].quote.routes[0].priceX: unknown field "priceX"`);
  });

  it('an unknown field with the options before the file: the file is still named', async () => {
    const doc = workedDoc();
    doc.colour = 'blue';
    const f = tmp('unknown2.json', JSON.stringify(doc));
    const line = badInput(await tco('compute', '--json', f));
    expect(line).toBe(`${f}: $.colour: unknown field "colour"`);
    const line2 = badInput(await tco('compute', '--draws', '10', f));
    expect(line2).toBe(`${f}: $.colour: unknown field "colour"`);
  });

  it('a EUR quote with no FX rate: the path of the currency is named', async () => {
    const doc = workedDoc();
    doc.vendors[0].quote.currency = 'EUR';
    const f = tmp('eur.json', JSON.stringify(doc));
    const line = badInput(await tco('compute', f, '--json'));
    expect(line).toContain(f);
    expect(line).toContain('$.vendors[0].quote.currency');
    expect(line).toContain('EUR');
  });

  it('an unknown command', async () => {
    const line = badInput(await tco('frobnicate', WORKED));
    expect(line).toContain('frobnicate');
    expect(line).toMatch(/unknown command/);
  });

  it('no command prints the usage on stderr and exits 2 (a usage error); --help prints it on stdout and exits 0', async () => {
    const r = await tco();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.err.join('\n')).toMatch(/^usage: tco/);
    const help = await tco('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: tco/);
    expect(help.err).toEqual([]);
  });

  it('an unknown option', async () => {
    const line = badInput(await tco('compute', WORKED, '--bogus'));
    expect(line).toContain('--bogus');
    expect(line).toContain('compute');
  });

  it('--draws abc', async () => {
    const line = badInput(await tco('compute', WORKED, '--draws', 'abc'));
    expect(line).toContain('--draws');
    expect(line).toContain('abc');
  });

  it('--seed -1', async () => {
    const line = badInput(await tco('compute', WORKED, '--seed=-1'));
    expect(line).toContain('--seed');
  });

  it('compute with no file', async () => {
    const line = badInput(await tco('compute', '--json'));
    expect(line).toContain('compute');
  });

  it('--exposed 5/3 (more conversions than the group)', async () => {
    const line = badInput(await tco('holdout', '--exposed', '5/3', '--holdout', '31/1000'));
    expect(line).toContain('--exposed');
    expect(line).toMatch(/more than the group/);
  });

  it('--exposed abc', async () => {
    const line = badInput(await tco('holdout', '--exposed', 'abc', '--holdout', '31/1000'));
    expect(line).toContain('--exposed');
    expect(line).toContain('abc');
  });

  it('--holdout with a group of 0', async () => {
    const line = badInput(await tco('holdout', '--exposed', '1/10', '--holdout', '0/0'));
    expect(line).toContain('--holdout');
  });

  it('a missing --holdout', async () => {
    const line = badInput(await tco('holdout', '--exposed', '1/10'));
    expect(line).toContain('--holdout');
    expect(line).toMatch(/required/);
  });

  it('--p0 1.5', async () => {
    const line = badInput(await tco('sample-size', '--p0', '1.5', '--lift', '0.1'));
    expect(line).toContain('--p0');
    expect(line).toContain('1.5');
  });

  it('a missing --lift', async () => {
    const line = badInput(await tco('sample-size', '--p0', '0.5'));
    expect(line).toContain('--lift');
    expect(line).toMatch(/required/);
  });

  it('--p0 plus --lift above 1', async () => {
    const line = badInput(await tco('sample-size', '--p0', '0.8', '--lift', '0.3'));
    expect(line).toContain('--lift');
    expect(line).toMatch(/at most 1/);
  });

  it('a flag given to a command that does not take it', async () => {
    const line = badInput(await tco('segments', 'hi', '--draws', '5'));
    expect(line).toContain('--draws');
  });
});
