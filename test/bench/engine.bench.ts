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
import { Decimal } from '../../electron/engine/decimal.js';
import { computeWithScenarios, resolveScenarios } from '../../electron/services/scenarios.js';

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

// The totals alone: no draws, sensitivity, break-even, price to win or decision risk.
const core = { draws: 0, sensitivity: false, breakEven: false, priceToWin: false } as const;
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
const analyses = { draws: 10_000, seed: 1, priceToWin: false, decisionRisk: false } as const;
const keystrokeAll = time(7, () => {
  current = editPrice(current, ++edits);
  compute(current, analyses, cache);
});
// Issue 17: five scenarios a buyer would ask for and the price to win, on top of those analyses,
// after the same keystroke (each scenario keeps its own cache between computations).
const withScenarios = (w: Workspace): Workspace => ({
  ...w,
  scenarios: [
    {
      id: 'v30',
      name: 'Volume +30%',
      patch: w.streams.map((st, i) => ({ op: 'replace' as const, path: `/streams/${i}/monthlyVolume`, value: new Decimal(st.monthlyVolume).times('1.3').toString() })),
    },
    { id: 'disc', name: 'Vendor 2 gives 10% off', patch: [{ op: 'replace' as const, path: '/vendors/1/quote/discount', value: '0.1' }] },
    { id: 'drop', name: 'Without the last vendor', patch: [{ op: 'remove' as const, path: `/vendors/${w.vendors.length - 1}` }] },
    { id: 'rate', name: 'Internal hours at 150', patch: [{ op: 'replace' as const, path: '/hourlyRate', value: '150' }] },
    { id: 'commit', name: 'Vendor 3 commits 50,000 a month', patch: [{ op: 'replace' as const, path: '/vendors/2/quote/minimumMonthlyCommit', value: '50000' }] },
  ],
});
const cacheS = new EngineCache();
let currentS = withScenarios(ws);
computeWithScenarios(currentS, { ...analyses, priceToWin: true }, cacheS);
// Measured in turns with the analyses alone (on the same keystroke), so the load of a shared
// machine falls on both alike: what they add is the median of the differences of each turn.
const added: number[] = [];
const decisionsRuns: number[] = [];
for (let i = 0; i < 9; i++) {
  const a = time(1, () => {
    current = editPrice(current, ++edits);
    compute(current, analyses, cache);
  });
  const b = time(1, () => {
    currentS = { ...editPrice(currentS, ++edits), scenarios: currentS.scenarios };
    computeWithScenarios(currentS, { ...analyses, priceToWin: true }, cacheS);
  });
  decisionsRuns.push(b);
  added.push(b - a);
}
const keystrokeDecisions = median(decisionsRuns);
const addedMs = median(added);
// Of which: applying the five patches to a new version of the base and reading what they change.
const patching = time(7, () => {
  currentS = { ...editPrice(currentS, ++edits), scenarios: currentS.scenarios };
  resolveScenarios(currentS);
});
const cacheR = new EngineCache();
compute(current, { ...analyses, decisionRisk: true }, cacheR);
const keystrokeRisk = time(5, () => {
  current = editPrice(current, ++edits);
  compute(current, { ...analyses, decisionRisk: true }, cacheR);
});
const { wp, vendors } = prepare(ws);
const mcInput = vendors.map((vp) => ({ plan: floatPlan(wp, vp, evaluateVendor(wp, vp)), groups: vp.groups }));
const mc = time(7, () => uncertainty(mcInput, 10_000, 1));
const sens = time(5, () => compute(ws, { ...core, sensitivity: true })) - full;
const be = time(5, () => compute(ws, { ...core, breakEven: true })) - full;
const all = time(3, () => compute(ws, { draws: 10_000, seed: 1 })); // everything tco compute --json does

const row = (name: string, ms: number, target?: number) =>
  console.log(`${name.padEnd(44)} ${ms.toFixed(2).padStart(9)} ms${target ? `   (target < ${target} ms: ${ms < target ? 'met' : 'NOT met'})` : ''}`);
