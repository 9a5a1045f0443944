/**
 * One vendor's cost over the horizon, month by month, in decimals (MODEL.md sections 2, 4, 5, 7).
 *
 * Two stages. `meter` walks routes and months: what the vendor's tiers charge before escalation,
 * discount and FX, the pass-through and the failed messages. It depends only on volumes and rates.
 * `bill` turns that into money per month: escalation, discount, FX, commits and their true-ups,
 * fees, internal cost, remediation, discounting. `Factors` scale inputs for the sensitivity
 * analysis and the break-even search; all 1 is the workspace as entered. The split lets the
 * sensitivity of prices, pass-through, fees, hours, escalator and discount rate reuse one metering.
 */
import { Decimal, ONE, ZERO, decMax, decMin } from './decimal.js';
import { discountFactors, type RoutePlan, type VendorPlan, type WorkspacePlan } from './plan.js';
import { tierCharge, type TierSchedule } from './tiers.js';
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

function billedUnits(r: RoutePlan, m: number, weights: Decimal[]): Decimal {
  if (r.billedOn === 'sent' || r.parts.length === 0) return r.sentUnits[m]!;
  let u = ZERO;
  for (const p of r.parts) u = u.plus(p.units[m]!.times(weights[p.group]!));
  return u;
}

/** Does the metering depend on the engagement rate (a route billed on effective messages)? */
export function meteringUsesEngagement(vp: VendorPlan): boolean {
  return vp.routes.some((r) => r.billedOn === 'effective');
}

