/**
 * The engine's entry point: a workspace in, every number of MODEL.md section 7 out, per vendor.
 */
import type { Decimal } from './decimal.js';
import { benefitFlows, benefitsKey, planBenefits, vendorBenefits, type BenefitFlows, type BenefitResult, type HoldoutRate } from './benefits.js';
import { breakEven, grid, stretches } from './breakeven.js';
import { cheapestPerEffective, recommendation, type Recommendation } from './decision.js';
import { whyTheWinner, type Why } from './gap.js';
import { ONE, ZERO, dec } from './decimal.js';
import { DECISION_DRAWS_MAX, decisionRisk, type DecisionRisk } from './decision-risk.js';
import { bill, meter, monthlyOutcomes, perUnit, type Metering, type VendorEvaluation } from './evaluate.js';
import { priceToWin } from './price-to-win.js';
import { floatCurve, floatPlan, type FloatCurve, type FloatPlan } from './float.js';
import { ModelError, stopIf } from './errors.js';
import { planVendor, planWorkspace, vendorRates, type VendorPlan, type WorkspacePlan } from './plan.js';
import { sensitivity, type SensitivityEntry } from './sensitivity.js';
import type { Vendor, Workspace } from './types.js';
import type { SegmentCount } from './segments.js';
import { holdoutStats, type HoldoutResult } from './stats.js';
import { uncertainty, type VendorUncertainty } from './uncertainty.js';

export interface ComputeOptions {
  /** Uncertainty draws (default 10,000; 0 skips the analysis). */
  draws?: number;
  seed?: number;
  sensitivity?: boolean;
  breakEven?: boolean;
  /** Price to win per vendor (default true). */
  priceToWin?: boolean;
  /** With draws: how many more pilot messages would settle the decision (default true). */
  decisionRisk?: boolean;
  /**
   * The workspace's scenarios, each already patched and read as a workspace by the caller (the
   * patch is on the document: electron/services/scenarios.ts). Computed without analyses.
   */
  scenarios?: ScenarioInput[];
  /**
   * Asked between pieces of work (each vendor, each sensitivity input, every 256 draws, each
   * break-even pair, each scenario): when it answers true the computation ends with Stopped
   * (errors.ts). The analyses thread stops a computation whose workspace was edited meanwhile.
   */
  stop?: () => boolean;
}

export interface ScenarioInput {
  id: string;
  name: string;
  /** The patched workspace; null when the patch does not apply (then `error` says why). */
  workspace: Workspace | null;
  /** Memory for this scenario between computations (may be the base's when it shares the volume plan). */
  cache?: EngineCache | null;
  /** Why the scenario cannot be computed: it fails alone, the base and the other scenarios are computed. */
  error?: ScenarioError | null;
}

/** A scenario whose patch does not apply to the base: the input error, and the operation to blame. */
export interface ScenarioError {
  /** The JSON path of the error ($.scenarios[i].patch[j], or $.scenarios[i].patch when the result is invalid). */
  path: string;
  field: string;
  message: string;
  /** The position (0 for the first) of the operation that fails, when one is to blame. */
  operation: number | null;
}

export interface ScenarioVendorResult {
  id: string;
  tcoNominal: Decimal | null;
  tcoNpv: Decimal | null;
  costPerEffective: Decimal | null;
}

export interface ScenarioResult {
  id: string;
  name: string;
  /** The vendor cheapest per effective message in the scenario (first in document order on a tie). */
  cheapest: string | null;
  vendors: ScenarioVendorResult[];
  /** Set when the scenario cannot be computed (then no vendors and no cheapest). */
  error: ScenarioError | null;
}

export interface RouteRates {
  route: string;
  /** The pilot route whose counts give the rates, or null when they are workspace defaults. */
  pilot: string | null;
  deliveryRate: Decimal;
  engagementRate: Decimal;
  deliveryAssumed: boolean;
  engagementAssumed: boolean;
}