console.log(`workspace: ${ws.vendors.length} vendors × ${ws.streams.length} streams × ${ws.horizonMonths} months, node ${process.version}`);
row('full recompute (median of 31)', full, 100);
row('recompute after one price edit (cached)', keystroke);
row('  … with uncertainty, sensitivity, break-even', keystrokeAll, 300);
row('  … and 5 scenarios and the price to win', keystrokeDecisions);
row('    what those add (median of 9 turns)', addedMs, 150);
console.log(`${'      ratio to the analyses alone'.padEnd(44)} ${(addedMs / keystrokeAll).toFixed(2).padStart(9)} ×`);
row('      of which applying and reading 5 patches', patching);
row('  … with the decision risk instead', keystrokeRisk);
row('Monte Carlo, 10,000 draws (median of 7)', mc, 150);
row('sensitivity, 9 inputs × 2 per vendor', sens);
row('break-even, 45 pairs', be);
row('everything (compute --json)', all);
console.log(`${'peak heap above the loaded workspace'.padEnd(44)} ${((peakHeap - heapBase) / 1048576).toFixed(1).padStart(9)} MB`);
console.log(`${'peak heap used'.padEnd(44)} ${(peakHeap / 1048576).toFixed(1).padStart(9)} MB`);

// Why the 2 ms target is out of reach for exact money (electron/engine/README.md, "Speed"): count the
// decimal operations one full recompute makes, time one multiply-add in each exact representation
// at hand and in binary floats, and print the floor each would put under a full recompute.
const ARITH = ['plus', 'minus', 'times', 'div'] as const;
const COMPARE = ['gt', 'gte', 'lt', 'lte', 'eq', 'isZero', 'cmp'] as const;
const proto = Decimal.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
const saved = new Map<string, (...a: unknown[]) => unknown>();
const counted = { arith: 0, compare: 0 };
for (const k of [...ARITH, ...COMPARE]) {
  const f = proto[k]!;
  saved.set(k, f);
  const isArith = (ARITH as readonly string[]).includes(k);
  proto[k] = function (this: unknown, ...a: unknown[]) {
    if (isArith) counted.arith++;
    else counted.compare++;
    return f.apply(this, a);
  };
}
compute(ws, core);
for (const [k, f] of saved) proto[k] = f;

// Operands shaped like the hot loop's: units of a month (11 decimal places) times a price (5 places).
const N = 200_000;
const units = Array.from({ length: 1024 }, (_, i) => `${123_456 + i * 7}.${String(31_415_926_535 + i).padStart(11, '0')}`);
const prices = Array.from({ length: 1024 }, (_, i) => `0.0${(4_321 + i).toString().padStart(4, '0')}`);
const perOp = (f: () => void) => {
  const t: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    f();
    t.push(((performance.now() - t0) * 1e6) / N); // ns per multiply-add
  }
  return median(t);
};
const du = units.map((x) => new Decimal(x));
const dp = prices.map((x) => new Decimal(x));
let sinkD = new Decimal(0);
const nsDecimal = perOp(() => {
  let acc = new Decimal(0);
  for (let i = 0; i < N; i++) acc = acc.plus(du[i & 1023]!.times(dp[(i * 7) & 1023]!));
  sinkD = acc;
});
// Scaled integers: units × 10^11, prices × 10^5, the product at 10^16, kept exact (no rescale).
const bu = units.map((x) => BigInt(x.replace('.', '')));
const bp = prices.map((x) => BigInt(x.replace('.', '')));
let sinkB = 0n;
const nsBigInt = perOp(() => {
  let acc = 0n;
  for (let i = 0; i < N; i++) acc += bu[i & 1023]! * bp[(i * 7) & 1023]!;
  sinkB = acc;
});
const fu = Float64Array.from(units, Number);
const fp = Float64Array.from(prices, Number);
let sinkF = 0;
const nsFloat = perOp(() => {
  let acc = 0;
  for (let i = 0; i < N; i++) acc += fu[i & 1023]! * fp[(i * 7) & 1023]!;
  sinkF = acc;
});
if (sinkD.isNaN() || sinkB < 0n || Number.isNaN(sinkF)) console.log('(unreachable)');
const ops = counted.arith;
const floor = (ns: number) => `${((ops * ns) / 1e6).toFixed(2).padStart(8)} ms`;
console.log('');
console.log(`one full recompute makes ${ops.toLocaleString('en-US')} decimal additions, multiplications and divisions (and ${counted.compare.toLocaleString('en-US')} comparisons)`);
console.log(`${'one multiply-add, measured now:'.padEnd(44)} floor for that many (the 2 ms target was withdrawn: money stays exact)`);
console.log(`${`  decimal.js, 34 digits     ${nsDecimal.toFixed(0).padStart(6)} ns`.padEnd(44)} ${floor(nsDecimal)}`);
console.log(`${`  BigInt scaled integer     ${nsBigInt.toFixed(0).padStart(6)} ns`.padEnd(44)} ${floor(nsBigInt)}`);
console.log(`${`  binary float (not money)  ${nsFloat.toFixed(1).padStart(6)} ns`.padEnd(44)} ${floor(nsFloat)}`);
