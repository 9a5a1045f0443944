/**
 * Undo labels are words a person reads (issue 14, item 8): the vendor and the stream by their names,
 * the field by its words on screen, never an id or a model field name.
 */
import { describe, expect, it } from 'vitest';
import { edits } from '../../electron/services/edits.js';

const doc: any = {
  format: 'tco-workspace',
  version: 1,
  name: 'Labels',
  baseCurrency: 'USD',
  startMonth: '2027-01',
  horizonMonths: 12,
  defaults: {},
  streams: [{ id: 'stream-1', name: 'Abandoned cart', channel: 'sms', country: 'US', monthlyVolume: '1000', segmentsPerMessage: '1' }],
  vendors: [
    {
      id: 'A',
      name: 'Vendor A',
      quote: { currency: 'USD', routes: [{ channel: 'sms', country: 'US', price: '0.01' }], fees: [{ name: 'Platform', amount: '10', per: 'month', category: 'platform' }] },
      pilots: [{ channel: 'sms', country: 'US', sent: 10, delivered: 9 }],
    },
  ],
};
const label = (name: keyof typeof edits, input: any) => (edits[name] as (d: any, i: any) => { label: string })(doc, { handle: 'h', ...input }).label;

describe('undo labels in words', () => {
  it('name the vendor and the field as the screens do', () => {
    expect(label('quote.update', { vendorId: 'A', patch: { minimumMonthlyCommit: '100' } })).toBe("Change the minimum monthly commit of Vendor A's quote");
    expect(label('routes.update', { vendorId: 'A', index: 0, patch: { passThrough: '0.003' } })).toBe("Change the pass-through of Vendor A's route 1");
    expect(label('fees.update', { vendorId: 'A', index: 0, patch: { amount: '12' } })).toBe("Change the amount of Vendor A's fee 1");
    expect(label('internal.update', { vendorId: 'A', patch: { remediationPerFailure: '0.1' } })).toBe("Change the cost per failed message of Vendor A's internal costs");
    expect(label('pilots.update', { vendorId: 'A', index: 0, patch: { sent: 20, delivered: 19 } })).toBe("Change the messages sent and the messages delivered of Vendor A's pilot 1");
    expect(label('streams.update', { id: 'stream-1', patch: { monthlyVolume: '2000' } })).toBe('Change the messages a month of “Abandoned cart”');
    expect(label('settings.update', { patch: { horizonMonths: 24 } })).toBe('Change the horizon');
    expect(label('defaults.set', { channel: 'sms', rates: { deliveryRate: '0.9', engagementRate: null } })).toBe('Set the assumed SMS rates');
    expect(label('vendors.remove', { id: 'A' })).toBe('Remove Vendor A');
  });

  it('a rename is labelled by place, so every keystroke of a name is the same label (one undo step)', () => {
    expect(label('vendors.update', { id: 'A', patch: { name: 'Vendor A2' } })).toBe('Rename vendor 1');
    expect(label('streams.update', { id: 'stream-1', patch: { name: 'Abandoned carts' } })).toBe('Rename stream 1');
  });
});
