/**
 * Tiered pricing on monthly billed units U of a pooled route (MODEL.md section 4).
 * Tier i covers units from_i + 1 .. from_(i+1). Graduated: each unit in its own tier.
 * Volume (all-units): every unit at the tier with from_i < U <= from_(i+1). U = 0 costs 0.
 * Written once over an arithmetic (calc.ts): decimals for money, floats for draws and scans.
 */
import { decimalCalc, type Calc } from './calc.js';
import { Decimal, ZERO } from './decimal.js';
import type { TierMode } from './types.js';

export { floatTierIndex, tierIndex } from './calc.js';

/** A route's tiers in one arithmetic. */
export interface Tiers<N> {
  mode: TierMode;
  from: ArrayLike<N>;
  price: ArrayLike<N>;
  /** Graduated: the charge of the first from_i units (the tiers below i, in full). */
  base: ArrayLike<N>;
}

export interface TierSchedule extends Tiers<Decimal> {
  from: Decimal[];
  price: Decimal[];
  base: Decimal[];
}

export function tierSchedule(mode: TierMode, from: Decimal[], price: Decimal[]): TierSchedule {
  const base: Decimal[] = [ZERO];
  for (let i = 1; i < from.length; i++) base.push(base[i - 1]!.plus(price[i - 1]!.times(from[i]!.minus(from[i - 1]!))));
  return { mode, from, price, base };
}

/** The charge of U billed units: the pricing rule of tiers, in any arithmetic. */
export function chargeTiers<N>(c: Calc<N>, t: Tiers<N>, u: N): N {
  if (!c.gt(u, c.zero)) return c.zero;
  const i = c.tierIndex(t.from, u);
  if (t.mode === 'volume') return c.mul(t.price[i]!, u);
  return c.add(t.base[i]!, c.mul(t.price[i]!, c.sub(u, t.from[i]!)));
}

export function tierCharge(t: TierSchedule, u: Decimal): Decimal {
  return chargeTiers(decimalCalc, t, u);
}

/** The same tiers in binary floating point, for draws and break-even scans (statistics, not money). */
export interface FloatTiers extends Tiers<number> {
  from: Float64Array;
  price: Float64Array;
  base: Float64Array;
}

export function floatTiers(t: TierSchedule): FloatTiers {
  return {
    mode: t.mode,
    from: Float64Array.from(t.from, (d) => d.toNumber()),
    price: Float64Array.from(t.price, (d) => d.toNumber()),
    base: Float64Array.from(t.base, (d) => d.toNumber()),
  };
}
