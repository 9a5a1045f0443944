/**
 * A vendor's TCO in binary floating point, for the 10,000 uncertainty draws and the break-even
 * scan (statistics, not money: MODEL.md section 7 allows it). The float plan is derived from the
 * decimal one mechanically (every series converted) and what does not move with the draws is
 * computed once by the rule itself, run with numberCalc: the routes billed on sent and all inbound
 * units (metering.ts), escalation and usage multipliers, fees per failed message (billing.ts), and
 * fees and labour taken from the exact evaluation's rows. The month-by-month loop (the draws'
 * fallback and the break-even bisections) is the rule too: metering.ts's meterRoutes and
 * billing.ts's commitTrueUps run with numberCalc. What is written for floats alone is the draws'
 * linear form: each route's usage as a + b·rate within a tier cell (tierCell), the test that no
 * commit can bind (commitsSlack), and the break-even curve as a + b·k per month (floatCurve), all
 * of them the tier formula of tiers.ts solved for one variable. test/unit/float-drawn-rates.test.ts,
 * properties.test.ts and break-even-grid.test.ts keep them equal to evaluate.ts and to the loop to
 * 1e-9 relative at drawn rates and several volumes.
 */
import { commitTrueUps, escalation, feeAmount, usageMultipliers, type ContractYear } from './billing.js';
import { floatTierIndex, numberCalc } from './calc.js';
import type { VendorEvaluation } from './evaluate.js';
import { ALL_PARTS, billedUnits, meterRoutes, type MeteredRoute, type MeterParts } from './metering.js';
import type { RoutePlan, VendorPlan, WorkspacePlan } from './plan.js';
import { BILLED_ON } from './types.js';
import { floatTiers, type FloatTiers, type TierSchedule } from './tiers.js';

/** A route's series in floats: plan.ts's RoutePlan, every decimal converted (nothing else changes). */
interface FloatRoute extends MeteredRoute<number> {
  tiers: FloatTiers[];
  charged: Float64Array;
  parts: { group: number; units: Float64Array }[];
  sentUnits: Float64Array;
  inbound: Float64Array;
  inboundPrice: Float64Array;
  passThrough: Float64Array;
  inboundPassThrough: Float64Array;
}

const INBOUND: MeterParts = { outbound: false, inbound: true };
const OUTBOUND: MeterParts = { outbound: true, inbound: false };

export interface FloatPlan {
  h: number;
  yearOf: Int32Array; // 0-based contract year per month
  yearEnd: Float64Array; // per month: prorated annual commit due at the end of its year, else 0
  /** Per month, its contract year (1-based), and the years: what billing.ts's commits read. */
  contractYear: ArrayLike<number>;
  years: readonly ContractYear[];
  usageMult: number[]; // per year
  ptMult: number;
  monthlyCommit: number;
  annualCommit: number;
  routes: FloatRoute[];
  variable: FloatRoute[];
  /** Fees and labour per month (they do not move with volume or rates). */
  other: Float64Array;
  /** Routes billed on sent, per month, at volume ×1: charge before escalation, and pass-through. */
  fixedPre: Float64Array;
  fixedPt: Float64Array;
  /** TCO without remediation at volume ×1 when no route depends on rates. */
  constTotal: number;
  groupOut: Float64Array[];
  groupOutTotal: Float64Array;
  dr: Float64Array;
  er: Float64Array;
  remediation: number;
  /** Per rate group: Σ_m out(m) · the fees per failed message of month m (escalated, base currency). */
  failFeeOut: Float64Array;
  /** The usage of the draw-dependent routes as a linear function of their rates, valid while
   *  every month stays in the tier it has at the pilots' point estimates (null: not available). */
  linear: LinearUsage | null;
  /** Scratch space, per month: charge then usage, pass-through; per group: DR · ER. */
  scratch: Float64Array;
  scratchPt: Float64Array;
  scratchEffective: Float64Array;
  scratchTrueUp: Float64Array;
}

const f64 = (xs: { toNumber(): number }[]) => Float64Array.from(xs, (x) => x.toNumber());

