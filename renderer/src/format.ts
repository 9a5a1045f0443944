/// <reference lib="es2023.intl" />
/**
 * Formatting in one place: money to the currency's minor unit, unit costs to 4 significant digits
 * (MODEL.md section 1), counts and rates, all with Intl. Money arrives as unrounded decimal strings;
 * Intl formats decimal strings exactly (no binary rounding on the way).
 */
export const locale = typeof navigator !== 'undefined' ? navigator.language : 'en-US';

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function isDecimalText(s: string): s is `${number}` {
  return DECIMAL_TEXT.test(s);
}

/**
 * A decimal for Intl to format: given as text ("0.0045", what the API sends), the text itself, which
 * Intl formats exactly; a number as it is; other text as Number reads it (as Intl would).
 */
export function exact(value: string | number): number | Intl.StringNumericLiteral {
  return typeof value === 'number' || isDecimalText(value) ? value : Number(value);
}

// A formatter costs far more to make than to use, and the totals are formatted on every keystroke.
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

export function money(value: string | null | undefined, currency: string): string {
  if (value === null || value === undefined) return '—';
  const f = formatter(`money:${currency}`, { style: 'currency', currency, roundingMode: 'halfExpand' } as Intl.NumberFormatOptions);
  return f.format(exact(value));
}

/** Money on a chart's axis: whole units, compact past a thousand ($50K, €1.2M). */
export function axisMoney(value: number, currency: string): string {
  return formatter(`axis:${currency}`, { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(value);
}

/** A unit cost on a chart's axis: cents at least, and no trailing digits the ticks do not need ($0.05, $0.10, $0.0125). */
export function axisUnitCost(value: number, currency: string): string {
  return formatter(`axis-unit:${currency}`, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(value);
}

export function unitCost(value: string | number | null | undefined, currency: string): string {
  if (value === null || value === undefined) return '—';
  return formatter(`unit:${currency}`, { style: 'currency', currency, maximumSignificantDigits: 4, minimumSignificantDigits: 4, roundingMode: 'halfExpand' } as Intl.NumberFormatOptions).format(
    exact(value),
  );
}

export function count(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

export function percent(value: number | string | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(value));
}

const plurals = new Intl.PluralRules('en');
/** A count with its noun, singular or plural as English needs: "1 anomaly", "3 anomalies". */
export function counted(n: number, one: string, many: string): string {
  return `${count(n)} ${plurals.select(n) === 'one' ? one : many}`;
}
