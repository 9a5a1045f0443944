/**
 * Benefits of the streams for one vendor (MODEL.md section 7): incremental conversions from a
 * holdout (absolute lift ÷ DR of the vendor whose pilot measured it, applied to this vendor's
 * delivered messages) or an entered rate, deflected contacts, and risk reduction; then risk
 * adjustment, ROI, payback and the cost per incremental outcome with its Newcombe interval.
 */
import { Decimal, ONE, ZERO, dec } from './decimal.js';
import { ModelError } from './errors.js';
import type { VendorEvaluation } from './evaluate.js';
import type { StreamRate, VendorPlan, WorkspacePlan } from './plan.js';
import { newcombeInterval } from './stats.js';

export interface BenefitResult {
  /** Whether any stream has a benefit with a money value (ROI and payback need one). */
  entered: boolean;
  monthly: Decimal[]; // risk-adjusted, per month
  nominal: Decimal;
  riskAdjusted: Decimal;
  npv: Decimal;
  roi: Decimal | null;
  paybackMonth: number | null;
  costPerIncremental: { value: Decimal | null; ci95: [Decimal | null, Decimal | null] | null } | null;
  incrementalConversions: Decimal | null;
}

interface StreamBenefitPlan {
  index: number;
  /** Incremental conversions per delivered message: point, at the lift's lower and upper bound. */
  icr: Decimal | null;
  icrLow: Decimal | null;
  icrHigh: Decimal | null;
  valuePerConversion: Decimal | null;
  deflectionValue: Decimal | null; // deflectedPerDelivered · costPerContact
  riskPerMonth: Decimal | null;
}

/** DR that a holdout's lift is divided by: the holdout vendor's on the stream's route. */
export type HoldoutRate = (vendorId: string, streamIndex: number) => Decimal;

function opt(x: string | number | null, path: string): Decimal | null {
  if (x === null) return null;
  try {
    return dec(x);
  } catch {
    throw new ModelError(path, `not a decimal number: ${JSON.stringify(x)}`);
  }
}

export function planBenefits(wp: WorkspacePlan, rates: StreamRate[], holdoutRate: HoldoutRate): StreamBenefitPlan[] {
  return wp.streams.map((s, i) => {
    const b = s.stream.benefits;
    const path = `$.streams[${i}].benefits`;
    let icr: Decimal | null = null;
    let icrLow: Decimal | null = null;
    let icrHigh: Decimal | null = null;
    if (b.holdout) {
      const [x1, n1] = b.holdout.exposed;
      const [x0, n0] = b.holdout.holdout;
      const dr = b.holdout.vendor !== null ? holdoutRate(b.holdout.vendor, i) : rates[i]!.deliveryRate;
      if (dr.isZero()) throw new ModelError(`${path}.holdout.vendor`, 'the delivery rate the lift is divided by is 0');
      const lift = new Decimal(x1).div(n1).minus(new Decimal(x0).div(n0));
      icr = lift.div(dr);
      const [lo, hi] = newcombeInterval(x1, n1, x0, n0);
      icrLow = new Decimal(lo).div(dr);
      icrHigh = new Decimal(hi).div(dr);
    } else if (b.conversionRate !== null) {
      icr = icrLow = icrHigh = opt(b.conversionRate, `${path}.conversionRate`);
    }
    const dpd = opt(b.deflectedPerDelivered, `${path}.deflectedPerDelivered`);
    const cpc = opt(b.costPerContact, `${path}.costPerContact`);
    const rr = opt(b.riskReductionPerYear, `${path}.riskReductionPerYear`);
    return {
      index: i,
      icr,
      icrLow,
      icrHigh,
      valuePerConversion: opt(b.valuePerConversion, `${path}.valuePerConversion`),
      deflectionValue: dpd && cpc ? dpd.times(cpc) : null,
      riskPerMonth: rr ? rr.div(12) : null,
    };
  });
}

/** What the streams bring a vendor before its costs: per month (not yet risk-adjusted) and the conversions. */
export interface BenefitFlows {
  entered: boolean;
  monthly: readonly Decimal[];
  conv: Decimal | null;
  convLow: Decimal | null;
  convHigh: Decimal | null;
  anyHoldout: boolean;
}

