/**
 * Numbers as people write them (renderer/src/numbers.ts): hand cases. Each expected value is the
 * number as written, read by hand: the group marks dropped, the decimal mark made ".", a percent
 * moved two places (26.8 % = 26.8 / 100 = 0.268), never through a binary float.
 */
import { describe, expect, it } from 'vitest';
import { numberMarks, parseNumber } from '../../renderer/src/numbers.js';

const ok = (value: string) => ({ ok: true, value });
const reason = (r: ReturnType<typeof parseNumber>) => (r.ok ? `accepted as ${r.value}` : r.reason);

describe('the marks of a locale, from Intl', () => {
  it('en-US groups with "," and has "."; de-DE the other way round; fr-FR groups with a narrow space', () => {
    expect(numberMarks('en-US')).toMatchObject({ group: ',', decimal: '.' });
    expect(numberMarks('de-DE')).toMatchObject({ group: '.', decimal: ',' });
    expect(numberMarks('fr-FR').decimal).toBe(',');
    expect(/\s/u.test(numberMarks('fr-FR').group)).toBe(true);
    expect(numberMarks('ar-EG').digits.join('')).toBe('٠١٢٣٤٥٦٧٨٩');
  });
});

describe('parseNumber: what is accepted, and the exact decimal it is', () => {
  it.each([
    // en-US
    ['500,000', 'decimal', 'en-US', '500000'],
    ['500000', 'decimal', 'en-US', '500000'],
    ['123456789', 'integer', 'en-US', '123456789'],
    ['1,234,567.891', 'decimal', 'en-US', '1234567.891'],
    ['0.0080', 'decimal', 'en-US', '0.0080'], // the typed precision is kept
    ['.5', 'decimal', 'en-US', '0.5'],
    ['007', 'integer', 'en-US', '7'],
    ['1,000.00', 'integer', 'en-US', '1000'], // a count with zero decimals
    ['  42  ', 'decimal', 'en-US', '42'],
    ['-0.05', 'rate', 'en-US', '-0.05'],
    ['−3', 'decimal', 'en-US', '-3'], // U+2212, the typographic minus
    // percentages: 2 / 100 = 0.02; 26.8 / 100 = 0.268; 0.5 / 100 = 0.005; 100 / 100 = 1; 12.5 / 100 = 0.125
    ['2%', 'rate', 'en-US', '0.02'],
    ['26.8 %', 'rate', 'en-US', '0.268'],
    ['0.5%', 'rate', 'en-US', '0.005'],
    ['100%', 'rate', 'en-US', '1'],
    ['12.5%', 'rate', 'en-US', '0.125'],
    ['-2%', 'rate', 'en-US', '-0.02'],
    ['0%', 'rate', 'en-US', '0'],
    // money: the symbol or the code goes, the number stays
    ['$0.0079', 'money', 'en-US', '0.0079'],
    ['USD 0.0079', 'money', 'en-US', '0.0079'],
    ['0.0079 €', 'money', 'en-US', '0.0079'],
    ['-$1,250.50', 'money', 'en-US', '-1250.50'],
    ['$-5', 'money', 'en-US', '-5'],
    // fr-FR: a space (any width) between thousands, "," before the decimals
    ['1 234,5', 'decimal', 'fr-FR', '1234.5'],
    ['1\u202f234,5', 'decimal', 'fr-FR', '1234.5'],
    ['1\u00a0234\u00a0567', 'integer', 'fr-FR', '1234567'],
    ['26,8 %', 'rate', 'fr-FR', '0.268'],
    ['0,0079 €', 'money', 'fr-FR', '0.0079'],
    // de-DE: "." between thousands
    ['1.234,5', 'decimal', 'de-DE', '1234.5'],
    ['500.000', 'integer', 'de-DE', '500000'],
    // de-CH: an apostrophe between thousands, "." before the decimals
    ["1'234.5", 'decimal', 'de-CH', '1234.5'],
    ['1’234’567', 'integer', 'de-CH', '1234567'],
    // en-IN: lakh grouping, 12,34,567 = 1,234,567
    ['12,34,567.5', 'decimal', 'en-IN', '1234567.5'],
    // ar-EG: Arabic-Indic digits, "٫" before the decimals: ١٢٫٥ = 12.5
    ['١٢٫٥', 'decimal', 'ar-EG', '12.5'],
  ] as const)('%s (%s, %s) is %s', (text, kind, locale, value) => {
    expect(parseNumber(text, kind, locale)).toEqual(ok(value));
  });
});

