/**
 * The report's assumptions in words for the v1.2 price rules (MODEL.md section 4): dated changes,
 * free shares, markups and carrier mixes, each a sentence with the month, the vendor, the route and
 * the value as quoted; the blended rate of a carrier mix worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import type { WorkspaceDocument } from '../../electron/api/document.js';
import { quoteRoutes } from '../../renderer/src/features/report/model.js';
import { blended, priceRuleSentences, share } from '../../renderer/src/features/report/terms.js';

type VendorDoc = WorkspaceDocument['vendors'][number];

const vendor = (routes: VendorDoc['quote']['routes']): VendorDoc => ({ id: 'A', name: 'Vendor A', quote: { currency: 'USD', routes } });

describe('the price rules as sentences', () => {
  it('a dated price change: "From October 2027, Vendor A\'s WhatsApp marketing price in India is $0.0085."', () => {
    const v = vendor([{ channel: 'whatsapp', country: 'IN', class: 'marketing', price: '0.0107', priceChanges: [{ from: '2027-10', price: '0.0085' }] }]);
    expect(priceRuleSentences(v)).toEqual(["From October 2027, Vendor A's WhatsApp marketing price in India is $0.0085."]);
  });

  it('a change of several fields is one sentence, in the order the route lists them; changes come in date order', () => {
    const v = vendor([
      {
        channel: 'sms',
        country: 'US',
        price: '0.0079',
        priceChanges: [
          { from: '2028-01', passThroughMarkup: '0.1', freeShare: '0.05' },
          {
            from: '2027-04',
            tiers: [
              { from: 0, price: '0.0079' },
              { from: 50000, price: '0.0060' },
            ],
            inboundPassThrough: '0.003',
          },
        ],
      },
    ]);
    expect(priceRuleSentences(v)).toEqual([
      "From April 2027, Vendor A's SMS price in the United States is in graduated tiers of $0.0079 from 0, $0.006 from 50,000 and its inbound pass-through is $0.003.",
      "From January 2028, Vendor A's SMS markup on pass-through in the United States is 10% and its free share is 5% of billed segments.",
    ]);
  });

  it('free share, markup and carrier mix as quoted; the blended pass-through is the share-weighted sum', () => {
    // 0.4 · 0.0045 + 0.6 · 0.0030 = 0.0018 + 0.0018 = 0.0036; inbound 0.4 · 0.0025 + 0.6 · 0 = 0.001.
    const mix = [
      { carrier: 'T-Mobile', share: '0.4', passThrough: '0.0045', inboundPassThrough: '0.0025' },
      { carrier: 'AT&T', share: '0.6', passThrough: '0.0030', inboundPassThrough: '0' },
    ];
    expect(blended(mix, 'passThrough')).toBe('0.0036');
    expect(blended(mix, 'inboundPassThrough')).toBe('0.001');
    const v = vendor([
      { channel: 'whatsapp', country: null, class: 'utility', price: '0.004', freeShare: '0.35' },
      { channel: 'sms', country: 'US', price: '0.0079', passThroughMarkup: '0.125', carrierMix: mix },
    ]);
    // The routes table says the mix sets the pass-through, instead of the route's own rate it does not use.
    expect(quoteRoutes(v).map((r) => r.carrierMix)).toEqual([false, true]);
    expect(priceRuleSentences(v)).toEqual([
      'Vendor A charges nothing, neither price nor pass-through, for 35% of its billed WhatsApp utility messages.',
      "Vendor A bills the SMS pass-through in the United States at 12.5% over the network's fee.",
      "Vendor A's SMS pass-through in the United States is a carrier mix: T-Mobile 40% at $0.0045 (inbound $0.0025), AT&T 60% at $0.003: $0.0036 a unit blended, inbound $0.001.",
    ]);
  });

  it("v1.1's pass-through changes are read among the dated changes; a mix ended by a change says so", () => {
    const route = {
      channel: 'sms' as const,
      country: 'US',
      price: '0.0079',
      carrierMix: [{ carrier: 'T-Mobile', share: 1, passThrough: '0.003', inboundPassThrough: '0' }],
      priceChanges: [{ from: '2027-07', carrierMix: null }],
      passThroughChanges: [{ from: '2027-03', passThrough: '0.0045' }],
    };
    const out = priceRuleSentences(vendor([route as VendorDoc['quote']['routes'][number]]));
    expect(out.slice(1)).toEqual([
      "From March 2027, Vendor A's SMS pass-through in the United States is $0.0045.",
      "From July 2027, Vendor A's SMS carrier mix in the United States ends (its own pass-through applies again).",
    ]);
  });

  it('a route with none of the rules says nothing', () => {
    expect(priceRuleSentences(vendor([{ channel: 'email', country: null, price: '0.0001' }]))).toEqual([]);
  });

  it('shares keep the digits they need: 0.35 is 35%, 0.125 is 12.5%, 1 is 100%', () => {
    expect([share('0.35'), share('0.125'), share(1)]).toEqual(['35%', '12.5%', '100%']);
  });
});
