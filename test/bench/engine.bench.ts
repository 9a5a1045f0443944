/**
 * `npm run bench`: the engine on a generated 10 vendors × 30 streams × 60 months workspace.
 * Prints the median full recompute (every vendor's TCO, categories, monthly rows, unit costs,
 * benefits), the recompute after one price edit (what a keystroke costs with the per-vendor cache),
 * 10,000 Monte Carlo draws, sensitivity, break-even, and the peak heap. Figures are one run's on
 * this machine; the targets are printed beside them.
 */
import { readDocument } from '../../electron/api/document.js';
import { compute } from '../../electron/engine/index.js';
import { EngineCache } from '../../electron/engine/compute.js';
import type { Workspace } from '../../electron/engine/types.js';
import { prepare } from '../../electron/engine/compute.js';
import { evaluateVendor } from '../../electron/engine/evaluate.js';
import { floatPlan } from '../../electron/engine/float.js';
import { uncertainty } from '../../electron/engine/uncertainty.js';
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

// A keystroke in a price field: the app's state is immutable, so the edit makes a new vendor object
// (and new arrays on its path); every other object is the same. The cache recomputes that vendor.
function editPrice(w: Workspace, i: number): Workspace {
  const vendors = [...w.vendors];
  const v = vendors[3]!;
  const routes = v.quote.routes.map((r, j) => (j === 0 ? { ...r, price: null, tiers: [{ from: 0, price: `0.0${5000 + i}` }] } : r));
  vendors[3] = { ...v, quote: { ...v.quote, routes } };
  return { ...w, vendors };
}
const cache = new EngineCache();
let current = ws;
compute(current, core, cache);
let edits = 0;
const keystroke = time(31, () => {
  current = editPrice(current, ++edits);
  compute(current, core, cache);
});
const keystrokeAll = time(7, () => {
  current = editPrice(current, ++edits);
  compute(current, { draws: 10_000, seed: 1 }, cache);
});
const { wp, vendors } = prepare(ws);
const mcInput = vendors.map((vp) => ({ plan: floatPlan(wp, vp, evaluateVendor(wp, vp)), groups: vp.groups }));
const mc = time(7, () => uncertainty(mcInput, 10_000, 1));
const sens = time(5, () => compute(ws, { ...core, sensitivity: true })) - full;
const be = time(5, () => compute(ws, { ...core, breakEven: true })) - full;
const all = time(3, () => compute(ws, { draws: 10_000, seed: 1 }));

const row = (name: string, ms: number, target?: number) =>
  console.log(`${name.padEnd(44)} ${ms.toFixed(2).padStart(9)} ms${target ? `   (target < ${target} ms: ${ms < target ? 'met' : 'NOT met'})` : ''}`);
console.log(`workspace: ${ws.vendors.length} vendors × ${ws.streams.length} streams × ${ws.horizonMonths} months, node ${process.version}`);
row('full recompute (median of 31)', full, 2);
row('recompute after one price edit (cached)', keystroke);
row('  … with uncertainty, sensitivity, break-even', keystrokeAll);
row('Monte Carlo, 10,000 draws (median of 7)', mc, 150);
row('sensitivity, 9 inputs × 2 per vendor', sens);
row('break-even, 45 pairs', be);
row('everything (compute --json)', all);
console.log(`${'peak heap above the loaded workspace'.padEnd(44)} ${((peakHeap - heapBase) / 1048576).toFixed(1).padStart(9)} MB`);
console.log(`${'peak heap used'.padEnd(44)} ${(peakHeap / 1048576).toFixed(1).padStart(9)} MB`);