describe('parseNumber: prices as price lists write them', () => {
  it.each([
    // The cent sign: 0.79¢ is 0.79 / 100 = 0.0079 of the currency, on the text (US carriers write prices so).
    ['0.79¢', 'en-US', '0.0079'],
    ['¢0.79', 'en-US', '0.0079'],
    ['0,79 ¢', 'fr-FR', '0.0079'],
    // One message's price with its unit written after it.
    ['$0.0079/msg', 'en-US', '0.0079'],
    ['$0.0079 / SMS', 'en-US', '0.0079'],
    ['0.0079 per message', 'en-US', '0.0079'],
    ['$0.0079 each', 'en-US', '0.0079'],
    // A price per so many, divided exactly: 0.50 / 1,000 = 0.0005; 12 / 1,000,000 = 0.000012; 0.35¢ per 100 = 0.0035 / 100.
    ['$0.50 per 1,000 emails', 'en-US', '0.0005'],
    ['$0.50/1k', 'en-US', '0.0005'],
    ['$12 per million', 'en-US', '0.000012'],
    ['0.35¢ per 100', 'en-US', '0.000035'],
  ] as const)('%s (%s) is %s', (text, locale, value) => {
    expect(parseNumber(text, 'money', locale)).toEqual(ok(value));
  });

  it('a price per a number that is not a power of ten, and a cent sign where a rate is, are refused in words', () => {
    expect(reason(parseNumber('$0.10 per 10', 'money'))).toBe('"$0.10 per 10": a price per 10 messages does not fit here: enter the price of one message, e.g. 1,234.5.');
    expect(reason(parseNumber('0.79¢', 'rate'))).toBe('¢ is a currency, and this is a rate: enter the number alone, e.g. 1,234.5.');
    // Only a price field reads a unit after the number.
    expect(parseNumber('0.0079 per message', 'decimal').ok).toBe(false);
  });
});

describe('parseNumber: what is refused, and why in words', () => {
  it('empty text, letters, two decimal marks', () => {
    expect(reason(parseNumber('', 'decimal'))).toBe('Enter a number.');
    expect(reason(parseNumber('abc', 'decimal'))).toBe('"abc" is not a number: "a" is not understood. Use digits, e.g. 1,234.5.');
    expect(reason(parseNumber('1e6', 'decimal'))).toContain('"e" is not understood');
    expect(reason(parseNumber('1.2.3', 'decimal'))).toBe('"1.2.3" has "." twice; "." comes once, before the decimals (e.g. 1,234.5).');
  });

  it('a group mark that cannot be one: "1,23" in en-US, and "0.0079" where "." groups thousands (de-DE) is not read as 79', () => {
    expect(reason(parseNumber('1,23', 'decimal', 'en-US'))).toBe(
      '"1,23" is not a number as written here: "," separates thousands, so three digits follow it, and "." comes before the decimals (e.g. 1,234.5).',
    );
    expect(reason(parseNumber('0.0079', 'decimal', 'de-DE'))).toBe(
      '"0.0079" is not a number as written here: "." separates thousands, so three digits follow it, and "," comes before the decimals (e.g. 1.234,5).',
    );
    // "," is neither mark in de-CH
    expect(reason(parseNumber('1,5', 'decimal', 'de-CH'))).toContain('is not written as numbers are here');
  });

  it('a percentage where a count or an amount is asked; a currency where a rate is', () => {
    expect(reason(parseNumber('2%', 'decimal'))).toBe('A percentage does not fit here: enter the amount itself, e.g. 1,234.5.');
    expect(reason(parseNumber('2%', 'integer'))).toBe('A percentage does not fit here: enter the count itself, e.g. 1,234,567.');
    expect(reason(parseNumber('$0.02', 'rate'))).toBe('$ is a currency, and this is a rate: enter the number alone, e.g. 1,234.5.');
    expect(reason(parseNumber('$12', 'integer'))).toBe('$ is a currency, and this is a count: enter the number alone, e.g. 1,234,567.');
  });

  it('a count with decimals; a sign twice; a mark after the decimals', () => {
    expect(reason(parseNumber('12.5', 'integer'))).toBe('"12.5" is not a whole number: a count has no decimals.');
    expect(reason(parseNumber('--5', 'decimal'))).toBe('"--5" has two minus signs.');
    expect(reason(parseNumber('1.234,5', 'decimal', 'en-US'))).toBe('"1.234,5" has "," after the decimal mark ".": write it as e.g. 1,234.5.');
    expect(reason(parseNumber('$', 'money'))).toBe('"$" has no digits: enter a number, e.g. 1,234.5.');
  });
});
