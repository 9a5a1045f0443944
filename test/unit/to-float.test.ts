/**
 * toFloats (electron/engine/to-float.ts): a series of decimals as floats, converted once per array
 * and once per run of the same value, each the double nearest the decimal (as `toNumber` gives it).
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../electron/engine/decimal.js';
import { toFloats } from '../../electron/engine/to-float.js';

describe('toFloats', () => {
  it('gives the nearest double of each month, repeated values included', () => {
    const flat = new Decimal('0.0079');
    const xs = [flat, flat, new Decimal('123456789.123456789'), new Decimal('1e-7'), new Decimal('-2.5'), flat];
    // 123456789.123456789 has no exact double: the nearest is 123456789.12345679 (17 significant digits).
    expect([...toFloats(xs)]).toEqual([0.0079, 0.0079, 123456789.12345679, 1e-7, -2.5, 0.0079]);
  });

  it('converts an array once: the same array gives the same floats, another array its own', () => {
    const a = [new Decimal(1), new Decimal(2)];
    const b = [new Decimal(1), new Decimal(2)];
    expect(toFloats(a)).toBe(toFloats(a));
    expect(toFloats(b)).not.toBe(toFloats(a));
    expect([...toFloats(b)]).toEqual([1, 2]);
  });

  it('converts a run of the same Decimal once', () => {
    const x = new Decimal('0.25');
    let calls = 0;
    const counted = Object.assign(Object.create(x) as Decimal, {
      toNumber: () => {
        calls++;
        return x.toNumber();
      },
    });
    expect([...toFloats([counted, counted, counted, x, counted])]).toEqual([0.25, 0.25, 0.25, 0.25, 0.25]);
    // The counted value converted twice: once for the first run, once for the run after x.
    expect(calls).toBe(2);
  });
});
