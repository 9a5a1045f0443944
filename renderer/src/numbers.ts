/**
 * Numbers as people write them: "500,000", "2%", "26.8 %", "$0.0079", "1 234,5" where the locale
 * writes it so; prices as price lists write them: "0.79¢", "$0.0079/msg", "$0.50 per 1,000". The locale's own group and decimal marks (and digits) are learnt from
 * Intl.NumberFormat(locale).formatToParts; the result is the exact decimal text ("0.268", never a
 * binary float), or a refusal that says why in words. Pure: no DOM, no store.
 */

/** What a field holds: a plain number, a whole number (counts), a rate (takes "2%"), money (takes "$"). */
export type NumberKind = 'decimal' | 'integer' | 'rate' | 'money';

export type Parsed = { ok: true; value: string } | { ok: false; reason: string };

export interface Marks {
  group: string;
  decimal: string;
  /** The locale's ten digits, 0 to 9 (Latin for most; Arabic-Indic for ar-EG…). */
  digits: string[];
}

const marksCache = new Map<string, Marks>();

/** The locale's group and decimal marks and its digits. */
export function numberMarks(locale: string): Marks {
  let m = marksCache.get(locale);
  if (m) return m;
  const nf = new Intl.NumberFormat(locale);
  const parts = nf.formatToParts(1234567.5);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const plain = new Intl.NumberFormat(locale, { useGrouping: false });
  const digits = Array.from({ length: 10 }, (_, d) => plain.format(d));
  m = { group, decimal, digits };
  marksCache.set(locale, m);
  return m;
}

/** Spaces of every width a person or a program puts between thousands. */
const SPACES = /[\s\u00a0\u202f\u2009\u2007]/u;
const isSpace = (c: string) => SPACES.test(c);
/** Apostrophes written between thousands (Swiss style). */
const APOSTROPHES = new Set(["'", '\u2019', '\u02bc']);
const MINUS = new Set(['-', '\u2212', '\u2012', '\u2013']);

/** The cent sign (and its full-width form). */
const CENTS = new Set(['¢', '\uFFE0']);

/**
 * A price's unit after it: "/msg", "per message", "each" (one unit); "per 1,000", "/1k", "per
 * thousand", "per 100", "per million" (a price per so many). Group 1: how many, when given.
 */
const PER_UNITS =
  /\s*(?:(?:\/\s*|\bper\s+)(?:(\d[\d,.\s\u00a0\u202f]*?|1\s?k|thousand|million|mille)\s*)?(?:msgs?|messages?|sms|texts?|segments?|segs?|units?|emails?|mails?|pushe?s?|notifications?|conversations?|sends?)?\.?|\s+(?:each|ea\.?))$/iu;

/** Places the decimal point moves left for a price per `n` messages ('' for one); -1: not a power of ten this reads. */
function perShift(n: string): number {
  const k = n.replace(/[,.\s\u00a0\u202f]/gu, '').toLowerCase();
  if (k === '') return 0;
  if (k === '100') return 2;
  if (k === '1000' || k === '1k' || k === 'thousand' || k === 'mille') return 3;
  if (k === '1000000' || k === 'million') return 6;
  return -1;
}

/** How the mark is named in a sentence. */
function named(mark: string): string {
  if (isSpace(mark)) return 'a space';
  if (APOSTROPHES.has(mark)) return 'an apostrophe';
  return `"${mark}"`;
}

const examples = new Map<string, string>();
/** An example number written the locale's way, for the reasons (made once: a number format costs far more to make than to use). */
function example(locale: string, kind: NumberKind): string {
  const key = `${locale}|${kind === 'integer' ? 'integer' : 'decimal'}`;
  let ex = examples.get(key);
  if (ex === undefined) {
    ex = kind === 'integer' ? new Intl.NumberFormat(locale).format(1234567) : new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(1234.5);
    examples.set(key, ex);
  }
  return ex;
}

/**
 * Read `text` as a number of `kind`, written as `locale` writes numbers. Empty text is refused (a
 * field that may be empty handles that itself). The value is the exact decimal: "26.8 %" is
 * "0.268", "1 234,5" (fr-FR) is "1234.5", "$0.0079" is "0.0079".
 */
