/**
 * The metering rule, written once over an arithmetic (calc.ts): what a vendor's routes charge in
 * each month before escalation, discount and FX, and their pass-through (MODEL.md section 4).
 * Per route and month: the billed units (sent, or delivered or effective at each part's rates,
 * summed over the route before the tiers), the free share (the tiers and the pass-through see
 * (1 − f) of them), the tier charge, the pass-through per billed unit, and the inbound price and
 * pass-through per inbound unit. evaluate.ts runs it in decimals; float.ts in binary floats.
 */
import type { Calc } from './calc.js';
import { add0, pairwiseSum } from './pairwise.js';
import { chargeTiers, type Tiers } from './tiers.js';
import type { BilledOn } from './types.js';

/** A route's monthly series in one arithmetic (plan.ts's RoutePlan in decimals; float.ts's copy). */
export interface MeteredRoute<N> {
  billedOn: BilledOn;
  /** Per month (index m-1): the tiers in force (the same object while no change touches them). */
  tiers: readonly Tiers<N>[];
  /** Per month: 1 − the free share. */
  charged: ArrayLike<N>;
  inboundPrice: ArrayLike<N>;
  /** Per month, per billed unit: (1 + markup) · (1 − free share) · the pass-through in force. */
  passThrough: ArrayLike<N>;
  /** Per month, per inbound unit: (1 + markup) · the inbound pass-through in force. */
  inboundPassThrough: ArrayLike<N>;
  /** The route's units per rate group. */
  parts: readonly { group: number; units: ArrayLike<N> }[];
  /** Units of the pooled route before billedOn (the sum of the parts). */
  sentUnits: ArrayLike<N>;
  inbound: ArrayLike<N>;
  hasInbound: boolean;
}

/** An array the rule writes into: a plain array, or a Float64Array. */
export interface Writable<N> {
  [m: number]: N;
}

/** What to meter: outbound units (tiers and their pass-through), inbound units, or both. */
export interface MeterParts {
  outbound: boolean;
  inbound: boolean;
}

export const ALL_PARTS: MeterParts = { outbound: true, inbound: true };

/** The route's billed outbound units in month m: sent units, or Σ parts' units × their weight. */
export function billedUnits<N>(c: Calc<N>, r: MeteredRoute<N>, m: number, weights: ArrayLike<N>): N {
  if (r.billedOn === 'sent' || r.parts.length === 0) return r.sentUnits[m]!;
  let u = c.zero;
  for (const p of r.parts) u = c.add(u, c.mul(p.units[m]!, weights[p.group]!));
  return u;
}

/**
 * Meter the routes month by month at volume × `volume`, with `wDelivered` (DR) and `wEffective`
 * (DR · ER) per rate group: `charge[m]` (tier and inbound charges) and `passThrough[m]`, written
 * for m = 0..h-1. Months whose units are the very same value (a stream without seasonality,
 * within a contract year) cost the same: each route remembers its last charge by the identity of
 * its units, tiers and free share.
 */
