/**
 * The Calc sheet: one row per vendor, quote route and month — the route's pooled billing units
 * (sent, or delivered or effective at each stream's rates), the tier charge on them, inbound
 * messages and their price, and the pass-through in force that month (dated changes, free share,
 * markup and carrier mix as MODEL.md v1.2 section 4 says). Amounts are in the quote's
 * currency before escalation, discount and FX (the Monthly sheet applies those).
 */
import type { Workspace } from '../../engine/types.js';
import type { AcrossRefs } from './across.js';
import { colLetter, fx, ref } from './cells.js';
import { COUNT, FACTOR, INTEGER, MONTH, priceFormat } from './formats.js';
import type { EvidenceRefs } from './evidence.js';
import type { InputRefs, MixRefs, RouteRefs } from './inputs.js';
import type { SheetWriter } from './sheet.js';
import type { Structure } from './structure.js';
import { VOLUME, type VolumeRefs } from './volume.js';

export const CALC = 'Calc';

/** Relative tolerance under which a unit count counts as on a volume tier's threshold (as float.ts). */
export const TIER_TOLERANCE = '(1-1E-12)';

export const CALC_COLS = {
  name: 2,
  month: 4,
  period: 5,
  sentUnits: 7,
  billedUnits: 8,
  tierCharge: 9,
  inbound: 10,
  inboundCharge: 11,
  ptRate: 12,
  inboundPtRate: 13,
  passThrough: 14,
  freeShare: 15,
  chargedUnits: 16,
  markup: 17,
} as const;

export interface CalcRefs {
  /** Row of (covered vendor, its route index, month), or undefined for an uncovered vendor. */
  rowOf(vendor: number, route: number, m: number): number;
}

/** The tier charge of U units (MODEL.md section 4) as a formula of the route's Inputs cells. */
export function tierFormula(r: Pick<RouteRefs, 'mode' | 'price' | 'tiers'>, u: string): string {
  if (r.mode === 'flat') return `${u}*${r.price}`;
  const t = r.tiers;
  if (r.mode === 'graduated') {
    return t.map((tier, i) => (i + 1 < t.length ? `${tier.price}*MAX(0,MIN(${u},${t[i + 1]!.from})-${tier.from})` : `${tier.price}*MAX(0,${u}-${tier.from})`)).join('+');
  }
  // Volume: every unit at the price of the tier holding the month's total (from_i < U <= from_(i+1)).
  let price = t[t.length - 1]!.price;
  for (let i = t.length - 2; i >= 0; i--) price = `IF(${u}*${TIER_TOLERANCE}<=${t[i + 1]!.from},${t[i]!.price},${price})`;
  return `${u}*${price}`;
}

/** The rate in force in the month of `period`: the latest change on or before it that sets the field. */
function scheduleFormula(base: string, changes: { from: string; value: string | null }[], period: string): string {
  let expr = base;
  for (const c of changes) if (c.value !== null) expr = `IF(${period}>=${c.from},${c.value},${expr})`;
  return expr;
}

/** The tier charge on `u` units with the price or tiers in force in the month of `period` (a change's price is flat; its tiers take the route's mode). */
export function chargeFormula(r: RouteRefs, u: string, period: string): string {
  return scheduleFormula(
    tierFormula(r, u),
    r.changes.map((c) => ({
      from: c.from,
      value: c.price !== null ? tierFormula({ mode: 'flat', price: c.price, tiers: [] }, u) : c.tiers !== null ? tierFormula({ mode: r.tierMode, price: null, tiers: c.tiers }, u) : null,
    })),
    period,
  );
}

/**
 * The pass-through rate in force (`field`: outbound or inbound): while a carrier mix is in force its
 * share-weighted sum, otherwise the route's own rate with its dated changes.
 */
export function passThroughFormula(r: RouteRefs, field: 'passThrough' | 'inboundPassThrough', period: string): string {
  const own = scheduleFormula(
    r[field],
    r.changes.map((c) => ({ from: c.from, value: c[field] })),
    period,
  );
  const blended = (m: MixRefs) => `SUMPRODUCT(${m.share},${m[field]})`;
  return scheduleFormula(
    r.mix ? blended(r.mix) : own,
    r.changes.map((c) => ({ from: c.from, value: c.mix === undefined ? null : c.mix === null ? own : blended(c.mix) })),
    period,
  );
}

