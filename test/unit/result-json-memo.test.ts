/**
 * The JSON of a compute result (result-json.ts) writes what comes from objects the engine keeps
 * between computations once per object: after a keystroke in one vendor's price, the other
 * vendors' parts are the very objects written before (shared, so frozen), and the edited vendor's
 * are new and equal to a computation from scratch.
 */
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../electron/api/document.js';
import { EngineCache, compute } from '../../electron/engine/compute.js';
import { computeJson } from '../../electron/engine/result-json.js';
import type { Workspace } from '../../electron/engine/types.js';

// One SMS stream, 100,000 messages a month for 12 months, 1% of delivered messages converting at 2
// each; vendor A at price p, vendor B at 0.0079, both billed on messages sent, with no fees,
// commits or pass-through.
const ws = (price: string) =>
  readDocument({
    format: 'tco-workspace',
    version: 1,
    baseCurrency: 'USD',
    startMonth: '2027-01',
    horizonMonths: 12,
    defaults: { sms: { deliveryRate: '0.95', engagementRate: '0.1' } },
    streams: [{ id: 'US', channel: 'sms', country: 'US', monthlyVolume: '100000', segmentsPerMessage: 1, benefits: { conversionRate: '0.01', valuePerConversion: '2' } }],
    vendors: ['A', 'B'].map((id) => ({ id, quote: { currency: 'USD', routes: [{ channel: 'sms', country: 'US', price: id === 'A' ? price : '0.0079' }] } })),
  }) as Workspace;

/** A keystroke in vendor A's price: the next workspace, sharing with `first` every object but A (as the app's next one does). */
const typedIn = (first: Workspace, price: string): Workspace => {
  const edited = ws(price);
  return { ...edited, streams: first.streams, defaults: first.defaults, fx: first.fx, vendors: [edited.vendors[0]!, first.vendors[1]!] };
};

describe('the JSON of a result, written once per kept object', () => {
  it('writes the edited vendor again and shares the others', () => {
    const cache = new EngineCache();
    const opts = { draws: 0, sensitivity: true, breakEven: false, priceToWin: false } as const;
    const first = ws('0.01');
    const before = computeJson(compute(first, opts, cache), { monthly: true });
    // A keystroke in vendor A's price: B is the same object, so its kept results serve again.
    const next = typedIn(first, '0.02');
    const after = computeJson(compute(next, opts, cache), { monthly: true });
    // By hand: 12 × 100,000 messages; A 1,200,000 × 0.01 = 12,000 then × 0.02 = 24,000; B × 0.0079 = 9,480.
    expect(before.vendors[0]!.tco!.nominal).toBe('12000');
    expect(after.vendors[0]!.tco!.nominal).toBe('24000');
    expect(after.vendors[1]!.tco!.nominal).toBe('9480');
    // Benefits: 1,200,000 × 0.95 delivered × 0.01 × 2 = 22,800 for both (the flows, kept once for
    // both vendors' rates, serve the keystroke); ROI (22,800 − TCO) / TCO: A −1,200 / 24,000 = −0.05.
    expect(after.vendors[0]!.benefits!.nominal).toBe('22800');
    expect(after.vendors[0]!.roi).toBe('-0.05');
    expect(before.vendors[0]!.roi).toBe('0.9');
    expect(cache.wp!.memo.flows.size).toBe(1);
    // The edited vendor's parts are new, and the same as a computation with no memory at all.
    expect(after.vendors[0]!.tco).not.toBe(before.vendors[0]!.tco);
    expect(after).toEqual(computeJson(compute(next, opts), { monthly: true }));
    // B's totals, sensitivity, months and rates are the objects written the first time.
    for (const key of ['tco', 'sensitivity', 'monthly', 'rates', 'benefits'] as const) expect(after.vendors[1]![key]).toBe(before.vendors[1]![key]);
    // Shared, so nobody may change them in place.
    expect(() => {
      (after.vendors[1]!.tco as { nominal: string }).nominal = '0';
    }).toThrow(TypeError);
    expect(() => after.vendors[1]!.monthly!.sort()).toThrow(TypeError);
    // Asked without months, then with them again: the months come back the same.
    expect(computeJson(compute(next, opts, cache), { monthly: false }).vendors[1]!.monthly).toBeNull();
    expect(computeJson(compute(next, opts, cache), { monthly: true }).vendors[1]!.monthly).toBe(before.vendors[1]!.monthly);
  });

  it("a keystroke's totals (no analyses): an unchanged vendor's whole JSON is the object written before; the edited one's is new", () => {
    const cache = new EngineCache();
    const totals = { draws: 0, sensitivity: false, breakEven: false, priceToWin: false } as const;
    const first = ws('0.01');
    const before = computeJson(compute(first, totals, cache), { monthly: false });
    const next = typedIn(first, '0.02');
    const after = computeJson(compute(next, totals, cache), { monthly: false });
    // By hand, as above: A 24,000 after the keystroke; B 9,480 throughout.
    expect(after.vendors[0]!.tco!.nominal).toBe('24000');
    expect(after.vendors[1]!.tco!.nominal).toBe('9480');
    expect(after.vendors[1]).toBe(before.vendors[1]);
    expect(after.vendors[0]).not.toBe(before.vendors[0]);
    expect(after).toEqual(computeJson(compute(next, totals), { monthly: false }));
    expect(Object.isFrozen(after.vendors[1])).toBe(true);
    // Asked with the months, or with analyses: written again, with them.
    const withMonths = computeJson(compute(next, totals, cache), { monthly: true });
    expect(withMonths.vendors[1]).not.toBe(before.vendors[1]);
    expect(withMonths.vendors[1]!.monthly).toHaveLength(12);
    const analysed = computeJson(compute(next, { ...totals, sensitivity: true }, cache), { monthly: false });
    expect(analysed.vendors[1]!.sensitivity).toHaveLength(9);
    expect(analysed.vendors[1]).not.toBe(before.vendors[1]);
  });
});
