/**
 * `npm run bench:cli`: how long a newcomer waits for `tco --help` and `tco compute` of the sample,
 * through bin/tco.mjs as `npm install` leaves it (the bundle, scripts/build-cli.mjs) and through the
 * TypeScript sources (tsx), and for `npm run web`'s host to print its address, in one run. Medians
 * of 7 runs each; figures, not asserted.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runs = 7;

function median(args: string[]): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    t.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  }
  t.sort((a, b) => a - b);
  return t[runs >> 1]!;
}

/** From starting scripts/web.mjs (what `npm run web` runs) to the line with its address; the host is then stopped. */
async function hostStart(dir: string): Promise<number> {
  const t0 = performance.now();
  const host = spawn(process.execPath, ['scripts/web.mjs', '--port', '0', '--data-dir', join(dir, 'data'), '--static', join(dir, 'page')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const ms = await new Promise<number>((ok, fail) => {
    host.stdout.on('data', (c: Buffer) => {
      if (String(c).includes('http://')) ok(performance.now() - t0);
    });
    host.once('exit', (code) => fail(new Error(`scripts/web.mjs exited ${code} before printing its address`)));
  });
  host.kill('SIGTERM');
  await new Promise((r) => host.once('exit', r));
  return ms;
}

async function medianHostStart(): Promise<number> {
  // The page is not loaded: a folder with an index.html stands in for out/renderer, which would
  // otherwise be built at the first start of a fresh clone.
  const dir = mkdtempSync(join(tmpdir(), 'tco-bench-web-'));
  mkdirSync(join(dir, 'page'));
  writeFileSync(join(dir, 'page', 'index.html'), '<!doctype html><title>bench</title>\n');
  try {
    const t: number[] = [];
    for (let i = 0; i < runs; i++) t.push(await hostStart(dir));
    t.sort((a, b) => a - b);
    return t[runs >> 1]!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, stdio: 'inherit' });
const bare = median(['-e', '0']);
const rows: [string, number][] = [
  ['node -e 0 (the floor)', bare],
  ['tco --help (bundle)', median(['bin/tco.mjs', '--help'])],
  ['tco compute sample (bundle)', median(['bin/tco.mjs', 'compute', 'resources/sample-workspace.json'])],
  ['npm run web to its address (bundle)', await medianHostStart()],
  ['tco --help (sources, tsx)', median(['--import', 'tsx', 'electron/cli/main.ts', '--help'])],
  ['tco compute sample (sources, tsx)', median(['--import', 'tsx', 'electron/cli/main.ts', 'compute', 'resources/sample-workspace.json'])],
];
for (const [what, ms] of rows) console.log(`${what.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms`);
