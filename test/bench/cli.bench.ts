/**
 * `npm run bench:cli`: how long a newcomer waits for `tco --help` and `tco compute` of the sample,
 * through bin/tco.mjs as `npm install` leaves it (the bundle, scripts/build-cli.mjs) and through the
 * TypeScript sources (tsx), in one run. Medians of 7 runs each; figures, not asserted.
 */
import { spawnSync } from 'node:child_process';
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

spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, stdio: 'inherit' });
const bare = median(['-e', '0']);
const rows: [string, number][] = [
  ['node -e 0 (the floor)', bare],
  ['tco --help (bundle)', median(['bin/tco.mjs', '--help'])],
  ['tco compute sample (bundle)', median(['bin/tco.mjs', 'compute', 'resources/sample-workspace.json'])],
  ['tco --help (sources, tsx)', median(['--import', 'tsx', 'electron/cli/main.ts', '--help'])],
  ['tco compute sample (sources, tsx)', median(['--import', 'tsx', 'electron/cli/main.ts', 'compute', 'resources/sample-workspace.json'])],
];
for (const [what, ms] of rows) console.log(`${what.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms`);
