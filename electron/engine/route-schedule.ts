/**
 * A quote route month by month (MODEL.md section 4, v1.2): its tiers or flat price, free share,
 * inbound price and pass-through (markup and carrier mix included), with every dated change
 * applied from its calendar month on.
 */
import { Decimal, ONE, ZERO } from './decimal.js';
import { ModelError } from './errors.js';
import { nonNegative, parseDec, share01 } from './input-checks.js';
import { carrierMix, type Carrier } from './pass-through.js';
import { tierSchedule, type TierSchedule } from './tiers.js';
import { calendarOrdinal, ordinalOf, parseYearMonth } from './months.js';
import type { BilledOn, PriceChange, QuoteRoute, Tier, TierMode } from './types.js';
import type { WorkspacePlan } from './volumes.js';

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
