/**
 * One vendor's cost over the horizon, month by month, in decimals (MODEL.md sections 2, 4, 5, 7).
 *
 * Two stages. `meter` walks routes and months: what the vendor's tiers charge before escalation,
 * discount and FX, the pass-through and the failed messages. It depends only on volumes and rates.
 * `bill` turns that into money per month: escalation, discount, FX, commits and their true-ups,
 * fees, internal cost, remediation, discounting. `Factors` scale inputs for the sensitivity
 * analysis and the break-even search; all 1 is the workspace as entered. The split lets the
 * sensitivity of prices, pass-through, fees, hours, escalator and discount rate reuse one metering.
 * The pricing rule itself is written once over an arithmetic (calc.ts): metering.ts, tiers.ts and
 * billing.ts, run here with decimalCalc and in float.ts with numberCalc.
 */
import { escalation, feeAmount, labourOf, usageMultipliers, commitTrueUps, type FeeTerms } from './billing.js';
import { decimalCalc } from './calc.js';
import { Decimal, ONE, ZERO, decMin } from './decimal.js';
import { ALL_PARTS, meterRoutes } from './metering.js';
import { failedOf, failedSeries, keptSums, meterRoute, monthSums, zerosOf } from './route-memo.js';
import { add0, pairwiseSum } from './pairwise.js';
import { discountFactors, type VendorPlan, type WorkspacePlan } from './plan.js';
import { FEE_CATEGORIES, type FeeCategory } from './types.js';

export interface Factors {
  volume: Decimal;
  prices: Decimal;
  passThrough: Decimal;
  deliveryRate: Decimal;
  engagementRate: Decimal;
  internalHours: Decimal;
  fees: Decimal;
  escalator: Decimal;
  discountRate: Decimal;
}

export const NO_FACTORS: Factors = {
  volume: ONE,
  prices: ONE,
  passThrough: ONE,
  deliveryRate: ONE,
  engagementRate: ONE,
  internalHours: ONE,
  fees: ONE,
  escalator: ONE,
  discountRate: ONE,
};

export const CATEGORIES = ['usage', 'passThrough', 'commitTrueUp', 'fees', 'internal', 'remediation'] as const;
export type Category = (typeof CATEGORIES)[number];
export type ByCategory = Record<Category, Decimal>;

export interface MonthRow {
  month: number;
  usage: Decimal;
  passThrough: Decimal;
  commitTrueUp: Decimal;
  fees: Decimal;
  feesByCategory: Record<FeeCategory, Decimal>;
  /** The part of `fees` charged per failed message (it moves with volume and delivery rate). */
  failedFees: Decimal;
  /** Labour and other internal cost, without remediation. */
  labour: Decimal;
  remediation: Decimal;
  total: Decimal;
  discountFactor: Decimal;
  /** Outbound messages sent and failed this month. */
  sent: Decimal;
  failed: Decimal;
}

export interface VendorEvaluation {
  months: MonthRow[];
  nominal: ByCategory;
  npv: ByCategory;
  tcoNominal: Decimal;
  tcoNpv: Decimal;
  feesByCategory: Record<FeeCategory, Decimal>;
  sent: Decimal;
  delivered: Decimal;
  effective: Decimal;
  /** Rates used per rate group (after factors). */
  rates: { dr: Decimal; er: Decimal }[];
}

/** What the routes meter: per month, in the quote currency before escalation, discount and FX. */
export interface Metering {
  charge: Decimal[];
  passThrough: Decimal[];
  sent: Decimal[];
  failed: Decimal[];
  sentTotal: Decimal;
  delivered: Decimal;
  effective: Decimal;
  rates: { dr: Decimal; er: Decimal }[];
}

function zeroCategories(): ByCategory {
  return { usage: ZERO, passThrough: ZERO, commitTrueUp: ZERO, fees: ZERO, internal: ZERO, remediation: ZERO };
}

function zeroFees(): Record<FeeCategory, Decimal> {
  return { platform: ZERO, numbers: ZERO, compliance: ZERO, support: ZERO, setup: ZERO, other: ZERO };
}

/** Does the metering depend on the engagement rate (a route billed on effective messages)? */
export function meteringUsesEngagement(vp: VendorPlan): boolean {
  return vp.routes.some((r) => r.billedOn === 'effective');
}

/**
 * `keep`: keep each route's metering on the plan (route-memo.ts) and take what is kept, at the
 * workspace's own volume and rates only. The engine asks for it for a vendor being edited (a vendor
 * id computed before with another object), so only the routes of vendors a user edits are kept.
 */
