/**
 * Why the winner wins (issue 14, item 6; the method is written in README.md, "Why the winner wins").
 *
 * For the two vendors cheapest per effective message, the winner W (`result.cheapest`) and the
 * runner-up R, the gap `CPE_R − CPE_W` (nominal TCO ÷ effective messages, MODEL.md section 7) is
 * split into eight effects that add up to it exactly:
 *
 * - six cost effects, one a category of nominal TCO, each measured at W's effective messages:
 *   `(C_R,i − C_W,i) / E_W` (price = usage, pass-through, fees, commits = commit true-up, internal,
 *   remediation). Together they are `(C_R − C_W) / E_W`;
 * - two rate effects, what R's own count of effective messages does to R's whole cost,
 *   `C_R · (1/E_R − 1/E_W)`, split by changing one rate at a time (delivery first):
 *   delivery `C_R · (D_W/D_R − 1) / E_W` (R's delivered count at W's engagement rate),
 *   engagement `C_R / E_R − C_R · D_W / (D_R · E_W)` (then R's own engagement rate).
 *
 * The sum telescopes to the gap. Decimal division rounds, so the seven first effects are rounded
 * to the gap's last decimal place and the engagement effect is the gap less them: equal to its
 * formula to ~1e-33 of the gap, and the eight sum (in enough digits) to exactly the gap. `shown` rounds the gap to 4 significant digits (whole units from 1,000) and the parts to the same decimal
 * places by the largest remainder, so the parts shown add up to the gap shown.
 */
import { Decimal, ZERO } from './decimal.js';
import type { ByCategory, Category } from './evaluate.js';

export const GAP_EFFECTS = ['price', 'passThrough', 'fees', 'commits', 'internal', 'remediation', 'deliveryRate', 'engagementRate'] as const;
export type GapEffect = (typeof GAP_EFFECTS)[number];

/** The TCO category each cost effect is measured on. */
export const EFFECT_CATEGORY: Record<Exclude<GapEffect, 'deliveryRate' | 'engagementRate'>, Category> = {
  price: 'usage',
  passThrough: 'passThrough',
  fees: 'fees',
  commits: 'commitTrueUp',
  internal: 'internal',
  remediation: 'remediation',
};

/** What one covered vendor brings to the comparison. */
export interface GapVendor {
  id: string;
  nominal: ByCategory;
  tcoNominal: Decimal;
  tcoNpv: Decimal;
  delivered: Decimal;
  effective: Decimal;
  /** Nominal TCO ÷ effective messages, or null without effective messages. */
  costPerEffective: Decimal | null;
}

export type Comparison = 'lower' | 'equal' | 'higher';

/**
 * Why no waterfall: `gap` there is one; `tie` W and R cost the same per effective message;
 * `oneVendor` only W has effective messages among the covered vendors; `noEffective` none has.
 */
export type WhyKind = 'gap' | 'tie' | 'oneVendor' | 'noEffective';

export interface Why {
  kind: WhyKind;
  winner: string | null;
  runnerUp: string | null;
  /** W's TCO against R's, nominal and present value (null without a runner-up). */
  tco: { nominal: Comparison; npv: Comparison } | null;
  /** W wins per effective message although its nominal TCO is higher: delivery and engagement decide. */
  perEffectiveOnly: boolean;
  /** CPE_R − CPE_W (≥ 0), null without a runner-up. */
  gap: Decimal | null;
  /** The eight effects, adding up exactly to the gap (null unless kind is `gap`). */
  parts: Record<GapEffect, Decimal> | null;
  /** The gap to 4 significant digits and the parts to the same decimal places, adding up to it. */
  shown: { decimals: number; gap: Decimal; parts: Record<GapEffect, Decimal> } | null;
  /** Today's outbound messages a month: Σ streams' monthly volume (break-even multiplier 1). */
  monthlyVolume: Decimal;
}

const compare = (a: Decimal, b: Decimal): Comparison => (a.lt(b) ? 'lower' : a.gt(b) ? 'higher' : 'equal');

/** The runner-up: the lowest cost per effective message after W's, first in document order on a tie. */
function runnerUp(vendors: readonly GapVendor[], winner: string): GapVendor | null {
  let best: GapVendor | null = null;
  for (const v of vendors) {
    if (v.id === winner || v.costPerEffective === null) continue;
    if (best === null || v.costPerEffective.lt(best.costPerEffective!)) best = v;
  }
  return best;
}

/**
 * Wide decimals for the split: the parts sit on the gap's last decimal place and can be larger than
 * the gap, so their sum needs more than the engine's 34 digits to be exact.
 */
const Wide = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_UP });
type Wide = InstanceType<typeof Wide>;
const wide = (x: Decimal): Wide => new Wide(x.toString());
// A Decimal is not rounded when it is made, only by arithmetic: the wide value is kept whole.
const narrow = (x: Wide): Decimal => new Decimal(x.toString());

