/**
 * What a person types into the price-rule fields, read before anything is sent: a number (group
 * separators and a "%" allowed where a share or a rate is asked), a month, a list of tiers. A value
 * that cannot be used gets a sentence saying what to type, in the words on screen: no field names
 * of the document, no paths.
 */
import { Decimal } from 'decimal.js';
import { locale } from '../../format';
import { parseNumber } from '../../numbers';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = <T>(error: string): Parsed<T> => ({ ok: false, error });

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** "50,000", "50 000" and "0.0079" as exact decimal text; null when it is not a number. */
export function numberText(raw: string): string | null {
  // As every number field reads it first (the locale's own marks: "1 234,5" in French)...
  const read = parseNumber(raw, 'decimal', locale);
  if (read.ok) return new Decimal(read.value).toString();
  // ...else as written in code ("-0.5", "1e-3").
  const t = raw.trim().replace(/(?<=\d)[,\s_](?=\d{3}(\D|$))/g, '');
  return NUMBER.test(t) ? new Decimal(t).toString() : null;
}

/** A money amount or a price, 0 or more: "0.0045". */
export function amount(raw: string, what: string, example = '0.0045'): Parsed<string> {
  const n = numberText(raw);
  if (n === null || new Decimal(n).isNegative()) return no(`Type ${what} as a number of 0 or more, such as ${example}.`);
  return ok(n);
}

/** An amount that may be left empty (then: no value). */
export function optionalAmount(raw: string, what: string, example?: string): Parsed<string | undefined> {
  return raw.trim() === '' ? ok(undefined) : amount(raw, what, example);
}

/** "35%" or "0.35" as the fraction 0.35, exactly; null when it is neither. */
export function fractionText(raw: string): string | null {
  const t = raw.trim();
  if (/[%٪]$/u.test(t)) {
    const n = numberText(t.replace(/\s*[%٪]$/u, ''));
    return n === null ? null : new Decimal(n).div(100).toString();
  }
  return numberText(t);
}

/** A share from 0 to 1, typed as a percentage ("35%") or a fraction ("0.35"). */
export function share(raw: string, what: string, { aboveZero = false } = {}): Parsed<string> {
  const n = fractionText(raw);
  const d = n === null ? null : new Decimal(n);
  if (d === null || d.isNegative() || d.gt(1) || (aboveZero && d.isZero())) {
    return no(`Type ${what} as a percentage ${aboveZero ? 'above 0%' : 'from 0%'} up to 100%, such as 35% (or 0.35).`);
  }
  return ok(n!);
}

/** A markup over the network's fee: 0% or more ("15%" or "0.15"). */
export function markup(raw: string, what: string): Parsed<string> {
  const n = fractionText(raw);
  if (n === null || new Decimal(n).isNegative()) return no(`Type ${what} as a percentage of 0% or more, such as 15% (or 0.15).`);
  return ok(n);
}

/** Growth per month or per year: "2%" or "0.02"; a fall of 100% or more cannot be used. */
export function growth(raw: string, per: 'month' | 'year'): Parsed<string> {
  if (raw.trim() === '') return ok('0');
  const n = fractionText(raw);
  if (n === null) return no(`Type the growth a ${per} as a percentage, such as 2% (or 0.02); a fall is negative, such as −1%.`);
  if (new Decimal(n).lte(-1)) return no(`A growth of ${new Decimal(n).times(100).toString()}% a ${per} would leave no messages: type a fall smaller than 100%.`);
  return ok(n);
}

/** A calendar month, "2027-10". */
export function month(raw: string): Parsed<string> {
  const t = raw.trim();
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(t) ? ok(t) : no('Type the month as year and month, such as 2027-10.');
}

export interface TierText {
  from: string;
  price: string;
}

/** "0: 0.0079; 50,000: 0.0060": each tier's first unit count and its price, the first from 0, increasing. */
export function tiers(raw: string): Parsed<TierText[] | undefined> {
  if (raw.trim() === '') return ok(undefined);
  const out: TierText[] = [];
  const parts = raw
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const [k, part] of parts.entries()) {
    const m = /^([^:]+):(.+)$/.exec(part);
    const from = m ? numberText(m[1]!) : null;
    const price = m ? numberText(m[2]!) : null;
    if (from === null || price === null || new Decimal(from).isNegative() || new Decimal(price).isNegative()) {
      return no(`Tier ${k + 1} is not "from: price": type the tiers as "0: 0.0079; 50000: 0.0060".`);
    }
    if (k === 0 && !new Decimal(from).isZero()) return no('The first tier starts from 0: type the tiers as "0: 0.0079; 50000: 0.0060".');
    if (k > 0 && !new Decimal(from).gt(out[k - 1]!.from)) return no(`Tier ${k + 1} must start above tier ${k}'s ${out[k - 1]!.from}.`);
    out.push({ from, price });
  }
  return ok(out);
}

/** Tiers as the tiers field shows them. */
export function tiersShown(list: readonly { from: string | number; price: string | number }[] | undefined): string {
  return list ? list.map((t) => `${t.from}: ${t.price}`).join('; ') : '';
}

/** The percentage a fraction stands for, to show beside it: 0.35 → "35%". */
export function asPercent(x: string | number | null | undefined): string {
  if (x === null || x === undefined || x === '') return '';
  try {
    return `${new Decimal(x).times(100).toString()}%`;
  } catch {
    return '';
  }
}