export function floatPlan(wp: WorkspacePlan, vp: VendorPlan, ev: VendorEvaluation): FloatPlan {
  const h = wp.h;
  const tierCache = new Map<TierSchedule, FloatTiers>();
  const tiersOf = (t: TierSchedule) => {
    let f = tierCache.get(t);
    if (!f) tierCache.set(t, (f = floatTiers(t)));
    return f;
  };
  const routes: FloatRoute[] = vp.routes.map((r: RoutePlan) => ({
    // The constant's own string (a document's may be a copy), so comparing it is one pointer test.
    billedOn: BILLED_ON.find((b) => b === r.billedOn)!,
    tiers: r.tiers.map(tiersOf),
    charged: f64(r.charged),
    inboundPrice: f64(r.inboundPrice),
    passThrough: f64(r.passThrough),
    inboundPassThrough: f64(r.inboundPassThrough),
    parts: r.parts.map((p) => ({ group: p.group, units: f64(p.units) })),
    sentUnits: f64(r.sentUnits),
    inbound: f64(r.inbound),
    hasInbound: r.hasInbound,
  }));
  const c = numberCalc;
  const esc = escalation(c, c.from(vp.escalator), wp.years.length);
  const usageMult = usageMultipliers(c, esc, c.from(vp.discount), c.from(vp.fx), 1);
  // Fees per failed message, per month and failed message (escalated, in the base currency).
  const failRate = new Float64Array(h);
  for (const fee of vp.fees) {
    if (fee.kind !== 'failed-message') continue;
    const terms = { kind: fee.kind, base: c.from(fee.amount), month: fee.month, included: 0 };
    for (let m = 0; m < h; m++) failRate[m]! += feeAmount(c, terms, m, wp.yearOf[m]! - 1, esc[wp.yearOf[m]! - 1]!, 0, 1)!;
  }
  const failFeeOut = Float64Array.from(vp.groups, (g) => {
    let x = 0;
    for (let m = 0; m < h; m++) x += g.out[m]!.toNumber() * failRate[m]!;
    return x;
  });
  const yearEnd = new Float64Array(h);
  for (const y of wp.years) yearEnd[y.lastMonth - 1] = (vp.annualCommit.toNumber() * y.months) / 12;
  const fp: FloatPlan = {
    h,
    yearOf: Int32Array.from(wp.yearOf, (y) => y - 1),
    yearEnd,
    contractYear: wp.yearOf,
    years: wp.years,
    usageMult,
    ptMult: vp.fx.toNumber(),
    monthlyCommit: vp.monthlyCommit.toNumber(),
    annualCommit: vp.annualCommit.toNumber(),
    routes,
    // Routes whose billed units move with a draw: billed on delivered or effective messages with
    // at least one part on a pilot's rates (assumed rates stay fixed in the draws).
    variable: routes.filter((r) => r.billedOn !== 'sent' && r.parts.some((p) => vp.groups[p.group]!.pilot !== null)),
    other: Float64Array.from(ev.months, (row) => row.fees.minus(row.failedFees).plus(row.labour).toNumber()),
    fixedPre: new Float64Array(h),
    fixedPt: new Float64Array(h),
    constTotal: 0,
    groupOut: vp.groups.map((g) => f64(g.out)),
    groupOutTotal: Float64Array.from(vp.groups, (g) => g.outTotal.toNumber()),
    dr: Float64Array.from(vp.groups, (g) => g.dr.toNumber()),
    er: Float64Array.from(vp.groups, (g) => g.er.toNumber()),
    remediation: vp.remediationPerFailure.toNumber(),
    failFeeOut,
    linear: null,
    scratch: new Float64Array(h),
    scratchPt: new Float64Array(h),
    scratchTrueUp: new Float64Array(h),
    scratchEffective: new Float64Array(vp.groups.length),
  };
  // What does not move with the draws, metered once by the rule at the pilots' rates: every route
  // but the variable ones, and the inbound units of all.
  const wEffective = effectiveWeights(fp, fp.dr, fp.er);
  meterRoutes(
    c,
    routes.filter((r) => !fp.variable.includes(r)),
    h,
    fp.dr,
    wEffective,
    1,
    ALL_PARTS,
    fp.fixedPre,
    fp.fixedPt,
  );
  meterRoutes(c, fp.variable, h, fp.dr, wEffective, 1, INBOUND, fp.scratch, fp.scratchPt);
  for (let m = 0; m < h; m++) {
    fp.fixedPre[m]! += fp.scratch[m]!;
    fp.fixedPt[m]! += fp.scratchPt[m]!;
  }
  if (fp.variable.length === 0) {
    fp.constTotal = monthlyLoop(fp, 1, fp.dr, fp.er, false);
  } else {
    fp.linear = linearUsage(fp);
  }
  return fp;
}

