/**
 * What is structural in a workspace, worked out once from the engine's own matching rules: which
 * quote route prices each stream (and so which streams pool), which pilots give each stream's
 * rates or whether the channel defaults do, which benefits a stream has. The workbook lays out its
 * formulas from this; every number in those formulas comes from the Inputs sheet.
 */
import type { Decimal } from '../../engine/decimal.js';
import { planWorkspace } from '../../engine/plan.js';
import { bestMatch, routeKey, sameRoute, type RouteRef } from '../../engine/routes.js';
import type { SegmentCount } from '../../engine/segments.js';
import type { Channel, Vendor, Workspace } from '../../engine/types.js';

export interface StreamInfo {
  index: number;
  key: string;
  isSms: boolean;
  /** Segments per message an SMS stream is billed for, and whether they were counted from its template. */
  segments: Decimal | null;
  template: SegmentCount | null;
  segmentsEntered: boolean;
  /** Incremental conversions come from a holdout or an entered rate. */
  hasIncremental: boolean;
  /** Index of the vendor whose DR divides the holdout lift; null: the costed vendor's own. */
  holdoutVendor: number | null;
  hasValuePerConversion: boolean;
  hasDeflection: boolean;
  hasRisk: boolean;
}

/** Where a vendor's rates for a stream come from. */
export interface RateSource {
  /** Pilots (indices into vendor.pilots) on the serving route, added together; empty: defaults. */
  pilots: number[];
  /** The pilot route key, or null when the channel defaults give the delivery rate. */
  pilotRoute: string | null;
  /** Pilots that counted engagement; null when the engagement rate is the channel default. */
  engagedPilots: number[] | null;
  channel: Channel;
  deliveryAssumed: boolean;
  engagementAssumed: boolean;
}

export interface VendorRoute {
  quoteIndex: number;
  key: string;
  streams: number[];
}

export interface VendorInfo {
  index: number;
  vendor: Vendor;
  covered: boolean;
  uncovered: string[];
  assumed: string[];
  /** Quote routes some stream uses, in the quote's order. */
  routes: VendorRoute[];
  /** Per stream: the quote route (index into `routes`) that prices it; -1 when none does. */
  routeOfStream: number[];
  /** Per stream: its rates' source; null where neither a pilot nor a default gives them. */
  rates: (RateSource | null)[];
}

export interface Structure {
  streams: StreamInfo[];
  vendors: VendorInfo[];
  /** Some stream has a benefit with a money value (ROI and payback need one). */
  benefitsEntered: boolean;
}

function rateSource(ws: Workspace, vendor: Vendor, stream: RouteRef): RateSource | null {
  // Pilots on the same route are added together (in the order they first appear), and the most
  // specific group serving the stream wins: the engine's own rule (plan.ts, vendorRates).
  const groups: { route: RouteRef; pilots: number[] }[] = [];
  vendor.pilots.forEach((p, i) => {
    const g = groups.find((x) => sameRoute(x.route, p));
    if (g) g.pilots.push(i);
    else groups.push({ route: { channel: p.channel, country: p.country, class: p.class }, pilots: [i] });
  });
  const gi = bestMatch(
    groups.map((g) => g.route),
    stream,
  );
  const group = gi >= 0 ? groups[gi]! : null;
  const defaults = ws.defaults[stream.channel];
  const hasDr = defaults?.deliveryRate !== null && defaults?.deliveryRate !== undefined;
  const hasEr = defaults?.engagementRate !== null && defaults?.engagementRate !== undefined;
  if (group && group.pilots.reduce((a, i) => a + vendor.pilots[i]!.sent, 0) > 0) {
    const engaged = group.pilots.filter((i) => vendor.pilots[i]!.engaged !== null);
    if (engaged.length === 0 && !hasEr) return null;
    return {
      pilots: group.pilots,
      pilotRoute: routeKey(group.route),
      engagedPilots: engaged.length ? engaged : null,
      channel: stream.channel,
      deliveryAssumed: false,
      engagementAssumed: engaged.length === 0,
    };
  }
  if (!hasDr || !hasEr) return null;
  return { pilots: [], pilotRoute: null, engagedPilots: null, channel: stream.channel, deliveryAssumed: true, engagementAssumed: true };
}

export function structure(ws: Workspace): Structure {
  const wp = planWorkspace(ws);
  const streams: StreamInfo[] = wp.streams.map((s, i) => {
    const b = s.stream.benefits;
    const holdoutVendor = b.holdout?.vendor ? ws.vendors.findIndex((v) => v.id === b.holdout!.vendor) : -1;
    return {
      index: i,
      key: s.key,
      isSms: s.stream.channel === 'sms',
      segments: s.segmentsPerMessage,
      template: s.segments,
      segmentsEntered: s.stream.segmentsPerMessage !== null,
      hasIncremental: b.holdout !== null || b.conversionRate !== null,
      holdoutVendor: holdoutVendor >= 0 ? holdoutVendor : null,
      hasValuePerConversion: b.valuePerConversion !== null,
      hasDeflection: b.deflectedPerDelivered !== null && b.costPerContact !== null,
      hasRisk: b.riskReductionPerYear !== null,
    };
  });
  const vendors: VendorInfo[] = ws.vendors.map((vendor, vi) => {
    const matched = wp.streams.map((s) => bestMatch(vendor.quote.routes, s.route));
    const uncovered: string[] = [];
    wp.streams.forEach((s, i) => {
      if (matched[i]! < 0 && !uncovered.includes(s.key)) uncovered.push(s.key);
    });
    const used = [...new Set(matched.filter((q) => q >= 0))].sort((a, b) => a - b);
    const routes: VendorRoute[] = used.map((q) => ({ quoteIndex: q, key: routeKey(vendor.quote.routes[q]!), streams: matched.flatMap((m, i) => (m === q ? [i] : [])) }));
    const rates = wp.streams.map((s) => rateSource(ws, vendor, s.route));
    const assumed: string[] = [];
    rates.forEach((r, i) => {
      if (r && (r.deliveryAssumed || r.engagementAssumed) && !assumed.includes(wp.streams[i]!.key)) assumed.push(wp.streams[i]!.key);
    });
    return {
      index: vi,
      vendor,
      covered: uncovered.length === 0,
      uncovered,
      assumed,
      routes,
      routeOfStream: matched.map((q) => used.indexOf(q)),
      rates,
    };
  });
  const benefitsEntered = streams.some((s) => (s.hasIncremental && s.hasValuePerConversion) || s.hasDeflection || s.hasRisk);
  return { streams, vendors, benefitsEntered };
}
