/**
 * The chart configurations the compare screen and the report both draw (ChartView), from the pure
 * dataset builders of datasets.ts; money and unit costs on the axes formatted as everywhere else.
 */
import type { ChartConfiguration } from 'chart.js';
import type { ComputeJson, VendorJson } from '../../../electron/engine/result-json.js';
import { axisMoney, axisUnitCost, percent } from '../format';
import { costPerEffectiveRange, cumulative, gapWaterfall, tcoByCategory, tornado, type TornadoMeasure } from './datasets';

/** TCO stacked by category, one horizontal bar a covered vendor. */
export function tcoChart(result: ComputeJson, cur: string): ChartConfiguration {
  const fmt = (x: number) => axisMoney(x, cur);
  return {
    type: 'bar',
    data: tcoByCategory(result),
    options: { indexAxis: 'y', scales: { x: { stacked: true, ticks: { callback: (v) => fmt(Number(v)) } }, y: { stacked: true } } },
  } as ChartConfiguration;
}

/** Cost per effective message: the 5th–95th percentile as a floating bar, the point value as a mark. */
export function costPerEffectiveChart(result: ComputeJson, cur: string): ChartConfiguration {
  const cpe = costPerEffectiveRange(result);
  // Two kinds of marks over one axis: a floating bar a vendor and a point on it.
  const config: ChartConfiguration<'bar' | 'line', (number | [number, number])[]> = {
    type: 'bar',
    data: {
      labels: cpe.labels.map((l, i) => `${l} (P(cheapest) ${percent(cpe.pCheapest[i]!, 0)})`),
      datasets: [
        { type: 'bar', label: '5th–95th percentile', data: cpe.range, backgroundColor: 'rgba(47,111,222,0.35)' },
        { type: 'line', label: 'Point value', data: cpe.value, showLine: false, pointRadius: 6, pointStyle: 'rectRot', backgroundColor: '#d14f7a', borderColor: '#d14f7a' },
      ],
    },
    options: { scales: { y: { ticks: { callback: (v: string | number) => axisUnitCost(Number(v), cur) } } } },
  };
  return config as ChartConfiguration;
}

/** Cumulative cost against cumulative risk-adjusted benefit of one vendor, by month. */
export function cumulativeChart(vendor: VendorJson, cur: string): ChartConfiguration {
  const fmt = (x: number) => axisMoney(x, cur);
  const cum = cumulative(vendor);
  return {
    type: 'line',
    data: {
      labels: cum.months,
      datasets: [
        { label: 'Cumulative cost', data: cum.cost, borderColor: '#d14f7a', backgroundColor: '#d14f7a', pointRadius: 0 },
        { label: 'Cumulative benefit (risk-adjusted)', data: cum.benefit, borderColor: '#3a9e6b', backgroundColor: '#3a9e6b', pointRadius: 0 },
      ],
    },
    options: { scales: { y: { ticks: { callback: (v) => fmt(Number(v)) } } } },
  } as ChartConfiguration;
}

/** The page's text colours (light or dark theme), so axis labels keep their contrast on either. */
function themeText(): { fg: string; muted: string; line: string } {
  const css = typeof document !== 'undefined' ? getComputedStyle(document.documentElement) : null;
  const v = (name: string, fallback: string) => css?.getPropertyValue(name).trim() || fallback;
  return { fg: v('--fg', '#1b1f24'), muted: v('--muted', '#5c6570'), line: v('--line', '#d8dde3') };
}

/** The tornado of one vendor: TCO (or cost per effective message) at ×0.8 and ×1.2 of each input, as a change from its own. */
export function tornadoChart(vendor: VendorJson, cur: string, measure: TornadoMeasure = 'tco'): ChartConfiguration {
  const fmt = measure === 'tco' ? (x: number) => axisMoney(x, cur) : (x: number) => axisUnitCost(x, cur);
  const tor = tornado(vendor, measure);
  const t = themeText();
  return {
    type: 'bar',
    data: {
      labels: tor.labels,
      datasets: [
        { label: '×0.8', data: tor.low, backgroundColor: '#2f6fde' },
        { label: '×1.2', data: tor.high, backgroundColor: '#e08a2e' },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: { legend: { labels: { color: t.fg } } },
      scales: { x: { stacked: false, ticks: { color: t.fg, callback: (v) => fmt(Number(v)) }, grid: { color: t.line } }, y: { stacked: true, ticks: { color: t.fg }, grid: { color: t.line } } },
    },
  } as ChartConfiguration;
}

/** Colours of the waterfall: what widens the gap, what narrows it, and the gap itself. */
export const WATERFALL_COLORS = { up: '#2f6fde', down: '#e08a2e', total: '#7c8691' } as const;

/**
 * The gap per effective message between the cheapest vendor and the runner-up as a waterfall
 * (horizontal floating bars, one an effect, then the gap), unit costs on the axis.
 */
export function waterfallChart(rows: { label: string; value: string }[], gapLabel: string, gap: string, cur: string): ChartConfiguration {
  const w = gapWaterfall(rows, gapLabel, gap);
  const t = themeText();
  const config: ChartConfiguration<'bar', [number, number][]> = {
    type: 'bar',
    data: {
      labels: w.labels,
      datasets: [
        { label: 'Difference per effective message', data: w.bars, backgroundColor: w.kind.map((k) => WATERFALL_COLORS[k]), borderColor: w.kind.map((k) => WATERFALL_COLORS[k]), borderWidth: 1 },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: { x: { ticks: { color: t.fg, callback: (v: string | number) => axisUnitCost(Number(v), cur) }, grid: { color: t.line } }, y: { ticks: { color: t.fg }, grid: { display: false } } },
    },
  };
  return config as ChartConfiguration;
}
