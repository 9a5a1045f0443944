/**
 * The engine's decisions (MODEL.md v1.2 section 7) in sentences a buyer can take to a call: the
 * negotiation target of each vendor (price to win), expected regret beside P(cheapest), and how
 * many more pilot messages would settle the decision. One wording for the compare screen, the
 * workbook's Summary and the report. Nothing here decides: `compute` did (result.cheapest,
 * priceToWin, uncertainty, decisionRisk).
 */
import type { ComputeJson, VendorJson } from '../engine/result-json.js';

/** A share as a percentage with one decimal ("12.4%"), rounded half away from zero. */
export function pct1(x: number): string {
  const v = Math.round(Math.abs(x) * 1000) / 10;
  return `${v.toFixed(1)}%`;
}

/** A whole percentage ("87%"), for probabilities. */
export function pct0(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** "an 18.0%", "an 8.4%", "a 12.4%": the article English reads before the number. */
const withArticle = (p: string) => `${/^(8|11\.|18\.)/.test(p) ? 'an' : 'a'} ${p}`;

const nameOf = (v: VendorJson) => v.name || v.id;

export interface NegotiationLine {
  vendorId: string;
  /** The multiplier of the vendor's price list (null: none). */
  priceToWin: number | null;
  /** For the cheapest vendor: how much higher its prices may go (p − 1); for the others: the cut that wins (1 − p). */
  change: number | null;
  kind: 'headroom' | 'cut' | 'cannot' | 'none';
  sentence: string;
}

/**
 * Per covered vendor, its negotiation target in words:
 * "Vendor B becomes the cheapest per effective message at a 12.4% lower price list",
 * "Vendor A stays the cheapest up to an 18.0% higher price list (its headroom)",
 * "Vendor C cannot become the cheapest by price alone". Empty when price to win is none for every
 * vendor (fewer than two covered vendors, or one without effective messages).
 */
export function negotiationLines(result: ComputeJson): NegotiationLine[] {
  const covered = result.vendors.filter((v) => v.tco !== null);
  if (covered.length < 2 || covered.some((v) => v.costPerEffective === null)) return [];
  return covered.map((v): NegotiationLine => {
    const p = v.priceToWin;
    const name = nameOf(v);
    if (v.id === result.cheapest) {
      if (p === null) return { vendorId: v.id, priceToWin: p, change: null, kind: 'none', sentence: `${name} is the cheapest per effective message` };
      if (p >= 10) return { vendorId: v.id, priceToWin: p, change: p - 1, kind: 'headroom', sentence: `${name} stays the cheapest even at ten times its price list (its headroom)` };
      const up = p - 1;
      return {
        vendorId: v.id,
        priceToWin: p,
        change: up,
        kind: 'headroom',
        sentence: up <= 0 ? `${name} is the cheapest, tied: any higher price list loses it` : `${name} stays the cheapest up to ${withArticle(pct1(up))} higher price list (its headroom)`,
      };
    }
    if (p === null) return { vendorId: v.id, priceToWin: p, change: null, kind: 'cannot', sentence: `${name} cannot become the cheapest by price alone` };
    const cut = 1 - p;
    if (cut <= 0) return { vendorId: v.id, priceToWin: p, change: 0, kind: 'cut', sentence: `${name} ties the cheapest at its current price list` };
    return { vendorId: v.id, priceToWin: p, change: cut, kind: 'cut', sentence: `${name} becomes the cheapest per effective message at ${withArticle(pct1(cut))} lower price list` };
  });
}

/** Money in the base currency, whole units ("$1,234"), for expected regret. */
function wholeMoney(x: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(x);
  } catch {
    return `${Math.round(x)} ${currency}`;
  }
}

/**
 * Expected regret beside P(cheapest), per vendor with draws: "Choosing Vendor A: the cheapest in
 * 87% of the draws; expected regret $1,234 (what it costs on average above the best buy of each draw)".
 */
export function regretSentences(result: ComputeJson): { vendorId: string; sentence: string }[] {
  return result.vendors
    .filter((v) => v.uncertainty !== null && v.expectedRegret !== null)
    .map((v) => ({
      vendorId: v.id,
      sentence: `Choosing ${nameOf(v)}: the cheapest per effective message in ${pct0(v.uncertainty!.pCheapest)} of the draws; expected regret ${wholeMoney(v.expectedRegret!, result.baseCurrency)} (what it costs on average above the best buy of each draw)`,
    }));
}

/**
 * Whether the pilot has said enough: "About 20,000 more pilot messages per vendor would bring
 * Vendor A's chance of being the cheapest above 90% (now 72%)", or that it already is, or that the
 * pilot cannot settle it. Null without draws.
 */
export function decisionRiskSentence(result: ComputeJson): string | null {
  const r = result.decisionRisk;
  if (!r) return null;
  const leader = result.vendors.find((v) => v.id === r.leader);
  if (!leader?.uncertainty) return null;
  const name = nameOf(leader);
  const now = leader.uncertainty.pCheapest;
  if (r.moreMessages === 0) return `${name} is the cheapest in ${pct0(now)} of the draws: the pilot has already said enough to decide (above 90%)`;
  if (r.moreMessages === null)
    return `More pilot messages cannot settle it: even 1,000,000 more per vendor would not bring ${name}'s chance of being the cheapest above 90% (now ${pct0(now)}); the vendors measure alike, or the gap rests on assumed rates no pilot measures`;
  return `About ${new Intl.NumberFormat('en-US').format(r.moreMessages)} more pilot messages per vendor would bring ${name}'s chance of being the cheapest above 90% (now ${pct0(now)})`;
}
