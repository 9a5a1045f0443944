/**
 * Tiered pricing on monthly billed units U of a pooled route (MODEL.md section 4).
 * Tier i covers units from_i + 1 .. from_(i+1). Graduated: each unit in its own tier.
 * Volume (all-units): every unit at the tier with from_i < U <= from_(i+1). U = 0 costs 0.
 */
import { Decimal, ZERO } from './decimal.js';
import type { TierMode } from './types.js';

export interface TierSchedule {
  mode: TierMode;
  from: Decimal[];
  price: Decimal[];
  /** Graduated: the charge of the first from_i units (the tiers below i, in full). */
  base: Decimal[];
}

export function tierSchedule(mode: TierMode, from: Decimal[], price: Decimal[]): TierSchedule {
  const base: Decimal[] = [ZERO];
  for (let i = 1; i < from.length; i++) base.push(base[i - 1]!.plus(price[i - 1]!.times(from[i]!.minus(from[i - 1]!))));
  return { mode, from, price, base };
}

/**
 * A unit count within this relative distance above a threshold is on it. Units are exact decimals
 * except where a pilot's rate does not terminate (3 delivered of 17 sent, carried at 34 digits):
 * 17 · (3/17) comes out 3.000…0001, and a finance reviewer expects exactly 3 billed units, in the
 * lower tier.
 */
const TIE = new Decimal('1e-30');

/** Index of the tier holding unit number U (the last i with from_i < U); U > 0. */
export function tierIndex(from: readonly Decimal[], u: Decimal): number {
  let i = from.length - 1;
  while (i > 0 && !from[i]!.lt(u)) i--;
  if (i > 0 && u.minus(from[i]!).lte(u.times(TIE))) i--;
  return i;
}

export function tierCharge(t: TierSchedule, u: Decimal): Decimal {
  if (!u.gt(0)) return ZERO;
  const i = tierIndex(t.from, u);
  if (t.mode === 'volume') return t.price[i]!.times(u);
  return t.base[i]!.plus(t.price[i]!.times(u.minus(t.from[i]!)));
}

/** The same in binary floating point, for draws and break-even scans (statistics, not money). */
export interface FloatTiers {
  volume: boolean;
  from: Float64Array;
  price: Float64Array;
  base: Float64Array;
}

export function floatTiers(t: TierSchedule): FloatTiers {
  return {
    volume: t.mode === 'volume',
    from: Float64Array.from(t.from, (d) => d.toNumber()),
    price: Float64Array.from(t.price, (d) => d.toNumber()),
    base: Float64Array.from(t.base, (d) => d.toNumber()),
  };
}

/**
 * Tier index in floats. Units that the decimals would put exactly on a threshold can come out a
 * hair above it in binary (0.21·10·0.5·… ≠ its decimal value), so a unit count within 1e-12
 * (relative) of a threshold counts as on it, as in the decimal engine: it stays in the lower tier.
 */
export function floatTierIndex(from: Float64Array, u: number): number {
  const v = u - Math.abs(u) * 1e-12;
  let i = from.length - 1;
  while (i > 0 && !(from[i]! < v)) i--;
  return i;
}

export function floatTierCharge(t: FloatTiers, u: number): number {
  if (!(u > 0)) return 0;
  const from = t.from;
  const i = floatTierIndex(from, u);
  return t.volume ? t.price[i]! * u : t.base[i]! + t.price[i]! * (u - from[i]!);
}