/** DR · ER per rate group, in scratch space. */
function effectiveWeights(fp: FloatPlan, dr: Float64Array, er: Float64Array): Float64Array {
  const w = fp.scratchEffective;
  for (let g = 0; g < w.length; g++) w[g] = dr[g]! * er[g]!;
  return w;
}

interface TierCell {
  /** Its place in its route's list of cells. */
  id: number;
  /** The rate's range over which no month changes tier: lo < w <= hi. */
  lo: number;
  hi: number;
  /** Usage per month, constant part and part per unit of w (escalation, discount, FX included). */
  a: Float64Array;
  b: Float64Array;
  aTotal: number;
  bTotal: number;
}

interface LinearRoute {
  route: FloatRoute;
  group: number;
  effective: boolean;
  /** Cells met so far, the pilots' point estimate's first; a new one is built when a draw leaves them. */
  cells: TierCell[];
  /** Pass-through over the horizon per unit of w (FX included): linear whatever the tier. */
  ptCoef: number;
}

interface LinearUsage {
  routes: LinearRoute[];
  /** Usage per month of the routes that do not move with the draws, and its sum. */
  a: Float64Array;
  aTotal: number;
  /** Pass-through, fees and labour over the horizon that do not move with the draws. */
  rest: number;
  commits: boolean;
  /** Scratch space for one draw: each route's rate and cell. */
  w: Float64Array;
  cell: TierCell[];
  /** Per combination of cells: whether no commit can bind anywhere in it (usage at the cells'
   *  lowest rates already covers every monthly and annual minimum). */
  slack: Map<string, boolean>;
}

/** The linear form of one route's usage around rate w. */
function tierCell(fp: FloatPlan, r: FloatRoute, w: number): TierCell {
  const h = fp.h;
  const part = r.parts[0]!;
  const a = new Float64Array(h);
  const b = new Float64Array(h);
  let lo = 0;
  let hi = Infinity;
  for (let m = 0; m < h; m++) {
    // The units the tiers see: the billed units less the free share.
    const units = part.units[m]! * r.charged[m]!;
    if (units === 0) continue;
    const t = r.tiers[m]!;
    const i = floatTierIndex(t.from, units * w);
    lo = Math.max(lo, t.from[i]! / units);
    if (i + 1 < t.from.length) hi = Math.min(hi, t.from[i + 1]! / units);
    const mult = fp.usageMult[fp.yearOf[m]!]!;
    // Within tier i: graduated charge = base_i − p_i·from_i + p_i·U; volume charge = p_i·U.
    if (t.mode !== 'volume') a[m] = (t.base[i]! - t.price[i]! * t.from[i]!) * mult;
    b[m] = t.price[i]! * units * mult;
  }
  const sum = (x: Float64Array) => x.reduce((p, q) => p + q, 0);
  return { id: 0, lo, hi, a, b, aTotal: sum(a), bTotal: sum(b) };
}

