/**
 * The renderer's formatting (renderer/src/format.ts), in en-US: money to the minor unit rounded half
 * away from zero (MODEL.md section 1, as the sheet's ROUND), unit costs to 4 significant digits, and
 * the two chart axes. Expected strings are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { axisMoney, axisUnitCost, money, unitCost } from '../../renderer/src/format.js';

describe('formatting', () => {
  it('money: to the cent, half away from zero, from the decimal string as given', () => {
    expect(money('19124', 'USD')).toBe('$19,124.00');
    expect(money('0.125', 'USD')).toBe('$0.13');
    expect(money('-0.125', 'USD')).toBe('-$0.13');
    // 2.675 is 2.67499999… as a binary float: formatted from its decimal string it rounds up.
    expect(money('2.675', 'USD')).toBe('$2.68');
    expect(money('1234.5', 'JPY')).toBe('¥1,235');
    expect(money(null, 'USD')).toBe('—');
  });

  it('unit costs: 4 significant digits', () => {
    expect(unitCost('0.0159367', 'USD')).toBe('$0.01594');
    expect(unitCost('0.167754', 'USD')).toBe('$0.1678');
    expect(unitCost('0.05', 'USD')).toBe('$0.05000');
  });

  it('axes: compact whole money; unit costs with cents at least and no padding beyond what a tick needs', () => {
    expect(axisMoney(50_000, 'USD')).toBe('$50K');
    expect(axisMoney(1_250_000, 'USD')).toBe('$1.3M');
    expect(axisUnitCost(0.05, 'USD')).toBe('$0.05');
    expect(axisUnitCost(0.1, 'USD')).toBe('$0.10');
    expect(axisUnitCost(0.15000000000000002, 'USD')).toBe('$0.15');
    expect(axisUnitCost(0.0125, 'USD')).toBe('$0.0125');
    expect(axisUnitCost(0, 'USD')).toBe('$0.00');
  });
});
