/**
 * What a keystroke does not change is not computed again. A vendor whose price was edited is
 * planned and billed again, but its other routes are the same: the same quote route content gives
 * the same schedule (the very same arrays), and a route with the same schedule, the same monthly
 * units and the same rates meters the same (the same Decimal values). Both are kept on the
 * workspace plan, which lives as long as the volume plan does (compute.ts EngineCache). Only
 * metering at the workspace's own volume is kept (the sensitivity's and the break-even search's
 * scaled volumes and rates would fill it with values used once).
 *
 * The values are the ones the rule would compute (metering.ts, run on the route alone), and the
 * vendor's month sums add them in the same order as metering all routes together does, so a
 * result is the same Decimal to the last digit with or without the memo (a test compares them).
 */
import { decimalCalc } from './calc.js';
import type { Decimal } from './decimal.js';
import { meterRoutes } from './metering.js';
import type { RoutePlan, RouteSchedule } from './route-schedule.js';
import type { QuoteRoute } from './types.js';

/** One route's metering at volume ×1, per month: outbound tier charge and pass-through; inbound charge and pass-through (null: none). */
export interface RouteMeter {
  charge: Decimal[];
  passThrough: Decimal[];
  /** Whether any month's outbound pass-through is not zero. */
  anyPassThrough: boolean;
  inboundCharge: Decimal[] | null;
  inboundPassThrough: Decimal[] | null;
}

export interface RouteMemo {
  schedules: Map<string, RouteSchedule>;
  meters: Map<string, RouteMeter>;
}

/** Past this many kept meterings the memo starts again (a long session typing many prices). */
export const MAX_ROUTE_METERS = 10_000;

export function newRouteMemo(): RouteMemo {
  return { schedules: new Map(), meters: new Map() };
}

/** The schedule of a quote route, made once per content (its JSON text) for one workspace plan. */
export function memoSchedule(memo: RouteMemo, r: QuoteRoute, make: () => RouteSchedule): RouteSchedule {
  const key = JSON.stringify(r);
  let s = memo.schedules.get(key);
  if (!s) {
    s = make();
    if (memo.schedules.size >= MAX_ROUTE_METERS) memo.schedules.clear();
    memo.schedules.set(key, s);
  }
  return s;
}

const ids = new WeakMap<object, number>();
let lastId = 0;
/** A number naming an array for as long as it lives (memo keys go by the identity of series). */
function idOf(x: object): number {
  let id = ids.get(x);
  if (id === undefined) ids.set(x, (id = ++lastId));
  return id;
}

function meterKey(r: RoutePlan, wDelivered: readonly Decimal[], wEffective: readonly Decimal[]): string {
  const w = r.billedOn === 'effective' ? wEffective : wDelivered;
  const parts = r.billedOn === 'sent' ? '' : r.parts.map((p) => `${idOf(p.units)}*${w[p.group]!.toString()}`).join(',');
  return [
    r.billedOn,
    idOf(r.tiers),
    idOf(r.charged),
    idOf(r.passThrough),
    idOf(r.sentUnits),
    parts,
    r.hasInbound ? `${idOf(r.inbound)}:${idOf(r.inboundPrice)}:${idOf(r.inboundPassThrough)}` : '-',
  ].join('|');
}

/** A route's metering at volume ×1 with these weights: the rule run on the route alone, kept. */
export function meterRoute(memo: RouteMemo, r: RoutePlan, h: number, wDelivered: readonly Decimal[], wEffective: readonly Decimal[], one: Decimal): RouteMeter {
  const key = meterKey(r, wDelivered, wEffective);
  let got = memo.meters.get(key);
  if (got) return got;
  const charge = new Array<Decimal>(h);
  const passThrough = new Array<Decimal>(h);
  meterRoutes(decimalCalc, [r], h, wDelivered, wEffective, one, { outbound: true, inbound: false }, charge, passThrough);
  let inboundCharge: Decimal[] | null = null;
  let inboundPassThrough: Decimal[] | null = null;
  if (r.hasInbound) {
    inboundCharge = new Array<Decimal>(h);
    inboundPassThrough = new Array<Decimal>(h);
    meterRoutes(decimalCalc, [r], h, wDelivered, wEffective, one, { outbound: false, inbound: true }, inboundCharge, inboundPassThrough);
  }
  got = { charge, passThrough, anyPassThrough: passThrough.some((x) => !x.isZero()), inboundCharge, inboundPassThrough };
  if (memo.meters.size >= MAX_ROUTE_METERS) memo.meters.clear();
  memo.meters.set(key, got);
  return got;
}