/** Build the linear form of the variable routes' usage (single-part routes only). */
function linearUsage(fp: FloatPlan): LinearUsage | null {
  if (fp.variable.some((r) => r.parts.length !== 1)) return null;
  const h = fp.h;
  const a = new Float64Array(h);
  let rest = 0;
  for (let m = 0; m < h; m++) {
    a[m] = fp.fixedPre[m]! * fp.usageMult[fp.yearOf[m]!]!;
    rest += fp.fixedPt[m]! * fp.ptMult + fp.other[m]!;
  }
  const routes: LinearRoute[] = fp.variable.map((r) => {
    const g = r.parts[0]!.group;
    const effective = r.billedOn === 'effective';
    let ptCoef = 0;
    for (let m = 0; m < h; m++) ptCoef += r.parts[0]!.units[m]! * r.passThrough[m]! * fp.ptMult;
    return { route: r, group: g, effective, cells: [tierCell(fp, r, effective ? fp.dr[g]! * fp.er[g]! : fp.dr[g]!)], ptCoef };
  });
  return {
    routes,
    a,
    aTotal: a.reduce((x, y) => x + y, 0),
    rest,
    commits: fp.monthlyCommit > 0 || fp.annualCommit > 0,
    w: new Float64Array(routes.length),
    cell: routes.map((r) => r.cells[0]!),
    slack: new Map(),
  };
}

const MAX_CELLS = 64;

function commitsSlack(fp: FloatPlan, lin: LinearUsage): boolean {
  let key = '';
  for (let i = 0; i < lin.cell.length; i++) key += `${lin.cell[i]!.id},`;
  let slack = lin.slack.get(key);
  if (slack === undefined) {
    slack = true;
    let year = 0;
    let prevYear = -1;
    for (let m = 0; m < fp.h && slack; m++) {
      let low = lin.a[m]!;
      for (const c of lin.cell) low += c.a[m]! + c.b[m]! * c.lo;
      if (fp.monthlyCommit > low) slack = false;
      const y = fp.yearOf[m]!;
      if (y !== prevYear) {
        year = 0;
        prevYear = y;
      }
      year += low;
      if (fp.yearEnd[m]! > year) slack = false;
    }
    lin.slack.set(key, slack);
  }
  return slack;
}

/** TCO without remediation from the linear form; NaN when a rate falls outside every cell kept. */
function linearTotal(fp: FloatPlan, lin: LinearUsage, dr: Float64Array, er: Float64Array): number {
  const routes = lin.routes;
  const w = lin.w;
  let total = lin.rest;
  for (let i = 0; i < routes.length; i++) {
    const r = routes[i]!;
    const x = r.effective ? dr[r.group]! * er[r.group]! : dr[r.group]!;
    let cell: TierCell | undefined;
    for (let c = 0; c < r.cells.length; c++) {
      const k = r.cells[c]!;
      if (x > k.lo && x <= k.hi) {
        cell = k;
        break;
      }
    }
    if (!cell) {
      if (!(x > 0) || r.cells.length >= MAX_CELLS) return NaN;
      cell = tierCell(fp, r.route, x);
      cell.id = r.cells.length;
      r.cells.push(cell);
    }
    w[i] = x;
    lin.cell[i] = cell;
    total += r.ptCoef * x;
  }
  if (!lin.commits || commitsSlack(fp, lin)) {
    total += lin.aTotal;
    for (let i = 0; i < routes.length; i++) total += lin.cell[i]!.aTotal + lin.cell[i]!.bTotal * w[i]!;
    return total;
  }
  const usage = fp.scratch;
  for (let m = 0; m < fp.h; m++) {
    let u = lin.a[m]!;
    for (let i = 0; i < routes.length; i++) u += lin.cell[i]!.a[m]! + lin.cell[i]!.b[m]! * w[i]!;
    usage[m] = u;
  }
  return total + billedUsage(fp, usage);
}

/** Σ over months of usage and its commit true-ups (billing.ts commitTrueUps, the rule, run with numberCalc). */
function billedUsage(fp: FloatPlan, usage: Float64Array): number {
  const trueUp = fp.scratchTrueUp;
  commitTrueUps(numberCalc, usage, fp.h, fp.monthlyCommit, fp.annualCommit, fp.contractYear, fp.years, trueUp);
  let total = 0;
  for (let m = 0; m < fp.h; m++) total += usage[m]! + trueUp[m]!;
  return total;
}

