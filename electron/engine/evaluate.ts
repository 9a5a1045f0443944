/**
 * One vendor's cost over the horizon, month by month, in decimals (MODEL.md sections 2, 4, 5, 7).
 * `Factors` scale inputs for the sensitivity analysis and the break-even search; all 1 is the
 * workspace as entered.
 */
import { Decimal, ONE, ZERO, decMin } from './decimal.js';
import { discountFactors, type RoutePlan, type VendorPlan, type WorkspacePlan } from './plan.js';
import { tierCharge } from './tiers.js';
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
  /** Labour and other internal cost, without remediation. */
  labour: Decimal;
  remediation: Decimal;
  total: Decimal;
  discountFactor: Decimal;
  sent: Decimal;
  delivered: Decimal;
  effective: Decimal;
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

function zeroCategories(): ByCategory {
  return { usage: ZERO, passThrough: ZERO, commitTrueUp: ZERO, fees: ZERO, internal: ZERO, remediation: ZERO };
}

function zeroFees(): Record<FeeCategory, Decimal> {
  return Object.fromEntries(FEE_CATEGORIES.map((c) => [c, ZERO])) as Record<FeeCategory, Decimal>;
}

function billedUnits(r: RoutePlan, m: number, weights: Decimal[][]): Decimal {
  if (r.billedOn === 'sent') return r.sentUnits[m]!;
  const w = r.billedOn === 'delivered' ? weights[0]! : weights[1]!;
  let u = ZERO;
  for (const p of r.parts) u = u.plus(p.units[m]!.times(w[p.group]!));
  return u;
}

