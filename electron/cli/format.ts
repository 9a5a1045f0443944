/** Plain-text tables for the `tco` command (the `--json` outputs are the contract; these are for people). */
import { Decimal, roundMoney, roundUnitCost, minorUnitDigits } from '../engine/index.js';

/**
 * A decimal string with its whole part grouped by thousands, as en-US writes it ("-1,234.50").
 * Written out rather than asked of Intl.NumberFormat: the first one a process makes loads ICU's
 * locale data, about 20 ms of a `tco compute`.
 */
export function grouped(fixed: string): string {
  const sign = fixed.startsWith('-') ? '-' : '';
  const [whole, fraction] = fixed.slice(sign.length).split('.');
  return `${sign}${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
}

export function money(x: string | null, currency: string): string {
  if (x === null) return '—';
  return grouped(roundMoney(new Decimal(x), currency).toFixed(minorUnitDigits(currency)));
}

export function unitCost(x: string | number | null): string {
  if (x === null) return '—';
  const d = roundUnitCost(new Decimal(x));
  return d.isZero() ? '0' : d.toPrecision(4);
}

export function pct(x: number | string | null, digits = 1): string {
  if (x === null) return '—';
  return `${(Number(x) * 100).toFixed(digits)}%`;
}

export function count(x: number | null): string {
  if (x === null) return '—';
  return grouped(new Decimal(x).toFixed(0, Decimal.ROUND_HALF_UP));
}

/** Left-aligned first column, right-aligned others. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * Price to win as a change of the vendor's prices: 0.876 is "−12.4%" (the cut that makes it the
 * cheapest), 1.18 "+18.0%" (the leader's headroom), 10 "≥ +900%", null "none".
 */
export function priceChange(p: number | null): string {
  if (p === null) return 'none';
  if (p >= 10) return '≥ +900%';
  const d = (p - 1) * 100;
  const t = Math.abs(d).toFixed(1);
  return t === '0.0' ? '0.0%' : `${d < 0 ? '−' : '+'}${t}%`;
}
