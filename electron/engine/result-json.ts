/**
 * The `tco compute --json` object of FORMAT.md: money as unrounded decimal strings, counts and
 * statistics as JSON numbers. Extra keys beyond the contract are welcome there and are given
 * (npvByCategory, feesByCategory, rates, the calendar month of each row...).
 */
import type { Decimal } from './decimal.js';
import type { ComputeResult, RouteRates, VendorResult } from './compute.js';
import type { BenefitResult } from './benefits.js';
import type { SensitivityEntry } from './sensitivity.js';
import type { VendorEvaluation } from './evaluate.js';
import type { Confidence } from './decision.js';
import { CATEGORIES } from './evaluate.js';
import { GAP_EFFECTS, type GapEffect, type Why } from './gap.js';
import { monthLabel, parseYearMonth } from './months.js';

import type { SegmentCount } from './segments.js';
import type { HoldoutResult } from './stats.js';

/** Money as an unrounded decimal string. */
export type MoneyJson = string;
export type CategoryJson = Record<'usage' | 'passThrough' | 'commitTrueUp' | 'fees' | 'internal' | 'remediation', MoneyJson>;

export interface RatesJson {
  route: string;
  pilot: string | null;
  deliveryRate: number;
  engagementRate: number;
  deliveryAssumed: boolean;
  engagementAssumed: boolean;
}

export interface MonthJson {
  month: number;
  period: string;
  usage: MoneyJson;
  passThrough: MoneyJson;
  commitTrueUp: MoneyJson;
  fees: MoneyJson;
  internal: MoneyJson;
  remediation: MoneyJson;
  total: MoneyJson;
  discountFactor: MoneyJson;
  benefits: MoneyJson;
  sent: number;
  failed: number;
  /** Delivered and effective messages of the month (the rows' sums are the vendor's totals). */
  delivered: number;
  effective: number;
}

export interface SensitivityJson {
  input: string;
  tco: [MoneyJson, MoneyJson];
  npv: [MoneyJson, MoneyJson];
  costPerEffective: [MoneyJson | null, MoneyJson | null];
  /** Extra key: a rate input whose ×1.2 is held at 100% for at least one of the vendor's rates. */
  capped?: boolean;
}

/** Extra key `why` (engine gap.ts): the measure the cheapest wins on and its gap to the runner-up, split. */
export interface WhyJson {
  kind: 'gap' | 'tie' | 'oneVendor' | 'noEffective';
  winner: string | null;
  runnerUp: string | null;
  tco: { nominal: 'lower' | 'equal' | 'higher'; npv: 'lower' | 'equal' | 'higher' } | null;
  perEffectiveOnly: boolean;
  gap: MoneyJson | null;
  parts: Record<GapEffect, MoneyJson> | null;
  shown: { decimals: number; gap: MoneyJson; parts: Record<GapEffect, MoneyJson> } | null;
  monthlyVolume: number;
}

export interface VendorJson {
  id: string;
  name: string;
  currency: string;
  uncovered: string[];
  assumed: string[];
  rates: RatesJson[];
  tco: { nominal: MoneyJson; npv: MoneyJson; byCategory: CategoryJson; npvByCategory: CategoryJson; feesByCategory: Record<string, MoneyJson> } | null;
  sent: number | null;
  delivered: number | null;
  effective: number | null;
  costPerSent: MoneyJson | null;
  costPerDelivered: MoneyJson | null;
  costPerEffective: MoneyJson | null;
  benefits: { nominal: MoneyJson; riskAdjusted: MoneyJson; npv: MoneyJson } | null;
  roi: MoneyJson | null;
  paybackMonth: number | null;
  costPerIncremental: { value: MoneyJson | null; ci95: [MoneyJson | null, MoneyJson | null] | null } | null;
  sensitivity: SensitivityJson[] | null;
  uncertainty: { costPerEffective: { p5: number | null; p50: number | null; p95: number | null }; pCheapest: number } | null;
  /** v1.2: from the draws (null without draws or totals). */
  expectedRegret: number | null;
  /** v1.2: multiplier of the vendor's prices (null: none). */
  priceToWin: number | null;
  monthly: MonthJson[] | null;
}

