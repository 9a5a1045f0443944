// The `tco` command and `npm run web` run the bundle `npm install` built only while it is newer than
// every source (scripts/fresh-build.mjs); and the bundle answers as the sources do.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freshBuild } from '../../scripts/fresh-build.mjs';

const dir = mkdtempSync(join(tmpdir(), 'tco-fresh-'));
const built: string[] = [];
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const b of built) rmSync(b, { recursive: true, force: true });
});
const root = fileURLToPath(new URL('../..', import.meta.url));

function tree(times: { source: number; pkg: number; bundle?: number }): string {
  const r = mkdtempSync(join(dir, 't'));
  mkdirSync(join(r, 'electron', 'cli'), { recursive: true });
  mkdirSync(join(r, 'out', 'cli'), { recursive: true });
  const put = (p: string, t: number) => {
    writeFileSync(join(r, p), 'x');
    utimesSync(join(r, p), t, t);
  };
  put('electron/cli/main.ts', times.source);
  put('package.json', times.pkg);
  if (times.bundle !== undefined) put('out/cli/tco.mjs', times.bundle);
  return r;
}

describe('freshBuild', () => {
  it('is the bundle when it is newer than every source and package.json', () => {
    const r = tree({ source: 1000, pkg: 1000, bundle: 2000 });
    expect(freshBuild(r, 'out/cli/tco.mjs')).toBe(join(r, 'out/cli/tco.mjs'));
  });
  it('is null when a source (however deep) or package.json changed after it, or when there is none', () => {
    expect(freshBuild(tree({ source: 3000, pkg: 1000, bundle: 2000 }), 'out/cli/tco.mjs')).toBeNull();
    expect(freshBuild(tree({ source: 1000, pkg: 3000, bundle: 2000 }), 'out/cli/tco.mjs')).toBeNull();
    expect(freshBuild(tree({ source: 1000, pkg: 1000 }), 'out/cli/tco.mjs')).toBeNull();
  });
});

describe('the bundle (scripts/build-cli.mjs)', () => {
  it('builds, and computes MODEL.md section 11 as the sources do: TCO 19,124.00', () => {
    // Built apart (the bundle in out/cli may be running in other tests meanwhile), inside the project
    // so its packages resolve from node_modules as they do for out/cli.
    mkdirSync(join(root, 'out'), { recursive: true });
    const out = mkdtempSync(join(root, 'out', 'test-build-'));
    built.push(out);
    const b = spawnSync(process.execPath, ['scripts/build-cli.mjs', out], { cwd: root, encoding: 'utf8' });
    expect(b.status, b.stderr).toBe(0);
    const tco = join(out, 'cli', 'tco.mjs');
    const r = spawnSync(process.execPath, [tco, 'compute', 'test/fixtures/worked-example.json', '--json', '--draws', '0'], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { vendors: { tco: { nominal: string } }[] }).vendors[0]!.tco.nominal).toBe('19124');
    const h = spawnSync(process.execPath, [tco, '--help'], { cwd: root, encoding: 'utf8' });
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/^usage: tco <command> \[options\]\n/);
  });
});