export function meter(wp: WorkspacePlan, vp: VendorPlan, volume: Decimal = ONE, deliveryRate: Decimal = ONE, engagementRate: Decimal = ONE, keep = false): Metering {
  const h = wp.h;
  const scale = !volume.eq(1);
  const rates = vp.groups.map((g) => ({
    dr: deliveryRate.eq(1) ? g.dr : decMin(ONE, g.dr.times(deliveryRate)),
    er: engagementRate.eq(1) ? g.er : decMin(ONE, g.er.times(engagementRate)),
  }));
  const wDelivered = rates.map((r) => r.dr);
  const wEffective = rates.map((r) => r.dr.times(r.er));
  const charge: Decimal[] = new Array<Decimal>(h);
  const passThrough: Decimal[] = new Array<Decimal>(h);
  const sent: Decimal[] = new Array<Decimal>(h);
  const failed: Decimal[] = new Array<Decimal>(h);
  // The pricing rule (metering.ts), in decimals: at the workspace's own volume and rates, each
  // route's metering is kept on the plan (route-memo.ts) and the month sums add them in the order
  // meterRoutes adds them (pairwise.ts), kept as trees, so a keystroke in one route meters that
  // route alone and adds again only the sums above it.
  const kept = keep && volume.eq(1) && deliveryRate.eq(1) && engagementRate.eq(1);
  if (kept) {
    const per = vp.routes.map((r) => meterRoute(wp.memo, r, h, wDelivered, wEffective, ONE));
    const sums = monthSums(wp.memo, vp.vendor.id, per, h);
    for (let m = 0; m < h; m++) {
      const linear = sums.linear ? sums.linear[m]! : ZERO;
      charge[m] = linear.isZero() ? sums.tiered[m]! : sums.tiered[m]!.plus(linear);
      passThrough[m] = sums.passThrough[m]!;
    }
  } else meterRoutes(decimalCalc, vp.routes, h, wDelivered, wEffective, volume, ALL_PARTS, charge, passThrough);
  // Failed outbound messages, Σ out(m)·(1 − DR) over the rate groups, added pairwise (pairwise.ts);
  // a group's count is reused while its volume is the same value.
  const failShare = rates.map((r) => ONE.minus(r.dr));
  let failedSum: Decimal[];
  if (kept) {
    const zeros = zerosOf(wp.memo, h);
    const leaves = vp.groups.map((g, gi) => (failShare[gi]!.isZero() ? zeros : failedSeries(wp.memo, g.out, failShare[gi]!)));
    failedSum = keptSums(wp.memo, `${vp.vendor.id}\u0000failed`, leaves, h);
  } else {
    const leaves = vp.groups.map((g, gi) => (failShare[gi]!.isZero() ? null : failedOf(g.out, failShare[gi]!)));
    const month = new Array<Decimal>(leaves.length);
    failedSum = new Array<Decimal>(h);
    for (let m = 0; m < h; m++) {
      for (let g = 0; g < leaves.length; g++) month[g] = leaves[g] ? leaves[g]![m]! : ZERO;
      failedSum[m] = pairwiseSum(decimalCalc, month);
    }
  }
  for (let m = 0; m < h; m++) {
    sent[m] = scale ? wp.sent[m]!.times(volume) : wp.sent[m]!;
    failed[m] = scale ? failedSum[m]!.times(volume) : failedSum[m]!;
  }
  let delivered = ZERO;
  let effective = ZERO;
  for (let g = 0; g < vp.groups.length; g++) {
    const d = vp.groups[g]!.outTotal.times(rates[g]!.dr);
    delivered = delivered.plus(d);
    effective = effective.plus(d.times(rates[g]!.er));
  }
  const sentTotal = scale ? wp.sentTotal.times(volume) : wp.sentTotal;
  if (scale) {
    delivered = delivered.times(volume);
    effective = effective.times(volume);
  }
  return { charge, passThrough, sent, failed, sentTotal, delivered, effective, rates };
}

/**
 * Delivered and effective messages of each month, summed over the vendor's rate groups:
 * delivered(m) = out(m) · DR and effective(m) = delivered(m) · ER (MODEL.md section 6), with the
 * rates the metering used. For the month-by-month tables; the totals are the metering's own.
 */
export function monthlyOutcomes(vp: VendorPlan, mt: Metering, h: number): { delivered: Decimal[]; effective: Decimal[] } {
  const delivered: Decimal[] = new Array<Decimal>(h).fill(ZERO);
  const effective: Decimal[] = new Array<Decimal>(h).fill(ZERO);
  vp.groups.forEach((g, gi) => {
    const r = mt.rates[gi]!;
    for (let m = 0; m < h; m++) {
      const d = g.out[m]!.times(r.dr);
      delivered[m] = delivered[m]!.plus(d);
      effective[m] = effective[m]!.plus(d.times(r.er));
    }
  });
  return { delivered, effective };
}