/**
 * Σ over months of usage, commit true-up, pass-through, fees and labour (remediation apart), over
 * every route at volume ×k, or at ×1 over the routes that move with the draws on top of what was
 * metered once. The routes are metered by the rule itself (metering.ts meterRoutes, run with
 * numberCalc). It is what the break-even search's bisections and stretches run (its grid is
 * floatCurve) and the draws when their linear form does not apply.
 */
function monthlyLoop(fp: FloatPlan, k: number, dr: Float64Array, er: Float64Array, allRoutes: boolean): number {
  const usage = fp.scratch;
  const pt = fp.scratchPt;
  meterRoutes(numberCalc, allRoutes ? fp.routes : fp.variable, fp.h, dr, effectiveWeights(fp, dr, er), k, allRoutes ? ALL_PARTS : OUTBOUND, usage, pt);
  let rest = 0;
  for (let m = 0; m < fp.h; m++) {
    const charge = allRoutes ? usage[m]! : fp.fixedPre[m]! + usage[m]!;
    usage[m] = charge === 0 ? 0 : charge * fp.usageMult[fp.yearOf[m]!]!;
    rest += (allRoutes ? pt[m]! : pt[m]! + fp.fixedPt[m]!) * fp.ptMult + fp.other[m]!;
  }
  return rest + billedUsage(fp, usage);
}

export interface FloatCost {
  tco: number;
  effective: number;
}

/** Remediation and fees per failed message at volume ×k, and the effective messages. */
function failures(fp: FloatPlan, k: number, dr: Float64Array, er: Float64Array): { cost: number; effective: number } {
  let failed = 0;
  let effective = 0;
  let failFees = 0;
  for (let g = 0; g < dr.length; g++) {
    const o = fp.groupOutTotal[g]! * k;
    failed += o * (1 - dr[g]!);
    effective += o * dr[g]! * er[g]!;
    failFees += fp.failFeeOut[g]! * k * (1 - dr[g]!);
  }
  return { cost: failed * fp.remediation + failFees, effective };
}

/** TCO and effective messages at volume ×k with the given rates per rate group. */
export function floatVendorCost(fp: FloatPlan, k: number, dr: Float64Array, er: Float64Array): FloatCost {
  const { cost, effective } = failures(fp, k, dr, er);
  let tco: number;
  if (k === 1 && fp.variable.length === 0) tco = fp.constTotal;
  else if (k === 1) {
    tco = fp.linear ? linearTotal(fp, fp.linear, dr, er) : NaN;
    if (Number.isNaN(tco)) tco = monthlyLoop(fp, 1, dr, er, false);
  } else tco = monthlyLoop(fp, k, dr, er, true);
  return { tco: tco + cost, effective };
}

/** A vendor's nominal TCO at the pilots' rates as a function of the volume multiplier k. */
export interface FloatCurve {
  /** floatVendorCost(fp, k, fp.dr, fp.er).tco */
  at(k: number): number;
  /** `at` at each multiplier of `ks` (ascending), in one pass. */
  onGrid(ks: readonly number[]): number[];
}

/** Every this many thresholds, the months' a and b are kept, so `at` starts near its k. */
const CHECKPOINT = 128;

/**
 * The break-even search's view of a vendor (MODEL.md section 7). At volume ×k a route-month's tier
 * charge is linear in k between the multipliers where its units cross a tier's threshold
 * (graduated: base − p·from + p·units·k; volume: p·units·k), and inbound charges and pass-through
 * are linear in k throughout. So each month's charge is a + b·k, changed only where a route-month
 * crosses a threshold, and the commits, escalation, fees and remediation are applied to the months
 * as the month-by-month loop applies them. A point costs a few operations per month, not a pass over
 * every route (on the global RFP 150 routes × 60 months, a thousand times per vendor for the grid).
 * test/unit/break-even-grid.test.ts compares it with floatVendorCost at every grid point and at
 * points between.
 */
