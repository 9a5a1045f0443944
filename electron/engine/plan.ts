/**
 * Preparation: everything of a workspace that does not change between evaluations (volumes per
 * stream and month, route matching, pooling, rates, pass-through schedules, fees in the base
 * currency). Evaluations (evaluate.ts, float.ts) only multiply and add what is prepared here.
 */
import { Decimal, ONE, ZERO, dec } from './decimal.js';
import { ModelError } from './errors.js';
import { bestMatch, routeKey, sameRoute, type RouteRef } from './routes.js';
import { countSegments, type SegmentCount } from './segments.js';
import { tierSchedule, type TierSchedule } from './tiers.js';
import { calendarIndex, calendarOrdinal, contractYear, contractYears, ordinalOf, parseYearMonth, type YearMonth } from './time.js';
import type { BilledOn, CarrierShare, Channel, FeeCategory, FeeKind, Pilot, PriceChange, QuoteRoute, Stream, Tier, TierMode, Vendor, Workspace } from './types.js';

export interface StreamPlan {
  index: number;
  stream: Stream;
  route: RouteRef;
  key: string;
  /** Outbound messages per month (index m-1). */
  out: Decimal[];
  /** Billing units per month: segments for SMS, messages otherwise. */
  units: Decimal[];
  inbound: Decimal[];
  hasInbound: boolean;
  outTotal: Decimal;
  segmentsPerMessage: Decimal | null;
  segments: SegmentCount | null;
}

export interface WorkspacePlan {
  ws: Workspace;
  start: YearMonth;
  h: number;
  base: string;
  fx: Map<string, Decimal>;
  hourlyRate: Decimal;
  discountRate: Decimal;
  riskAdjustment: Decimal;
  streams: StreamPlan[];
  /** Outbound messages per month, all streams, and over the horizon. */
  sent: Decimal[];
  sentTotal: Decimal;
  /** Active contacts per month, all streams. */
  contacts: Decimal[];
  /** Contract year (1-based) of each month index. */
  yearOf: number[];
  years: { year: number; lastMonth: number; months: number }[];
  /** DF(m) at the workspace's discount rate. */
  df: Decimal[];
  /** Month-by-month sums over a set of streams, memoised: vendors with the same pooling share them. */
  sums: Map<string, Decimal[]>;
}

export type SeriesKind = 'out' | 'units' | 'inbound';

/** Σ over the given streams of one of their monthly series; one stream's own array when alone. */
export function sumSeries(plan: WorkspacePlan, kind: SeriesKind, indices: readonly number[]): Decimal[] {
  if (indices.length === 1) return plan.streams[indices[0]!]![kind];
  const key = `${kind}:${indices.join(',')}`;
  let got = plan.sums.get(key);
  if (!got) {
    got = new Array<Decimal>(plan.h).fill(ZERO);
    for (const i of indices) {
      const series = plan.streams[i]![kind];
      for (let m = 0; m < plan.h; m++) got[m] = got[m]!.plus(series[m]!);
    }
    plan.sums.set(key, got);
  }
  return got;
}

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

export interface RoutePart {
  group: number;
  units: Decimal[];
}

export interface RoutePlan {
  quoteIndex: number;
  key: string;
  billedOn: BilledOn;
  /** Per month (index m-1): the tiers in force (the same object while no change touches them). */
  tiers: TierSchedule[];
  /** Per month: 1 − the free share, the part of the billed units that is charged. */
  charged: Decimal[];
  /** Per month: the inbound price in force. */
  inboundPrice: Decimal[];
  /** Per month, per billed unit: (1 + markup) · (1 − free share) · the pass-through in force
   *  (the carrier mix's share-weighted sum while a mix is in force). */
  passThrough: Decimal[];
  /** Per month, per inbound unit: (1 + markup) · the inbound pass-through in force. */
  inboundPassThrough: Decimal[];
  parts: RoutePart[];
  /** Units of the pooled route before billedOn (sum of the parts). */
  sentUnits: Decimal[];
  inbound: Decimal[];
  hasInbound: boolean;
}