export interface ScenarioJson {
  id: string;
  name: string;
  cheapest: string | null;
  vendors: { id: string; tco: { nominal: MoneyJson; npv: MoneyJson } | null; costPerEffective: MoneyJson | null }[];
  /**
   * Present only when the scenario's changes do not apply to the base (the app computes the rest;
   * `tco compute` refuses the document with this error): the input error's path and message, and
   * the position of the operation to blame (null when the changed document is what is invalid).
   */
  error?: { path: string; field: string; message: string; operation: number | null };
}

export interface StreamJson {
  id: string;
  name: string;
  route: string;
  segmentsPerMessage: number | null;
  template: SegmentCount | null;
  holdout: HoldoutResult | null;
}

/** The `tco compute --json` object (FORMAT.md), with the extra keys this engine adds. */
export interface ComputeJson {
  name: string;
  baseCurrency: string;
  startMonth: string;
  horizonMonths: number;
  streams: StreamJson[];
  vendors: VendorJson[];
  breakEven: { a: string; b: string; multipliers: number[]; stretches: { from: number; to: number; cheaper: string | null }[] }[];
  /** The vendor cheapest per effective message, decided by the engine (exact decimals). */
  cheapest: string | null;
  /** Extra key: the recommendation (engine decision.ts): the runner-up, the margin (a decimal fraction), P(cheapest) and the confidence called from it. */
  recommendation: { vendor: string; runnerUp: string | null; margin: string | null; pCheapest: number | null; confidence: Confidence; rangesOverlap: boolean | null } | null;
  /** Why the cheapest wins (extra key): the measure, and the gap to the runner-up in eight effects. */
  why?: WhyJson;
  /** The leader, and how many more pilot messages per vendor would bring its P(cheapest) to 90% (null: out of reach). */
  decisionRisk: { leader: string; moreMessages: number | null; pCheapest: number } | null;
  scenarios: ScenarioJson[];
  draws: number;
  seed: number;
}

const money = (d: Decimal): string => d.toString();
const moneyOrNull = (d: Decimal | null | undefined): string | null => (d ? d.toString() : null);
const count = (d: Decimal): number => d.toNumber();

/**
 * What a vendor's JSON takes from objects the engine keeps between computations (compute.ts's
 * EngineCache) is written once per object: a keystroke in one vendor's price serializes that vendor
 * again, not the other eleven's routes and totals. The parts are shared between results, so frozen.
 */
const ratesMemo = new WeakMap<readonly RouteRates[], readonly RatesJson[]>();
const sensitivityMemo = new WeakMap<readonly SensitivityEntry[], readonly SensitivityJson[]>();
interface EvaluationParts {
  benefits: BenefitResult;
  tco: NonNullable<VendorJson['tco']>;
  benefitsJson: NonNullable<VendorJson['benefits']>;
  costPerIncremental: VendorJson['costPerIncremental'];
  monthly: { start: string; rows: readonly MonthJson[] } | null;
  /**
   * The vendor's whole JSON without analyses (a keystroke's totals), with what it was made from
   * besides the evaluation: an unchanged vendor is the same object in the next totals, so they
   * compare at once (document-changes.ts resultChanges) and nothing is written again.
   */
  totals: { of: readonly unknown[]; json: VendorJson } | null;
}
const evaluationMemo = new WeakMap<VendorEvaluation, EvaluationParts>();

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

/** The JSON made from `key` once: frozen, kept while `key` lives, handed out again for the same object. */
function memoJson<K extends object, J>(memo: WeakMap<K, readonly J[]>, key: K, make: () => J[]): J[] {
  let json = memo.get(key);
  if (!json) memo.set(key, (json = deepFreeze(make())));
  return json as J[];
}

