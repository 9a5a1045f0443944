/**
 * A vendor's plan: every stream matched to the most specific quote route (MODEL.md section 3),
 * streams pooled per route and rate group, route schedules, fees and commits in the base currency.
 */
import type { Decimal } from './decimal.js';
import { ModelError } from './errors.js';
import { fxOf } from './fx.js';
import { nonNegative, parseDec, vendorPath } from './input-checks.js';
import { vendorRates, type RateGroup, type StreamRate } from './rates.js';
import { memoSchedule } from './route-memo.js';
import { routeSchedule, type RoutePlan } from './route-schedule.js';
import { bestMatch, routeKey } from './routes.js';
import type { FeeCategory, FeeKind, Vendor } from './types.js';
import { sumSeries, type WorkspacePlan } from './volumes.js';

export interface FeePlan {
  name: string;
  kind: FeeKind;
  category: FeeCategory;
  amount: Decimal;
  quantity: Decimal;
  month: number;
  /** contacts a contact-month fee does not charge for */ included: Decimal;
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

export function planVendor(plan: WorkspacePlan, vendor: Vendor, vi: number): VendorPlan {
  const ws = plan.ws;
  const path = vendorPath(vi);
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
          // The same route content gives the very same schedule (route-memo.ts): what did not change is kept.
          ...memoSchedule(plan.memo, r, () => routeSchedule(plan, r, rpath)),
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
