/**
 * The real executable, `node bin/tco.mjs`, in a child process: exit codes, stdout and stderr as a
 * script would see them. Spawns are kept few (each costs about a second).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'tco.mjs');

function tco(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'tco-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('node bin/tco.mjs', () => {
  it('computes the sample workspace as JSON', () => {
    const r = tco('compute', 'resources/sample-workspace.json', '--json', '--draws', '500');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.draws).toBe(500);
    expect(j.vendors.map((v: any) => v.id)).toEqual(['A', 'B', 'C']);
    const [a, b, c] = j.vendors;
    expect(c.uncovered).toEqual(['sms/KE', 'whatsapp/US/utility']);
    expect(c.tco).toBeNull();
    for (const v of [a, b]) {
      expect(v.uncovered).toEqual([]);
      expect(Number(v.tco.nominal)).toBeGreaterThan(0);
    }
    // break-even pairs only between covered vendors
    for (const p of j.breakEven) expect([p.a, p.b]).not.toContain('C');
  });

  it('a bad file exits 2 with one line on stderr and nothing on stdout', () => {
    const f = join(dir, 'bad.json');
    writeFileSync(f, '{\n  "format": "tco-workspace",\n  "version": 1,\n  oops\n}\n');
    const r = tco('compute', f, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(lines[0]).toContain(f);
    expect(lines[0]).toContain('line 4 column 3');
  });

  it('no arguments: exit 2 with the usage on stderr, nothing on stdout', () => {
    const r = tco();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^usage: tco <command>/);
    expect(r.stderr).toContain('tco compute FILE');
  });
});
