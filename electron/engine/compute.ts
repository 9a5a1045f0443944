/**
 * The engine's entry point: a workspace in, every number of MODEL.md section 7 out, per vendor.
 */
import type { Decimal } from './decimal.js';
import { planBenefits, vendorBenefits, type BenefitResult } from './benefits.js';
import { breakEven, grid, tcoCurve } from './breakeven.js';
import { evaluateVendor, perUnit, type VendorEvaluation } from './evaluate.js';
import { floatPlan, type FloatPlan } from './float.js';
import { ModelError } from './errors.js';
import { planVendor, planWorkspace, vendorRates, type VendorPlan, type WorkspacePlan } from './plan.js';
import { sensitivity, type SensitivityEntry } from './sensitivity.js';
import type { Workspace } from './types.js';
import { uncertainty, type VendorUncertainty } from './uncertainty.js';

export interface ComputeOptions {
  /** Uncertainty draws (default 10,000; 0 skips the analysis). */
  draws?: number;
  seed?: number;
  sensitivity?: boolean;
  breakEven?: boolean;
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
  costPerSent: Decimal | null;
  costPerDelivered: Decimal | null;
  costPerEffective: Decimal | null;
  benefits: BenefitResult | null;
  sensitivity: SensitivityEntry[] | null;
  uncertainty: VendorUncertainty | null;
}

export interface BreakEvenPair { a: string; b: string; multipliers: number[] }

export interface ComputeResult {
  name: string;
  baseCurrency: string;
  startMonth: string;
  horizonMonths: number;
  vendors: VendorResult[];
  breakEven: BreakEvenPair[];
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

export function compute(ws: Workspace, opts: ComputeOptions = {}): ComputeResult {
  const draws = opts.draws ?? DEFAULT_DRAWS;
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(draws) || draws < 0) throw new ModelError('draws', `must be a whole number >= 0, got ${draws}`);
  const { wp, vendors: plans } = prepare(ws);

  const holdoutRate = (vendorId: string, streamIndex: number) => {
    const vi = ws.vendors.findIndex((v) => v.id === vendorId);
    if (vi < 0) throw new ModelError(`$.streams[${streamIndex}].benefits.holdout.vendor`, `no vendor with id ${JSON.stringify(vendorId)}`);
    const covered = plans[vi]!.streamRates[streamIndex];
    return (covered ?? vendorRates(ws, wp, ws.vendors[vi]!, vi).streamRates[streamIndex]!).deliveryRate;
  };

  const floats: (FloatPlan | null)[] = [];
  const results = plans.map((vp): VendorResult => {
    const rates: RouteRates[] = [];
    for (const r of vp.streamRates) {
      if (!r || rates.some((x) => x.route === r.route)) continue;
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
    const base = { id: vp.vendor.id, name: vp.vendor.name, currency: vp.vendor.quote.currency, uncovered: vp.uncovered, assumed: vp.assumed, rates };
    if (vp.uncovered.length > 0) {
      floats.push(null);
      return { ...base, evaluation: null, costPerSent: null, costPerDelivered: null, costPerEffective: null, benefits: null, sensitivity: null, uncertainty: null };
    }
    const ev = evaluateVendor(wp, vp);
    const benefits = vendorBenefits(wp, vp, ev, planBenefits(wp, vp.streamRates, holdoutRate));
    floats.push(draws > 0 || opts.breakEven !== false ? floatPlan(wp, vp, ev) : null);
    return {
      ...base,
      evaluation: ev,
      costPerSent: perUnit(ev.tcoNominal, ev.sent),
      costPerDelivered: perUnit(ev.tcoNominal, ev.delivered),
      costPerEffective: perUnit(ev.tcoNominal, ev.effective),
      benefits,
      sensitivity: opts.sensitivity === false ? null : sensitivity(wp, vp),
      uncertainty: null,
    };
  });

  const covered = plans.map((_, i) => i).filter((i) => floats[i]);
  if (draws > 0 && covered.length > 0) {
    const u = uncertainty(
      covered.map((i) => ({ plan: floats[i]!, groups: plans[i]!.groups })),
      draws,
      seed,
    );
    covered.forEach((i, j) => (results[i]!.uncertainty = u[j]!));
  }

  const pairs: BreakEvenPair[] = [];
  if (opts.breakEven !== false && covered.length > 1) {
    const ks = grid();
    const curves = covered.map((i) => tcoCurve(floats[i]!));
    const onGrid = curves.map((c) => ks.map(c));
    for (let x = 0; x < covered.length; x++) {
      for (let y = x + 1; y < covered.length; y++) {
        pairs.push({
          a: plans[covered[x]!]!.vendor.id,
          b: plans[covered[y]!]!.vendor.id,
          multipliers: breakEven(curves[x]!, curves[y]!, ks, onGrid[x]!, onGrid[y]!),
        });
      }
    }
  }

  return { name: ws.name, baseCurrency: ws.baseCurrency, startMonth: ws.startMonth, horizonMonths: wp.h, vendors: results, breakEven: pairs, draws, seed };
}