export interface FeePlan {
  name: string;
  kind: FeeKind;
  category: FeeCategory;
  amount: Decimal;
  quantity: Decimal;
  month: number;
  /** contacts a contact-month fee does not charge for */ included: Decimal;
}

export interface StreamRate {
  route: string;
  group: number;
  deliveryRate: Decimal;
  engagementRate: Decimal;
  deliveryAssumed: boolean;
  engagementAssumed: boolean;
}

export interface VendorPlan {
  index: number;
  vendor: Vendor;
  uncovered: string[];
  assumed: string[];
  /** Base-currency value of one unit of the quote currency. */
  fx: Decimal;
  escalator: Decimal;
  discount: Decimal;
  monthlyCommit: Decimal;
  annualCommit: Decimal;
  routes: RoutePlan[];
  groups: RateGroup[];
  fees: FeePlan[];
  setupHours: Decimal;
  monthlyHours: Decimal;
  monthlyOther: Decimal;
  remediationPerFailure: Decimal;
  /** Per stream (by index): its rate group; empty when the vendor does not cover every stream. */
  streamRates: StreamRate[];
}

const sp = (i: number) => `$.streams[${i}]`;
const vp = (i: number) => `$.vendors[${i}]`;

function nonNegative(x: Decimal, path: string): Decimal {
  // lt(0), not isNegative(): minus zero is zero, as the document reader reads it (issue 18).
  if (x.isNaN() || !x.isFinite() || x.lt(0)) throw new ModelError(path, `must be a number >= 0, got ${x.toString()}`);
  return x;
}

/** The largest size of a decimal input, as the document reader bounds it (electron/api/limits.ts): 10^15. */
export const MAX_DECIMAL_MAGNITUDE = 1e15;

function parseDec(x: string | number, path: string): Decimal {
  let d: Decimal;
  try {
    d = dec(x);
    if (!d.isFinite()) throw new Error('not finite');
  } catch {
    throw new ModelError(path, `not a decimal number: ${JSON.stringify(x)}`);
  }
  if (d.abs().gt(MAX_DECIMAL_MAGNITUDE)) throw new ModelError(path, `is ${String(x).slice(0, 24)}: a number here can be at most 1,000,000,000,000,000 (10^15) in size`);
  return d;
}

export function fxOf(plan: Pick<WorkspacePlan, 'fx' | 'base'>, currency: string, path: string): Decimal {
  const r = plan.fx.get(currency);
  if (!r) throw new ModelError(path, `no FX rate for ${currency} (add ${currency} to fx: its value in ${plan.base})`);
  return r;
}

/** The discount factors DF(m) = (1+r)^(-m/12), m = 1..H. */
export function discountFactors(r: Decimal, h: number): Decimal[] {
  const out: Decimal[] = [];
  if (r.isZero()) {
    for (let m = 1; m <= h; m++) out.push(ONE);
    return out;
  }
  // One twelfth root, then powers by multiplication: (1+r)^(-m/12) = q^m with q = (1+r)^(-1/12).
  // At 34 significant digits the products drift by less than 1e-30 over 600 months.
  const q = ONE.plus(r).pow(new Decimal(-1).div(12));
  let df = ONE;
  for (let m = 1; m <= h; m++) {
    df = m % 12 === 0 ? ONE.plus(r).pow(-m / 12) : df.times(q);
    out.push(df);
  }
  return out;
}

export function streamSegments(s: Stream, path: string): { perMessage: Decimal | null; info: SegmentCount | null } {
  const info = s.template !== null ? countSegments(s.template) : null;
  if (s.channel !== 'sms') return { perMessage: null, info };
  if (s.segmentsPerMessage !== null) {
    const seg = nonNegative(parseDec(s.segmentsPerMessage, `${path}.segmentsPerMessage`), `${path}.segmentsPerMessage`);
    return { perMessage: seg, info };
  }
  if (info) return { perMessage: new Decimal(info.segments), info };
  throw new ModelError(`${path}.segmentsPerMessage`, 'an SMS stream needs segmentsPerMessage or a template to count segments from');
}

