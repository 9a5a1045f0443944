/** Pure dataset builders for the charts (tested without a canvas). */
import type { ComputeJson } from '../../../electron/engine/report.js';

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

/** Cumulative cost and cumulative risk-adjusted benefit by month, and the payback month. */
export function cumulative(vendor: Vendor): { months: string[]; cost: number[]; benefit: number[]; payback: number | null } {
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

/** The tornado: each input's nominal TCO at ×0.8 and ×1.2 as a change from the vendor's TCO, widest first. */
export function tornado(vendor: Vendor): { labels: string[]; low: number[]; high: number[] } {
  const base = Number(vendor.tco?.nominal ?? 0);
  const s = vendor.sensitivity ?? [];
  return {
    labels: s.map((e) => INPUT_LABELS[e.input] ?? e.input),
    low: s.map((e) => Number(e.tco[0]) - base),
    high: s.map((e) => Number(e.tco[1]) - base),
  };
}

/** Which vendor is cheaper by nominal TCO over each stretch of volume multipliers between 0.1 and 10. */
export function breakEvenStretches(result: ComputeJson, a: string, b: string): { from: number; to: number; cheaper: string | null }[] | null {
  const pair = result.breakEven.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  if (!pair) return null;
  const va = result.vendors.find((v) => v.id === a)!;
  const vb = result.vendors.find((v) => v.id === b)!;
  // At ×1 the cheaper is known from the totals; each break-even multiplier swaps it.
  const at1 = Number(va.tco!.nominal) <= Number(vb.tco!.nominal) ? a : b;
  const ks = [0.1, ...pair.multipliers, 10];
  const below1 = pair.multipliers.filter((k) => k <= 1).length;
  return ks.slice(0, -1).map((from, i) => {
    const flips = Math.abs(i - below1);
    const cheaper = flips % 2 === 0 ? at1 : at1 === a ? b : a;
    return { from, to: ks[i + 1]!, cheaper };
  });
}
