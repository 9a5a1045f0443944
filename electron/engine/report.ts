/**
 * The `tco compute --json` object of FORMAT.md: money as unrounded decimal strings, counts and
 * statistics as JSON numbers. Extra keys beyond the contract are welcome there and are given
 * (npvByCategory, feesByCategory, rates, the calendar month of each row...).
 */
import type { Decimal } from './decimal.js';
import type { ComputeResult, VendorResult } from './compute.js';
import { CATEGORIES } from './evaluate.js';
import { monthLabel, parseYearMonth } from './time.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const money = (d: Decimal): string => d.toString();
const moneyOrNull = (d: Decimal | null | undefined): string | null => (d ? d.toString() : null);
const count = (d: Decimal): number => d.toNumber();

function vendorJson(v: VendorResult, startMonth: string): { [k: string]: Json } {
  const ev = v.evaluation;
  const rates: Json = v.rates.map((r) => ({
    route: r.route,
    pilot: r.pilot,
    deliveryRate: r.deliveryRate.toNumber(),
    engagementRate: r.engagementRate.toNumber(),
    deliveryAssumed: r.deliveryAssumed,
    engagementAssumed: r.engagementAssumed,
  }));
  const head = { id: v.id, name: v.name, currency: v.currency, uncovered: v.uncovered, assumed: v.assumed, rates };
  if (!ev) {
    return {
      ...head,
      tco: null,
      sent: null,
      delivered: null,
      effective: null,
      costPerSent: null,
      costPerDelivered: null,
      costPerEffective: null,
      benefits: null,
      roi: null,
      paybackMonth: null,
      costPerIncremental: null,
      sensitivity: null,
      uncertainty: null,
      monthly: null,
    };
  }
  const start = parseYearMonth(startMonth)!;
  const b = v.benefits!;
  const cats = (x: Record<string, Decimal>) => Object.fromEntries(CATEGORIES.map((c) => [c, money(x[c]!)]));
  return {
    ...head,
    tco: {
      nominal: money(ev.tcoNominal),
      npv: money(ev.tcoNpv),
      byCategory: cats(ev.nominal),
      npvByCategory: cats(ev.npv),
      feesByCategory: Object.fromEntries(Object.entries(ev.feesByCategory).map(([k, d]) => [k, money(d)])),
    },
    sent: count(ev.sent),
    delivered: count(ev.delivered),
    effective: count(ev.effective),
    costPerSent: moneyOrNull(v.costPerSent),
    costPerDelivered: moneyOrNull(v.costPerDelivered),
    costPerEffective: moneyOrNull(v.costPerEffective),
    benefits: { nominal: money(b.nominal), riskAdjusted: money(b.riskAdjusted), npv: money(b.npv) },
    roi: moneyOrNull(b.roi),
    paybackMonth: b.paybackMonth,
    costPerIncremental: b.costPerIncremental
      ? {
          value: moneyOrNull(b.costPerIncremental.value),
          ci95: b.costPerIncremental.ci95 ? [moneyOrNull(b.costPerIncremental.ci95[0]), moneyOrNull(b.costPerIncremental.ci95[1])] : null,
        }
      : null,
    sensitivity: v.sensitivity
      ? v.sensitivity.map((s) => ({
          input: s.input,
          tco: [money(s.tco[0]), money(s.tco[1])],
          npv: [money(s.npv[0]), money(s.npv[1])],
          costPerEffective: [moneyOrNull(s.costPerEffective[0]), moneyOrNull(s.costPerEffective[1])],
        }))
      : null,
    uncertainty: v.uncertainty ? { costPerEffective: v.uncertainty.costPerEffective, pCheapest: v.uncertainty.pCheapest } : null,
    monthly: ev.months.map((r, i) => ({
      month: r.month,
      period: monthLabel(start, r.month),
      usage: money(r.usage),
      passThrough: money(r.passThrough),
      commitTrueUp: money(r.commitTrueUp),
      fees: money(r.fees),
      internal: money(r.labour.plus(r.remediation)),
      remediation: money(r.remediation),
      total: money(r.total),
      discountFactor: money(r.discountFactor),
      benefits: money(b.monthly[i]!),
      sent: count(r.sent),
      failed: count(r.failed),
    })),
  };
}

export function computeJson(r: ComputeResult): { [k: string]: Json } {
  return {
    name: r.name,
    baseCurrency: r.baseCurrency,
    startMonth: r.startMonth,
    horizonMonths: r.horizonMonths,
    streams: r.streams.map((s) => ({
      id: s.id,
      name: s.name,
      route: s.route,
      segmentsPerMessage: s.segmentsPerMessage ? s.segmentsPerMessage.toNumber() : null,
      template: s.template ? { ...s.template, ucs2Chars: [...s.template.ucs2Chars] } : null,
      holdout: s.holdout ? { ...s.holdout, ci95: [...s.holdout.ci95] } : null,
    })),
    vendors: r.vendors.map((v) => vendorJson(v, r.startMonth)),
    breakEven: r.breakEven.map((p) => ({ a: p.a, b: p.b, multipliers: p.multipliers })),
    draws: r.draws,
    seed: r.seed,
  };
}