/**
 * What the benefits depend on besides the workspace plan: each stream's delivery rate for the
 * vendor and the rate a holdout's lift is divided by. Two vendor plans with the same key have the
 * same flows (a price typed changes neither, so the flows are kept: compute.ts).
 */
export function benefitsKey(wp: WorkspacePlan, rates: (StreamRate | null)[], holdoutRate: HoldoutRate): string {
  let key = '';
  for (let i = 0; i < wp.streams.length; i++) {
    const r = rates[i];
    key += r ? r.deliveryRate.toString() : '-';
    const h = wp.streams[i]!.stream.benefits.holdout;
    if (h && h.vendor !== null) key += `/${holdoutRate(h.vendor, i).toString()}`;
    key += ',';
  }
  return key;
}

export function benefitFlows(wp: WorkspacePlan, vp: VendorPlan, plans: StreamBenefitPlan[]): BenefitFlows {
  const h = wp.h;
  const monthly: Decimal[] = new Array<Decimal>(h).fill(ZERO);
  let entered = false;
  let conv: Decimal | null = null;
  let convLow: Decimal | null = null;
  let convHigh: Decimal | null = null;
  let anyHoldout = false;
  for (const p of plans) {
    const s = wp.streams[p.index]!;
    const dr = vp.streamRates[p.index]!.deliveryRate;
    // Value per delivered message of this stream, and conversions over the horizon.
    let perDelivered = ZERO;
    if (p.icr) {
      const deliveredTotal = s.outTotal.times(dr);
      conv = (conv ?? ZERO).plus(deliveredTotal.times(p.icr));
      convLow = (convLow ?? ZERO).plus(deliveredTotal.times(p.icrLow!));
      convHigh = (convHigh ?? ZERO).plus(deliveredTotal.times(p.icrHigh!));
      if (s.stream.benefits.holdout) anyHoldout = true;
      if (p.valuePerConversion) {
        perDelivered = perDelivered.plus(p.icr.times(p.valuePerConversion));
        entered = true;
      }
    }
    if (p.deflectionValue) {
      perDelivered = perDelivered.plus(p.deflectionValue);
      entered = true;
    }
    if (p.riskPerMonth) entered = true;
    const perOut = perDelivered.times(dr);
    if (perOut.isZero() && !p.riskPerMonth) continue;
    let lastOut: Decimal | null = null;
    let v = ZERO;
    for (let m = 0; m < h; m++) {
      if (s.out[m] !== lastOut) {
        lastOut = s.out[m]!;
        v = perOut.isZero() ? ZERO : lastOut.times(perOut);
        if (p.riskPerMonth) v = v.plus(p.riskPerMonth);
      }
      monthly[m] = monthly[m]!.plus(v);
    }
  }
  return { entered, monthly, conv, convLow, convHigh, anyHoldout };
}

export function vendorBenefits(wp: WorkspacePlan, ev: VendorEvaluation, flows: BenefitFlows): BenefitResult {
  const h = wp.h;
  const { entered, conv, convLow, convHigh, anyHoldout } = flows;
  const monthly = [...flows.monthly];
  const keep = ONE.minus(wp.riskAdjustment);
  let nominal = ZERO;
  let npv = ZERO;
  let cumB = ZERO;
  let cumC = ZERO;
  let paybackMonth: number | null = null;
  for (let m = 0; m < h; m++) {
    nominal = nominal.plus(monthly[m]!);
    const ra = monthly[m]!.times(keep);
    monthly[m] = ra;
    npv = npv.plus(ra.times(ev.months[m]!.discountFactor));
    cumB = cumB.plus(ra);
    cumC = cumC.plus(ev.months[m]!.total);
    if (entered && paybackMonth === null && cumB.gte(cumC)) paybackMonth = m + 1;
  }
  const riskAdjusted = nominal.times(keep);
  const tco = ev.tcoNominal;
  const roi = entered && !tco.isZero() ? riskAdjusted.minus(tco).div(tco) : null;
  const costAt = (c: Decimal | null) => (c && c.gt(0) ? tco.div(c) : null);
  return {
    entered,
    monthly,
    nominal,
    riskAdjusted,
    npv,
    roi,
    paybackMonth,
    incrementalConversions: conv,
    costPerIncremental: conv === null ? null : { value: costAt(conv), ci95: anyHoldout ? [costAt(convHigh), costAt(convLow)] : null },
  };
}
