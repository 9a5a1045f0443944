/**
 * A vendor's TCO in binary floating point, for the 10,000 uncertainty draws and the break-even
 * scan (statistics, not money: MODEL.md section 7 allows it). The float plan is derived from the
 * decimal one mechanically (every series converted) and what does not move with the draws is
 * computed once by the rule itself, run with numberCalc: the routes billed on sent and all inbound
 * units (metering.ts), escalation and usage multipliers, fees per failed message (billing.ts), and
 * fees and labour taken from the exact evaluation's rows. The month-by-month loop (the draws'
 * fallback and the break-even bisections) is the rule too: metering.ts's meterRoutes and
 * billing.ts's commitTrueUps run with numberCalc. The fast forms are derived from the rule
 * mechanically, by running it in other arithmetics: each route's usage as a + b·rate within a tier
 * cell (tierCell: meterRoutes over lines in the rate, affine.ts), the test that no commit can bind
 * in a combination of cells (commitsSlack: commitTrueUps over ranges of usage, interval.ts), and the
 * break-even curve as a + b·k per month (floatCurve: meterRoutes and chargeTiers over lines in k),
 * and the commits' true-ups where usage is a line in one variable (commitTrueUps over lines).
 * test/unit/float-drawn-rates.test.ts, properties.test.ts and break-even-grid.test.ts keep them
 * equal to evaluate.ts and to the loop to 1e-9 relative at drawn rates and several volumes.
 */
import { constantPart, Line, LineCalc, slope, type Lin } from './affine.js';
import { commitTrueUps, escalation, feeAmount, usageMultipliers, type ContractYear } from './billing.js';
import { numberCalc } from './calc.js';
import type { VendorEvaluation } from './evaluate.js';
import { ALL_PARTS, billedUnits, meterRoutes, type MeteredRoute, type MeterParts } from './metering.js';
import type { RoutePlan, VendorPlan, WorkspacePlan } from './plan.js';
import { rangeCalc, Undecided, type Range } from './interval.js';
import { BILLED_ON } from './types.js';
import { chargeTiers, floatTiers, type FloatTiers, type TierSchedule } from './tiers.js';
import { toFloats } from './to-float.js';

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
    charged: toFloats(r.charged),
    inboundPrice: toFloats(r.inboundPrice),
    passThrough: toFloats(r.passThrough),
    inboundPassThrough: toFloats(r.inboundPassThrough),
    parts: r.parts.map((p) => ({ group: p.group, units: toFloats(p.units) })),
    sentUnits: toFloats(r.sentUnits),
    inbound: toFloats(r.inbound),
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
    const out = toFloats(g.out);
    let x = 0;
    for (let m = 0; m < h; m++) x += out[m]! * failRate[m]!;
    return x;
  });
  const fp: FloatPlan = {
    h,
    yearOf: Int32Array.from(wp.yearOf, (y) => y - 1),
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
    groupOut: vp.groups.map((g) => toFloats(g.out)),
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
  /** Pass-through over the horizon, constant part and part per unit of w (FX included). */
  ptA: number;
  ptB: number;
}

interface LinearRoute {
  route: FloatRoute;
  group: number;
  effective: boolean;
  /** Cells met so far, the pilots' point estimate's first; a new one is built when a draw leaves them. */
  cells: TierCell[];
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
  /** Whether every variable route moves with the same rate (one pilot group, billed on the same
   *  messages): then usage is a line in that one rate and so are the commits' true-ups. */
  oneRate: boolean;
  /** Per combination of cells (oneRate): the billed usage with its true-ups, a + b·rate, over the
   *  ranges of the rate where the commits' decisions hold. */
  billed: Map<string, BilledPiece[]>;
}

/**
 * The linear form of one route's usage around rate w, derived by the rule: metering.ts's
 * meterRoutes run on the route alone over lines in its rate (affine.ts), at w. Its tier decisions
 * hold for lo < rate ≤ hi, and there each month's charge and pass-through is the line it returned.
 */
