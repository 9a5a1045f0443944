/**
 * Delivery and engagement rates (MODEL.md section 6): pilots added up per route, the most specific
 * serving each stream, channel defaults where none does; streams on the same rates form a group.
 */
import { Decimal, ZERO } from './decimal.js';
import { ModelError } from './errors.js';
import { parseDec } from './input-checks.js';
import { bestMatch, routeKey, sameRoute, type RouteRef } from './routes.js';
import type { Channel, Pilot, Vendor, Workspace } from './types.js';
import { sumSeries, type WorkspacePlan } from './volumes.js';

/** A pilot's counts; `engagedOf` is the delivered count of the pilots that counted engagement. */
export interface PilotCounts {
  sent: number;
  delivered: number;
  engaged: number | null;
  engagedOf: number;
}

export interface RateGroup {
  /** The pilot's route key, or "default:<channel>". */
  key: string;
  dr: Decimal;
  er: Decimal;
  drAssumed: boolean;
  erAssumed: boolean;
  pilot: PilotCounts | null;
  out: Decimal[];
  outTotal: Decimal;
}

export interface StreamRate {
  route: string;
  group: number;
  deliveryRate: Decimal;
  engagementRate: Decimal;
  deliveryAssumed: boolean;
  engagementAssumed: boolean;
}

interface PilotAggregate extends RouteRef {
  sent: number;
  delivered: number;
  engaged: number | null;
  engagedOf: number;
  index: number;
}

function aggregatePilots(pilots: Pilot[]): PilotAggregate[] {
  const aggs: PilotAggregate[] = [];
  pilots.forEach((p, i) => {
    const found = aggs.find((a) => sameRoute(a, p));
    if (found) {
      found.sent += p.sent;
      found.delivered += p.delivered;
      // Engagement comes from the pilots that counted it, over their own delivered messages.
      if (p.engaged !== null) {
        found.engaged = (found.engaged ?? 0) + p.engaged;
        found.engagedOf += p.delivered;
      }
    } else {
      aggs.push({ channel: p.channel, country: p.country, class: p.class, sent: p.sent, delivered: p.delivered, engaged: p.engaged, engagedOf: p.engaged === null ? 0 : p.delivered, index: i });
    }
  });
  return aggs;
}

function defaultRate(ws: Workspace, channel: Channel, field: 'deliveryRate' | 'engagementRate', why: string): Decimal {
  const d = ws.defaults[channel]?.[field];
  if (d === null || d === undefined) {
    throw new ModelError(`$.defaults.${channel}.${field}`, `${why}, and the workspace has no default ${field} for ${channel}`);
  }
  const r = parseDec(d, `$.defaults.${channel}.${field}`);
  if (r.lt(0) || r.gt(1)) throw new ModelError(`$.defaults.${channel}.${field}`, `must be between 0 and 1, got ${r.toString()}`);
  return r;
}

/**
 * Delivery and engagement rates of a vendor for each stream (MODEL.md section 6): pilots on the same
 * route are added together; the most specific pilot serves a stream; defaults where none does.
 */
export function vendorRates(ws: Workspace, plan: WorkspacePlan, vendor: Vendor, vi: number, lenient = false): { groups: RateGroup[]; streamRates: StreamRate[] } {
  const aggs = aggregatePilots(vendor.pilots);
  const groups: RateGroup[] = [];
  const byKey = new Map<string, number>();
  const streamRates: StreamRate[] = [];
  const members: number[][] = [];
  for (const s of plan.streams) {
    const ai = bestMatch(aggs, s.route);
    const agg = ai >= 0 ? aggs[ai]! : null;
    const who = `vendor ${vendor.id} has no pilot with messages sent on ${s.key}`;
    let key: string;
    let dr: Decimal;
    let er: Decimal;
    let drAssumed = false;
    let erAssumed = false;
    let pilot: PilotCounts | null = null;
    try {
      if (agg && agg.sent > 0) {
        key = routeKey(agg);
        pilot = { sent: agg.sent, delivered: agg.delivered, engaged: agg.engaged, engagedOf: agg.engagedOf };
        dr = new Decimal(agg.delivered).div(agg.sent);
        if (agg.engaged !== null) er = agg.engagedOf > 0 ? new Decimal(agg.engaged).div(agg.engagedOf) : ZERO;
        else {
          er = defaultRate(ws, s.route.channel, 'engagementRate', `vendor ${vendor.id}'s pilot on ${key} has no engaged count`);
          erAssumed = true;
        }
      } else {
        key = `default:${s.route.channel}`;
        dr = defaultRate(ws, s.route.channel, 'deliveryRate', who);
        er = defaultRate(ws, s.route.channel, 'engagementRate', who);
        drAssumed = erAssumed = true;
      }
    } catch (e) {
      if (!lenient) throw e;
      continue;
    }
    // Rates with an assumed engagement differ from the pilot's group with a measured one.
    const gk = `${key}|${erAssumed ? 'er-default' : 'er-pilot'}`;
    let gi = byKey.get(gk);
    if (gi === undefined) {
      gi = groups.length;
      byKey.set(gk, gi);
      groups.push({ key, dr, er, drAssumed, erAssumed, pilot, out: [], outTotal: ZERO });
      members.push([]);
    }
    const g = groups[gi]!;
    members[gi]!.push(s.index);
    g.outTotal = g.outTotal.plus(s.outTotal);
    streamRates[s.index] = { route: s.key, group: gi, deliveryRate: dr, engagementRate: er, deliveryAssumed: drAssumed, engagementAssumed: erAssumed };
  }
  void vi;
  groups.forEach((g, gi) => (g.out = sumSeries(plan, 'out', members[gi]!)));
  return { groups, streamRates };
}