export function meter(wp: WorkspacePlan, vp: VendorPlan, volume: Decimal = ONE, deliveryRate: Decimal = ONE, engagementRate: Decimal = ONE): Metering {
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
  // Months whose units are the very same value (a stream without seasonality, within a contract
  // year) cost the same: remember the last charge per route by the identity of its units.
  const lastUnits: (Decimal | null)[] = vp.routes.map(() => null);
  const lastTiers: (TierSchedule | null)[] = vp.routes.map(() => null);
  const lastCharged: (Decimal | null)[] = vp.routes.map(() => null);
  const lastInboundPrice: (Decimal | null)[] = vp.routes.map(() => null);
  const lastCharge: Decimal[] = vp.routes.map(() => ZERO);
  const failShare = rates.map((r) => ONE.minus(r.dr));
  const lastPt: Decimal[] = vp.routes.map(() => ZERO);
  const lastPtUnits: (Decimal | null)[] = vp.routes.map(() => null);
  const lastPtRate: (Decimal | null)[] = vp.routes.map(() => null);
  const lastInbound: (Decimal | null)[] = vp.routes.map(() => null);
  const lastInboundRate: (Decimal | null)[] = vp.routes.map(() => null);
  const lastInboundCharge: Decimal[] = vp.routes.map(() => ZERO);
  const lastInboundPt: Decimal[] = vp.routes.map(() => ZERO);
  const lastOut: (Decimal | null)[] = vp.groups.map(() => null);
  const lastFailed: Decimal[] = vp.groups.map(() => ZERO);
  for (let m = 0; m < h; m++) {
    let tiered = ZERO; // tier charges, on units already scaled by the volume factor
    let linear = ZERO; // inbound charges, scaled at the end of the month
    let pt = ZERO; // pass-through, scaled at the end of the month
    for (let ri = 0; ri < vp.routes.length; ri++) {
      const r = vp.routes[ri]!;
      const single = r.billedOn === 'sent' ? r.sentUnits[m]! : r.parts.length === 1 ? r.parts[0]!.units[m]! : null;
      const u = billedUnits(r, m, r.billedOn === 'effective' ? wEffective : wDelivered);
      if (!u.isZero()) {
        let c: Decimal;
        const tiers = r.tiers[m]!;
        const charged = r.charged[m]!;
        if (single !== null && single === lastUnits[ri] && tiers === lastTiers[ri] && charged === lastCharged[ri]) c = lastCharge[ri]!;
        else {
          // The free share is charged nothing: the tiers see (1 − f) of the billed units.
          const paid = charged.eq(1) ? u : u.times(charged);
          c = tierCharge(tiers, scale ? paid.times(volume) : paid);
          lastUnits[ri] = single;
          lastTiers[ri] = tiers;
          lastCharged[ri] = charged;
          lastCharge[ri] = c;
        }
        tiered = tiered.plus(c);
        const p = r.passThrough[m]!;
        if (!p.isZero()) {
          if (single === null || single !== lastPtUnits[ri] || p !== lastPtRate[ri]) {
            lastPt[ri] = u.times(p);
            lastPtUnits[ri] = single;
            lastPtRate[ri] = p;
          }
          pt = pt.plus(lastPt[ri]!);
        }
      }
      if (r.hasInbound) {
        const inb = r.inbound[m]!;
        const ip = r.inboundPassThrough[m]!;
        const iprice = r.inboundPrice[m]!;
        if (inb !== lastInbound[ri] || ip !== lastInboundRate[ri] || iprice !== lastInboundPrice[ri]) {
          lastInboundCharge[ri] = iprice.isZero() ? ZERO : inb.times(iprice);
          lastInboundPt[ri] = ip.isZero() ? ZERO : inb.times(ip);
          lastInbound[ri] = inb;
          lastInboundRate[ri] = ip;
          lastInboundPrice[ri] = iprice;
        }
        linear = linear.plus(lastInboundCharge[ri]!);
        pt = pt.plus(lastInboundPt[ri]!);
      }
    }
    let f = ZERO;
    for (let g = 0; g < vp.groups.length; g++) {
      if (failShare[g]!.isZero()) continue;
      const o = vp.groups[g]!.out[m]!;
      if (o !== lastOut[g]) {
        lastFailed[g] = o.times(failShare[g]!);
        lastOut[g] = o;
      }
      f = f.plus(lastFailed[g]!);
    }
    if (scale) {
      charge[m] = linear.isZero() ? tiered : tiered.plus(linear.times(volume));
      passThrough[m] = pt.isZero() ? pt : pt.times(volume);
      sent[m] = wp.sent[m]!.times(volume);
      failed[m] = f.times(volume);
    } else {
      charge[m] = linear.isZero() ? tiered : tiered.plus(linear);
      passThrough[m] = pt;
      sent[m] = wp.sent[m]!;
      failed[m] = f;
    }
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
  const df = f.discountRate.eq(1) ? wp.df : discountFactors(wp.discountRate.times(f.discountRate), h);
  const nYears = wp.years.length;
  const esc: Decimal[] = [];
  const onePlusE = ONE.plus(vp.escalator.times(f.escalator));
  for (let y = 0; y < nYears; y++) esc.push(y === 0 ? ONE : esc[y - 1]!.times(onePlusE));
  const usageMult = esc.map((e) => e.times(ONE.minus(vp.discount)).times(vp.fx).times(f.prices));
  const ptMult = vp.fx.times(f.passThrough);
  const feeBase = vp.fees.map((fee) => (fee.kind === 'seat-month' ? fee.amount.times(fee.quantity) : fee.amount).times(f.fees));
  const labourMonthly = vp.monthlyHours.times(f.internalHours).times(wp.hourlyRate).plus(vp.monthlyOther);
  const labourSetup = vp.setupHours.times(f.internalHours).times(wp.hourlyRate);
  const months: MonthRow[] = [];
  const nominal = zeroCategories();
  const npv = zeroCategories();
  const feesTotal = zeroFees();
  let yearBill = ZERO;

  for (let m = 0; m < h; m++) {
    const yi = wp.yearOf[m]! - 1;
    const usage = mt.charge[m]!.isZero() ? ZERO : mt.charge[m]!.times(usageMult[yi]!);
    const passThrough = mt.passThrough[m]!.isZero() ? ZERO : mt.passThrough[m]!.times(ptMult);

    // Commits: only usage counts toward them; the annual one is trued up on the bill after the monthly one.
    let trueUp = ZERO;
    let billed = usage;
    if (vp.monthlyCommit.gt(usage)) {
      trueUp = vp.monthlyCommit.minus(usage);
      billed = vp.monthlyCommit;
    }
    if (m === 0 || wp.yearOf[m - 1] !== wp.yearOf[m]) yearBill = ZERO;
    if (vp.annualCommit.gt(0)) {
      yearBill = yearBill.plus(billed);
      const yr = wp.years[yi]!;
      if (m + 1 === yr.lastMonth) {
        const due = yr.months === 12 ? vp.annualCommit : vp.annualCommit.times(yr.months).div(12);
        if (due.gt(yearBill)) trueUp = trueUp.plus(due.minus(yearBill));
      }
    }

    const feesByCategory = zeroFees();
    let fees = ZERO;
    let failedFees = ZERO;
    for (let j = 0; j < vp.fees.length; j++) {
      const fee = vp.fees[j]!;
      let amount: Decimal;
      if (fee.kind === 'once') {
        if (fee.month !== m + 1) continue;
        amount = feeBase[j]!;
      } else if (fee.kind === 'contact-month') {
        // The allowance: contacts up to `included` are not charged.
        const charged = fee.included.isZero() ? wp.contacts[m]! : decMax(ZERO, wp.contacts[m]!.minus(fee.included));
        amount = feeBase[j]!.times(charged).times(esc[yi]!);
      } else if (fee.kind === 'failed-message') {
        // A processing fee on the vendor's failed outbound messages: Σ out(m)·(1 − DR).
        const a = feeBase[j]!.times(mt.failed[m]!).times(esc[yi]!);
        failedFees = failedFees.plus(a);
        amount = a;
      } else amount = yi === 0 ? feeBase[j]! : feeBase[j]!.times(esc[yi]!);
      fees = fees.plus(amount);
      feesByCategory[fee.category] = feesByCategory[fee.category].plus(amount);
    }

    const labour = m === 0 ? labourSetup.plus(labourMonthly) : labourMonthly;
    const remediation = mt.failed[m]!.times(vp.remediationPerFailure);
    const total = usage.plus(passThrough).plus(trueUp).plus(fees).plus(labour).plus(remediation);
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
    nominal.usage = nominal.usage.plus(usage);
    nominal.passThrough = nominal.passThrough.plus(passThrough);
    nominal.commitTrueUp = nominal.commitTrueUp.plus(trueUp);
    nominal.fees = nominal.fees.plus(fees);
    nominal.internal = nominal.internal.plus(labour);
    nominal.remediation = nominal.remediation.plus(remediation);
    if (!dfm.eq(1)) {
      npv.usage = npv.usage.plus(usage.times(dfm));
      npv.passThrough = npv.passThrough.plus(passThrough.times(dfm));
      npv.commitTrueUp = npv.commitTrueUp.plus(trueUp.times(dfm));
      npv.fees = npv.fees.plus(fees.times(dfm));
      npv.internal = npv.internal.plus(labour.times(dfm));
      npv.remediation = npv.remediation.plus(remediation.times(dfm));
    }
    if (!fees.isZero()) for (const c of FEE_CATEGORIES) feesTotal[c] = feesTotal[c].plus(feesByCategory[c]);
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
