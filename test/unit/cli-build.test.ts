// The `tco` command and `npm run web` run the bundle `npm install` built only while it is newer than
// every source (scripts/fresh-build.mjs); and the bundle answers as the sources do.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

// Built once, apart (the bundle in out/cli may be running in other tests meanwhile), inside the
// project so its packages resolve from node_modules as they do for out/cli.
let out = '';
function bundle(): string {
  if (out) return out;
  mkdirSync(join(root, 'out'), { recursive: true });
  out = mkdtempSync(join(root, 'out', 'test-build-'));
  built.push(out);
  const b = spawnSync(process.execPath, ['scripts/build-cli.mjs', out], { cwd: root, encoding: 'utf8' });
  expect(b.status, b.stderr).toBe(0);
  return out;
}

/** Run commands, one after another, in one process through the bundle's run.cjs; the packages and Node's own modules it loaded, and the exit codes. */
function packagesLoaded(...commands: string[][]): { codes: number[]; packages: string[]; builtins: string[] } {
  const script = `
    import { createRequire } from 'node:module';
    const { requireCached } = await import(${JSON.stringify(pathToFileURL(join(root, 'scripts', 'code-cache.mjs')).href)});
    const before = new Set(process.moduleLoadList);
    const { runCli } = requireCached(${JSON.stringify(join(bundle(), 'cli', 'run.cjs'))});
    const codes = [];
    for (const argv of ${JSON.stringify(commands)}) codes.push(await runCli(argv, { out: () => {}, err: (t) => process.stderr.write(t + '\\n') }));
    const packages = Object.keys(createRequire(import.meta.url).cache).flatMap((f) => /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(f)?.[1] ?? []);
    const builtins = process.moduleLoadList.filter((m) => !before.has(m) && /^NativeModule [a-z_]+$/.test(m)).map((m) => m.slice('NativeModule '.length));
    console.log(JSON.stringify({ codes, packages: [...new Set(packages)].sort(), builtins: builtins.sort() }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { codes: number[]; packages: string[]; builtins: string[] };
}

describe('the bundle (scripts/build-cli.mjs)', () => {
  it('builds, and computes MODEL.md section 11 as the sources do: TCO 19,124.00', () => {
    const out = bundle();
    const tco = join(out, 'cli', 'tco.mjs');
    const r = spawnSync(process.execPath, [tco, 'compute', 'test/fixtures/worked-example.json', '--json', '--draws', '0'], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { vendors: { tco: { nominal: string } }[] }).vendors[0]!.tco.nominal).toBe('19124');
    const h = spawnSync(process.execPath, [tco, '--help'], { cwd: root, encoding: 'utf8' });
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/^usage: tco <command> \[options\]\n/);
  });

  it('leaves its V8 code cache beside run.cjs, named by the build id on its first line, and V8 takes it', () => {
    const cli = join(bundle(), 'cli');
    const id = /^\/\/ build ([\w-]+)\n/.exec(readFileSync(join(cli, 'run.cjs'), 'utf8'))?.[1];
    expect(id).toBeTruthy();
    expect(readdirSync(cli).filter((f) => f.endsWith('.code-cache'))).toEqual([`.${id}.code-cache`]);
    const script = `
      const vm = require('node:vm');
      const { readFileSync } = require('node:fs');
      const file = ${JSON.stringify(join(cli, 'run.cjs'))};
      const s = new vm.Script('(function (exports, require, module, __filename, __dirname) {' + readFileSync(file, 'utf8') + '\\n})', { filename: file, cachedData: readFileSync(${JSON.stringify(join(cli, `.${id}.code-cache`))}) });
      console.log(s.cachedDataRejected);
    `;
    expect(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout.trim()).toBe('false');
  });

  it("tco compute of a document compiles no code as it runs (zod's fast paths, ~12 ms: electron/cli/zod-jitless.ts); the app's document reader keeps them", () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco-jit-'));
    built.push(dir);
    // Counts the functions made from text (new Function, Function(...)), as zod's fast paths are.
    const counter = join(dir, 'count.mjs');
    writeFileSync(
      counter,
      `const F = globalThis.Function; let n = 0;
       globalThis.Function = new Proxy(F, { construct: (t, a) => (n++, Reflect.construct(t, a)), apply: (t, self, a) => (n++, Reflect.apply(t, self, a)) });
       process.on('exit', () => process.stderr.write('made from text: ' + n + '\\n'));`,
    );
    const made = (r: { status: number | null; stderr: string }) => {
      expect(r.status, r.stderr).toBe(0);
      return Number(/made from text: (\d+)/.exec(r.stderr)?.[1]);
    };
    const tco = join(bundle(), 'cli', 'tco.mjs');
    expect(made(spawnSync(process.execPath, ['--import', pathToFileURL(counter).href, tco, 'compute', 'resources/sample-workspace.json'], { cwd: root, encoding: 'utf8' }))).toBe(0);
    // The window's and the host's reader of the same document: one fast path per object schema it meets.
    const app = `import { readFileSync } from 'node:fs'; import { readDocument } from './electron/api/document.ts'; readDocument(JSON.parse(readFileSync('resources/sample-workspace.json', 'utf8')));`;
    expect(made(spawnSync(process.execPath, ['--import', pathToFileURL(counter).href, '--import', 'tsx', '--input-type=module', '-e', app], { cwd: root, encoding: 'utf8' }))).toBeGreaterThan(0);
  });

  it("tco compute of a document loads neither the importer (libphonenumber-js), nor SQLite, nor the exports, nor Node's crypto, threads or child processes (~11 ms of a start); the commands that need them do", () => {
    const lazy = ['better-sqlite3', 'exceljs', 'libphonenumber-js', 'playwright-core'];
    const heavy = ['child_process', 'crypto', 'worker_threads'];
    const compute = packagesLoaded(['compute', 'resources/sample-workspace.json']);
    expect(compute.codes).toEqual([0]);
    expect(compute.packages.filter((p) => lazy.includes(p))).toEqual([]);
    expect(compute.builtins.filter((m) => heavy.includes(m))).toEqual([]);
    // The same check sees them once a command needs them: the formats load the importer, a workspace
    // file SQLite, and opening it crypto (its handle).
    const dir = mkdtempSync(join(tmpdir(), 'tco-lazy-'));
    built.push(dir);
    const file = join(dir, 'w.tcows');
    const others = packagesLoaded(['import', '--formats'], ['new', file, '--from', 'resources/sample-workspace.json'], ['compute', file]);
    expect(others.codes).toEqual([0, 0, 0]);
    expect(others.packages.filter((p) => lazy.includes(p))).toEqual(['better-sqlite3', 'libphonenumber-js']);
    expect(others.builtins.filter((m) => heavy.includes(m))).toEqual(['crypto']);
  });
});