export interface VendorResult {
  id: string;
  name: string;
  currency: string;
  uncovered: string[];
  assumed: string[];
  rates: RouteRates[];
  evaluation: VendorEvaluation | null;
  /**
   * Delivered and effective messages of each month (null without totals), worked out when first
   * asked for (the monthly rows want them; a keystroke's totals do not) and kept with the vendor.
   */
  outcomes: (() => { delivered: Decimal[]; effective: Decimal[] }) | null;
  costPerSent: Decimal | null;
  costPerDelivered: Decimal | null;
  costPerEffective: Decimal | null;
  benefits: BenefitResult | null;
  sensitivity: SensitivityEntry[] | null;
  uncertainty: VendorUncertainty | null;
  /** Multiplier of the vendor's prices at which it is (still) cheapest per effective message; null: none. */
  priceToWin: number | null;
}

export interface StreamResult {
  id: string;
  name: string;
  route: string;
  /** Segments per message an SMS stream is billed for (entered, or counted from its template). */
  segmentsPerMessage: Decimal | null;
  /** The template's segment count, with the characters that forced UCS-2. */
  template: SegmentCount | null;
  /** The stream's holdout statistics (MODEL.md section 10), when it has a holdout. */
  holdout: HoldoutResult | null;
}

export interface BreakEvenPair {
  a: string;
  b: string;
  multipliers: number[];
  /** Which of the two is cheaper by nominal TCO over each stretch of volume multipliers from 0.1 to 10 between them (null: a tie all along). */
  stretches: { from: number; to: number; cheaper: string | null }[];
}

export interface ComputeResult {
  name: string;
  baseCurrency: string;
  startMonth: string;
  horizonMonths: number;
  streams: StreamResult[];
  vendors: VendorResult[];
  breakEven: BreakEvenPair[];
  /** The vendor cheapest per effective message (exact; first in document order on a tie), or null. */
  cheapest: string | null;
  /** The recommendation: the cheapest, the runner-up, the margin and how sure the draws are (decision.ts). */
  recommendation: Recommendation | null;
  /** Why the cheapest wins: the measure, and the gap to the runner-up split into eight effects (gap.ts). */
  why: Why;
  /** With draws and a leader below 90% P(cheapest): the pilot that would settle it (decision-risk.ts). */
  decisionRisk: (Omit<DecisionRisk, 'leader'> & { leader: string }) | null;
  scenarios: ScenarioResult[];
  draws: number;
  seed: number;
}

export const DEFAULT_DRAWS = 10_000;
export const DEFAULT_SEED = 1;

export interface Prepared {
  wp: WorkspacePlan;
  vendors: VendorPlan[];
}

export function prepare(ws: Workspace): Prepared {
  const wp = planWorkspace(ws);
  return { wp, vendors: ws.vendors.map((v, i) => planVendor(wp, v, i)) };
}

interface VendorWork {
  wp: WorkspacePlan;
  deps: Vendor[];
  /** The vendor replaces another object of the same id (an edit): its meterings are kept (route-memo.ts). */
  edited: boolean;
  vp: VendorPlan;
  mt: Metering | null;
  ev: VendorEvaluation | null;
  outcomes: { delivered: Decimal[]; effective: Decimal[] } | null;
  benefits: BenefitResult | null;
  sensitivity: SensitivityEntry[] | null;
  float: FloatPlan | null;
  /** Each route's rates once (the first stream on it), as the result lists them. */
  rates: RouteRates[] | null;
  /** Nominal TCO as a function of the volume multiplier (float.ts), and on the break-even grid. */
  floatCurve: FloatCurve | null;
  curve: number[] | null;
  /** The last price to win and the target it was found for (the target moves with other vendors). */
  ptw: { target: Decimal; p: number | null } | null;
}

/**
 * A vendor's benefit flows, kept on the workspace plan by what they depend on (benefits.ts
 * benefitsKey): a price typed leaves them as they were. A key that cannot be made (a holdout naming
 * no vendor) is not kept: planBenefits says what is wrong.
 */
