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

/** P(cheapest) from which the recommendation is called confident, and moderately so (the product's choice: README). */
export const CONFIDENCE = { high: 0.95, moderate: 0.75 } as const;
export type Confidence = 'high' | 'moderate' | 'low' | 'unknown';

export function confidenceOf(pCheapest: number | null): Confidence {
  if (pCheapest === null) return 'unknown';
  if (pCheapest >= CONFIDENCE.high) return 'high';
  if (pCheapest >= CONFIDENCE.moderate) return 'moderate';
  return 'low';
}

export interface Recommendation {
  /** The vendor cheapest per effective message (cheapestPerEffective). */
  vendor: string;
  /** The next cheapest per effective message among the others (exact decimals; the first on a tie), or null. */
  runnerUp: string | null;
  /** How much more the runner-up costs per effective message, as a fraction of the cheapest's (0.4: 40% more); null without a runner-up or when the cheapest's is 0. */
  margin: Decimal | null;
  /** The cheapest's share of the draws in which it is cheapest; null without draws. */
  pCheapest: number | null;
  confidence: Confidence;
  /** Whether the 5th–95th percentile ranges of cost per effective message of the two overlap; null without draws or runner-up. */
  rangesOverlap: boolean | null;
}

interface Ranked {
  id: string;
  costPerEffective: Decimal | null;
  uncertainty: { costPerEffective: { p5: number | null; p95: number | null }; pCheapest: number } | null;
}

/** The recommendation: the cheapest, the runner-up, the margin between them and how sure the draws are of it. */
export function recommendation(vendors: readonly Ranked[], cheapest: string | null): Recommendation | null {
  const best = vendors.find((v) => v.id === cheapest);
  if (!best || best.costPerEffective === null) return null;
  const runnerUp = cheapestPerEffective(vendors.filter((v) => v !== best));
  const margin = runnerUp && !best.costPerEffective.isZero() ? runnerUp.costPerEffective!.div(best.costPerEffective).minus(1) : null;
  const pCheapest = best.uncertainty ? best.uncertainty.pCheapest : null;
  const a = best.uncertainty?.costPerEffective;
  const b = runnerUp?.uncertainty?.costPerEffective;
  const rangesOverlap = a && b && a.p5 !== null && a.p95 !== null && b.p5 !== null && b.p95 !== null ? a.p95 >= b.p5 && b.p95 >= a.p5 : null;
  return { vendor: best.id, runnerUp: runnerUp?.id ?? null, margin, pCheapest, confidence: confidenceOf(pCheapest), rangesOverlap };
}
