/** Pure dataset builders for the charts (tested without a canvas). */
import type { ComputeJson, MonthJson } from '../../../electron/engine/result-json.js';

export const CATEGORY_LABELS = {
  usage: 'Usage',
  passThrough: 'Pass-through',
  commitTrueUp: 'Commit true-up',
  fees: 'Fees',
  internal: 'Internal',
  remediation: 'Remediation',
} as const;

const COLORS = ['#2f6fde', '#8a5cd1', '#d14f7a', '#e08a2e', '#3a9e6b', '#7c8691'];

/** TCO stacked by category per covered vendor: one dataset a category, values in the base currency. */
export function tcoByCategory(result: ComputeJson): { labels: string[]; datasets: { label: string; data: number[]; backgroundColor: string }[] } {
  const covered = result.vendors.filter((v) => v.tco);
  return {
    labels: covered.map((v) => v.name),
    datasets: (Object.keys(CATEGORY_LABELS) as (keyof typeof CATEGORY_LABELS)[]).map((c, i) => ({
      label: CATEGORY_LABELS[c],
      data: covered.map((v) => Number(v.tco!.byCategory[c])),
      backgroundColor: COLORS[i]!,
    })),
  };
}

type Vendor = ComputeJson['vendors'][number];

/** Cost per effective message per covered vendor: the point value and its 5th–95th percentile range. */
export function costPerEffectiveRange(result: ComputeJson): { labels: string[]; value: number[]; range: [number, number][]; pCheapest: number[] } {
  const v = result.vendors.filter((x) => x.costPerEffective !== null && x.uncertainty);
  return {
    labels: v.map((x) => x.name),
    value: v.map((x) => Number(x.costPerEffective)),
    range: v.map((x) => [x.uncertainty!.costPerEffective.p5 ?? NaN, x.uncertainty!.costPerEffective.p95 ?? NaN]),
    pCheapest: v.map((x) => x.uncertainty!.pCheapest),
  };
}

/** What the cumulative chart reads of a vendor: its months' totals and benefits, and its payback month. */
export interface CumulativeOf {
  monthly: Pick<MonthJson, 'period' | 'total' | 'benefits'>[] | null;
  paybackMonth: Vendor['paybackMonth'];
}

/** Cumulative cost and cumulative risk-adjusted benefit by month, and the payback month. */
export function cumulative(vendor: CumulativeOf): { months: string[]; cost: number[]; benefit: number[]; payback: number | null } {
  const rows = vendor.monthly ?? [];
  let c = 0;
  let b = 0;
  const cost: number[] = [];
  const benefit: number[] = [];
  for (const r of rows) {
    c += Number(r.total);
    b += Number(r.benefits);
    cost.push(c);
    benefit.push(b);
  }
  return { months: rows.map((r) => r.period), cost, benefit, payback: vendor.paybackMonth };
}

export const INPUT_LABELS: Record<string, string> = {
  prices: 'Prices',
  passThrough: 'Pass-through',
  volume: 'Volume',
  deliveryRate: 'Delivery rate',
  engagementRate: 'Engagement rate',
  internalHours: 'Internal hours',
  fees: 'Fees',
  escalator: 'Escalator',
  discountRate: 'Discount rate',
};

/** What the tornado reads of a vendor: its swings, and the TCO and cost per effective message they are changes from. */
export interface TornadoOf {
  sensitivity: Vendor['sensitivity'];
  tco: { nominal: string } | null;
  costPerEffective: Vendor['costPerEffective'];
}

/** What the tornado measures: nominal TCO, or cost per effective message. */
export type TornadoMeasure = 'tco' | 'costPerEffective';

/** Said on a rate's bar when its ×1.2 is held at 100%, so the bar is shorter than a 20% step. */
export const CAPPED_NOTE = '×1.2 capped at 100%';

/**
 * The tornado: each input's nominal TCO (or cost per effective message) at ×0.8 and ×1.2 as a
 * change from the vendor's own, widest swing of that measure first (ties in the engine's order).
 * A rate whose ×1.2 is held at 100% says so in its label.
 */
export function tornado(vendor: TornadoOf, measure: TornadoMeasure = 'tco'): { labels: string[]; low: number[]; high: number[] } {
  const s = vendor.sensitivity ?? [];
  const base = Number((measure === 'tco' ? vendor.tco?.nominal : vendor.costPerEffective) ?? 0);
  const at = (e: (typeof s)[number], i: 0 | 1) => {
    const x = measure === 'tco' ? e.tco[i] : e.costPerEffective[i];
    return x === null ? 0 : Number(x) - base;
  };
  const rows = s.map((e) => ({ label: `${INPUT_LABELS[e.input] ?? e.input}${e.capped ? ` (${CAPPED_NOTE})` : ''}`, low: at(e, 0), high: at(e, 1) }));
  // The engine sorts by the TCO swing; per effective message, the widest swing of that measure leads.
  if (measure === 'costPerEffective') rows.sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
  return { labels: rows.map((r) => r.label), low: rows.map((r) => r.low), high: rows.map((r) => r.high) };
}

/**
 * The waterfall of the gap per effective message between the cheapest vendor and the runner-up:
 * each effect a floating bar from the running total, then the whole gap from 0. Values are the
 * exact parts (they add up to the gap); the labels carry the rounded parts.
 */
export function gapWaterfall(rows: { label: string; value: string }[], gapLabel: string, gap: string): { labels: string[]; bars: [number, number][]; kind: ('up' | 'down' | 'total')[] } {
  let run = 0;
  const bars: [number, number][] = [];
  const kind: ('up' | 'down' | 'total')[] = [];
  for (const r of rows) {
    const v = Number(r.value);
    bars.push([run, run + v]);
    kind.push(v >= 0 ? 'up' : 'down');
    run += v;
  }
  bars.push([0, Number(gap)]);
  kind.push('total');
  return { labels: [...rows.map((r) => r.label), gapLabel], bars, kind };
}

/** Which vendor is cheaper by nominal TCO over each stretch of volume multipliers between 0.1 and 10: the engine's (compute's breakEven[].stretches). */
export function breakEvenStretches(result: ComputeJson, a: string, b: string): { from: number; to: number; cheaper: string | null }[] | null {
  const pair = result.breakEven.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  return pair ? pair.stretches : null;
}
