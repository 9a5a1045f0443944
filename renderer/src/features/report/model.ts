/**
 * The report's pure builders: from the payload (document + compute --json + evidence) to what each
 * section says. No formatting here (format.ts does that in the components) and no React, so each
 * is tested on small results whose numbers are worked by hand.
 */
import type { WorkspaceDocument } from '../../../../electron/api/document.js';
import { routeKey } from '../../../../electron/api/shared.js';
import type { ComputeJson, VendorJson } from '../../../../electron/engine/result-json.js';
import { breakEvenStretches, INPUT_LABELS } from '../../charts/datasets.js';
import { cheapestVendor } from '../compare/cheapest.js';
import { routeInWords } from './route-words.js';

export type Confidence = NonNullable<ComputeJson['recommendation']>['confidence'];

export interface Recommendation {
  /** The covered vendor with the lowest cost per effective message. */
  vendor: VendorJson;
  /** Its share of the draws in which it is the cheapest per effective message; null without draws. */
  pCheapest: number | null;
  confidence: Confidence;
  /** The next cheapest per effective message, if any. */
  runnerUp: VendorJson | null;
  /** How much more the runner-up costs per effective message, as a fraction of the cheapest's (0.4 = 40% more). */
  margin: number | null;
  /** Whether the 5th–95th percentile ranges of the two overlap (null without draws or runner-up). */
  rangesOverlap: boolean | null;
  /** Vendors left out: they do not cover every stream. */
  uncovered: VendorJson[];
}

/** The engine's recommendation (compute's `recommendation`: decided once, in exact decimals), with the vendors it names. */
export function recommend(result: ComputeJson): Recommendation | null {
  const rec = result.recommendation;
  const vendor = cheapestVendor(result);
  if (!rec || !vendor) return null;
  const runnerUp = rec.runnerUp === null ? null : (result.vendors.find((v) => v.id === rec.runnerUp) ?? null);
  return {
    vendor,
    pCheapest: rec.pCheapest,
    confidence: rec.confidence,
    runnerUp,
    margin: rec.margin === null ? null : Number(rec.margin),
    rangesOverlap: rec.rangesOverlap,
    uncovered: result.vendors.filter((v) => !v.tco),
  };
}

/** One figure the model uses that no pilot measured: a workspace default standing in for a rate. */
export interface AssumedFigure {
  vendorId: string;
  vendorName: string;
  /** The stream route it serves, e.g. `sms/KE`. */
  route: string;
  figure: 'Delivery rate' | 'Engagement rate';
  value: number;
  /** Where it comes from: the channel's default. */
  source: string;
  /** Why: no pilot at all, or a pilot without an engaged count. */
  reason: string;
}

export function assumedFigures(result: ComputeJson): AssumedFigure[] {
  const out: AssumedFigure[] = [];
  for (const v of result.vendors) {
    for (const r of v.rates) {
      const channel = r.route.split('/')[0]!;
      const base = { vendorId: v.id, vendorName: v.name, route: r.route, source: `an assumed rate for ${routeInWords(channel)}` };
      if (r.deliveryAssumed) out.push({ ...base, figure: 'Delivery rate', value: r.deliveryRate, reason: 'no pilot on this route' });
      if (r.engagementAssumed)
        out.push({
          ...base,
          figure: 'Engagement rate',
          value: r.engagementRate,
          reason: r.deliveryAssumed ? 'no pilot on this route' : `the pilot on ${routeInWords(r.pilot ?? r.route)} counted no engagement`,
        });
    }
  }
  return out;
}

export interface SensitivityRow {
  input: string;
  label: string;
  tco: [string, string];
  /** The TCO at ×0.8 and ×1.2 as a change from the vendor's TCO, as a fraction of it. */
  change: [number, number];
  costPerEffective: [string | null, string | null];
}

