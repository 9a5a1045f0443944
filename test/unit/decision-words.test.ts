// The engine's decisions in sentences (electron/api/decision-words.ts), on results built by hand:
// the wording the compare screen, the Summary sheet and the report share.
import { describe, expect, it } from 'vitest';
import { decisionRiskSentence, negotiationLines, pct1, regretSentences } from '../../electron/api/decision-words.js';
import type { ComputeJson, VendorJson } from '../../electron/engine/result-json.js';

const vendor = (id: string, costPerEffective: string | null, priceToWin: number | null, extra: Partial<VendorJson> = {}): VendorJson =>
  ({ id, name: `Vendor ${id}`, tco: costPerEffective === null ? null : { nominal: '1', npv: '1' }, costPerEffective, priceToWin, uncertainty: null, expectedRegret: null, ...extra }) as VendorJson;

const result = (vendors: VendorJson[], cheapest: string | null, decisionRisk: ComputeJson['decisionRisk'] = null): ComputeJson =>
  ({ baseCurrency: 'USD', vendors, cheapest, decisionRisk, scenarios: [] }) as unknown as ComputeJson;

describe('negotiation targets in words', () => {
  it('a cut for the others, the headroom of the cheapest, none for one that cannot win', () => {
    // B at p = 0.876 needs a 12.4% cut; A's p = 1.18 is an 18.0% headroom.
    const lines = negotiationLines(result([vendor('A', '0.1', 1.18), vendor('B', '0.11', 0.876), vendor('C', '0.2', null)], 'A'));
    expect(lines.map((l) => l.sentence)).toEqual([
      'Vendor A stays the cheapest up to an 18.0% higher price list (its headroom)',
      'Vendor B becomes the cheapest per effective message at a 12.4% lower price list',
      'Vendor C cannot become the cheapest by price alone',
    ]);
    expect(lines.map((l) => l.kind)).toEqual(['headroom', 'cut', 'cannot']);
  });

  it('ten times the price list, an 8% and an 11% cut, rounding to one decimal', () => {
    const lines = negotiationLines(result([vendor('A', '0.01', 10), vendor('B', '0.2', 0.92), vendor('C', '0.3', 0.89)], 'A'));
    expect(lines[0]!.sentence).toBe('Vendor A stays the cheapest even at ten times its price list (its headroom)');
    expect(lines[1]!.sentence).toBe('Vendor B becomes the cheapest per effective message at an 8.0% lower price list');
    expect(lines[2]!.sentence).toBe('Vendor C becomes the cheapest per effective message at an 11.0% lower price list');
    // 1 − 0.8999991 = 0.1000009 → 10.0%; 0.12449 → 12.4%; 0.12451 → 12.5%.
    expect([pct1(1 - 0.8999991), pct1(0.12449), pct1(0.12451)]).toEqual(['10.0%', '12.4%', '12.5%']);
  });

  it('nothing with fewer than two covered vendors, or one without effective messages', () => {
    expect(negotiationLines(result([vendor('A', '0.1', null), vendor('B', null, null)], 'A'))).toEqual([]);
    expect(negotiationLines(result([vendor('A', '0.1', null)], 'A'))).toEqual([]);
  });
});

describe('decision risk in words', () => {
  const u = (p: number) => ({ costPerEffective: { p5: 0.1, p50: 0.1, p95: 0.1 }, pCheapest: p });
  const vs = [vendor('A', '0.1', 1.1, { uncertainty: u(0.72), expectedRegret: 310.4 }), vendor('B', '0.11', 0.9, { uncertainty: u(0.28), expectedRegret: 1234.5 })];

  it('expected regret beside P(cheapest), money in whole units', () => {
    expect(regretSentences(result(vs, 'A')).map((r) => r.sentence)).toEqual([
      'Choosing Vendor A: the cheapest per effective message in 72% of the draws; expected regret $310 (what it costs on average above the best buy of each draw)',
      'Choosing Vendor B: the cheapest per effective message in 28% of the draws; expected regret $1,235 (what it costs on average above the best buy of each draw)',
    ]);
  });

  it('how many more pilot messages, already enough, or out of reach', () => {
    expect(decisionRiskSentence(result(vs, 'A', { leader: 'A', moreMessages: 20000, pCheapest: 0.91 }))).toBe(
      "About 20,000 more pilot messages per vendor would bring Vendor A's chance of being the cheapest above 90% (now 72%)",
    );
    expect(decisionRiskSentence(result(vs, 'A', { leader: 'A', moreMessages: null, pCheapest: 0.74 }))).toMatch(
      /^More pilot messages cannot settle it: even 1,000,000 more per vendor would not bring Vendor A's chance of being the cheapest above 90% \(now 72%\)/,
    );
    const sure = [vendor('A', '0.1', 1.1, { uncertainty: u(0.95), expectedRegret: 1 }), vs[1]!];
    expect(decisionRiskSentence(result(sure, 'A', { leader: 'A', moreMessages: 0, pCheapest: 0.95 }))).toBe(
      'Vendor A is the cheapest in 95% of the draws: the pilot has already said enough to decide (above 90%)',
    );
    expect(decisionRiskSentence(result(vs, 'A', null))).toBeNull();
  });
});
