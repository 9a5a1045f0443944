/**
 * Errors as a person reads them (renderer/src/words.ts): the API's messages, which name JSON paths,
 * ids and model fields for programs, become sentences naming the vendor and the stream, with the
 * fix at hand. The inputs are the API's own messages as it gives them (see the e2e tests).
 */
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../electron/api/errors.js';
import { inWords, problem, routeWords, routesWithStreams } from '../../renderer/src/words.js';

const doc: any = {
  baseCurrency: 'USD',
  streams: [
    { id: 'stream-1', name: 'Abandoned cart', channel: 'sms', country: 'US' },
    { id: 'stream-2', name: 'Order alerts', channel: 'sms', country: 'US' },
  ],
  vendors: [{ id: 'A', name: 'Acme Messaging', quote: { currency: 'EUR', routes: [] }, pilots: [] }],
};

describe('inWords: an edit refused, beside its field', () => {
  it("a name over its limit: the field's label, its length and the limit, no operation or path", () => {
    // As the API answers a vendor's name of 501 characters (vendors.update through workspace.edit).
    const e: ApiError = { code: 'INVALID_INPUT', message: 'vendors.update: $.patch.name: is too long: 501 characters, at most 500', path: '$.patch.name', field: 'name' };
    expect(inWords(e, doc, 'Name')).toBe('Name is too long: 501 characters, at most 500.');
  });
});

describe('problem: why the workspace cannot be computed', () => {
  it('no pilot and no assumed rate: the vendor and both streams by name, and two fixes', () => {
    const e: ApiError = {
      code: 'MODEL_ERROR',
      message: '$.defaults.sms.deliveryRate: vendor A has no pilot with messages sent on sms/US, and the workspace has no default deliveryRate for sms',
      path: '$.defaults.sms.deliveryRate',
      field: 'deliveryRate',
    };
    expect(problem(e, doc)).toEqual({
      sentence: 'Acme Messaging has no pilot results for the streams “Abandoned cart” and “Order alerts”, and no assumed SMS delivery rate is set, so its cost per message cannot be worked out.',
      fixes: [
        { label: 'Set the assumed SMS delivery rate', screen: 'settings' },
        { label: 'Add pilot results for Acme Messaging', screen: 'vendors' },
      ],
    });
  });

  it('a quote in a currency with no exchange rate', () => {
    const e: ApiError = { code: 'MODEL_ERROR', message: '$.vendors[0].quote.currency: no FX rate for EUR (add EUR to fx: its value in USD)', path: '$.vendors[0].quote.currency', field: 'currency' };
    expect(problem(e, doc)).toEqual({
      sentence: "Acme Messaging's quote is in EUR, and there is no exchange rate for EUR: add its value in USD in Settings.",
      fixes: [{ label: 'Add the EUR rate', screen: 'settings' }],
    });
  });

  it('a pilot that delivered more than it sent: the place in words, no path', () => {
    const e: ApiError = { code: 'INVALID_DOCUMENT', message: '$.vendors[0].pilots[0].delivered: 20 delivered is more than 10 sent', path: '$.vendors[0].pilots[0].delivered', field: 'delivered' };
    expect(problem(e, doc).sentence).toBe("Acme Messaging's pilot 1: 20 delivered is more than 10 sent.");
  });
});

describe('inWords: an edit refused, beside its field', () => {
  it('names the field by its label, drops the operation and the path', () => {
    const e: ApiError = { code: 'INVALID_INPUT', message: 'settings.update: $.patch.horizonMonths: must be at most 600', path: '$.patch.horizonMonths', field: 'horizonMonths' };
    expect(inWords(e, doc, 'Horizon (months)')).toBe('Horizon (months) must be at most 600.');
    const f: ApiError = { code: 'INVALID_INPUT', message: 'fees.add: $.fee.amount: must be >= 0', path: '$.fee.amount', field: 'amount' };
    expect(inWords(f, doc, 'Amount')).toBe('Amount must be 0 or more.');
  });
});

describe('routes in words', () => {
  it('a route key as words, with the streams on it', () => {
    expect(routeWords('whatsapp/IN/marketing')).toBe('WhatsApp marketing to IN');
    expect(routeWords('email')).toBe('email');
    expect(routesWithStreams([{ name: 'Kenya alerts', route: 'sms/KE' }], ['sms/KE', 'push'])).toBe('“Kenya alerts” (SMS to KE), push');
  });
});