function ratesJson(rates: readonly RouteRates[]): RatesJson[] {
  return memoJson(ratesMemo, rates, () =>
    rates.map((r) => ({
      route: r.route,
      pilot: r.pilot,
      deliveryRate: r.deliveryRate.toNumber(),
      engagementRate: r.engagementRate.toNumber(),
      deliveryAssumed: r.deliveryAssumed,
      engagementAssumed: r.engagementAssumed,
    })),
  );
}

function sensitivityJson(entries: readonly SensitivityEntry[]): SensitivityJson[] {
  return memoJson(sensitivityMemo, entries, () =>
    entries.map((s) => ({
      input: s.input,
      tco: [money(s.tco[0]), money(s.tco[1])] as [MoneyJson, MoneyJson],
      npv: [money(s.npv[0]), money(s.npv[1])] as [MoneyJson, MoneyJson],
      costPerEffective: [moneyOrNull(s.costPerEffective[0]), moneyOrNull(s.costPerEffective[1])] as [MoneyJson | null, MoneyJson | null],
      capped: s.capped,
    })),
  );
}

function evaluationParts(ev: VendorEvaluation, b: BenefitResult): EvaluationParts {
  let parts = evaluationMemo.get(ev);
  if (!parts || parts.benefits !== b) {
    const cats = (x: Record<string, Decimal>) => Object.fromEntries(CATEGORIES.map((c) => [c, money(x[c]!)])) as CategoryJson;
    parts = {
      benefits: b,
      tco: deepFreeze({
        nominal: money(ev.tcoNominal),
        npv: money(ev.tcoNpv),
        byCategory: cats(ev.nominal),
        npvByCategory: cats(ev.npv),
        feesByCategory: Object.fromEntries(Object.entries(ev.feesByCategory).map(([k, d]) => [k, money(d)])),
      }),
      benefitsJson: deepFreeze({ nominal: money(b.nominal), riskAdjusted: money(b.riskAdjusted), npv: money(b.npv) }),
      costPerIncremental: b.costPerIncremental
        ? deepFreeze({
            value: moneyOrNull(b.costPerIncremental.value),
            ci95: b.costPerIncremental.ci95 ? ([moneyOrNull(b.costPerIncremental.ci95[0]), moneyOrNull(b.costPerIncremental.ci95[1])] as [MoneyJson | null, MoneyJson | null]) : null,
          })
        : null,
      monthly: null,
      totals: null,
    };
    evaluationMemo.set(ev, parts);
  }
  return parts;
}

function vendorJson(v: VendorResult, startMonth: string, withMonthly = true): VendorJson {
  const ev = v.evaluation;
  const head = { id: v.id, name: v.name, currency: v.currency, uncovered: v.uncovered, assumed: v.assumed, rates: ratesJson(v.rates) };
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
      expectedRegret: null,
      priceToWin: null,
      monthly: null,
    };
  }
  const b = v.benefits!;
  const parts = evaluationParts(ev, b);
  const analysed = v.sensitivity !== null || v.uncertainty !== null;
  const of = [v.id, v.name, v.currency, v.uncovered, v.assumed, v.rates, b, v.priceToWin, withMonthly, startMonth];
  if (!analysed && parts.totals && parts.totals.of.every((x, i) => x === of[i])) return parts.totals.json;
  let monthly: MonthJson[] | null = null;
  if (withMonthly) {
    if (!parts.monthly || parts.monthly.start !== startMonth) parts.monthly = { start: startMonth, rows: deepFreeze(monthlyRows(v, parseYearMonth(startMonth)!)) };
    monthly = parts.monthly.rows as MonthJson[];
  }
  const json: VendorJson = {
    ...head,
    tco: parts.tco,
    sent: count(ev.sent),
    delivered: count(ev.delivered),
    effective: count(ev.effective),
    costPerSent: moneyOrNull(v.costPerSent),
    costPerDelivered: moneyOrNull(v.costPerDelivered),
    costPerEffective: moneyOrNull(v.costPerEffective),
    benefits: parts.benefitsJson,
    roi: moneyOrNull(b.roi),
    paybackMonth: b.paybackMonth,
    costPerIncremental: parts.costPerIncremental,
    sensitivity: v.sensitivity ? sensitivityJson(v.sensitivity) : null,
    uncertainty: v.uncertainty ? { costPerEffective: v.uncertainty.costPerEffective, pCheapest: v.uncertainty.pCheapest } : null,
    expectedRegret: v.uncertainty ? v.uncertainty.expectedRegret : null,
    priceToWin: v.priceToWin,
    monthly,
  };
  if (!analysed) parts.totals = { of, json: deepFreeze(json) };
  return json;
}

