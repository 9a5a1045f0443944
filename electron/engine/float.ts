/**
 * A vendor's TCO in binary floating point, for the 10,000 uncertainty draws and the break-even
 * scan (statistics, not money: MODEL.md section 7 allows it). It mirrors evaluate.ts; a test keeps
 * the two equal to 1e-9 relative. What does not depend on the draw (routes billed on sent, fees,
 * labour, and with them the commits when no route is billed on delivered or effective messages) is
 * summed once, so a draw costs a few operations per rate group.
 */
import type { VendorEvaluation } from './evaluate.js';
import type { VendorPlan, WorkspacePlan } from './plan.js';
import { floatTierCharge, floatTierIndex, floatTiers, type FloatTiers, type TierSchedule } from './tiers.js';

interface FloatRoute {
  /** Per month: the tiers in force. */
  tiers: FloatTiers[];
  /** Per month: 1 − the free share. */
  charged: Float64Array;
  billedOn: 0 | 1 | 2; // sent, delivered, effective
  parts: { group: number; units: Float64Array }[];
  sentUnits: Float64Array;
  inbound: Float64Array | null;
  inboundPrice: Float64Array;
  /** Per month: pass-through per billed unit (markup and free share included), per inbound unit. */
  pt: Float64Array;
  ipt: Float64Array;
}

export interface FloatPlan {
  h: number;
  yearOf: Int32Array; // 0-based contract year per month
  yearEnd: Float64Array; // per month: prorated annual commit due at the end of its year, else 0
  usageMult: Float64Array; // per year
  ptMult: number;
  monthlyCommit: number;
  annualCommit: boolean;
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
  /** Scratch space: one month's usage at a time. */
  scratch: Float64Array;
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
  const routes: FloatRoute[] = vp.routes.map((r) => ({
    tiers: r.tiers.map(tiersOf),
    charged: f64(r.charged),
    billedOn: r.billedOn === 'sent' ? 0 : r.billedOn === 'delivered' ? 1 : 2,
    parts: r.parts.map((p) => ({ group: p.group, units: f64(p.units) })),
    sentUnits: f64(r.sentUnits),
    inbound: r.hasInbound ? f64(r.inbound) : null,
    inboundPrice: f64(r.inboundPrice),
    pt: f64(r.passThrough),
    ipt: f64(r.inboundPassThrough),
  }));
  const nYears = wp.years.length;
  const usageMult = new Float64Array(nYears);
  const e = vp.escalator.toNumber();
  const common = (1 - vp.discount.toNumber()) * vp.fx.toNumber();
  for (let y = 0; y < nYears; y++) usageMult[y] = Math.pow(1 + e, y) * common;
  // Fees per failed message, per month (escalated, in the base currency).
  const failRate = new Float64Array(h);
  for (const fee of vp.fees) {
    if (fee.kind !== 'failed-message') continue;
    const a = fee.amount.toNumber();
    for (let m = 0; m < h; m++) failRate[m]! += a * Math.pow(1 + e, wp.yearOf[m]! - 1);
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
    usageMult,
    ptMult: vp.fx.toNumber(),
    monthlyCommit: vp.monthlyCommit.toNumber(),
    annualCommit: vp.annualCommit.gt(0),
    routes,
    // Routes whose billed units move with a draw: billed on delivered or effective messages with
    // at least one part on a pilot's rates (assumed rates stay fixed in the draws).
    variable: routes.filter((r) => r.billedOn !== 0 && r.parts.some((p) => vp.groups[p.group]!.pilot !== null)),
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
  };
  for (const r of routes) {
    const fixed = !fp.variable.includes(r);
    for (let m = 0; m < h; m++) {
      if (fixed) {
        const u = routeUnits(r, m, fp.dr, fp.er);
        fp.fixedPre[m]! += floatTierCharge(r.tiers[m]!, u * r.charged[m]!);
        fp.fixedPt[m]! += u * r.pt[m]!;
      }
      if (r.inbound) {
        fp.fixedPre[m]! += r.inbound[m]! * r.inboundPrice[m]!;
        fp.fixedPt[m]! += r.inbound[m]! * r.ipt[m]!;
      }
    }
  }
  if (fp.variable.length === 0) {
    fp.constTotal = monthlyLoop(fp, 1, fp.dr, fp.er, false);
  } else {
    fp.linear = linearUsage(fp);
  }
  return fp;
}

