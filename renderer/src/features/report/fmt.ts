/**
 * Formatting the report needs beyond ../../format.ts (which it uses for every total, unit cost,
 * count and rate): prices as quoted, months, dates and intervals. Same locale as format.ts.
 */
import { exact, percent, unitCost } from '../../format.js';

const locale = typeof navigator !== 'undefined' ? navigator.language : 'en-US';

/** A quoted price or amount in its own currency, with as many decimals as it was quoted with (up to 6). */
export function price(value: string | number | null | undefined, currency: string): string {
  if (value === null || value === undefined) return '—';
  const f = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const minor = f.resolvedOptions().minimumFractionDigits ?? 2;
  const decimals = /\.(\d+)$/.exec(String(value))?.[1]?.replace(/0+$/, '').length ?? 0;
  const digits = Math.min(6, Math.max(minor, decimals));
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(exact(value));
}

/** A plain number as entered (volumes, hours, quantities), grouped, up to 6 decimals. */
export function plain(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(exact(value));
}

/** "2027-01" as "January 2027". */
export function yearMonth(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

export function longDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(d);
}

/** A rate with its interval: "95.0% (94.6%–95.4%)". */
export function rateWithInterval(value: number, ci: [number, number] | null, digits = 1): string {
  return ci ? `${percent(value, digits)} (${percent(ci[0], digits)}–${percent(ci[1], digits)})` : percent(value, digits);
}

/** A unit-cost range: "$0.2569–$0.2718". */
export function unitRange(low: string | number | null | undefined, high: string | number | null | undefined, currency: string): string {
  if (low === null || low === undefined || high === null || high === undefined) return '—';
  return `${unitCost(low, currency)}–${unitCost(high, currency)}`;
}

/** A signed change as a percentage: "+12.3%", "−4.0%", "0.0%". */
export function signedPercent(x: number, digits = 1): string {
  const s = percent(Math.abs(x), digits);
  if (Number(x.toFixed(digits + 2)) === 0) return s;
  return `${x < 0 ? '−' : '+'}${s}`;
}

/** A multiplier of volume: "×2.5". */
export function times(k: number): string {
  return `×${new Intl.NumberFormat(locale, { maximumSignificantDigits: 4 }).format(k)}`;
}