export function meterRoutes<N>(
  c: Calc<N>,
  routes: readonly MeteredRoute<N>[],
  h: number,
  wDelivered: ArrayLike<N>,
  wEffective: ArrayLike<N>,
  volume: N,
  parts: MeterParts,
  charge: Writable<N>,
  passThrough: Writable<N>,
): void {
  const zero = c.zero;
  const scale = !c.isOne(volume);
  const n = routes.length;
  const lastUnits: (N | null)[] = new Array<N | null>(n).fill(null);
  const lastTiers: (Tiers<N> | null)[] = new Array<Tiers<N> | null>(n).fill(null);
  const lastCharged: (N | null)[] = new Array<N | null>(n).fill(null);
  const lastCharge: N[] = new Array<N>(n).fill(zero);
  const lastPt: N[] = new Array<N>(n).fill(zero);
  const lastPtUnits: (N | null)[] = new Array<N | null>(n).fill(null);
  const lastPtRate: (N | null)[] = new Array<N | null>(n).fill(null);
  const lastInbound: (N | null)[] = new Array<N | null>(n).fill(null);
  const lastInboundRate: (N | null)[] = new Array<N | null>(n).fill(null);
  const lastInboundPrice: (N | null)[] = new Array<N | null>(n).fill(null);
  const lastInboundCharge: N[] = new Array<N>(n).fill(zero);
  const lastInboundPt: N[] = new Array<N>(n).fill(zero);
  // Each route's values of the month, added over the routes pairwise (pairwise.ts):
  const tieredOf: N[] = new Array<N>(n).fill(zero); // tier charges, on units already scaled by the volume factor
  const linearOf: N[] = new Array<N>(n).fill(zero); // inbound charges, scaled at the end of the month
  const ptOf: N[] = new Array<N>(n).fill(zero); // pass-through, outbound then inbound, scaled at the end of the month
  for (let m = 0; m < h; m++) {
    for (let ri = 0; ri < n; ri++) {
      const r = routes[ri]!;
      let tiered = zero;
      let linear = zero;
      let pt = zero;
      if (parts.outbound) {
        const single = r.billedOn === 'sent' ? r.sentUnits[m]! : r.parts.length === 1 ? r.parts[0]!.units[m]! : null;
        const u = billedUnits(c, r, m, r.billedOn === 'effective' ? wEffective : wDelivered);
        if (!c.isZero(u)) {
          let ch: N;
          const tiers = r.tiers[m]!;
          const charged = r.charged[m]!;
          if (single !== null && single === lastUnits[ri] && tiers === lastTiers[ri] && charged === lastCharged[ri]) ch = lastCharge[ri]!;
          else {
            // The free share is charged nothing: the tiers see (1 − f) of the billed units.
            const paid = c.isOne(charged) ? u : c.mul(u, charged);
            ch = chargeTiers(c, tiers, scale ? c.mul(paid, volume) : paid);
            lastUnits[ri] = single;
            lastTiers[ri] = tiers;
            lastCharged[ri] = charged;
            lastCharge[ri] = ch;
          }
          tiered = ch;
          const p = r.passThrough[m]!;
          if (!c.isZero(p)) {
            if (single === null || single !== lastPtUnits[ri] || p !== lastPtRate[ri]) {
              lastPt[ri] = c.mul(u, p);
              lastPtUnits[ri] = single;
              lastPtRate[ri] = p;
            }
            pt = lastPt[ri]!;
          }
        }
      }
      if (parts.inbound && r.hasInbound) {
        const inb = r.inbound[m]!;
        const ip = r.inboundPassThrough[m]!;
        const iprice = r.inboundPrice[m]!;
        if (inb !== lastInbound[ri] || ip !== lastInboundRate[ri] || iprice !== lastInboundPrice[ri]) {
          lastInboundCharge[ri] = c.isZero(iprice) ? zero : c.mul(inb, iprice);
          lastInboundPt[ri] = c.isZero(ip) ? zero : c.mul(inb, ip);
          lastInbound[ri] = inb;
          lastInboundRate[ri] = ip;
          lastInboundPrice[ri] = iprice;
        }
        linear = lastInboundCharge[ri]!;
        pt = add0(c, pt, lastInboundPt[ri]!);
      }
      tieredOf[ri] = tiered;
      linearOf[ri] = linear;
      ptOf[ri] = pt;
    }
    const tiered = pairwiseSum(c, tieredOf);
    const linear = pairwiseSum(c, linearOf);
    const pt = pairwiseSum(c, ptOf);
    if (scale) {
      charge[m] = c.isZero(linear) ? tiered : c.add(tiered, c.mul(linear, volume));
      passThrough[m] = c.isZero(pt) ? pt : c.mul(pt, volume);
    } else {
      charge[m] = c.isZero(linear) ? tiered : c.add(tiered, linear);
      passThrough[m] = pt;
    }
  }
}
