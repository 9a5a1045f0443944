/**
 * scripts/fresh-build.mjs: a build is stale when it is missing or older than any file under its
 * sources (folders searched to the bottom, files as they are; a source that is not there is left
 * out). `npm run web` rebuilds the page when out/renderer/index.html is stale so, and `tco` and the
 * host run their bundle only while it is fresh.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshBuild, olderThanSources } from '../../scripts/fresh-build.mjs';

const root = mkdtempSync(join(tmpdir(), 'tco-fresh-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A file at `rel` whose modification time is `at` seconds after 2026-01-01. */
function file(rel: string, at: number): void {
  const p = join(root, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, rel);
  const t = new Date(Date.UTC(2026, 0, 1) + at * 1000);
  utimesSync(p, t, t);
}

describe('olderThanSources', () => {
  it('a build newer than every source is fresh; one file deep in a source folder made later makes it stale', () => {
    file('renderer/src/a.tsx', 10);
    file('renderer/src/deep/b.ts', 20);
    file('package.json', 5);
    file('out/renderer/index.html', 30);
    expect(olderThanSources(root, 'out/renderer/index.html', ['renderer', 'package.json', 'no-such-folder'])).toBe(false);
    file('renderer/src/deep/b.ts', 31);
    expect(olderThanSources(root, 'out/renderer/index.html', ['renderer', 'package.json'])).toBe(true);
    // A file source counts as itself.
    file('renderer/src/deep/b.ts', 20);
    file('package.json', 40);
    expect(olderThanSources(root, 'out/renderer/index.html', ['renderer'])).toBe(false);
    expect(olderThanSources(root, 'out/renderer/index.html', ['renderer', 'package.json'])).toBe(true);
  });

  it('a build that is not there is stale', () => {
    expect(olderThanSources(root, 'out/renderer/missing.html', [])).toBe(true);
  });

  it('freshBuild: the bundle while it is newer than electron/ and package.json, else null', () => {
    file('electron/x.ts', 50);
    file('package.json', 50);
    file('out/cli/tco.mjs', 60);
    expect(freshBuild(root, 'out/cli/tco.mjs')).toBe(join(root, 'out/cli/tco.mjs'));
    file('electron/api/y.ts', 61);
    expect(freshBuild(root, 'out/cli/tco.mjs')).toBeNull();
    expect(freshBuild(root, 'out/host/web.mjs')).toBeNull();
  });
});
