/**
 * The Inputs sheet: every number the model takes, as entered (settings, FX with dates, streams and
 * their benefits, quotes, routes, tiers, pass-through changes, fees, internal costs, pilots, channel
 * defaults). Every other sheet's formulas point here; the cells a reviewer may change are shaded.
 */
import { minorUnitDigits } from '../../engine/round.js';
import { routeKey } from '../../engine/routes.js';
import { Z975 } from '../../engine/stats.js';
import { CHANNELS, PRICE_CHANGE_FIELDS, type CarrierShare, type Channel, type FeeCategory, type FeeKind, type PriceChange, type Tier, type TierMode, type Workspace } from '../../engine/types.js';
import { addr, fx, monthSerial, num, ref } from './cells.js';
import { COUNT, FACTOR, HOURS, INTEGER, MONTH, moneyFormat, priceFormat } from './formats.js';
import type { Names } from './names.js';
import type { SheetWriter } from './sheet.js';
import type { Structure } from './structure.js';

export const INPUTS = 'Inputs';
const PCT = '0.00##%';

/** A carrier mix's rows on Inputs: the shares and the fees, as ranges of one column each. */
export interface MixRefs {
  share: string;
  passThrough: string;
  inboundPassThrough: string;
}

export interface TierRefs {
  from: string;
  price: string;
}

/** A dated change (MODEL.md section 4, v1.2): the cells of the fields it sets (null: it leaves that field as it is). */
export interface ChangeRefs {
  from: string;
  /** A flat price, or tiers (priced by the route's tier mode): at most one of the two. */
  price: string | null;
  tiers: TierRefs[] | null;
  inboundPrice: string | null;
  passThrough: string | null;
  inboundPassThrough: string | null;
  markup: string | null;
  /** undefined: the mix is left as it is; null: the mix ends. */
  mix: MixRefs | null | undefined;
  freeShare: string | null;
}

export interface RouteRefs {
  mode: TierMode | 'flat';
  /** The route's tier mode, which its changes' tiers are priced by too. */
  tierMode: TierMode;
  price: string | null;
  tiers: TierRefs[];
  inboundPrice: string;
  passThrough: string;
  inboundPassThrough: string;
  markup: string;
  freeShare: string;
  mix: MixRefs | null;
  /** In date order. */
  changes: ChangeRefs[];
}

export interface FeeRefs {
  kind: FeeKind;
  category: FeeCategory;
  amount: string;
  fx: string;
  quantity: string;
  month: string;
  /** Contacts a per-contact fee does not charge for. */
  included: string;
}

export interface PilotRefs {
  sent: string;
  delivered: string;
  engaged: string | null;
}

export interface VendorRefs {
  fx: string;
  escalator: string;
  discount: string;
  monthlyCommit: string;
  annualCommit: string;
  setupHours: string;
  monthlyHours: string;
  monthlyOther: string;
  remediation: string;
  routes: RouteRefs[];
  fees: FeeRefs[];
  pilots: PilotRefs[];
}

export interface StreamRefs {
  volume: string;
  growth: string;
  /** v1.2: growth compounding every month (one of the two growths is 0). */
  monthlyGrowth: string;
  /** The 12 seasonality factors, January first (a one-row range). */
  season: string;
  inboundPerOutbound: string;
  segments: string | null;
  active: string | null;
  contactGrowth: string;
  valuePerConversion: string | null;
  conversionRate: string | null;
  holdout: { x1: string; n1: string; x0: string; n0: string } | null;
  deflected: string | null;
  costPerContact: string | null;
  risk: string | null;
}

export interface InputRefs {
  start: string;
  discountRate: string;
  hourlyRate: string;
  riskAdjustment: string;
  minorUnits: string;
  z: string;
  fx: Map<string, string>;
  defaults: Map<Channel, { dr: string | null; er: string | null }>;
  streams: StreamRefs[];
  /** Column ranges of the stream tables (for SUMPRODUCTs whose length must not grow with streams); null without streams. */
  streamColumns: { active: string; contactGrowth: string; risk: string } | null;
  vendors: VendorRefs[];
}

