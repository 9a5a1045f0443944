/**
 * The decision, made once in the engine: the vendor cheapest per effective message among the
 * covered vendors with effective messages, compared as exact decimals; the first in document order
 * on a tie; null when no vendor has effective messages (MODEL.md v1.2 section 7, scenarios).
 */
import type { Decimal } from './decimal.js';

export function cheapestPerEffective<T extends { id: string; costPerEffective: Decimal | null }>(vendors: readonly T[]): T | null {
  let best: T | null = null;
  for (const v of vendors) {
    if (v.costPerEffective === null) continue;
    if (best === null || v.costPerEffective.lt(best.costPerEffective!)) best = v;
  }
  return best;
}