function tierCell(fp: FloatPlan, r: FloatRoute, w: number): TierCell {
  const h = fp.h;
  const calc = new LineCalc(w);
  // The route's rate (DR, or DR · ER for a route billed on effective messages) is the variable.
  const weights: Lin[] = Array.from(fp.dr);
  weights[r.parts[0]!.group] = new Line(0, 1);
  const charge: Lin[] = new Array<Lin>(h);
  const pt: Lin[] = new Array<Lin>(h);
  meterRoutes(calc, [r], h, weights, weights, 1, OUTBOUND, charge, pt);
  const a = new Float64Array(h);
  const b = new Float64Array(h);
  let ptA = 0;
  let ptB = 0;
  for (let m = 0; m < h; m++) {
    // Escalation, discount and FX, as monthlyLoop applies them to a month's charge.
    const mult = fp.usageMult[fp.yearOf[m]!]!;
    a[m] = constantPart(charge[m]!) * mult;
    b[m] = slope(charge[m]!) * mult;
    ptA += constantPart(pt[m]!) * fp.ptMult;
    ptB += slope(pt[m]!) * fp.ptMult;
  }
  const sum = (x: Float64Array) => x.reduce((p, q) => p + q, 0);
  return { id: 0, lo: calc.lo, hi: calc.hi, a, b, aTotal: sum(a), bTotal: sum(b), ptA, ptB };
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
    return { route: r, group: g, effective, cells: [tierCell(fp, r, effective ? fp.dr[g]! * fp.er[g]! : fp.dr[g]!)] };
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
    oneRate: routes.every((r) => r.group === routes[0]!.group && r.effective === routes[0]!.effective),
    billed: new Map(),
  };
}

const MAX_CELLS = 64;

/**
 * Whether no commit can bind anywhere in the draw's cells: billing.ts's commitTrueUps run over the
 * range of each month's usage while every route's rate stays in its cell (interval.ts) bills no
 * true-up in any month. A comparison the ranges cannot decide means it may bind.
 */
/** The draw's combination of cells, as a key. */
function cellsKey(lin: LinearUsage): string {
  let key = '';
  for (let i = 0; i < lin.cell.length; i++) key += `${lin.cell[i]!.id},`;
  return key;
}

