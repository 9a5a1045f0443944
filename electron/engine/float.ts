/**
 * A vendor's TCO in binary floating point, for the 10,000 uncertainty draws and the break-even
 * scan (statistics, not money: MODEL.md section 7 allows it). It mirrors evaluate.ts; a test keeps
 * the two equal to 1e-9 relative. What does not depend on the draw (routes billed on sent, fees,
 * labour, and with them the commits when no route is billed on delivered or effective messages) is
 * summed once, so a draw costs a few operations per rate group.
 */
import type { VendorEvaluation } from './evaluate.js';
import type { VendorPlan, WorkspacePlan } from './plan.js';
import { floatTierCharge, floatTiers, type FloatTiers } from './tiers.js';

interface FloatRoute {
  tiers: FloatTiers;
  billedOn: 0 | 1 | 2; // sent, delivered, effective
  parts: { group: number; units: Float64Array }[];
  sentUnits: Float64Array;
  inbound: Float64Array | null;
  inboundPrice: number;
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
}

const f64 = (xs: { toNumber(): number }[]) => Float64Array.from(xs, (x) => x.toNumber());

export function floatPlan(wp: WorkspacePlan, vp: VendorPlan, ev: VendorEvaluation): FloatPlan {
  const h = wp.h;
  const routes: FloatRoute[] = vp.routes.map((r) => ({
    tiers: floatTiers(r.tiers),
    billedOn: r.billedOn === 'sent' ? 0 : r.billedOn === 'delivered' ? 1 : 2,
    parts: r.parts.map((p) => ({ group: p.group, units: f64(p.units) })),
    sentUnits: f64(r.sentUnits),
    inbound: r.hasInbound ? f64(r.inbound) : null,
    inboundPrice: r.inboundPrice.toNumber(),
    pt: f64(r.passThrough),
    ipt: f64(r.inboundPassThrough),
  }));
  const nYears = wp.years.length;
  const usageMult = new Float64Array(nYears);
  const e = vp.escalator.toNumber();
  const common = (1 - vp.discount.toNumber()) * vp.fx.toNumber();
  for (let y = 0; y < nYears; y++) usageMult[y] = Math.pow(1 + e, y) * common;
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
    variable: routes.filter((r) => r.billedOn !== 0),
    other: Float64Array.from(ev.months, (row) => row.fees.plus(row.labour).toNumber()),
    fixedPre: new Float64Array(h),
    fixedPt: new Float64Array(h),
    constTotal: 0,
    groupOut: vp.groups.map((g) => f64(g.out)),
    groupOutTotal: Float64Array.from(vp.groups, (g) => g.outTotal.toNumber()),
    dr: Float64Array.from(vp.groups, (g) => g.dr.toNumber()),
    er: Float64Array.from(vp.groups, (g) => g.er.toNumber()),
    remediation: vp.remediationPerFailure.toNumber(),
  };
  for (const r of routes) {
    for (let m = 0; m < h; m++) {
      if (r.billedOn === 0) {
        const u = r.sentUnits[m]!;
        fp.fixedPre[m]! += floatTierCharge(r.tiers, u);
        fp.fixedPt[m]! += u * r.pt[m]!;
      }
      if (r.inbound) {
        fp.fixedPre[m]! += r.inbound[m]! * r.inboundPrice;
        fp.fixedPt[m]! += r.inbound[m]! * r.ipt[m]!;
      }
    }
  }
  if (fp.variable.length === 0) {
    fp.constTotal = monthlyLoop(fp, 1, fp.dr, fp.er, false);
  }
  return fp;
}

/** Σ over months of usage, commit true-up, pass-through, fees and labour (remediation apart). */
function monthlyLoop(fp: FloatPlan, k: number, dr: Float64Array, er: Float64Array, allRoutes: boolean): number {
  let total = 0;
  let yearBill = 0;
  let prevYear = -1;
  const routes = allRoutes ? fp.routes : fp.variable;
  for (let m = 0; m < fp.h; m++) {
    let pre = allRoutes ? 0 : fp.fixedPre[m]!;
    let pt = allRoutes ? 0 : fp.fixedPt[m]!;
    for (const r of routes) {
      let u: number;
      if (r.billedOn === 0) u = r.sentUnits[m]!;
      else {
        u = 0;
        for (const p of r.parts) u += p.units[m]! * (r.billedOn === 1 ? dr[p.group]! : dr[p.group]! * er[p.group]!);
      }
      u *= k;
      pre += floatTierCharge(r.tiers, u);
      pt += u * r.pt[m]!;
      if (allRoutes && r.inbound) {
        const inb = r.inbound[m]! * k;
        pre += inb * r.inboundPrice;
        pt += inb * r.ipt[m]!;
      }
    }
    const y = fp.yearOf[m]!;
    const usage = pre * fp.usageMult[y]!;
    let bill = usage;
    let trueUp = 0;
    if (fp.monthlyCommit > usage) {
      trueUp = fp.monthlyCommit - usage;
      bill = fp.monthlyCommit;
    }
    if (y !== prevYear) {
      yearBill = 0;
      prevYear = y;
    }
    yearBill += bill;
    const due = fp.yearEnd[m]!;
    if (due > yearBill) trueUp += due - yearBill;
    total += usage + trueUp + pt * fp.ptMult + fp.other[m]!;
  }
  return total;
}

export interface FloatCost { tco: number; effective: number }

/** TCO and effective messages at volume ×k with the given rates per rate group. */
export function floatVendorCost(fp: FloatPlan, k: number, dr: Float64Array, er: Float64Array): FloatCost {
  let failed = 0;
  let effective = 0;
  for (let g = 0; g < dr.length; g++) {
    const o = fp.groupOutTotal[g]! * k;
    failed += o * (1 - dr[g]!);
    effective += o * dr[g]! * er[g]!;
  }
  let tco: number;
  if (k === 1 && fp.variable.length === 0) tco = fp.constTotal;
  else if (k === 1) tco = monthlyLoop(fp, 1, dr, er, false);
  else tco = monthlyLoop(fp, k, dr, er, true);
  return { tco: tco + failed * fp.remediation, effective };
}