export function calcSheet(s: SheetWriter, ws: Workspace, st: Structure, inp: InputRefs, vol: VolumeRefs, ev: EvidenceRefs, ac: AcrossRefs): CalcRefs {
  const h = ws.horizonMonths;
  s.title(
    'Route calculations per vendor and month',
    "In the quote currency, before escalator, discount and FX. Billed units are the sent units, or delivered or effective ones at each stream's rates (Evidence).",
  );
  s.widths([10, 24, 18, 7, 10, 9, 16, 16, 16, 14, 14, 14, 14, 16, 10, 16, 10]);
  const hr = s.header([
    'Vendor id',
    'Vendor',
    'Route',
    'Month',
    'Period',
    'Contract year',
    'Sent units',
    'Billed units',
    'Tier charge',
    'Inbound messages',
    'Inbound charge',
    'Pass-through rate',
    'Inbound pass-through rate',
    'Pass-through',
    'Free share',
    'Charged units',
    'Markup on pass-through',
  ]);
  s.freeze(hr + 1, 4);
  const starts = new Map<string, number>();
  const V = (col: number, m: number) => ref(VOLUME, col, vol.rowOf(m));
  for (const vi of st.vendors.filter((v) => v.covered).map((v) => v.index)) {
    const info = st.vendors[vi]!;
    const vr = inp.vendors[vi]!;
    const pf = priceFormat(info.vendor.quote.currency);
    info.routes.forEach((route, ri) => {
      starts.set(`${vi}:${ri}`, s.row);
      const rr = vr.routes[route.quoteIndex]!;
      const billedOn = info.vendor.quote.routes[route.quoteIndex]!.billedOn;
      for (let m = 1; m <= h; m++) {
        const r = s.row;
        const c = (col: number) => `${colLetter(col)}${r}`;
        // One stream: its own cells. Several: a SUMPRODUCT of the month's Volume row and the route's
        // pooled row on Evidence (and the vendor's rates there), whatever the number of streams.
        const one = route.streams.length === 1 ? route.streams[0]! : null;
        const pooled = ac.pooled(vi, ri)!;
        const units = one !== null ? V(vol.units[one]!, m) : null;
        const sentUnits = units ?? `SUMPRODUCT(${vol.unitsRow(m)},${pooled})`;
        const billed =
          billedOn === 'sent'
            ? c(CALC_COLS.sentUnits)
            : one !== null
              ? billedOn === 'delivered'
                ? `${units}*${ev[vi]![one]!.dr}`
                : `${units}*${ev[vi]![one]!.dr}*${ev[vi]![one]!.er}`
              : `SUMPRODUCT(${vol.unitsRow(m)},${pooled},${billedOn === 'delivered' ? ac.dr(vi) : ac.drEr(vi)})`;
        const inbound = one !== null ? V(vol.inbound[one]!, m) : `SUMPRODUCT(${vol.inboundRow(m)},${pooled})`;
        s.line([
          info.vendor.id,
          info.vendor.name || info.vendor.id,
          route.key,
          [m, INTEGER],
          [fx(V(vol.period, m)), MONTH],
          [fx(V(vol.year, m)), INTEGER],
          [fx(sentUnits), COUNT],
          [fx(billed), COUNT],
          // The tiers see the charged units: the billed ones less the free share (MODEL.md section 4).
          [fx(chargeFormula(rr, c(CALC_COLS.chargedUnits), c(CALC_COLS.period))), pf],
          [fx(inbound), COUNT],
          [
            fx(
              `${c(CALC_COLS.inbound)}*${scheduleFormula(
                rr.inboundPrice,
                rr.changes.map((x) => ({ from: x.from, value: x.inboundPrice })),
                c(CALC_COLS.period),
              )}`,
            ),
            pf,
          ],
          [fx(passThroughFormula(rr, 'passThrough', c(CALC_COLS.period))), pf],
          [fx(passThroughFormula(rr, 'inboundPassThrough', c(CALC_COLS.period))), pf],
          [fx(`(1+${c(CALC_COLS.markup)})*(${c(CALC_COLS.chargedUnits)}*${c(CALC_COLS.ptRate)}+${c(CALC_COLS.inbound)}*${c(CALC_COLS.inboundPtRate)})`), pf],
          [
            fx(
              scheduleFormula(
                rr.freeShare,
                rr.changes.map((x) => ({ from: x.from, value: x.freeShare })),
                c(CALC_COLS.period),
              ),
            ),
            FACTOR,
          ],
          [fx(`${c(CALC_COLS.billedUnits)}*(1-${c(CALC_COLS.freeShare)})`), COUNT],
          [
            fx(
              scheduleFormula(
                rr.markup,
                rr.changes.map((x) => ({ from: x.from, value: x.markup })),
                c(CALC_COLS.period),
              ),
            ),
            FACTOR,
          ],
        ]);
      }
    });
  }
  return {
    rowOf: (vi, ri, m) => {
      const start = starts.get(`${vi}:${ri}`);
      if (start === undefined) throw new Error(`no Calc rows for vendor ${vi} route ${ri}`);
      return start + m - 1;
    },
  };
}