function commitsSlack(fp: FloatPlan, lin: LinearUsage, key: string): boolean {
  let slack = lin.slack.get(key);
  if (slack === undefined) {
    const c = rangeCalc;
    const usage: Range[] = [];
    for (let m = 0; m < fp.h; m++) {
      let u = c.from(lin.a[m]!);
      for (const cell of lin.cell) u = c.add(u, c.add(c.from(cell.a[m]!), c.mul(c.from(cell.b[m]!), { lo: cell.lo, hi: cell.hi })));
      usage.push(u);
    }
    const trueUp: Range[] = [];
    try {
      commitTrueUps(c, usage, fp.h, c.from(fp.monthlyCommit), c.from(fp.annualCommit), fp.contractYear, fp.years, trueUp);
      slack = trueUp.every((t) => c.isZero(t));
    } catch (e) {
      if (!(e instanceof Undecided)) throw e;
      slack = false;
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
    total += cell.ptA + cell.ptB * x;
  }
  const key = lin.commits ? cellsKey(lin) : '';
  if (!lin.commits || commitsSlack(fp, lin, key)) {
    total += lin.aTotal;
    for (let i = 0; i < routes.length; i++) total += lin.cell[i]!.aTotal + lin.cell[i]!.bTotal * w[i]!;
    return total;
  }
  if (lin.oneRate) {
    const piece = billedPiece(fp, lin, key, w[0]!);
    if (piece) return total + piece.a + piece.b * w[0]!;
  }
  const usage = fp.scratch;
  for (let m = 0; m < fp.h; m++) {
    let u = lin.a[m]!;
    for (let i = 0; i < routes.length; i++) u += lin.cell[i]!.a[m]! + lin.cell[i]!.b[m]! * w[i]!;
    usage[m] = u;
  }
  return total + billedUsage(fp, usage);
}

interface BilledPiece {
  lo: number;
  hi: number;
  a: number;
  b: number;
}

/**
 * Σ over months of usage and its commits' true-ups as a + b·x around the draw's rate x, when every
 * variable route moves with that one rate (oneRate): billing.ts's commitTrueUps run over lines in
 * x (affine.ts) on the cells' usage lines. It holds while x stays in the range where each commit's
 * decision (binding or not, month by month and at each year's end) stays the same; null once
 * MAX_CELLS ranges are kept for these cells (the month-by-month sum then runs).
 */
function billedPiece(fp: FloatPlan, lin: LinearUsage, key: string, x: number): BilledPiece | null {
  let pieces = lin.billed.get(key);
  if (!pieces) lin.billed.set(key, (pieces = []));
  for (const p of pieces) if (x > p.lo && x <= p.hi) return p;
  if (pieces.length >= MAX_CELLS) return null;
  const calc = new LineCalc(x);
  const usage: Lin[] = new Array<Lin>(fp.h);
  for (let m = 0; m < fp.h; m++) {
    let a = lin.a[m]!;
    let b = 0;
    for (const c of lin.cell) {
      a += c.a[m]!;
      b += c.b[m]!;
    }
    usage[m] = b === 0 ? a : new Line(a, b);
  }
  const piece = billedLine(fp, calc, usage, new Array<Lin>(fp.h));
  pieces.push(piece);
  return piece;
}

/**
 * Σ over months of the usage lines and their commits' true-ups, as one line a + b·x with the range
 * of x (lo, hi] where it holds: billing.ts's commitTrueUps run over lines (affine.ts) with `calc`
 * reset at the point x. What the draws' billedPiece and the break-even curve's lines both take.
 */
function billedLine(fp: FloatPlan, calc: LineCalc, usage: Lin[], trueUp: Lin[]): BilledPiece {
  commitTrueUps(calc, usage, fp.h, fp.monthlyCommit, fp.annualCommit, fp.contractYear, fp.years, trueUp);
  let billed: Lin = 0;
  for (let m = 0; m < fp.h; m++) billed = calc.add(billed, calc.add(usage[m]!, trueUp[m]!));
  return { lo: calc.lo, hi: calc.hi, a: constantPart(billed), b: slope(billed) };
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

/** The smallest volume multiplier the curve is asked for (the scan's grid starts far above it). */
const SMALLEST_K = 1e-12;

/**
 * The break-even search's view of a vendor (MODEL.md section 7), derived by the rule: metering.ts's
 * meterRoutes run over lines in the volume multiplier k (affine.ts) gives each month's charge and
 * pass-through as a + b·k near k = 0. A route-month's tier charge keeps its line until its units
 * cross a tier threshold; tiers.ts's chargeTiers run over lines on that route-month's units, piece
 * after piece, gives every k where that happens and the line after it. Between those k each month's
 * charge is a + b·k, and the commits, escalation, fees and remediation are applied to the months as
 * the month-by-month loop applies them. A point costs a few operations per month, not a pass over
 * every route (on the global RFP 150 routes × 60 months, a thousand times per vendor for the grid).
 * test/unit/break-even-grid.test.ts compares it with floatVendorCost at every grid point and at
 * points between.
 */
export function floatCurve(fp: FloatPlan): FloatCurve {
  const h = fp.h;
  const dr = fp.dr;
  const wEffective = effectiveWeights(fp, dr, fp.er);
  const calc = new LineCalc(SMALLEST_K);
  const volume = new Line(0, 1);
  const charge: Lin[] = new Array<Lin>(h);
  const ptLines: Lin[] = new Array<Lin>(h);
  meterRoutes(calc, fp.routes, h, dr, wEffective, volume, ALL_PARTS, charge, ptLines);
  const a0 = Float64Array.from(charge, constantPart); // per month: the charge's constant part
  const b0 = Float64Array.from(charge, slope); // and its part per unit of k
  let ptA = 0; // pass-through over the horizon: ptA + ptB·k
  let ptB = 0;
  let other = 0;
  for (let m = 0; m < h; m++) {
    ptA += constantPart(ptLines[m]!);
    ptB += slope(ptLines[m]!);
    other += fp.other[m]!;
  }
  // Thresholds: at k > at, month m's charge gains da + db·k (a route-month's units enter a new tier).
  const list: { at: number; m: number; da: number; db: number }[] = [];
  for (const r of fp.routes) {
    let lastTiers: FloatTiers | null = null;
    let lastPaid = NaN;
    let steps: { at: number; da: number; db: number }[] = [];
    for (let m = 0; m < h; m++) {
      // The route-month's paid units at ×1, as meterRoutes computes them.
      const u = billedUnits(numberCalc, r, m, r.billedOn === 'effective' ? wEffective : dr);
      if (u === 0) continue;
      const charged = r.charged[m]!;
      const paid = charged === 1 ? u : u * charged;
      if (!(paid > 0)) continue;
      const tiers = r.tiers[m]!;
      if (tiers !== lastTiers || paid !== lastPaid) {
        steps = tierSteps(calc, tiers, calc.mul(paid, volume));
        lastTiers = tiers;
        lastPaid = paid;
      }
      for (const st of steps) list.push({ at: st.at, m, da: st.da, db: st.db });
    }
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
  /** Pass-through, fees and labour, remediation and fees per failed message at ×k. */
  const rest = (k: number) => (ptA + ptB * k) * fp.ptMult + other + failures(fp, k, dr, fp.er).cost;
  const total = (k: number) => {
    const usage = fp.scratch;
    for (let m = 0; m < h; m++) {
      const charge = a[m]! + b[m]! * k;
      usage[m] = charge === 0 ? 0 : charge * fp.usageMult[fp.yearOf[m]!]!;
    }
    return rest(k) + billedUsage(fp, usage);
  };
  /** The billed usage with its true-ups near k, as a line: billing.ts's commitTrueUps over lines in k (affine.ts). */
  const lineCalc = new LineCalc(SMALLEST_K);
  const usageLines: Lin[] = new Array<Lin>(h);
  const trueUps: Lin[] = new Array<Lin>(h);
  const lineAt = (k: number): BilledPiece => {
    const c = lineCalc.reset(k);
    for (let m = 0; m < h; m++) {
      const mult = fp.usageMult[fp.yearOf[m]!]!;
      usageLines[m] = c.mul(b[m]! === 0 ? a[m]! : new Line(a[m]!, b[m]!), mult);
    }
    return billedLine(fp, c, usageLines, trueUps);
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
      // Between thresholds the months' charges are lines in k, and so is the billed usage with
      // its true-ups while each commit's decision holds: one line serves the grid points there.
      // A line costs about three points' sums, so where thresholds are so dense that lines serve
      // fewer than three points, the next points are summed month by month instead: 8, then twice
      // as many each time a line serves so few again (up to 256), 8 again once one serves more.
      let piece: BilledPiece | null = null;
      let served = 0;
      let wait = 0;
      let backoff = 8;
      for (const k of ks) {
        const from = next;
        while (next < n && at[next]! < k) next++;
        if (next !== from) apply(from, next);
        if (piece !== null && next === from && k > piece.lo && k <= piece.hi) {
          served++;
          out.push(rest(k) + piece.a + piece.b * k);
          continue;
        }
        if (piece !== null) {
          if (served < 3) {
            wait = backoff;
            backoff = Math.min(2 * backoff, 256);
          } else backoff = 8;
          piece = null;
        }
        if (wait > 0) {
          wait--;
          out.push(total(k));
          continue;
        }
        piece = lineAt(k);
        served = 1;
        out.push(rest(k) + piece.a + piece.b * k);
      }
      return out;
    },
  };
}

/**
 * Where a route-month's tier charge on `units` (a line in k) changes line as k grows from
 * SMALLEST_K, and by how much: chargeTiers run over lines piece after piece, each piece's range
 * ending where one of its comparisons turns.
 */
function tierSteps(calc: LineCalc, tiers: FloatTiers, units: Lin): { at: number; da: number; db: number }[] {
  const steps: { at: number; da: number; db: number }[] = [];
  let before = chargeTiers(calc.reset(SMALLEST_K), tiers, units);
  // One piece per tier at most: the loop ends at the last one (its range has no end).
  for (let i = 0; i < tiers.from.length && calc.hi < Infinity; i++) {
    const at = calc.hi;
    // Just past the threshold: thresholds of a price list are a unit or more apart (1e-9 relative
    // at a billion units), far more than this step.
    const after = chargeTiers(calc.reset(at * (1 + 1e-13)), tiers, units);
    steps.push({ at, da: constantPart(after) - constantPart(before), db: slope(after) - slope(before) });
    before = after;
  }
  return steps;
}