export function bill(wp: WorkspacePlan, vp: VendorPlan, mt: Metering, f: Factors = NO_FACTORS): VendorEvaluation {
  const h = wp.h;
  const c = decimalCalc;
  const df = f.discountRate.eq(1) ? wp.df : discountFactors(wp.discountRate.times(f.discountRate), h);
  const esc = escalation(decimalCalc, vp.escalator.times(f.escalator), wp.years.length);
  const usageMult = usageMultipliers(decimalCalc, esc, vp.discount, vp.fx, f.prices);
  const ptMult = vp.fx.times(f.passThrough);
  const feeTerms: FeeTerms<Decimal>[] = vp.fees.map((fee) => ({
    kind: fee.kind,
    base: (fee.kind === 'seat-month' ? fee.amount.times(fee.quantity) : fee.amount).times(f.fees),
    month: fee.month,
    included: fee.included,
  }));
  const labourMonthly = vp.monthlyHours.times(f.internalHours).times(wp.hourlyRate).plus(vp.monthlyOther);
  const labourSetup = vp.setupHours.times(f.internalHours).times(wp.hourlyRate);
  const months: MonthRow[] = [];
  const nominal = zeroCategories();
  const npv = zeroCategories();
  const feesTotal = zeroFees();

  // The rule (billing.ts), in decimals: usage, then the commits' true-ups on it.
  const usages: Decimal[] = new Array<Decimal>(h);
  for (let m = 0; m < h; m++) usages[m] = mt.charge[m]!.isZero() ? ZERO : mt.charge[m]!.times(usageMult[wp.yearOf[m]! - 1]!);
  const trueUps: Decimal[] = new Array<Decimal>(h);
  commitTrueUps(decimalCalc, usages, h, vp.monthlyCommit, vp.annualCommit, wp.yearOf, wp.years, trueUps);

  for (let m = 0; m < h; m++) {
    const yi = wp.yearOf[m]! - 1;
    const usage = usages[m]!;
    const passThrough = mt.passThrough[m]!.isZero() ? ZERO : mt.passThrough[m]!.times(ptMult);
    const trueUp = trueUps[m]!;

    const feesByCategory = zeroFees();
    let fees = ZERO;
    let failedFees = ZERO;
    for (let j = 0; j < feeTerms.length; j++) {
      const amount = feeAmount(decimalCalc, feeTerms[j]!, m, yi, esc[yi]!, wp.contacts[m]!, mt.failed[m]!);
      if (amount === null) continue;
      if (feeTerms[j]!.kind === 'failed-message') failedFees = add0(c, failedFees, amount);
      fees = add0(c, fees, amount);
      const cat = vp.fees[j]!.category;
      feesByCategory[cat] = add0(c, feesByCategory[cat], amount);
    }

    const labour = labourOf(decimalCalc, m, labourSetup, labourMonthly);
    const remediation = mt.failed[m]!.isZero() ? ZERO : mt.failed[m]!.times(vp.remediationPerFailure);
    const total = add0(c, add0(c, add0(c, add0(c, add0(c, usage, passThrough), trueUp), fees), labour), remediation);
    const dfm = df[m]!;
    months.push({
      month: m + 1,
      usage,
      passThrough,
      commitTrueUp: trueUp,
      fees,
      feesByCategory,
      failedFees,
      labour,
      remediation,
      total,
      discountFactor: dfm,
      sent: mt.sent[m]!,
      failed: mt.failed[m]!,
    });
    nominal.usage = add0(c, nominal.usage, usage);
    nominal.passThrough = add0(c, nominal.passThrough, passThrough);
    nominal.commitTrueUp = add0(c, nominal.commitTrueUp, trueUp);
    nominal.fees = add0(c, nominal.fees, fees);
    nominal.internal = add0(c, nominal.internal, labour);
    nominal.remediation = add0(c, nominal.remediation, remediation);
    if (!dfm.eq(1)) {
      // A zero adds nothing, discounted or not: skipped, to the same digits.
      if (!usage.isZero()) npv.usage = add0(c, npv.usage, usage.times(dfm));
      if (!passThrough.isZero()) npv.passThrough = add0(c, npv.passThrough, passThrough.times(dfm));
      if (!trueUp.isZero()) npv.commitTrueUp = add0(c, npv.commitTrueUp, trueUp.times(dfm));
      if (!fees.isZero()) npv.fees = add0(c, npv.fees, fees.times(dfm));
      if (!labour.isZero()) npv.internal = add0(c, npv.internal, labour.times(dfm));
      if (!remediation.isZero()) npv.remediation = add0(c, npv.remediation, remediation.times(dfm));
    }
    if (!fees.isZero()) for (const cat of FEE_CATEGORIES) feesTotal[cat] = add0(c, feesTotal[cat], feesByCategory[cat]);
  }
  const npvCats = df.every((d) => d.eq(1)) ? nominal : npv;
  const sum = (b: ByCategory) => CATEGORIES.reduce((acc, c) => acc.plus(b[c]), ZERO);
  return {
    months,
    nominal,
    npv: npvCats,
    tcoNominal: sum(nominal),
    tcoNpv: sum(npvCats),
    feesByCategory: feesTotal,
    sent: mt.sentTotal,
    delivered: mt.delivered,
    effective: mt.effective,
    rates: mt.rates,
  };
}

/** The whole evaluation: metering then billing. */
export function evaluateVendor(wp: WorkspacePlan, vp: VendorPlan, f: Factors = NO_FACTORS): VendorEvaluation {
  return bill(wp, vp, meter(wp, vp, f.volume, f.deliveryRate, f.engagementRate), f);
}

/** Nominal TCO ÷ count, or null when the count is 0. */
export function perUnit(total: Decimal, count: Decimal): Decimal | null {
  return count.isZero() ? null : total.div(count);
}