/** The tornado's rows in the engine's order (widest TCO swing first). */
export function sensitivityRows(vendor: VendorJson): SensitivityRow[] {
  const base = Number(vendor.tco?.nominal ?? 0);
  const rel = (x: string) => (base === 0 ? 0 : (Number(x) - base) / base);
  return (vendor.sensitivity ?? []).map((s) => ({
    input: s.input,
    label: INPUT_LABELS[s.input] ?? s.input,
    tco: s.tco,
    change: [rel(s.tco[0]), rel(s.tco[1])],
    costPerEffective: s.costPerEffective,
  }));
}

export interface BreakEvenLine {
  a: VendorJson;
  b: VendorJson;
  multipliers: number[];
  stretches: { from: number; to: number; cheaper: VendorJson }[];
}

/** Every pair of covered vendors: where the cheaper by nominal TCO changes, and who is cheaper in between. */
export function breakEvenLines(result: ComputeJson): BreakEvenLine[] {
  const byId = new Map(result.vendors.map((v) => [v.id, v]));
  return result.breakEven.flatMap((p) => {
    const a = byId.get(p.a);
    const b = byId.get(p.b);
    const stretches = breakEvenStretches(result, p.a, p.b);
    if (!a || !b || !stretches) return [];
    return [{ a, b, multipliers: p.multipliers, stretches: stretches.map((s) => ({ from: s.from, to: s.to, cheaper: byId.get(s.cheaper!)! })) }];
  });
}

/** Each stream's monthly volume over the horizon's first year, as entered. */
export interface StreamRow {
  id: string;
  name: string;
  route: string;
  monthlyVolume: string;
  annualGrowth: number;
  /** v1.2: growth compounding every month (then annualGrowth is 0). */
  monthlyGrowth: number;
  seasonal: boolean;
  segments: number | null;
  fromTemplate: boolean;
  inboundPerOutbound: number;
}

export function streamRows(document: WorkspaceDocument, result: ComputeJson): StreamRow[] {
  return document.streams.map((s, i) => {
    const r = result.streams.find((x) => x.id === s.id) ?? result.streams[i];
    const entered = s.segmentsPerMessage !== null && s.segmentsPerMessage !== undefined;
    return {
      id: s.id,
      name: s.name || s.id,
      route: r?.route ?? s.channel,
      monthlyVolume: String(s.monthlyVolume),
      annualGrowth: Number(s.annualGrowth ?? 0),
      monthlyGrowth: Number(s.monthlyGrowth ?? 0),
      seasonal: Array.isArray(s.seasonality) && s.seasonality.some((f) => Number(f) !== 1),
      segments: entered ? Number(s.segmentsPerMessage) : (r?.template?.segments ?? r?.segmentsPerMessage ?? null),
      fromTemplate: !entered && r?.template !== null && r?.template !== undefined,
      inboundPerOutbound: Number(s.inboundPerOutbound ?? 0),
    };
  });
}

/** A quote's route as one line: its price or tiers and what is added per unit. */
export interface QuoteRouteRow {
  route: string;
  price: string | null;
  tiers: { from: string; price: string }[] | null;
  tierMode: string;
  billedOn: string;
  passThrough: string;
  /** Whether a carrier mix sets the pass-through from the start (its sentence says how). */
  carrierMix: boolean;
  inboundPrice: string;
  changes: number;
}

export function quoteRoutes(vendor: WorkspaceDocument['vendors'][number]): QuoteRouteRow[] {
  return vendor.quote.routes.map((r) => ({
    route: routeKey(r),
    price: r.price === null || r.price === undefined ? null : String(r.price),
    tiers: r.tiers ? r.tiers.map((t) => ({ from: String(t.from), price: String(t.price) })) : null,
    tierMode: r.tierMode ?? 'graduated',
    billedOn: r.billedOn ?? 'sent',
    passThrough: String(r.passThrough ?? 0),
    carrierMix: !!r.carrierMix,
    inboundPrice: String(r.inboundPrice ?? 0),
    changes: (r.priceChanges ?? []).length + (r.passThroughChanges ?? []).length,
  }));
}