export function planWorkspace(ws: Workspace): WorkspacePlan {
  const start = parseYearMonth(ws.startMonth);
  if (!start) throw new ModelError('$.startMonth', `must be YYYY-MM, got ${JSON.stringify(ws.startMonth)}`);
  const h = ws.horizonMonths;
  if (!Number.isInteger(h) || h < 1 || h > 600) throw new ModelError('$.horizonMonths', `must be a whole number of months from 1 to 600, got ${h}`);
  const fx = new Map<string, Decimal>();
  fx.set(ws.baseCurrency, ONE);
  ws.fx.forEach((f, i) => {
    const rate = parseDec(f.rate, `$.fx[${i}].rate`);
    if (!rate.gt(0)) throw new ModelError(`$.fx[${i}].rate`, `must be > 0, got ${rate.toString()}`);
    if (f.currency !== ws.baseCurrency) fx.set(f.currency, rate);
  });
  const yearOf: number[] = [];
  for (let m = 1; m <= h; m++) yearOf.push(contractYear(m));
  const nYears = contractYear(h);
  const discountRate = parseDec(ws.discountRate, '$.discountRate');
  if (discountRate.lte(-1)) throw new ModelError('$.discountRate', 'must be greater than -1');

  const streams = ws.streams.map((s, i): StreamPlan => {
    const path = sp(i);
    const v = nonNegative(parseDec(s.monthlyVolume, `${path}.monthlyVolume`), `${path}.monthlyVolume`);
    const g = parseDec(s.annualGrowth, `${path}.annualGrowth`);
    if (g.lte(-1)) throw new ModelError(`${path}.annualGrowth`, 'must be greater than -1');
    const gm = parseDec(s.monthlyGrowth ?? 0, `${path}.monthlyGrowth`);
    if (gm.lte(-1)) throw new ModelError(`${path}.monthlyGrowth`, 'must be greater than -1');
    if (!gm.isZero() && !g.isZero()) {
      throw new ModelError(`${path}.monthlyGrowth`, `stream ${s.id} grows both per year and per month; give one growth rate and set the other to 0`);
    }
    const monthlyStep = ONE.plus(gm);
    const season = s.seasonality?.map((x, j) => nonNegative(parseDec(x, `${path}.seasonality[${j}]`), `${path}.seasonality[${j}]`)) ?? null;
    if (season && season.length !== 12) throw new ModelError(`${path}.seasonality`, `needs 12 factors (January first), got ${season.length}`);
    const ipo = nonNegative(parseDec(s.inboundPerOutbound, `${path}.inboundPerOutbound`), `${path}.inboundPerOutbound`);
    const seg = streamSegments(s, path);
    const yearly: Decimal[] = [];
    const growth = ONE.plus(g);
    for (let y = 1; y <= nYears; y++) yearly.push(y === 1 ? v : yearly[y - 2]!.times(growth));
    const out: Decimal[] = [];
    const units: Decimal[] = [];
    const inbound: Decimal[] = [];
    let outTotal = ZERO;
    let monthBase = v; // v · (1+gm)^(m-1), exact: one multiplication a month
    for (let m = 1; m <= h; m++) {
      if (m > 1 && !gm.isZero()) monthBase = monthBase.times(monthlyStep);
      const base = gm.isZero() ? yearly[yearOf[m - 1]! - 1]! : monthBase;
      const o = season ? base.times(season[calendarIndex(start, m)]!) : base;
      out.push(o);
      units.push(seg.perMessage && !seg.perMessage.eq(1) ? o.times(seg.perMessage) : o);
      inbound.push(ipo.isZero() ? ZERO : o.times(ipo));
      outTotal = outTotal.plus(o);
    }
    return {
      index: i,
      stream: s,
      route: { channel: s.channel, country: s.country, class: s.class },
      key: routeKey(s),
      out,
      units,
      inbound,
      hasInbound: !ipo.isZero(),
      outTotal,
      segmentsPerMessage: seg.perMessage,
      segments: seg.info,
    };
  });

  const contacts: Decimal[] = new Array<Decimal>(h).fill(ZERO);
  ws.streams.forEach((s, i) => {
    if (s.monthlyActive === null) return;
    const a = nonNegative(parseDec(s.monthlyActive, `${sp(i)}.monthlyActive`), `${sp(i)}.monthlyActive`);
    const gc = ONE.plus(parseDec(s.contactGrowth, `${sp(i)}.contactGrowth`));
    let yearVal = a;
    for (let m = 1; m <= h; m++) {
      if (m > 1 && yearOf[m - 1] !== yearOf[m - 2]) yearVal = yearVal.times(gc);
      contacts[m - 1] = contacts[m - 1]!.plus(yearVal);
    }
  });

  const sent = sumSeries({ streams, h, sums: new Map() } as unknown as WorkspacePlan, 'out', streams.length ? streams.map((s) => s.index) : []);
  return {
    ws,
    start,
    sent: streams.length ? sent : new Array<Decimal>(h).fill(ZERO),
    sentTotal: streams.reduce((a, s) => a.plus(s.outTotal), ZERO),
    h,
    base: ws.baseCurrency,
    fx,
    hourlyRate: nonNegative(parseDec(ws.hourlyRate, '$.hourlyRate'), '$.hourlyRate'),
    discountRate,
    riskAdjustment: parseDec(ws.riskAdjustment, '$.riskAdjustment'),
    streams,
    contacts,
    yearOf,
    years: contractYears(h),
    df: discountFactors(discountRate, h),
    sums: new Map(),
  };
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

/** A route's tiers from its document form, checked (first from 0, strictly increasing). */
function buildTiers(mode: TierMode, tiers: Tier[], tpath: string): TierSchedule {
  const num = (x: string | number, p: string) => nonNegative(parseDec(x, p), p);
  const from = tiers.map((t, j) => num(t.from, `${tpath}[${j}].from`));
  const price = tiers.map((t, j) => num(t.price, `${tpath}[${j}].price`));
  if (!from[0]!.isZero()) throw new ModelError(`${tpath}[0].from`, 'the first tier must start from 0');
  for (let j = 1; j < from.length; j++) {
    if (!from[j]!.gt(from[j - 1]!)) throw new ModelError(`${tpath}[${j}].from`, 'tier thresholds must be strictly increasing');
  }
  return tierSchedule(mode, from, price);
}

const flatPrice = (price: Decimal): TierSchedule => tierSchedule('graduated', [ZERO], [price]);

interface Carrier {
  share: Decimal;
  passThrough: Decimal;
  inboundPassThrough: Decimal;
}

const MIX_TOLERANCE = new Decimal('1e-9');

/** A carrier mix, checked: at least one carrier, shares > 0 adding up to 1 within 1e-9. */
function carrierMix(mix: CarrierShare[], path: string): Carrier[] {
  if (mix.length === 0) throw new ModelError(path, 'a carrier mix needs at least one carrier (or null for none)');
  const out = mix.map((c, k): Carrier => {
    const share = parseDec(c.share, `${path}[${k}].share`);
    if (!share.gt(0)) throw new ModelError(`${path}[${k}].share`, `carrier ${c.carrier}'s share must be more than 0, got ${share.toString()}`);
    return {
      share,
      passThrough: nonNegative(parseDec(c.passThrough, `${path}[${k}].passThrough`), `${path}[${k}].passThrough`),
      inboundPassThrough: nonNegative(parseDec(c.inboundPassThrough, `${path}[${k}].inboundPassThrough`), `${path}[${k}].inboundPassThrough`),
    };
  });
  const sum = out.reduce((a, c) => a.plus(c.share), ZERO);
  if (sum.minus(1).abs().gt(MIX_TOLERANCE)) throw new ModelError(path, `the carriers' shares add up to ${sum.toString()}; they must add up to 1`);
  return out;
}

function share01(x: string | number, path: string): Decimal {
  const d = parseDec(x, path);
  if (d.lt(0) || d.gt(1)) throw new ModelError(path, `must be between 0 and 1, got ${d.toString()}`);
  return d;
}

/** One dated change, parsed and checked: what it sets (undefined: left as it is). */
interface ParsedChange {
  ord: number;
  tiers: TierSchedule | undefined;
  inboundPrice: Decimal | undefined;
  passThrough: Decimal | undefined;
  inboundPassThrough: Decimal | undefined;
  markup: Decimal | undefined;
  /** null: the mix ends. */
  mix: Carrier[] | null | undefined;
  free: Decimal | undefined;
}

/**
 * The dated changes of a route (priceChanges, then v1.1's passThroughChanges, one list), checked
 * and in date order. Two changes of one route in one calendar month are an input error.
 */
export function routeChanges(r: QuoteRoute, rpath: string): ParsedChange[] {
  const num = (x: string | number, p: string) => nonNegative(parseDec(x, p), p);
  const listed: { c: PriceChange; path: string }[] = [
    ...r.priceChanges.map((c, j) => ({ c, path: `${rpath}.priceChanges[${j}]` })),
    ...(r.passThroughChanges ?? []).map((c, j) => ({ c: c as PriceChange, path: `${rpath}.passThroughChanges[${j}]` })),
  ];
  const months = new Set<number>();
  const out = listed.map(({ c, path }): ParsedChange => {
    const ym = parseYearMonth(c.from);
    if (!ym) throw new ModelError(`${path}.from`, `must be YYYY-MM, got ${JSON.stringify(c.from)}`);
    const ord = ordinalOf(ym);
    if (months.has(ord)) throw new ModelError(`${path}.from`, `the route already has a change from ${c.from}; a route changes at most once a month, so put both changes in one`);
    months.add(ord);
    if (c.price !== undefined && c.tiers !== undefined) throw new ModelError(`${path}.tiers`, 'a change sets either a price or tiers, not both');
    let tiers: TierSchedule | undefined;
    if (c.price !== undefined) tiers = flatPrice(num(c.price, `${path}.price`));
    else if (c.tiers !== undefined) {
      if (c.tiers.length === 0) throw new ModelError(`${path}.tiers`, 'needs at least one tier');
      tiers = buildTiers(r.tierMode, c.tiers, `${path}.tiers`);
    }
    return {
      ord,
      tiers,
      inboundPrice: c.inboundPrice === undefined ? undefined : num(c.inboundPrice, `${path}.inboundPrice`),
      passThrough: c.passThrough === undefined ? undefined : num(c.passThrough, `${path}.passThrough`),
      inboundPassThrough: c.inboundPassThrough === undefined ? undefined : num(c.inboundPassThrough, `${path}.inboundPassThrough`),
      markup: c.passThroughMarkup === undefined ? undefined : num(c.passThroughMarkup, `${path}.passThroughMarkup`),
      mix: c.carrierMix === undefined ? undefined : c.carrierMix === null ? null : carrierMix(c.carrierMix, `${path}.carrierMix`),
      free: c.freeShare === undefined ? undefined : share01(c.freeShare, `${path}.freeShare`),
    };
  });
  // Stable: the month decides the order (two in one month were refused above).
  return out.sort((a, b) => a.ord - b.ord);
}

export type RouteSchedule = Pick<RoutePlan, 'tiers' | 'charged' | 'inboundPrice' | 'passThrough' | 'inboundPassThrough'>;

/**
 * What a route charges in each horizon month (MODEL.md section 4, v1.2): the route's fields, then
 * every dated change from its calendar month on (a change before the start month from month 1).
 * A value that no change touches keeps its identity from month to month, so the meter can reuse a
 * month's charge.
 */
export function routeSchedule(plan: Pick<WorkspacePlan, 'h' | 'start'>, r: QuoteRoute, rpath: string): RouteSchedule {
  const num = (x: string | number, p: string) => nonNegative(parseDec(x, p), p);
  let tiers: TierSchedule;
  if (r.tiers && r.tiers.length > 0) tiers = buildTiers(r.tierMode, r.tiers, `${rpath}.tiers`);
  else if (r.price !== null) tiers = flatPrice(num(r.price, `${rpath}.price`));
  else throw new ModelError(`${rpath}.price`, 'a route needs a price or tiers');
  let inboundPrice = num(r.inboundPrice, `${rpath}.inboundPrice`);
  let pt = num(r.passThrough, `${rpath}.passThrough`);
  let ipt = num(r.inboundPassThrough, `${rpath}.inboundPassThrough`);
  let markup = num(r.passThroughMarkup ?? 0, `${rpath}.passThroughMarkup`);
  let mix: Carrier[] | null = r.carrierMix ? carrierMix(r.carrierMix, `${rpath}.carrierMix`) : null;
  let free = share01(r.freeShare ?? 0, `${rpath}.freeShare`);
  const changes = routeChanges(r, rpath);

  let charged = ZERO;
  let ptUnit = ZERO;
  let iptUnit = ZERO;
  const derive = () => {
    const k = ONE.plus(markup);
    const p = mix ? mix.reduce((a, c) => a.plus(c.share.times(c.passThrough)), ZERO) : pt;
    const ip = mix ? mix.reduce((a, c) => a.plus(c.share.times(c.inboundPassThrough)), ZERO) : ipt;
    charged = ONE.minus(free);
    ptUnit = markup.isZero() && free.isZero() ? p : k.times(charged).times(p);
    iptUnit = markup.isZero() ? ip : k.times(ip);
  };
  derive();
  const out: RouteSchedule = { tiers: [], charged: [], inboundPrice: [], passThrough: [], inboundPassThrough: [] };
  let next = 0;
  for (let m = 1; m <= plan.h; m++) {
    const ord = calendarOrdinal(plan.start, m);
    let changed = false;
    while (next < changes.length && changes[next]!.ord <= ord) {
      const c = changes[next++]!;
      if (c.tiers !== undefined) tiers = c.tiers;
      if (c.inboundPrice !== undefined) inboundPrice = c.inboundPrice;
      if (c.passThrough !== undefined) pt = c.passThrough;
      if (c.inboundPassThrough !== undefined) ipt = c.inboundPassThrough;
      if (c.markup !== undefined) markup = c.markup;
      if (c.mix !== undefined) mix = c.mix;
      if (c.free !== undefined) free = c.free;
      changed = true;
    }
    if (changed) derive();
    out.tiers.push(tiers);
    out.charged.push(charged);
    out.inboundPrice.push(inboundPrice);
    out.passThrough.push(ptUnit);
    out.inboundPassThrough.push(iptUnit);
  }
  return out;
}

export function planVendor(plan: WorkspacePlan, vendor: Vendor, vi: number): VendorPlan {
  const ws = plan.ws;
  const path = vp(vi);
  const q = vendor.quote;
  const fx = fxOf(plan, q.currency, `${path}.quote.currency`);
  const num = (x: string | number, p: string) => nonNegative(parseDec(x, p), p);

  // Routes: match every stream to the most specific quote route.
  const matched: number[] = plan.streams.map((s) => bestMatch(q.routes, s.route));
  const uncovered: string[] = [];
  plan.streams.forEach((s, i) => {
    if (matched[i]! < 0 && !uncovered.includes(s.key)) uncovered.push(s.key);
  });
  const covered = uncovered.length === 0;
  const { groups, streamRates } = vendorRates(ws, plan, vendor, vi, !covered);
  const assumed: string[] = [];
  for (const r of streamRates) if (r && (r.deliveryAssumed || r.engagementAssumed) && !assumed.includes(r.route)) assumed.push(r.route);

  const routes: RoutePlan[] = [];
  const members = new Map<RoutePlan, { all: number[]; inbound: number[]; parts: Map<number, number[]> }>();
  if (covered) {
    const byQuote = new Map<number, RoutePlan>();
    plan.streams.forEach((s, i) => {
      const qi = matched[i]!;
      let rp = byQuote.get(qi);
      if (!rp) {
        const r = q.routes[qi]!;
        const rpath = `${path}.quote.routes[${qi}]`;
        rp = {
          quoteIndex: qi,
          key: routeKey(r),
          billedOn: r.billedOn,
          ...routeSchedule(plan, r, rpath),
          parts: [],
          sentUnits: [],
          inbound: [],
          hasInbound: false,
        };
        byQuote.set(qi, rp);
        routes.push(rp);
        members.set(rp, { all: [], inbound: [], parts: new Map() });
      }
      const mem = members.get(rp)!;
      const gi = streamRates[i]!.group;
      mem.all.push(i);
      if (s.hasInbound) mem.inbound.push(i);
      const pm = mem.parts.get(gi);
      if (pm) pm.push(i);
      else mem.parts.set(gi, [i]);
    });
    for (const rp of routes) {
      const mem = members.get(rp)!;
      rp.sentUnits = sumSeries(plan, 'units', mem.all);
      rp.hasInbound = mem.inbound.length > 0;
      rp.inbound = rp.hasInbound ? sumSeries(plan, 'inbound', mem.inbound) : [];
      rp.parts = [...mem.parts].map(([group, idx]) => ({ group, units: sumSeries(plan, 'units', idx) }));
    }
  }

  const fees: FeePlan[] = q.fees.map((f, j) => {
    const fpath = `${path}.quote.fees[${j}]`;
    const ffx = f.currency === null ? fx : fxOf(plan, f.currency, `${fpath}.currency`);
    if (!Number.isInteger(f.month) || f.month < 1) throw new ModelError(`${fpath}.month`, `must be a month number from 1, got ${f.month}`);
    return {
      name: f.name,
      kind: f.per,
      category: f.category,
      amount: num(f.amount, `${fpath}.amount`).times(ffx),
      quantity: num(f.quantity, `${fpath}.quantity`),
      month: f.month,
      included: num(f.included ?? 0, `${fpath}.included`),
    };
  });

  const discount = parseDec(q.discount, `${path}.quote.discount`);
  if (discount.lt(0) || discount.gt(1)) throw new ModelError(`${path}.quote.discount`, `must be between 0 and 1, got ${discount.toString()}`);
  const escalator = parseDec(q.escalator, `${path}.quote.escalator`);
  if (escalator.lte(-1)) throw new ModelError(`${path}.quote.escalator`, 'must be greater than -1');

  return {
    index: vi,
    vendor,
    uncovered,
    assumed,
    fx,
    escalator,
    discount,
    monthlyCommit: num(q.minimumMonthlyCommit, `${path}.quote.minimumMonthlyCommit`).times(fx),
    annualCommit: num(q.minimumAnnualCommit, `${path}.quote.minimumAnnualCommit`).times(fx),
    routes,
    groups,
    fees,
    setupHours: num(vendor.internal.setupHours, `${path}.internal.setupHours`),
    monthlyHours: num(vendor.internal.monthlyHours, `${path}.internal.monthlyHours`),
    monthlyOther: num(vendor.internal.monthlyOther, `${path}.internal.monthlyOther`),
    remediationPerFailure: num(vendor.internal.remediationPerFailure, `${path}.internal.remediationPerFailure`),
    streamRates: covered ? streamRates : [],
  };
}