export function floatCurve(fp: FloatPlan): FloatCurve {
  const h = fp.h;
  const dr = fp.dr;
  const wEffective = effectiveWeights(fp, dr, fp.er);
  const a0 = new Float64Array(h); // per month: the tier charges' constant part
  const b0 = new Float64Array(h); // per month: their part per unit of k, with the inbound charges
  let pt = 0; // pass-through over the horizon at ×1, linear in k
  let other = 0;
  // Thresholds: at k > at, month m's charge gains da + db·k (the route-month enters its next tier).
  const list: { at: number; m: number; da: number; db: number }[] = [];
  for (let m = 0; m < h; m++) {
    let linear = 0;
    let p = 0;
    for (const r of fp.routes) {
      const u = billedUnits(numberCalc, r, m, r.billedOn === 'effective' ? wEffective : dr);
      if (u !== 0) {
        const charged = r.charged[m]!;
        const paid = charged === 1 ? u : u * charged;
        p += u * r.passThrough[m]!;
        if (paid > 0) {
          // As chargeTiers with numberCalc (calc.ts floatTierIndex): tier i while from[i] < paid·k·(1 − 1e-12).
          const t = r.tiers[m]!;
          const volume = t.mode === 'volume';
          let ca = volume ? 0 : t.base[0]! - t.price[0]! * t.from[0]!;
          let cb = t.price[0]! * paid;
          a0[m] = a0[m]! + ca;
          b0[m] = b0[m]! + cb;
          for (let i = 1; i < t.from.length; i++) {
            const na = volume ? 0 : t.base[i]! - t.price[i]! * t.from[i]!;
            const nb = t.price[i]! * paid;
            list.push({ at: t.from[i]! / (paid * (1 - 1e-12)), m, da: na - ca, db: nb - cb });
            ca = na;
            cb = nb;
          }
        }
      }
      if (r.hasInbound) {
        linear += r.inbound[m]! * r.inboundPrice[m]!;
        p += r.inbound[m]! * r.inboundPassThrough[m]!;
      }
    }
    b0[m] = b0[m]! + linear;
    pt += p;
    other += fp.other[m]!;
  }
  list.sort((x, y) => x.at - y.at);
  const n = list.length;
  const at = Float64Array.from(list, (e) => e.at);
  const month = Int32Array.from(list, (e) => e.m);
  const da = Float64Array.from(list, (e) => e.da);
  const db = Float64Array.from(list, (e) => e.db);
  const a = new Float64Array(h);
  const b = new Float64Array(h);
  const apply = (from: number, to: number) => {
    for (let j = from; j < to; j++) {
      const m = month[j]!;
      a[m] = a[m]! + da[j]!;
      b[m] = b[m]! + db[j]!;
    }
  };
  // The months' a and b before thresholds 0, CHECKPOINT, 2·CHECKPOINT, ...
  const checkpoints: { a: Float64Array; b: Float64Array }[] = [];
  a.set(a0);
  b.set(b0);
  for (let j = 0; j <= n; j += CHECKPOINT) {
    checkpoints.push({ a: a.slice(), b: b.slice() });
    apply(j, Math.min(n, j + CHECKPOINT));
  }
  const total = (k: number) => {
    const usage = fp.scratch;
    for (let m = 0; m < h; m++) {
      const charge = a[m]! + b[m]! * k;
      usage[m] = charge === 0 ? 0 : charge * fp.usageMult[fp.yearOf[m]!]!;
    }
    return pt * k * fp.ptMult + other + billedUsage(fp, usage) + failures(fp, k, dr, fp.er).cost;
  };
  return {
    at(k) {
      // The thresholds below k: the first j with at[j] >= k.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (at[mid]! < k) lo = mid + 1;
        else hi = mid;
      }
      const c = Math.floor(lo / CHECKPOINT);
      a.set(checkpoints[c]!.a);
      b.set(checkpoints[c]!.b);
      apply(c * CHECKPOINT, lo);
      return total(k);
    },
    onGrid(ks) {
      a.set(a0);
      b.set(b0);
      const out: number[] = [];
      let next = 0;
      for (const k of ks) {
        const from = next;
        while (next < n && at[next]! < k) next++;
        apply(from, next);
        out.push(total(k));
      }
      return out;
    },
  };
}