export function evaluateVendor(wp: WorkspacePlan, vp: VendorPlan, f: Factors = NO_FACTORS): VendorEvaluation {
  const h = wp.h;
  const k = f.volume;
  const scaleVolume = !k.eq(1);
  const rates = vp.groups.map((g) => ({
    dr: f.deliveryRate.eq(1) ? g.dr : decMin(ONE, g.dr.times(f.deliveryRate)),
    er: f.engagementRate.eq(1) ? g.er : decMin(ONE, g.er.times(f.engagementRate)),
  }));
  const weights = [rates.map((r) => r.dr), rates.map((r) => r.dr.times(r.er))];
  const df = f.discountRate.eq(1) ? wp.df : discountFactors(wp.discountRate.times(f.discountRate), h);

  // Per contract year: escalation, and the usage multiplier esc·(1-discount)·fx·priceFactor.
  const nYears = wp.years.length;
  const esc: Decimal[] = [];
  const onePlusE = ONE.plus(vp.escalator.times(f.escalator));
  for (let y = 0; y < nYears; y++) esc.push(y === 0 ? ONE : esc[y - 1]!.times(onePlusE));
  const usageMult = esc.map((e) => e.times(ONE.minus(vp.discount)).times(vp.fx).times(f.prices));
  const ptMult = vp.fx.times(f.passThrough);
  const recurring = vp.fees.map((fee) => (fee.kind === 'seat-month' ? fee.amount.times(fee.quantity) : fee.amount).times(f.fees));
  const labourMonthly = vp.monthlyHours.times(f.internalHours).times(wp.hourlyRate).plus(vp.monthlyOther);
  const labourSetup = vp.setupHours.times(f.internalHours).times(wp.hourlyRate);
  const failShare = rates.map((r) => ONE.minus(r.dr));

  const months: MonthRow[] = [];
  const nominal = zeroCategories();
  const npv = zeroCategories();
  const feesTotal = zeroFees();
  let yearBill = ZERO;
  let sent = ZERO;
  let delivered = ZERO;
  let effective = ZERO;

  for (let m = 0; m < h; m++) {
    const yi = wp.yearOf[m]! - 1;
    let pre = ZERO;
    let pt = ZERO;
    for (const r of vp.routes) {
      let u = billedUnits(r, m, weights);
      if (scaleVolume) u = u.times(k);
      if (!u.isZero()) {
        pre = pre.plus(tierCharge(r.tiers, u));
        const p = r.passThrough[m]!;
        if (!p.isZero()) pt = pt.plus(u.times(p));
      }
      if (r.hasInbound) {
        let inb = r.inbound[m]!;
        if (scaleVolume) inb = inb.times(k);
        if (!r.inboundPrice.isZero()) pre = pre.plus(inb.times(r.inboundPrice));
        const ip = r.inboundPassThrough[m]!;
        if (!ip.isZero()) pt = pt.plus(inb.times(ip));
      }
    }
    const usage = pre.times(usageMult[yi]!);
    const passThrough = pt.times(ptMult);

    // Commits: only usage counts toward them; the annual one is trued up on the bill after the monthly one.
    let trueUp = ZERO;
    let bill = usage;
    if (vp.monthlyCommit.gt(usage)) {
      trueUp = vp.monthlyCommit.minus(usage);
      bill = vp.monthlyCommit;
    }
    if (m === 0 || wp.yearOf[m - 1] !== wp.yearOf[m]) yearBill = ZERO;
    yearBill = yearBill.plus(bill);
    const yr = wp.years[yi]!;
    if (m + 1 === yr.lastMonth && vp.annualCommit.gt(0)) {
      const due = yr.months === 12 ? vp.annualCommit : vp.annualCommit.times(yr.months).div(12);
      if (due.gt(yearBill)) trueUp = trueUp.plus(due.minus(yearBill));
    }

    const feesByCategory = zeroFees();
    let fees = ZERO;
    vp.fees.forEach((fee, j) => {
      let amount: Decimal;
      switch (fee.kind) {
        case 'once':
          if (fee.month !== m + 1) return;
          amount = recurring[j]!;
          break;
        case 'month':
        case 'seat-month':
          amount = recurring[j]!.times(esc[yi]!);
          break;
        case 'contact-month':
          amount = recurring[j]!.times(wp.contacts[m]!).times(esc[yi]!);
          break;
      }
      fees = fees.plus(amount);
      feesByCategory[fee.category] = feesByCategory[fee.category].plus(amount);
    });

    const labour = m === 0 ? labourSetup.plus(labourMonthly) : labourMonthly;
    let sentM = ZERO;
    let failed = ZERO;
    let deliveredM = ZERO;
    let effectiveM = ZERO;
    vp.groups.forEach((g, gi) => {
      let o = g.out[m]!;
      if (scaleVolume) o = o.times(k);
      sentM = sentM.plus(o);
      const d = o.times(rates[gi]!.dr);
      deliveredM = deliveredM.plus(d);
      effectiveM = effectiveM.plus(d.times(rates[gi]!.er));
      if (!failShare[gi]!.isZero()) failed = failed.plus(o.times(failShare[gi]!));
    });
    const remediation = failed.times(vp.remediationPerFailure);
    const total = usage.plus(passThrough).plus(trueUp).plus(fees).plus(labour).plus(remediation);
    const dfm = df[m]!;
    months.push({
      month: m + 1,
      usage,
      passThrough,
      commitTrueUp: trueUp,
      fees,
      feesByCategory,
      labour,
      remediation,
      total,
      discountFactor: dfm,
      sent: sentM,
      delivered: deliveredM,
      effective: effectiveM,
    });
    sent = sent.plus(sentM);
    delivered = delivered.plus(deliveredM);
    effective = effective.plus(effectiveM);
    const cats: ByCategory = { usage, passThrough, commitTrueUp: trueUp, fees, internal: labour, remediation };
    for (const c of CATEGORIES) {
      nominal[c] = nominal[c].plus(cats[c]);
      npv[c] = npv[c].plus(dfm.eq(1) ? cats[c] : cats[c].times(dfm));
    }
    for (const c of FEE_CATEGORIES) feesTotal[c] = feesTotal[c].plus(feesByCategory[c]);
  }
  const sum = (b: ByCategory) => CATEGORIES.reduce((acc, c) => acc.plus(b[c]), ZERO);
  return {
    months,
    nominal,
    npv,
    tcoNominal: sum(nominal),
    tcoNpv: sum(npv),
    feesByCategory: feesTotal,
    sent,
    delivered,
    effective,
    rates,
  };
}

/** Nominal TCO ÷ count, or null when the count is 0. */
export function perUnit(total: Decimal, count: Decimal): Decimal | null {
  return count.isZero() ? null : total.div(count);
}