const effects = (x: Record<GapEffect, Decimal>) => Object.fromEntries(GAP_EFFECTS.map((e) => [e, money(x[e])])) as Record<GapEffect, MoneyJson>;

export function whyJson(w: Why): WhyJson {
  return {
    kind: w.kind,
    winner: w.winner,
    runnerUp: w.runnerUp,
    tco: w.tco ? { ...w.tco } : null,
    perEffectiveOnly: w.perEffectiveOnly,
    gap: moneyOrNull(w.gap),
    parts: w.parts ? effects(w.parts) : null,
    shown: w.shown
      ? {
          decimals: w.shown.decimals,
          gap: w.shown.gap.toFixed(w.shown.decimals),
          parts: Object.fromEntries(GAP_EFFECTS.map((e) => [e, w.shown!.parts[e].toFixed(w.shown!.decimals)])) as Record<GapEffect, MoneyJson>,
        }
      : null,
    monthlyVolume: count(w.monthlyVolume),
  };
}

function monthlyRows(v: VendorResult, start: NonNullable<ReturnType<typeof parseYearMonth>>): MonthJson[] {
  const ev = v.evaluation!;
  const b = v.benefits!;
  const outcomes = v.outcomes ? v.outcomes() : null;
  return ev.months.map((r, i) => ({
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
    delivered: outcomes ? count(outcomes.delivered[i]!) : count(r.sent.minus(r.failed)),
    effective: outcomes ? count(outcomes.effective[i]!) : 0,
  }));
}

/** `monthly: false` leaves the monthly rows out (null): a screen that shows totals needs none. */
export function computeJson(r: ComputeResult, opts: { monthly?: boolean } = {}): ComputeJson {
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
      holdout: s.holdout ? { ...s.holdout, ci95: [s.holdout.ci95[0], s.holdout.ci95[1]] } : null,
    })),
    vendors: r.vendors.map((v) => vendorJson(v, r.startMonth, opts.monthly !== false)),
    breakEven: r.breakEven.map((p) => ({ a: p.a, b: p.b, multipliers: p.multipliers, stretches: p.stretches })),
    cheapest: r.cheapest,
    recommendation: r.recommendation ? { ...r.recommendation, margin: r.recommendation.margin === null ? null : r.recommendation.margin.toSignificantDigits(12).toString() } : null,
    why: whyJson(r.why),
    decisionRisk: r.decisionRisk ? { ...r.decisionRisk } : null,
    scenarios: r.scenarios.map((sc) => ({
      id: sc.id,
      name: sc.name,
      cheapest: sc.cheapest,
      vendors: sc.vendors.map((v) => ({
        id: v.id,
        tco: v.tcoNominal && v.tcoNpv ? { nominal: money(v.tcoNominal), npv: money(v.tcoNpv) } : null,
        costPerEffective: moneyOrNull(v.costPerEffective),
      })),
      ...(sc.error ? { error: { ...sc.error } } : {}),
    })),
    draws: r.draws,
    seed: r.seed,
  };
}
