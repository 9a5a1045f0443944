/**
 * The Evidence screen's own numbers (renderer/src/features/evidence/pilots.ts): pilots added up per
 * route, and Wilson's interval checked against Newcombe (1998), Table I, method 3 (score, no
 * continuity correction), the same published values test/unit/stats.test.ts holds the engine to.
 */
import { describe, expect, it } from 'vitest';
import { pilotsByRoute, wilson } from '../../renderer/src/features/evidence/pilots.js';

const dp4 = (x: number) => Math.round(x * 1e4) / 1e4;

describe('wilson', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → (%f, %f)', (x, n, lo, hi) => {
    const [l, u] = wilson(x, n)!;
    expect([dp4(l), dp4(u)]).toEqual([lo, hi]);
  });
  it('no interval without messages', () => {
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('pilotsByRoute', () => {
  it('adds pilots on the same route; engagement only over the pilots that counted it', () => {
    const rows = pilotsByRoute([
      { channel: 'sms', country: 'US', class: null, sent: 10000, delivered: 9500, engaged: 950 },
      { channel: 'sms', country: 'US', class: null, sent: 5000, delivered: 4500, engaged: null },
      { channel: 'email', country: null, class: null, sent: 263, delivered: 263, engaged: 81 },
    ]);
    expect(rows.map((r) => r.route)).toEqual(['sms/US', 'email']);
    // sms/US: 9,500 + 4,500 = 14,000 of 10,000 + 5,000 = 15,000 delivered: 0.9333…; engaged 950 of the
    // first pilot's 9,500 delivered only (the second counted none): 0.1.
    expect(rows[0]).toMatchObject({ pilots: 2, sent: 15000, delivered: 14000, engaged: 950, engagedOf: 9500, engagementRate: 0.1 });
    expect(rows[0]!.deliveryRate).toBeCloseTo(14000 / 15000, 12);
    // email: 81 engaged of 263 delivered, Newcombe's 81/263: (0.2553, 0.3662).
    expect(rows[1]!.engagementCi!.map(dp4)).toEqual([0.2553, 0.3662]);
    expect(rows[1]!.deliveryCi).toEqual([expect.any(Number), 1]);
  });
});