function keptFlows(wp: WorkspacePlan, vp: VendorPlan, holdoutRate: HoldoutRate): BenefitFlows {
  let key: string | null = null;
  try {
    key = benefitsKey(wp, vp.streamRates, holdoutRate);
  } catch {
    key = null;
  }
  const kept = key === null ? undefined : wp.memo.flows.get(key);
  if (kept) return kept;
  const flows = benefitFlows(wp, vp, planBenefits(wp, vp.streamRates, holdoutRate));
  if (key !== null) {
    if (wp.memo.flows.size >= 64) wp.memo.flows.clear();
    wp.memo.flows.set(key, flows);
  }
  return flows;
}

/** Each route's rates, from the first stream on it, in stream order. */
function routeRates(vp: VendorPlan): RouteRates[] {
  const rates: RouteRates[] = [];
  const seen = new Set<string>();
  for (const r of vp.streamRates) {
    if (!r || seen.has(r.route)) continue;
    seen.add(r.route);
    const g = vp.groups[r.group]!;
    rates.push({
      route: r.route,
      pilot: g.pilot ? g.key : null,
      deliveryRate: r.deliveryRate,
      engagementRate: r.engagementRate,
      deliveryAssumed: r.deliveryAssumed,
      engagementAssumed: r.engagementAssumed,
    });
  }
  return rates;
}

/**
 * Memory between computations of one workspace as it is edited. Workspaces are immutable values
 * (an edit makes new objects along its path), so what depends only on unchanged objects is reused:
 * the volume plan while streams and settings are the same objects, and each vendor's whole result
 * while its own object (and the vendors its holdouts name) are. A keystroke in one vendor's price
 * recomputes that vendor, then the cross-vendor analyses.
 */
export class EngineCache {
  wsKey: unknown[] | null = null;
  wp: WorkspacePlan | null = null;
  vendors = new WeakMap<Vendor, VendorWork>();
  /** The ids of the vendors computed with this plan: a vendor id seen again with another object is being edited. */
  seen = new Set<string>();
}

function workspaceKey(ws: Workspace): unknown[] {
  return [ws.baseCurrency, ws.fx, ws.startMonth, ws.horizonMonths, ws.discountRate, ws.hourlyRate, ws.riskAdjustment, ws.defaults, ws.streams];
}