export function parseNumber(text: string, kind: NumberKind, locale = 'en-US'): Parsed {
  const { group, decimal, digits } = numberMarks(locale);
  const ex = example(locale, kind);
  let s = text.trim();
  if (s === '') return { ok: false, reason: 'Enter a number.' };

  // A price as price lists write it: "$0.0079/msg", "0.0079 per message" (one unit: the field's
  // own), "$0.50 per 1,000" (a price per thousand: divided by 1,000, exactly).
  let shift = 0;
  if (kind === 'money') {
    const per = PER_UNITS.exec(s);
    if (per) {
      s = s.slice(0, per.index).trim();
      shift = perShift(per[1] ?? '');
      if (shift < 0) return { ok: false, reason: `"${text.trim()}": a price per ${per[1]!.trim()} messages does not fit here: enter the price of one message, e.g. ${ex}.` };
    }
  }

  // A percent sign, at the end (or the start, as some locales write it).
  let percent = false;
  if (/^[%٪]|[%٪]$/u.test(s)) {
    percent = true;
    s = s.replace(/^[%٪]\s*|\s*[%٪]$/gu, '');
    if (kind !== 'rate') return { ok: false, reason: `A percentage does not fit here: enter the ${kind === 'integer' ? 'count' : 'amount'} itself, e.g. ${ex}.` };
  }

  // A sign and a currency (a symbol like $ or €, or a code like USD), either way round.
  let negative = false;
  let currency = '';
  const takeSign = () => {
    if (s.length > 0 && MINUS.has(s[0]!)) {
      if (negative) return false;
      negative = true;
      s = s.slice(1).trim();
    }
    return true;
  };
  const takeCurrency = () => {
    const lead = /^(\p{Sc}|[A-Z]{3}(?=[\s\d\p{Nd}.,]))\s*/u.exec(s);
    const trail = /\s*(\p{Sc}|(?<=[\s\d\p{Nd}.,])[A-Z]{3})$/u.exec(s);
    const m = lead ?? trail;
    if (!m || currency) return;
    currency = m[1]!;
    s = lead ? s.slice(m[0].length) : s.slice(0, s.length - m[0].length);
  };
  if (!takeSign()) return { ok: false, reason: `"${text.trim()}" has two minus signs.` };
  takeCurrency();
  if (!takeSign()) return { ok: false, reason: `"${text.trim()}" has two minus signs.` };
  takeCurrency();
  // The cent sign: "0.79¢" is 0.0079 of the currency (a US carrier's way of writing a price).
  if (CENTS.has(currency)) {
    shift += 2;
    currency = '';
    if (kind !== 'money')
      return { ok: false, reason: `¢ is a currency, and this is ${kind === 'rate' ? 'a rate' : kind === 'integer' ? 'a count' : 'not an amount of money'}: enter the number alone, e.g. ${ex}.` };
  }
  if (currency && kind !== 'money') {
    return {
      ok: false,
      reason: `${currency} is a currency, and this is ${kind === 'rate' ? 'a rate' : kind === 'integer' ? 'a count' : 'not an amount of money'}: enter the number alone, e.g. ${ex}.`,
    };
  }
  if (s === '') return { ok: false, reason: `"${text.trim()}" has no digits: enter a number, e.g. ${ex}.` };

  // The digits, the group marks between thousands, and at most one decimal mark.
  const groupIsApostrophe = APOSTROPHES.has(group);
  // Spaces group thousands in every locale (as ISO 80000 writes them); so do apostrophes where the locale's group is one.
  const isGroup = (c: string) => c === group || isSpace(c) || (groupIsApostrophe && APOSTROPHES.has(c));
  const intGroups: string[] = [''];
  let fraction: string | null = null;
  for (const c of s) {
    const latin = c >= '0' && c <= '9' ? c : null;
    const local = digits.indexOf(c);
    const d = latin ?? (local >= 0 ? String(local) : null);
    if (d !== null) {
      if (fraction !== null) fraction += d;
      else intGroups[intGroups.length - 1] += d;
    } else if (c === decimal) {
      if (fraction !== null) return { ok: false, reason: `"${text.trim()}" has ${named(decimal)} twice; ${named(decimal)} comes once, before the decimals (e.g. ${ex}).` };
      fraction = '';
    } else if (isGroup(c)) {
      if (fraction !== null) return { ok: false, reason: `"${text.trim()}" has ${named(c)} after the decimal mark ${named(decimal)}: write it as e.g. ${ex}.` };
      intGroups.push('');
    } else if (c === '.' || c === ',') {
      // The other of the two marks: in this locale it is neither the group nor the decimal mark.
      return { ok: false, reason: `"${text.trim()}" is not written as numbers are here: ${named(group)} separates thousands and ${named(decimal)} comes before the decimals (e.g. ${ex}).` };
    } else {
      return { ok: false, reason: `"${text.trim()}" is not a number: "${c}" is not understood. Use digits, e.g. ${ex}.` };
    }
  }
  // Grouping: the last group after a group mark has three digits, those before it two or three
  // (Indian lakh grouping writes 12,34,567), the first one to three. "0.0079" in a locale where "."
  // groups thousands is refused rather than read as 79.
  if (intGroups.length > 1) {
    const bad = intGroups.some((g, i) => (i === 0 ? g.length < 1 || g.length > 3 : i === intGroups.length - 1 ? g.length !== 3 : g.length < 2 || g.length > 3));
    if (bad) {
      return {
        ok: false,
        reason: `"${text.trim()}" is not a number as written here: ${named(group)} separates thousands, so three digits follow it, and ${named(decimal)} comes before the decimals (e.g. ${ex}).`,
      };
    }
  }
  let whole = intGroups.join('');
  if (whole === '' && (fraction === null || fraction === '')) return { ok: false, reason: `"${text.trim()}" has no digits: enter a number, e.g. ${ex}.` };
  let frac = fraction ?? '';

  if (percent) shift += 2;
  if (shift > 0) {
    // Move the decimal point left, on the text itself: 26.8 % is 0.268 and 0.79¢ is 0.0079 exactly.
    const padded = whole.padStart(shift + 1, '0');
    frac = padded.slice(-shift) + frac;
    whole = padded.slice(0, -shift);
    frac = frac.replace(/0+$/, '');
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  if (whole === '') whole = '0';
  if (kind === 'integer' && /[1-9]/.test(frac)) return { ok: false, reason: `"${text.trim()}" is not a whole number: a count has no decimals.` };
  if (kind === 'integer') frac = '';
  const value = `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
  return { ok: true, value: value === '-0' ? '0' : value };
}