function routeUnits(r: FloatRoute, m: number, dr: Float64Array, er: Float64Array): number {
  if (r.billedOn === 0) return r.sentUnits[m]!;
  let u = 0;
  const parts = r.parts;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    u += p.units[m]! * (r.billedOn === 1 ? dr[p.group]! : dr[p.group]! * er[p.group]!);
  }
  return u;
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
    if (!t.volume) a[m] = (t.base[i]! - t.price[i]! * t.from[i]!) * mult;
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
    const effective = r.billedOn === 2;
    let ptCoef = 0;
    for (let m = 0; m < h; m++) ptCoef += r.parts[0]!.units[m]! * r.pt[m]! * fp.ptMult;
    return { route: r, group: g, effective, cells: [tierCell(fp, r, effective ? fp.dr[g]! * fp.er[g]! : fp.dr[g]!)], ptCoef };
  });
  return {
    routes,
    a,
    aTotal: a.reduce((x, y) => x + y, 0),
    rest,
    commits: fp.monthlyCommit > 0 || fp.annualCommit,
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

/** Σ over months of usage and its commit true-ups (monthly, then annual on the year's bills). */
function billedUsage(fp: FloatPlan, usage: Float64Array): number {
  let total = 0;
  let yearBill = 0;
  let prevYear = -1;
  for (let m = 0; m < fp.h; m++) {
    const u = usage[m]!;
    let billed = u;
    let trueUp = 0;
    if (fp.monthlyCommit > u) {
      trueUp = fp.monthlyCommit - u;
      billed = fp.monthlyCommit;
    }
    const y = fp.yearOf[m]!;
    if (y !== prevYear) {
      yearBill = 0;
      prevYear = y;
    }
    yearBill += billed;
    const due = fp.yearEnd[m]!;
    if (due > yearBill) trueUp += due - yearBill;
    total += u + trueUp;
  }
  return total;
}

/** Σ over months of usage, commit true-up, pass-through, fees and labour (remediation apart). */
function monthlyLoop(fp: FloatPlan, k: number, dr: Float64Array, er: Float64Array, allRoutes: boolean): number {
  const routes = allRoutes ? fp.routes : fp.variable;
  const usage = fp.scratch;
  let rest = 0;
  for (let m = 0; m < fp.h; m++) {
    let pre = allRoutes ? 0 : fp.fixedPre[m]!;
    let pt = allRoutes ? 0 : fp.fixedPt[m]!;
    for (let ri = 0; ri < routes.length; ri++) {
      const r = routes[ri]!;
      const u = routeUnits(r, m, dr, er) * k;
      pre += floatTierCharge(r.tiers[m]!, u * r.charged[m]!);
      pt += u * r.pt[m]!;
      if (allRoutes && r.inbound) {
        const inb = r.inbound[m]! * k;
        pre += inb * r.inboundPrice[m]!;
        pt += inb * r.ipt[m]!;
      }
    }
    usage[m] = pre * fp.usageMult[fp.yearOf[m]!]!;
    rest += pt * fp.ptMult + fp.other[m]!;
  }
  return rest + billedUsage(fp, usage);
}

export interface FloatCost {
  tco: number;
  effective: number;
}

/** TCO and effective messages at volume ×k with the given rates per rate group. */
export function floatVendorCost(fp: FloatPlan, k: number, dr: Float64Array, er: Float64Array): FloatCost {
  let failed = 0;
  let effective = 0;
  let failFees = 0;
  for (let g = 0; g < dr.length; g++) {
    const o = fp.groupOutTotal[g]! * k;
    failed += o * (1 - dr[g]!);
    effective += o * dr[g]! * er[g]!;
    failFees += fp.failFeeOut[g]! * k * (1 - dr[g]!);
  }
  let tco: number;
  if (k === 1 && fp.variable.length === 0) tco = fp.constTotal;
  else if (k === 1) {
    tco = fp.linear ? linearTotal(fp, fp.linear, dr, er) : NaN;
    if (Number.isNaN(tco)) tco = monthlyLoop(fp, 1, dr, er, false);
  } else tco = monthlyLoop(fp, k, dr, er, true);
  return { tco: tco + failed * fp.remediation + failFees, effective };
}
