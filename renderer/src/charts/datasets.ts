/** Pure dataset builders for the charts (tested without a canvas). */
import type { ComputeJson } from '../../../electron/engine/report';

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