const optional = (x: string | number | null | undefined): number | undefined => (x === null || x === undefined ? undefined : num(x));

export function inputsSheet(s: SheetWriter, ws: Workspace, st: Structure, names: Names): InputRefs {
  const base = ws.baseCurrency;
  const money = moneyFormat(base);
  s.widths([24, 26, 14, 14, 14, 16, 16, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 16, 16, 14]);
  const R = (col: number) => ref(INPUTS, col, s.row);
  const name = (parts: (string | number)[], col: number) => names.add(parts, INPUTS, addr(col, s.row));
  s.title(
    `Inputs — ${ws.name || 'workspace'}`,
    'Every number the model takes, as entered. Shaded cells are inputs: change one and every other sheet follows. Unshaded values are for the record and change nothing here: ' +
      'a vendor that leaves a stream uncovered (no totals), a route no stream uses, a rate or pilot no covered vendor needs, fields a fee of that kind ignores, a benefit without what it needs. ' +
      'Blank cells are not inputs: fill them in the app and export again.',
  );
  // What the model reads: a vendor with totals, the quote routes its streams use, the currencies
  // its quote and fees are in, the channel defaults its streams take (no pilot on the route) and the
  // pilots that give its rates.
  const live = st.vendors.map((v) => v.covered);
  const liveRoutes = st.vendors.map((v) => new Set(v.covered ? v.routes.map((x) => x.quoteIndex) : []));
  const routeLive = (vi: number, qi: number) => liveRoutes[vi]!.has(qi);
  const liveCurrencies = new Set<string>();
  const liveDefaults = { dr: new Set<Channel>(), er: new Set<Channel>() };
  const livePilots = st.vendors.map(() => new Set<number>());
  for (const { covered, vendor, rates, index: vi } of st.vendors) {
    if (!covered) continue;
    liveCurrencies.add(vendor.quote.currency);
    for (const f of vendor.quote.fees) liveCurrencies.add(f.currency ?? vendor.quote.currency);
    for (const src of rates) {
      if (!src) continue;
      if (src.pilots.length === 0) liveDefaults.dr.add(src.channel);
      if (src.engagedPilots === null) liveDefaults.er.add(src.channel);
      for (const p of [...src.pilots, ...(src.engagedPilots ?? [])]) livePilots[vi]!.add(p);
    }
  }
  s.freeze(2);

  // Settings
  s.section('Settings');
  s.header(['Setting', 'Value', 'Note']);
  s.line(['Workspace', ws.name]);
  s.line(['Base currency', base, 'money below is in this currency unless a column names another']);
  name(['MinorUnits'], 2);
  const minorUnits = R(2);
  s.line(['Minor unit digits', [minorUnitDigits(base), INTEGER], 'ISO 4217: totals are rounded to this many decimals']);
  name(['StartMonth'], 2);
  const start = R(2);
  s.line(['Start month', [monthSerial(ws.startMonth), MONTH, true], 'month 1 of the horizon; seasonality and pass-through changes follow its calendar']);
  name(['Horizon'], 2);
  s.line(['Horizon (months)', [ws.horizonMonths, INTEGER], 'the monthly rows are laid out for this many months (structural)']);
  name(['DiscountRate'], 2);
  const discountRate = R(2);
  s.line(['Discount rate (annual)', [num(ws.discountRate), PCT, true], 'DF(m) = (1 + r)^(-m/12)']);
  name(['HourlyRate'], 2);
  const hourlyRate = R(2);
  s.line(['Hourly rate', [num(ws.hourlyRate), money, true], 'internal labour']);
  name(['RiskAdjustment'], 2);
  const riskAdjustment = R(2);
  s.line(['Risk adjustment', [num(ws.riskAdjustment), PCT, true], 'benefits are multiplied by (1 - this)']);
  name(['ZCritical'], 2);
  const z = R(2);
  s.line(['z for 95% intervals', [Z975, '0.000000000000000'], 'the exact normal quantile z(0.975), for the Newcombe intervals']);

  // FX
  s.section('FX rates', `Base-currency value of one unit of each currency, with the date it was taken. ${base} is 1.`);
  s.header(['Currency', `Rate (${base} per unit)`, 'As of']);
  const fxRefs = new Map<string, string>();
  fxRefs.set(base, R(2));
  name(['FX', base], 2);
  s.line([base, [1, FACTOR], '(base currency)']);
  for (const f of ws.fx) {
    if (f.currency === base || fxRefs.has(f.currency)) continue;
    fxRefs.set(f.currency, R(2));
    name(['FX', f.currency], 2);
    s.line([f.currency, [num(f.rate), FACTOR, liveCurrencies.has(f.currency)], f.asOf ?? '']);
  }

  // Channel defaults
  s.section('Channel defaults (assumed rates)', 'Used where a vendor has no pilot on a route; such routes are marked "assumed".');
  s.header(['Channel', 'Delivery rate', 'Engagement rate']);
  const defaults = new Map<Channel, { dr: string | null; er: string | null }>();
  for (const c of CHANNELS) {
    const d = ws.defaults[c];
    if (!d) continue;
    defaults.set(c, { dr: d.deliveryRate === null ? null : R(2), er: d.engagementRate === null ? null : R(3) });
    s.line([c, [optional(d.deliveryRate), PCT, liveDefaults.dr.has(c)], [optional(d.engagementRate), PCT, liveDefaults.er.has(c)]]);
  }

  // Streams
  s.section(
    'Streams',
    'Outbound messages out(m) = monthly volume x (1 + annual growth)^(year - 1) x (1 + monthly growth)^(month - 1) x seasonality of the calendar month (one of the two growths is 0).',
  );
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  s.header([
    'Stream id',
    'Name',
    'Channel',
    'Country',
    'Class',
    'Route',
    'Monthly volume (year 1)',
    'Annual growth',
    ...months.map((m) => `Season ${m}`),
    'Inbound per outbound',
    'Segments per message',
    'Segments from',
    'Monthly active contacts',
    'Contact growth',
    'Monthly growth',
  ]);
  const streamFirst = s.row;
  const streamRefs: StreamRefs[] = ws.streams.map((x, i) => {
    const info = st.streams[i]!;
    name(['Volume', x.id], 7);
    name(['Growth', x.id], 8);
    const r: StreamRefs = {
      volume: R(7),
      growth: R(8),
      monthlyGrowth: R(26),
      season: `${INPUTS}!${addr(9, s.row)}:${addr(20, s.row)}`,
      inboundPerOutbound: R(21),
      segments: info.isSms ? R(22) : null,
      active: x.monthlyActive === null ? null : R(24),
      contactGrowth: R(25),
      valuePerConversion: null,
      conversionRate: null,
      holdout: null,
      deflected: null,
      costPerContact: null,
      risk: null,
    };
    const season = x.seasonality ? x.seasonality.map(num) : new Array<number>(12).fill(1);
    const segFrom = !info.isSms ? '' : info.segmentsEntered ? 'entered' : info.template ? `template: ${info.template.segments} (${info.template.encoding})` : '';
    s.line([
      x.id,
      x.name,
      x.channel,
      x.country ?? '',
      x.class ?? '',
      info.key,
      [num(x.monthlyVolume), COUNT, true],
      [num(x.annualGrowth), PCT, true],
      ...season.map((v): [number, string, boolean] => [v, FACTOR, true]),
      [num(x.inboundPerOutbound), FACTOR, true],
      info.isSms ? [info.segments!.toNumber(), FACTOR, true] : 'n/a',
      segFrom,
      [optional(x.monthlyActive), COUNT, true],
      [num(x.contactGrowth), PCT, x.monthlyActive !== null], // grows its active contacts; nothing without them
      [num(x.monthlyGrowth), PCT, true],
    ]);
    return r;
  });

  const streamLast = s.row - 1;

  // Stream benefits
  s.section('Stream benefits', 'Incremental conversions per delivered message = holdout absolute lift / DR of the holdout vendor (or an entered rate); a holdout wins over an entered rate.');
  s.header([
    'Stream id',
    'Stream',
    'Route',
    'Value per conversion',
    'Entered conversion rate',
    'Holdout: exposed converted',
    'Exposed messages',
    'Holdout converted',
    'Holdout members',
    'Holdout vendor',
    'Deflected contacts per delivered',
    'Cost per contact',
    'Risk reduction per year',
  ]);
  const benefitFirst = s.row;
  ws.streams.forEach((x, i) => {
    const b = x.benefits;
    const r = streamRefs[i]!;
    if (b.valuePerConversion !== null) r.valuePerConversion = R(4);
    if (b.conversionRate !== null && !b.holdout) r.conversionRate = R(5);
    if (b.holdout) r.holdout = { x1: R(6), n1: R(7), x0: R(8), n0: R(9) };
    if (b.deflectedPerDelivered !== null) r.deflected = R(11);
    if (b.costPerContact !== null) r.costPerContact = R(12);
    if (b.riskReductionPerYear !== null) r.risk = R(13);
    s.line([
      x.id,
      x.name || x.id,
      st.streams[i]!.key,
      // A value per conversion needs a rate; an entered rate gives way to a holdout; deflection needs both of its numbers.
      [optional(b.valuePerConversion), money, st.streams[i]!.hasIncremental],
      [optional(b.conversionRate), '0.0000####', !b.holdout],
      [b.holdout?.exposed[0], INTEGER, true],
      [b.holdout?.exposed[1], INTEGER, true],
      [b.holdout?.holdout[0], INTEGER, true],
      [b.holdout?.holdout[1], INTEGER, true],
      b.holdout ? (b.holdout.vendor ?? '(each vendor its own DR)') : '',
      [optional(b.deflectedPerDelivered), '0.0000####', st.streams[i]!.hasDeflection],
      [optional(b.costPerContact), money, st.streams[i]!.hasDeflection],
      [optional(b.riskReductionPerYear), money, true],
    ]);
  });

  const benefitLast = s.row - 1;
  const column = (col: number, first: number, last: number) => `${INPUTS}!${addr(col, first)}:${addr(col, last)}`;
  const streamColumns = ws.streams.length ? { active: column(24, streamFirst, streamLast), contactGrowth: column(25, streamFirst, streamLast), risk: column(13, benefitFirst, benefitLast) } : null;

  // Quotes
  const vendorRefs: VendorRefs[] = [];
  s.section('Quotes', 'Escalator: vendor prices x (1 + e)^(year - 1). Discount: usage only. Commits are in the quote currency, never escalated or discounted.');
  s.header(['Vendor id', 'Name', 'Currency', `FX to ${base}`, 'Escalator', 'Discount', 'Minimum monthly commit', 'Minimum annual commit']);
  for (const [vi, v] of ws.vendors.entries()) {
    const q = v.quote;
    const on = live[vi]!;
    const cur = q.currency;
    const vr: VendorRefs = {
      fx: R(4),
      escalator: R(5),
      discount: R(6),
      monthlyCommit: R(7),
      annualCommit: R(8),
      setupHours: '',
      monthlyHours: '',
      monthlyOther: '',
      remediation: '',
      routes: [],
      fees: [],
      pilots: [],
    };
    name(['Escalator', v.id], 5);
    name(['Discount', v.id], 6);
    name(['MonthlyCommit', v.id], 7);
    name(['AnnualCommit', v.id], 8);
    s.line([
      v.id,
      v.name,
      cur,
      [fx(`${fxRefs.get(cur) ?? '#N/A'}`), FACTOR],
      [num(q.escalator), PCT, on],
      [num(q.discount), PCT, on],
      [num(q.minimumMonthlyCommit), moneyFormat(cur), on],
      [num(q.minimumAnnualCommit), moneyFormat(cur), on],
    ]);
    vendorRefs.push(vr);
  }

  // Internal costs
  s.section('Internal costs', `In ${base}: setup hours in month 1, monthly hours and other cost every month, remediation per failed message.`);
  s.header(['Vendor id', 'Vendor', 'Setup hours', 'Monthly hours', 'Monthly other', 'Remediation per failure']);
  ws.vendors.forEach((v, vi) => {
    const vr = vendorRefs[vi]!;
    vr.setupHours = R(3);
    vr.monthlyHours = R(4);
    vr.monthlyOther = R(5);
    vr.remediation = R(6);
    const n = v.internal;
    const on = live[vi]!;
    s.line([v.id, v.name || v.id, [num(n.setupHours), HOURS, on], [num(n.monthlyHours), HOURS, on], [num(n.monthlyOther), money, on], [num(n.remediationPerFailure), priceFormat(base), on]]);
  });

  // Routes
  s.section(
    'Routes',
    'Prices per billed unit in the quote currency (SMS bills segments). A flat price is one tier from 0; tiered routes are priced on the Tiers below. The free share of billed units is charged nothing; pass-through is billed x (1 + markup); a carrier mix (below) sets the pass-through while it is in force.',
  );
  s.header([
    'Vendor id',
    'Vendor',
    'Route #',
    'Route',
    'Pricing',
    'Billed on',
    'Price',
    'Inbound price',
    'Pass-through',
    'Inbound pass-through',
    'Prices streams',
    'Markup on pass-through',
    'Free share',
    'Carrier mix',
  ]);
  // Dated changes in date order per route (priceChanges and v1.1's passThroughChanges, one list).
  const sortedChanges = ws.vendors.map((v) =>
    v.quote.routes.map((r) =>
      [...r.priceChanges, ...(r.passThroughChanges ?? []).map((c) => c as PriceChange)]
        .map((c, j) => ({ c, j }))
        .sort((a, b) => monthSerial(a.c.from) - monthSerial(b.c.from) || a.j - b.j)
        .map((x) => x.c),
    ),
  );
  // The route's own pass-through is read only while no carrier mix is in force: without a mix, or once a change ends it.
  const ownPassThroughRead = (vi: number, qi: number) => {
    const r = ws.vendors[vi]!.quote.routes[qi]!;
    return !r.carrierMix || sortedChanges[vi]![qi]!.some((c) => c.carrierMix === null);
  };
  ws.vendors.forEach((v, vi) => {
    const vr = vendorRefs[vi]!;
    const pf = priceFormat(v.quote.currency);
    const info = st.vendors[vi]!;
    v.quote.routes.forEach((r, qi) => {
      const tiered = !!(r.tiers && r.tiers.length > 0);
      const used = info.routes.find((x) => x.quoteIndex === qi);
      const on = routeLive(vi, qi);
      const ptOn = on && ownPassThroughRead(vi, qi);
      if (!tiered) name(['Price', v.id, qi + 1], 7);
      name(['PassThrough', v.id, qi + 1], 9);
      vr.routes.push({
        mode: tiered ? r.tierMode : 'flat',
        tierMode: r.tierMode,
        price: tiered ? null : R(7),
        tiers: [],
        inboundPrice: R(8),
        passThrough: R(9),
        inboundPassThrough: R(10),
        markup: R(12),
        freeShare: R(13),
        mix: null,
        changes: [],
      });
      s.line([
        v.id,
        v.name || v.id,
        qi + 1,
        routeKey(r),
        tiered ? `${r.tierMode} tiers` : 'flat',
        r.billedOn,
        tiered ? 'see Tiers' : [optional(r.price), pf, on],
        [num(r.inboundPrice), pf, on],
        [num(r.passThrough), pf, ptOn],
        [num(r.inboundPassThrough), pf, ptOn],
        used ? used.streams.map((i) => ws.streams[i]!.name || ws.streams[i]!.id).join(', ') : '(no stream uses it)',
        [num(r.passThroughMarkup), PCT, on],
        [num(r.freeShare), PCT, on],
        r.carrierMix ? 'see Carrier mixes' : '',
      ]);
    });
  });

  // Dated changes
  s.section(
    'Dated changes',
    'From its calendar month on (a month before the start: from month 1), a change sets the fields it names; blank fields keep their value. A price replaces the tiers and tiers replace a price.',
  );
  s.header(['Vendor id', 'Vendor', 'Route #', 'Route', 'From month', 'Price', 'Tiers', 'Inbound price', 'Pass-through', 'Inbound pass-through', 'Markup on pass-through', 'Carrier mix', 'Free share']);
  ws.vendors.forEach((v, vi) => {
    const pf = priceFormat(v.quote.currency);
    v.quote.routes.forEach((r, qi) => {
      const rr = vendorRefs[vi]!.routes[qi]!;
      const on = routeLive(vi, qi);
      const ptOn = on && ownPassThroughRead(vi, qi);
      for (const c of sortedChanges[vi]![qi]!) {
        const has = (x: unknown) => x !== undefined;
        rr.changes.push({
          from: R(5),
          price: has(c.price) ? R(6) : null,
          tiers: has(c.tiers) ? [] : null,
          inboundPrice: has(c.inboundPrice) ? R(8) : null,
          passThrough: has(c.passThrough) ? R(9) : null,
          inboundPassThrough: has(c.inboundPassThrough) ? R(10) : null,
          markup: has(c.passThroughMarkup) ? R(11) : null,
          mix: c.carrierMix === undefined ? undefined : null,
          freeShare: has(c.freeShare) ? R(13) : null,
        });
        // A change that names no field changes nothing: its month is read by no formula.
        const sets = PRICE_CHANGE_FIELDS.some((f) => c[f] !== undefined && !((f === 'passThrough' || f === 'inboundPassThrough') && !ptOn));
        s.line([
          v.id,
          v.name || v.id,
          qi + 1,
          routeKey(r),
          [monthSerial(c.from), MONTH, on && sets],
          [optional(c.price), pf, on],
          c.tiers ? 'see Tiers' : '',
          [optional(c.inboundPrice), pf, on],
          [optional(c.passThrough), pf, ptOn],
          [optional(c.inboundPassThrough), pf, ptOn],
          [optional(c.passThroughMarkup), PCT, on],
          c.carrierMix === undefined ? '' : c.carrierMix === null ? 'ends' : 'see Carrier mixes',
          [optional(c.freeShare), PCT, on],
        ]);
      }
    });
  });

  // Tiers
  s.section(
    'Tiers',
    "Tier i covers units from_i + 1 .. from_(i+1) of the month. Graduated: each unit at its own tier; volume: every unit at the tier of the month's total. Tiers a dated change sets apply from its month.",
  );
  s.header(['Vendor id', 'Vendor', 'Route #', 'Route', 'Tier #', 'From (units)', 'Price', 'Applies']);
  const tierRows = (vi: number, qi: number, tiers: Tier[], into: TierRefs[], applies: string, nameIt: boolean) => {
    const v = ws.vendors[vi]!;
    const pf = priceFormat(v.quote.currency);
    const on = routeLive(vi, qi);
    tiers.forEach((t, ti) => {
      if (nameIt) name(['TierPrice', v.id, qi + 1, ti + 1], 7);
      into.push({ from: R(6), price: R(7) });
      // The first tier starts at 0 by the format: not an input.
      s.line([v.id, v.name || v.id, qi + 1, routeKey(v.quote.routes[qi]!), ti + 1, [num(t.from), COUNT, on && ti > 0], [num(t.price), pf, on], applies]);
    });
  };
  ws.vendors.forEach((v, vi) => {
    v.quote.routes.forEach((r, qi) => {
      const rr = vendorRefs[vi]!.routes[qi]!;
      if (r.tiers && r.tiers.length > 0) tierRows(vi, qi, r.tiers, rr.tiers, 'from the start', true);
      sortedChanges[vi]![qi]!.forEach((c, k) => {
        if (c.tiers) tierRows(vi, qi, c.tiers, rr.changes[k]!.tiers!, `from ${c.from}`, false);
      });
    });
  });

  // Carrier mixes
  s.section('Carrier mixes', "While a mix is in force its share-weighted fees are the route's pass-through and inbound pass-through (the shares add up to 100%).");
  s.header(['Vendor id', 'Vendor', 'Route #', 'Route', 'Applies', 'Carrier', 'Share', 'Pass-through', 'Inbound pass-through']);
  const mixRows = (vi: number, qi: number, mix: CarrierShare[], applies: string): MixRefs => {
    const v = ws.vendors[vi]!;
    const pf = priceFormat(v.quote.currency);
    const on = routeLive(vi, qi);
    const first = s.row;
    for (const c of mix)
      s.line([v.id, v.name || v.id, qi + 1, routeKey(v.quote.routes[qi]!), applies, c.carrier, [num(c.share), PCT, on], [num(c.passThrough), pf, on], [num(c.inboundPassThrough), pf, on]]);
    const last = s.row - 1;
    const col = (n: number) => `${INPUTS}!${addr(n, first)}:${addr(n, last)}`;
    return { share: col(7), passThrough: col(8), inboundPassThrough: col(9) };
  };
  ws.vendors.forEach((v, vi) => {
    v.quote.routes.forEach((r, qi) => {
      const rr = vendorRefs[vi]!.routes[qi]!;
      if (r.carrierMix) rr.mix = mixRows(vi, qi, r.carrierMix, 'from the start');
      sortedChanges[vi]![qi]!.forEach((c, k) => {
        if (c.carrierMix) rr.changes[k]!.mix = mixRows(vi, qi, c.carrierMix, `from ${c.from}`);
      });
    });
  });

  // Fees
  s.section('Fees', 'Recurring, seat and per-contact fees are escalated; a once fee falls in its month (outside the horizon: not counted).');
  s.header(['Vendor id', 'Vendor', 'Fee #', 'Name', 'Per', 'Category', 'Amount', 'Currency', `FX to ${base}`, 'Quantity', 'Month (once)', 'Contacts included']);
  ws.vendors.forEach((v, vi) => {
    v.quote.fees.forEach((f, j) => {
      const cur = f.currency ?? v.quote.currency;
      name(['Fee', v.id, j + 1], 7);
      vendorRefs[vi]!.fees.push({ kind: f.per, category: f.category, amount: R(7), fx: R(9), quantity: R(10), month: R(11), included: R(12) });
      s.line([
        v.id,
        v.name || v.id,
        j + 1,
        f.name,
        f.per,
        f.category,
        [num(f.amount), moneyFormat(cur), live[vi]],
        cur,
        [fx(`${fxRefs.get(cur) ?? '#N/A'}`), FACTOR],
        [num(f.quantity), COUNT, live[vi] && f.per === 'seat-month'],
        [f.month, INTEGER, live[vi] && f.per === 'once'],
        [num(f.included), COUNT, live[vi] && f.per === 'contact-month'],
      ]);
    });
  });

  // Pilots
  s.section('Pilots', 'Counts per vendor and route; several pilots on one route are added together.');
  s.header(['Vendor id', 'Vendor', 'Pilot #', 'Route', 'Sent', 'Delivered', 'Engaged', 'Converted', 'Opted out', 'Complained', 'Failed (all reasons)']);
  ws.vendors.forEach((v, vi) => {
    v.pilots.forEach((p, j) => {
      const on = livePilots[vi]!.has(j);
      vendorRefs[vi]!.pilots.push({ sent: R(5), delivered: R(6), engaged: p.engaged === null ? null : R(7) });
      const failed = Object.values(p.failed).reduce((a, b) => a + b, 0);
      s.line([
        v.id,
        v.name || v.id,
        j + 1,
        routeKey(p),
        [p.sent, INTEGER, on],
        [p.delivered, INTEGER, on],
        [p.engaged ?? undefined, INTEGER, on],
        [p.converted ?? undefined, INTEGER],
        [p.optedOut ?? undefined, INTEGER],
        [p.complained ?? undefined, INTEGER],
        [failed, INTEGER],
      ]);
    });
  });

  return { start, discountRate, hourlyRate, riskAdjustment, minorUnits, z, fx: fxRefs, defaults, streams: streamRefs, streamColumns, vendors: vendorRefs };
}