function sameKey(a: unknown[] | null, b: unknown[]): boolean {
  return a !== null && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The vendors whose measured delivery the benefits of the streams use (their holdouts' vendors). */
function holdoutVendors(ws: Workspace): Vendor[] {
  return [...new Set(ws.streams.map((s) => s.benefits.holdout?.vendor).filter((x): x is string => !!x))].map((id) => ws.vendors.find((v) => v.id === id)).filter((v): v is Vendor => !!v);
}

/**
 * Whether two workspaces have the same volume plan (the same settings and stream objects) and the
 * same holdout vendors, so one EngineCache serves both: a vendor object they share is computed
 * once (a scenario that changes one vendor reuses the base's results for all the others).
 */
export function sharesPlan(a: Workspace, b: Workspace): boolean {
  const da = holdoutVendors(a);
  const db = holdoutVendors(b);
  return sameKey(workspaceKey(a), workspaceKey(b)) && da.length === db.length && da.every((v, i) => v === db[i]);
}

export function compute(ws: Workspace, opts: ComputeOptions = {}, cache: EngineCache | null = null): ComputeResult {
  const draws = opts.draws ?? DEFAULT_DRAWS;
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(draws) || draws < 0) throw new ModelError('draws', `must be a whole number >= 0, got ${draws}`);
  const key = workspaceKey(ws);
  let wp: WorkspacePlan;
  if (cache && sameKey(cache.wsKey, key) && cache.wp) wp = cache.wp;
  else {
    wp = planWorkspace(ws);
    if (cache) {
      cache.wsKey = key;
      cache.wp = wp;
      cache.vendors = new WeakMap();
      cache.seen = new Set();
    }
  }
  const deps = holdoutVendors(ws);
  const wantSensitivity = opts.sensitivity !== false;
  const wantFloat = draws > 0 || opts.breakEven !== false;
  const work: VendorWork[] = ws.vendors.map((vendor, vi) => {
    const hit = cache?.vendors.get(vendor);
    if (hit && hit.wp === wp && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i])) return hit;
    // A vendor computed before under this id and plan, now another object: it is being edited, and
    // its routes' meterings are kept so the next keystroke meters only the route it changes.
    const edited = cache !== null && cache.seen.has(vendor.id);
    cache?.seen.add(vendor.id);
    const w: VendorWork = {
      wp,
      deps,
      edited,
      vp: planVendor(wp, vendor, vi),
      mt: null,
      ev: null,
      outcomes: null,
      benefits: null,
      sensitivity: null,
      float: null,
      rates: null,
      floatCurve: null,
      curve: null,
      ptw: null,
    };
    cache?.vendors.set(vendor, w);
    return w;
  });
  const plans = work.map((w) => w.vp);

  const holdoutRate = (vendorId: string, streamIndex: number) => {
    const vi = ws.vendors.findIndex((v) => v.id === vendorId);
    if (vi < 0) throw new ModelError(`$.streams[${streamIndex}].benefits.holdout.vendor`, `no vendor with id ${JSON.stringify(vendorId)}`);
    const covered = plans[vi]!.streamRates[streamIndex];
    return (covered ?? vendorRates(ws, wp, ws.vendors[vi]!, vi).streamRates[streamIndex]!).deliveryRate;
  };

  const floats: (FloatPlan | null)[] = [];
  const results = plans.map((vp, vi): VendorResult => {
    const w = work[vi]!;
    const rates = (w.rates ??= routeRates(vp));
    const base = { id: vp.vendor.id, name: vp.vendor.name, currency: vp.vendor.quote.currency, uncovered: vp.uncovered, assumed: vp.assumed, rates };
    if (vp.uncovered.length > 0) {
      floats.push(null);
      return { ...base, evaluation: null, outcomes: null, costPerSent: null, costPerDelivered: null, costPerEffective: null, benefits: null, sensitivity: null, uncertainty: null, priceToWin: null };
    }
    stopIf(opts.stop);
    w.mt ??= meter(wp, vp, ONE, ONE, ONE, w.edited);
    const ev = (w.ev ??= bill(wp, vp, w.mt));
    const benefits = (w.benefits ??= vendorBenefits(wp, ev, keptFlows(wp, vp, holdoutRate)));
    if (wantSensitivity) w.sensitivity ??= sensitivity(wp, vp, w.mt, opts.stop);
    if (wantFloat) w.float ??= floatPlan(wp, vp, ev);
    floats.push(wantFloat ? w.float : null);
    return {
      ...base,
      evaluation: ev,
      outcomes: () => (w.outcomes ??= monthlyOutcomes(vp, w.mt!, wp.h)),
      costPerSent: perUnit(ev.tcoNominal, ev.sent),
      costPerDelivered: perUnit(ev.tcoNominal, ev.delivered),
      costPerEffective: perUnit(ev.tcoNominal, ev.effective),
      benefits,
      sensitivity: wantSensitivity ? w.sensitivity : null,
      uncertainty: null,
      priceToWin: null,
    };
  });

  // Price to win: against the lowest cost per effective message of the other covered vendors,
  // when at least two are covered and every covered one has effective messages.
  const coveredResults = results.filter((r) => r.evaluation !== null);
  if (opts.priceToWin !== false && coveredResults.length >= 2 && coveredResults.every((r) => r.costPerEffective !== null)) {
    results.forEach((r, vi) => {
      if (!r.evaluation) return;
      const others = coveredResults.filter((o) => o !== r).map((o) => o.costPerEffective!);
      const target = others.reduce((a, b) => (b.lt(a) ? b : a));
      const w = work[vi]!;
      stopIf(opts.stop);
      if (!w.ptw || !w.ptw.target.eq(target)) w.ptw = { target, p: priceToWin(wp, w.vp, w.mt!, target, w.ev!) };
      r.priceToWin = w.ptw.p;
    });
  }

  const covered = plans.map((_, i) => i).filter((i) => floats[i]);
  const cheapest = cheapestPerEffective(results)?.id ?? null;
  const why = whyTheWinner(
    results.flatMap((r) =>
      r.evaluation
        ? [
            {
              id: r.id,
              nominal: r.evaluation.nominal,
              tcoNominal: r.evaluation.tcoNominal,
              tcoNpv: r.evaluation.tcoNpv,
              delivered: r.evaluation.delivered,
              effective: r.evaluation.effective,
              costPerEffective: r.costPerEffective,
            },
          ]
        : [],
    ),
    cheapest,
    wp.streams.reduce((a, s) => a.plus(dec(s.stream.monthlyVolume)), ZERO),
  );
  let risk: ComputeResult['decisionRisk'] = null;
  if (draws > 0 && covered.length > 0) {
    const inputs = covered.map((i) => ({ plan: floats[i]!, groups: plans[i]!.groups }));
    const u = uncertainty(inputs, draws, seed, opts.stop);
    covered.forEach((i, j) => (results[i]!.uncertainty = u[j]!));
    const leader = covered.findIndex((i) => results[i]!.id === cheapest);
    if (opts.decisionRisk !== false && covered.length > 1 && leader >= 0) {
      const r = decisionRisk(inputs, leader, u[leader]!.pCheapest, Math.min(draws, DECISION_DRAWS_MAX), seed, opts.stop);
      risk = { leader: cheapest!, moreMessages: r.moreMessages, pCheapest: r.pCheapest };
    }
  }

  const pairs: BreakEvenPair[] = [];
  if (opts.breakEven !== false && covered.length > 1) {
    const ks = grid();
    // Each vendor's curve is built when first needed and kept with its grid between computations.
    const curveOf = (j: number): FloatCurve => (work[covered[j]!]!.floatCurve ??= floatCurve(floats[covered[j]!]!));
    const curves = covered.map((_, j) => (k: number) => curveOf(j).at(k));
    const onGrid = covered.map((i, j) => {
      stopIf(opts.stop);
      return (work[i]!.curve ??= curveOf(j).onGrid(ks));
    });
    for (let x = 0; x < covered.length; x++) {
      for (let y = x + 1; y < covered.length; y++) {
        stopIf(opts.stop);
        const a = plans[covered[x]!]!.vendor.id;
        const b = plans[covered[y]!]!.vendor.id;
        const multipliers = breakEven(curves[x]!, curves[y]!, ks, onGrid[x]!, onGrid[y]!);
        pairs.push({ a, b, multipliers, stretches: stretches({ a, b }, { a: curves[x]!, b: curves[y]! }, multipliers, ks, onGrid[x]!, onGrid[y]!) });
      }
    }
  }

  const streams: StreamResult[] = wp.streams.map((s) => {
    const h = s.stream.benefits.holdout;
    return {
      id: s.stream.id,
      name: s.stream.name,
      route: s.key,
      segmentsPerMessage: s.segmentsPerMessage,
      template: s.segments,
      holdout: h ? holdoutStats(h.exposed[0], h.exposed[1], h.holdout[0], h.holdout[1]) : null,
    };
  });
  const scenarios = (opts.scenarios ?? []).map((sc): ScenarioResult => {
    if (!sc.workspace)
      return {
        id: sc.id,
        name: sc.name,
        cheapest: null,
        vendors: [],
        error: sc.error ?? { path: '$.scenarios', field: 'patch', message: `scenario "${sc.name}" cannot be computed`, operation: null },
      };
    stopIf(opts.stop);
    const r = compute(sc.workspace, { draws: 0, sensitivity: false, breakEven: false, priceToWin: false, stop: opts.stop }, sc.cache ?? null);
    return {
      id: sc.id,
      name: sc.name,
      cheapest: r.cheapest,
      vendors: r.vendors.map((v) => ({ id: v.id, tcoNominal: v.evaluation?.tcoNominal ?? null, tcoNpv: v.evaluation?.tcoNpv ?? null, costPerEffective: v.costPerEffective })),
      error: null,
    };
  });
  return {
    name: ws.name,
    baseCurrency: ws.baseCurrency,
    startMonth: ws.startMonth,
    horizonMonths: wp.h,
    streams,
    vendors: results,
    breakEven: pairs,
    cheapest,
    recommendation: recommendation(results, cheapest),
    why,
    decisionRisk: risk,
    scenarios,
    draws,
    seed,
  };
}
