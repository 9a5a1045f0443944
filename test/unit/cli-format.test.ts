import { describe, expect, it } from 'vitest';
import { count, grouped, money } from '../../electron/cli/format.js';
import { Decimal, roundMoney } from '../../electron/engine/index.js';

describe("the tco command's plain-text numbers", () => {
  it('groups the whole part by thousands as en-US writes it', () => {
    expect(grouped('0')).toBe('0');
    expect(grouped('999.5')).toBe('999.5');
    expect(grouped('1000')).toBe('1,000');
    expect(grouped('-1234567.891')).toBe('-1,234,567.891');
    expect(grouped('123456')).toBe('123,456');
  });

  it('prints money at the minor unit, half away from zero', () => {
    expect(money('1234.565', 'USD')).toBe('1,234.57');
    expect(money('-1234.565', 'USD')).toBe('-1,234.57');
    expect(money('1234567.5', 'JPY')).toBe('1,234,568');
    expect(money('1.2345', 'KWD')).toBe('1.235');
    expect(money('12', 'EUR')).toBe('12.00');
    expect(money('-0.004', 'USD')).toBe('0.00');
    expect(money(null, 'EUR')).toBe('—');
    expect(count(12345.5)).toBe('12,346');
    expect(count(-2.5)).toBe('-3');
  });

  it('writes what en-US Intl.NumberFormat wrote before, for money and counts', () => {
    const values = ['0', '0.004', '-0.004', '5', '999.995', '1000', '-1000.5', '19124.004999', '123456789.125', '-987654321.5', '1e-7', '4.5e9'];
    for (const currency of ['USD', 'JPY', 'KWD']) {
      const digits = currency === 'USD' ? 2 : currency === 'JPY' ? 0 : 3;
      // What format.ts did before: the rounded decimal's string through Intl.
      const intl = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
      for (const v of values) expect(money(v, currency), `${v} ${currency}`).toBe(intl.format(roundMoney(new Decimal(v), currency).toFixed() as `${number}`));
    }
    const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    for (const n of [0, 7, 999, 1000, 10000, 2000000, 12345.5, -2.5, -1234.4]) expect(count(n)).toBe(whole.format(n));
  });
});
