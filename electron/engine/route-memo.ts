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
import type { BenefitFlows } from './benefits.js';
import { decimalCalc } from './calc.js';
import { ZERO, type Decimal } from './decimal.js';
import { meterRoutes } from './metering.js';
import { add0, pairwiseTree, setLeaf } from './pairwise.js';
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
  /** Per month, the route's pass-through, outbound then inbound (what the month sums add). */
  passThroughLeaf: Decimal[];
}

export interface RouteMemo {
  schedules: Map<string, RouteSchedule>;
  /** The same, by the route object: a workspace read again keeps its unchanged routes' objects. */
  scheduleOf: WeakMap<QuoteRoute, RouteSchedule>;
  meters: Map<string, RouteMeter>;
  /** Per vendor group's monthly messages and failure share: the failed messages of each month. */
  failed: Map<string, Decimal[]>;
  /** Per vendor id and what is summed: the series last summed and the month sums kept as trees. */
  sums: Map<string, KeptSums>;
  zeros: Decimal[] | null;
  /** Vendors' benefit flows by what they depend on (compute.ts keptFlows). */
  flows: Map<string, BenefitFlows>;
}

/** Month sums over a vendor's routes (or groups), kept as pairwise trees (pairwise.ts), one per month. */
interface KeptSums {
  leaves: readonly (readonly Decimal[])[];
  trees: Decimal[][];
}

/** Past this many kept meterings the memo starts again (a long session typing many prices). */
export const MAX_ROUTE_METERS = 10_000;

export function newRouteMemo(): RouteMemo {
  return { schedules: new Map(), scheduleOf: new WeakMap(), meters: new Map(), failed: new Map(), sums: new Map(), zeros: null, flows: new Map() };
}

/** The schedule of a quote route, made once per content (its JSON text) for one workspace plan; a route object met again is known at once (the workspace's objects are never changed in place). */
export function memoSchedule(memo: RouteMemo, r: QuoteRoute, make: () => RouteSchedule): RouteSchedule {
  const known = memo.scheduleOf.get(r);
  if (known) return known;
  const key = JSON.stringify(r);
  let s = memo.schedules.get(key);
  if (!s) {
    s = make();
    if (memo.schedules.size >= MAX_ROUTE_METERS) {
      memo.schedules.clear();
      memo.scheduleOf = new WeakMap();
    }
    memo.schedules.set(key, s);
  }
  memo.scheduleOf.set(r, s);
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
  const passThroughLeaf = inboundPassThrough ? passThrough.map((p, m) => add0(decimalCalc, p, inboundPassThrough[m]!)) : passThrough;
  got = { charge, passThrough, anyPassThrough: passThrough.some((x) => !x.isZero()), inboundCharge, inboundPassThrough, passThroughLeaf };
  if (memo.meters.size >= MAX_ROUTE_METERS) memo.meters.clear();
  memo.meters.set(key, got);
  return got;
}

/**
 * Σ over leaves of leaves[i][m], for each month m, in the pairwise order (pairwise.ts), as a tree
 * kept under `key`: when some leaves are other arrays than last time (a price typed), only the sums
 * above them are added again. Every digit is the one `pairwiseSum` gives from scratch.
 */
export function keptSums(memo: RouteMemo, key: string, leaves: readonly (readonly Decimal[])[], h: number): Decimal[] {
  const n = leaves.length;
  if (n === 0) return new Array<Decimal>(h).fill(ZERO);
  let kept = memo.sums.get(key);
  const changed: number[] = [];
  if (kept && kept.leaves.length === n && kept.trees.length === h) {
    for (let i = 0; i < n; i++) if (kept.leaves[i] !== leaves[i]) changed.push(i);
  } else kept = undefined;
  if (!kept || changed.length * 4 > n) {
    kept = { leaves, trees: Array.from({ length: h }, (_, m) => pairwiseTree(decimalCalc, n, (i) => leaves[i]![m]!)) };
    memo.sums.set(key, kept);
  } else if (changed.length > 0) {
    for (let m = 0; m < h; m++) for (const i of changed) setLeaf(decimalCalc, kept.trees[m]!, n, i, leaves[i]![m]!);
    kept.leaves = leaves;
  }
  return kept.trees.map((t) => t[1]!);
}

/** A vendor's month sums over its routes' kept meterings `per` (in route order), as metering its routes together adds them. */
export function monthSums(memo: RouteMemo, vendorId: string, per: readonly RouteMeter[], h: number): { tiered: Decimal[]; linear: Decimal[] | null; passThrough: Decimal[] } {
  const anyInbound = per.some((r) => r.inboundCharge !== null);
  const zeros = zerosOf(memo, h);
  return {
    tiered: keptSums(
      memo,
      `${vendorId}\u0000tiered`,
      per.map((r) => r.charge),
      h,
    ),
    linear: anyInbound
      ? keptSums(
          memo,
          `${vendorId}\u0000linear`,
          per.map((r) => r.inboundCharge ?? zeros),
          h,
        )
      : null,
    passThrough: keptSums(
      memo,
      `${vendorId}\u0000passThrough`,
      per.map((r) => r.passThroughLeaf),
      h,
    ),
  };
}

/** A group's failed messages of each month, out(m) · (1 − DR); a value is reused while out(m) is the same Decimal. */
export function failedOf(out: readonly Decimal[], failShare: Decimal): Decimal[] {
  const got = new Array<Decimal>(out.length);
  let last: Decimal | null = null;
  let f = ZERO;
  for (let m = 0; m < out.length; m++) {
    if (out[m] !== last) {
      last = out[m]!;
      f = last.times(failShare);
    }
    got[m] = f;
  }
  return got;
}

/** failedOf, kept per series and share. */
export function failedSeries(memo: RouteMemo, out: readonly Decimal[], failShare: Decimal): Decimal[] {
  const key = `${idOf(out)}*${failShare.toString()}`;
  let got = memo.failed.get(key);
  if (!got) {
    got = failedOf(out, failShare);
    if (memo.failed.size >= MAX_ROUTE_METERS) memo.failed.clear();
    memo.failed.set(key, got);
  }
  return got;
}

/** h zeros, the same array every time (a leaf that is zero all along stays the same leaf). */
export function zerosOf(memo: RouteMemo, h: number): Decimal[] {
  if (memo.zeros?.length !== h) memo.zeros = new Array<Decimal>(h).fill(ZERO);
  return memo.zeros;
}