/**
 * The exact split of the gap (W, R with effective messages). The gap is CPE_R − CPE_W as the
 * engine's decimals give them; the seven first parts are their formulas rounded to the gap's last
 * decimal place (an error below 1e-33 of the gap), the engagement effect is the remainder, so the
 * eight add up to the gap to its last digit.
 */
export function splitGap(w: GapVendor, r: GapVendor): { gap: Decimal; parts: Record<GapEffect, Decimal> } {
  const gap = r.costPerEffective!.minus(w.costPerEffective!);
  const places = gap.decimalPlaces();
  const ew = wide(w.effective);
  const q = (x: Wide) => x.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  const cost = Object.fromEntries(
    (Object.keys(EFFECT_CATEGORY) as (keyof typeof EFFECT_CATEGORY)[]).map((e) => {
      const c = EFFECT_CATEGORY[e];
      return [e, q(wide(r.nominal[c]).minus(wide(w.nominal[c])).div(ew))];
    }),
  ) as Record<keyof typeof EFFECT_CATEGORY, Wide>;
  const deliveryRate = q(
    wide(r.tcoNominal)
      .times(wide(w.delivered).div(wide(r.delivered)).minus(1))
      .div(ew),
  );
  const others = Object.values(cost).reduce((a, b) => a.plus(b), deliveryRate);
  // = C_R/E_R − C_R·D_W/(D_R·E_W) to the gap's last place; the remainder keeps the sum exact.
  const engagementRate = wide(gap).minus(others);
  const parts = Object.fromEntries(Object.entries({ ...cost, deliveryRate, engagementRate }).map(([k, v]) => [k, narrow(v)])) as Record<GapEffect, Decimal>;
  return { gap, parts };
}

/** The engagement effect by its own formula (for tests: the remainder must agree with it). */
export function engagementFormula(w: GapVendor, r: GapVendor): Decimal {
  return r.tcoNominal.div(r.effective).minus(r.tcoNominal.times(w.delivered).div(r.delivered.times(w.effective)));
}

/**
 * Round for display so the parts add up to the gap as shown: the gap to 4 significant digits
 * (half away from zero; to the whole unit from 1,000 up), every part to the same decimal places by the largest remainder (each part
 * is floored, then the units still missing go one each to the largest remainders, ties in the order
 * of GAP_EFFECTS).
 */
export function roundParts(gap: Decimal, parts: Record<GapEffect, Decimal>): { decimals: number; gap: Decimal; parts: Record<GapEffect, Decimal> } {
  // 4 significant digits fix the decimal places; from 1,000 up the gap is shown to the whole unit.
  const fourDigits = gap.toSignificantDigits(4, Decimal.ROUND_HALF_UP);
  const decimals = fourDigits.isZero() ? 4 : Math.max(0, 3 - fourDigits.e);
  const scale = new Wide(10).pow(decimals);
  const target = wide(gap).times(scale).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  const scaled = GAP_EFFECTS.map((e) => wide(parts[e]).times(scale));
  const floors = scaled.map((x) => x.floor());
  let missing = floors.reduce((a, b) => a.minus(b), target).toNumber();
  const order = GAP_EFFECTS.map((_, i) => i).sort((a, b) => scaled[b]!.minus(floors[b]!).cmp(scaled[a]!.minus(floors[a]!)) || a - b);
  const units = [...floors];
  // Σ floors ≤ the exact gap < target + 1/2 and target < the exact gap + 1/2 + 8: 0..8 units to give.
  for (const i of order) {
    if (missing <= 0) break;
    units[i] = units[i]!.plus(1);
    missing -= 1;
  }
  return {
    decimals,
    gap: narrow(target.div(scale)),
    parts: Object.fromEntries(GAP_EFFECTS.map((e, i) => [e, narrow(units[i]!.div(scale))])) as Record<GapEffect, Decimal>,
  };
}

/** Why the winner wins: W against the runner-up, over the covered vendors (those with totals). */
export function whyTheWinner(covered: readonly GapVendor[], winner: string | null, monthlyVolume: Decimal): Why {
  const none = { runnerUp: null, tco: null, perEffectiveOnly: false, gap: null, parts: null, shown: null, monthlyVolume };
  const w = winner === null ? undefined : covered.find((v) => v.id === winner);
  if (!w || w.costPerEffective === null) return { kind: 'noEffective', winner: null, ...none };
  const r = runnerUp(covered, w.id);
  if (!r) return { kind: 'oneVendor', winner: w.id, ...none };
  const tco = { nominal: compare(w.tcoNominal, r.tcoNominal), npv: compare(w.tcoNpv, r.tcoNpv) };
  const head = { winner: w.id, runnerUp: r.id, tco, perEffectiveOnly: tco.nominal === 'higher', monthlyVolume };
  if (r.costPerEffective!.eq(w.costPerEffective)) return { kind: 'tie', ...head, gap: ZERO, parts: null, shown: null };
  const { gap, parts } = splitGap(w, r);
  return { kind: 'gap', ...head, gap, parts, shown: roundParts(gap, parts) };
}
