/**
 * The workspace document of FORMAT.md ("The document"): reading, defaults, exact decimals, the
 * round trip through writeDocument, and errors that name the JSON path and the field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { DocumentError, readDocument, writeDocument, zodIssues, type DocumentIssue } from '../../electron/api/document.js';

const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));

/** A fresh, mutable copy of the worked example (MODEL.md section 11). */
const worked = (): any => fixture('worked-example.json');
const sample = (): any => fixture('sample-rfp.json');

/** The smallest document FORMAT.md allows: every optional field left out. */
function minimal(): any {
  return {
    format: 'tco-workspace',
    version: 1,
    baseCurrency: 'USD',
    startMonth: '2027-01',
    streams: [{ id: 's1', channel: 'sms', country: 'US', monthlyVolume: 1000, segmentsPerMessage: 1 }],
    vendors: [
      {
        id: 'A',
        quote: {
          currency: 'USD',
          routes: [{ channel: 'sms', country: 'US', price: '0.01' }],
          fees: [
            { name: 'setup', amount: '100', per: 'once', category: 'setup' },
            { name: 'seats', amount: '20', per: 'seat-month', category: 'platform' },
          ],
        },
        pilots: [{ channel: 'sms', country: 'US', sent: 100, delivered: 90 }],
      },
    ],
  };
}

/** The issues readDocument reports for `doc`; fails the test if it does not throw a DocumentError. */
function issuesOf(doc: unknown): DocumentIssue[] {
  try {
    readDocument(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    const err = e as DocumentError;
    expect(err.code).toBe('INVALID_DOCUMENT');
    expect(err.issues.length).toBeGreaterThan(0);
    // The message is the first issue, on one line, starting with its path.
    expect(err.message).toBe(`${err.issues[0]!.path}: ${err.issues[0]!.message}`);
    expect(err.message).not.toContain('\n');
    return err.issues;
  }
  throw new Error('readDocument accepted a document it should have rejected');
}

/** The first issue must be at `path`, about `field`, with `fragment` in its message. */
function expectIssue(doc: unknown, path: string, field: string, fragment: string | RegExp): DocumentIssue {
  const issues = issuesOf(doc);
  const first = issues[0]!;
  expect(first.path).toBe(path);
  expect(first.field).toBe(field);
  if (typeof fragment === 'string') expect(first.message).toContain(fragment);
  else expect(first.message).toMatch(fragment);
  return first;
}

describe('reading the fixtures', () => {
  it('reads the worked example cleanly', () => {
    const ws = readDocument(worked());
    expect(ws.name).toBe('Worked example (MODEL.md section 11)');
    expect(ws.baseCurrency).toBe('USD');
    expect(ws.horizonMonths).toBe(12);
    expect(ws.streams.map((s) => s.id)).toEqual(['us-sms']);
    expect(ws.vendors.map((v) => v.id)).toEqual(['A']);
    const route = ws.vendors[0]!.quote.routes[0]!;
    expect(route.tiers).toEqual([
      { from: 0, price: '0.0080' },
      { from: 50000, price: '0.0060' },
    ]);
    expect(route.price).toBeNull();
    expect(route.passThrough).toBe('0.0030');
  });

  it('reads the sample RFP cleanly', () => {
    const ws = readDocument(sample());
    expect(ws.streams.length).toBeGreaterThan(0);
    expect(ws.vendors.length).toBeGreaterThan(0);
    expect(ws.fx.map((f) => f.currency)).toEqual(['EUR', 'KES']);
    expect(ws.fx[0]!.rate).toBe('1.08');
    expect(ws.streams[0]!.benefits.holdout).toEqual({ exposed: [412, 9000], holdout: [31, 1000], vendor: 'A' });
  });

  it('does not modify its input', () => {
    const doc = worked();
    const before = JSON.stringify(doc);
    readDocument(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('defaults (FORMAT.md)', () => {
  const ws = readDocument(minimal());
  const stream = ws.streams[0]!;
  const vendor = ws.vendors[0]!;
  const route = vendor.quote.routes[0]!;

  it('fills the workspace defaults', () => {
    expect(ws.name).toBe('');
    expect(ws.horizonMonths).toBe(36);
    expect(ws.discountRate).toBe(0);
    expect(ws.hourlyRate).toBe(0);
    expect(ws.riskAdjustment).toBe(0);
    expect(ws.fx).toEqual([]);
    expect(ws.defaults).toEqual({});
  });

  it('fills the stream defaults', () => {
    expect(stream.name).toBe('s1'); // a stream without a name is shown by its id
    expect(stream.class).toBeNull();
    expect(stream.annualGrowth).toBe(0);
    expect(stream.monthlyGrowth).toBe(0);
    expect(stream.seasonality).toBeNull();
    expect(stream.inboundPerOutbound).toBe(0);
    expect(stream.template).toBeNull();
    expect(stream.monthlyActive).toBeNull();
    expect(stream.contactGrowth).toBe(0);
    expect(stream.benefits).toEqual({
      valuePerConversion: null,
      holdout: null,
      conversionRate: null,
      deflectedPerDelivered: null,
      costPerContact: null,
      riskReductionPerYear: null,
    });
  });

  it('fills the quote and route defaults: tierMode graduated, billedOn sent', () => {
    expect(vendor.name).toBe('A');
    expect(vendor.quote.escalator).toBe(0);
    expect(vendor.quote.discount).toBe(0);
    expect(vendor.quote.minimumMonthlyCommit).toBe(0);
    expect(vendor.quote.minimumAnnualCommit).toBe(0);
    expect(route.class).toBeNull();
    expect(route.tiers).toBeNull();
    expect(route.tierMode).toBe('graduated');
    expect(route.billedOn).toBe('sent');
    expect(route.passThrough).toBe(0);
    expect(route.inboundPassThrough).toBe(0);
    expect(route.inboundPrice).toBe(0);
    // v1.2: no markup, no carrier mix, nothing free, no dated changes; v1.1's list is not written.
    expect(route.passThroughMarkup).toBe(0);
    expect(route.carrierMix).toBeNull();
    expect(route.freeShare).toBe(0);
    expect(route.priceChanges).toEqual([]);
    expect(route).not.toHaveProperty('passThroughChanges');
  });

  it('fills the fee defaults: quantity 1, once-fee month 1, no own currency', () => {
    const [once, seats] = vendor.quote.fees;
    expect(once).toMatchObject({ per: 'once', month: 1, quantity: 1, included: 0, currency: null });
    expect(seats).toMatchObject({ per: 'seat-month', quantity: 1, currency: null });
  });

  it('fills the internal-cost and pilot defaults', () => {
    expect(vendor.internal).toEqual({ setupHours: 0, monthlyHours: 0, monthlyOther: 0, remediationPerFailure: 0 });
    expect(vendor.pilots[0]).toEqual({
      channel: 'sms',
      country: 'US',
      class: null,
      sent: 100,
      delivered: 90,
      failed: {},
      engaged: null,
      converted: null,
      optedOut: null,
      complained: null,
    });
  });

  it('defaults a vendor with no internal block and no pilots', () => {
    const doc = minimal();
    delete doc.vendors[0].pilots;
    doc.vendors[0].quote.fees = undefined;
    const v = readDocument(JSON.parse(JSON.stringify(doc))).vendors[0]!;
    expect(v.pilots).toEqual([]);
    expect(v.quote.fees).toEqual([]);
  });

  it('fills per-channel defaults left out as null', () => {
    const doc = minimal();
    doc.defaults = { sms: { engagementRate: 0.05 } };
    expect(readDocument(doc).defaults).toEqual({ sms: { deliveryRate: null, engagementRate: 0.05 } });
  });

  it('keeps values that are given rather than defaulting them', () => {
    const doc = minimal();
    doc.horizonMonths = 12;
    doc.vendors[0].quote.routes[0].tierMode = 'volume';
    doc.vendors[0].quote.routes[0].billedOn = 'delivered';
    doc.vendors[0].quote.fees[0].month = 7;
    doc.vendors[0].quote.fees[1].quantity = 3;
    const ws2 = readDocument(doc);
    expect(ws2.horizonMonths).toBe(12);
    expect(ws2.vendors[0]!.quote.routes[0]!.tierMode).toBe('volume');
    expect(ws2.vendors[0]!.quote.routes[0]!.billedOn).toBe('delivered');
    expect(ws2.vendors[0]!.quote.fees[0]!.month).toBe(7);
    expect(ws2.vendors[0]!.quote.fees[1]!.quantity).toBe(3);
  });
});

describe('decimals keep their exact text', () => {
  const LONG = '0.00790000000000000000001';

  it('a decimal string survives readDocument and writeDocument digit for digit', () => {
    const doc = minimal();
    doc.vendors[0].quote.routes[0].price = LONG;
    doc.vendors[0].quote.routes[0].passThrough = '0.0030';
    // 37 digits, within the bounds of a decimal (|x| <= 10^15, at most 64 characters: limits.ts).
    doc.hourlyRate = '123456789012345.0000000000000000000001';
    const ws = readDocument(doc);
    expect(ws.vendors[0]!.quote.routes[0]!.price).toBe(LONG);
    expect(ws.vendors[0]!.quote.routes[0]!.passThrough).toBe('0.0030');
    expect(ws.hourlyRate).toBe('123456789012345.0000000000000000000001');

    const written = writeDocument(ws);
    expect(written.vendors[0]!.quote.routes[0]!.price).toBe(LONG);
    const text = JSON.stringify(written);
    expect(text).toContain(`"price":"${LONG}"`);
    expect(text).toContain('"passThrough":"0.0030"');

    const again = readDocument(JSON.parse(text));
    expect(again.vendors[0]!.quote.routes[0]!.price).toBe(LONG);
    expect(again.hourlyRate).toBe('123456789012345.0000000000000000000001');
  });

  it('tier prices keep trailing zeros and numbers stay numbers', () => {
    const ws = readDocument(worked());
    const tiers = writeDocument(ws).vendors[0]!.quote.routes[0]!.tiers!;
    expect(tiers[0]!.price).toBe('0.0080');
    expect(tiers[1]!.from).toBe(50000);
    expect(typeof tiers[1]!.from).toBe('number');
  });

  it('accepts the decimal forms of a JSON number written as a string', () => {
    for (const price of ['1', '1.', '.5', '0.0079', '7.9e-3', '1E2']) {
      const doc = minimal();
      doc.vendors[0].quote.routes[0].price = price;
      expect(readDocument(doc).vendors[0]!.quote.routes[0]!.price, price).toBe(price);
    }
    // Minus zero is zero (issue 18: the engine read it as negative and refused it): "-0" is read as "0".
    for (const [price, read] of [
      ['-0', '0'],
      ['-0.00', '0.00'],
      ['-0e5', '0e5'],
    ]) {
      const doc = minimal();
      doc.vendors[0].quote.routes[0].price = price;
      expect(readDocument(doc).vendors[0]!.quote.routes[0]!.price, price).toBe(read);
    }
  });

  it('rejects a string that is not a decimal, naming the path', () => {
    for (const price of ['abc', '', '1,5', '0x10', ' 1', 'NaN', 'Infinity']) {
      const doc = minimal();
      doc.vendors[0].quote.routes[0].price = price;
      expectIssue(doc, '$.vendors[0].quote.routes[0].price', 'price', /./);
    }
  });

  // The schema's own message ("expected a decimal number ...") is meant for every bad decimal; a
  // string that fails the pattern should not show the user a regular expression.
  it('says "expected a decimal number" for a string that is not one', () => {
    const doc = minimal();
    doc.vendors[0].quote.routes[0].price = 'abc';
    const first = expectIssue(doc, '$.vendors[0].quote.routes[0].price', 'price', 'expected a decimal number');
    expect(first.message).not.toContain('pattern');
  });
});

describe('round trip', () => {
  it.each([['worked-example.json'], ['sample-rfp.json']])('readDocument(writeDocument(readDocument(x))) equals readDocument(x) for %s', (name) => {
    const ws = readDocument(fixture(name));
    const doc = writeDocument(ws);
    expect(readDocument(doc)).toEqual(ws);
    // and through JSON text, as the file on disk would be
    expect(readDocument(JSON.parse(JSON.stringify(doc)))).toEqual(ws);
  });

  it('every v1.2 field is read and written exactly, and v1.1 passThroughChanges come back as priceChanges', () => {
    const doc = minimal();
    doc.streams[0].monthlyGrowth = '0.0125';
    const r = doc.vendors[0].quote.routes[0];
    r.passThroughMarkup = '0.07';
    r.freeShare = 0.3;
    r.carrierMix = [
      { carrier: 'T-Mobile', share: '0.35', passThrough: '0.0045', inboundPassThrough: '0' },
      { carrier: 'AT&T', share: 0.65, passThrough: '0.0030', inboundPassThrough: '0.00300000000000000000000001' },
    ];
    r.priceChanges = [
      { from: '2027-07', price: '0.0085', inboundPrice: '0.004', passThroughMarkup: '0.1', freeShare: '0.5' },
      {
        from: '2028-01',
        tiers: [
          { from: 0, price: '0.009' },
          { from: '150000', price: '0.0075' },
        ],
        carrierMix: null,
      },
      { from: '2028-04', carrierMix: [{ carrier: 'Verizon', share: 1, passThrough: '0.004', inboundPassThrough: '0' }] },
    ];
    r.passThroughChanges = [{ from: '2027-10', passThrough: '0.0045', inboundPassThrough: '0.0025' }];
    doc.vendors[0].quote.fees = [
      { name: 'contacts', amount: '0.002', per: 'contact-month', included: '25000', category: 'platform' },
      { name: 'failures', amount: '0.001', per: 'failed-message', category: 'other', currency: 'USD' },
    ];
    const ws = readDocument(doc);
    const route = ws.vendors[0]!.quote.routes[0]!;
    // The v1.1 change is the last of the one list; the route no longer carries the v1.1 field.
    expect(route.priceChanges).toEqual([...r.priceChanges, r.passThroughChanges[0]]);
    expect(route).not.toHaveProperty('passThroughChanges');
    expect(route.carrierMix).toEqual(r.carrierMix);
    expect([route.passThroughMarkup, route.freeShare]).toEqual(['0.07', 0.3]);
    expect(ws.streams[0]!.monthlyGrowth).toBe('0.0125');
    expect(ws.vendors[0]!.quote.fees.map((f) => [f.per, f.included])).toEqual([
      ['contact-month', '25000'],
      ['failed-message', 0],
    ]);
    const written = JSON.parse(JSON.stringify(writeDocument(ws)));
    expect(written.vendors[0].quote.routes[0].priceChanges).toHaveLength(4);
    expect(written.vendors[0].quote.routes[0]).not.toHaveProperty('passThroughChanges');
    expect(readDocument(written)).toEqual(ws);
  });

  it('writeDocument writes the format and version header', () => {
    const doc = writeDocument(readDocument(worked()));
    expect(doc.format).toBe('tco-workspace');
    expect(doc.version).toBe(1);
  });

  it('writeDocument does not share arrays with the workspace', () => {
    const ws = readDocument(sample());
    const doc = writeDocument(ws);
    (doc.vendors[0]!.quote.routes as unknown[]).push({});
    expect(ws.vendors[0]!.quote.routes.length).not.toBe(doc.vendors[0]!.quote.routes.length);
  });
});

describe('errors name the JSON path and the field', () => {
  it('an unknown field at the top level', () => {
    const doc = worked();
    doc.colour = 'blue';
    expectIssue(doc, '$.colour', 'colour', 'unknown field "colour"');
    expect(() => readDocument(doc)).toThrow(/^\$\.colour: unknown field "colour"$/);
  });

  it('an unknown field deep in a quote', () => {
    const doc = worked();
    doc.vendors[0].quote.routes[0].priceX = '0.01';
    expectIssue(doc, '$.vendors[0].quote.routes[0].priceX', 'priceX', 'unknown field "priceX"');
    expect(() => readDocument(doc)).toThrow('$.vendors[0].quote.routes[0].priceX');
  });

  it('an unknown field in a tier, a pilot, the benefits and the channel defaults', () => {
    let doc = worked();
    doc.vendors[0].quote.routes[0].tiers[1].upTo = 10;
    expectIssue(doc, '$.vendors[0].quote.routes[0].tiers[1].upTo', 'upTo', 'unknown field');
    doc = worked();
    doc.vendors[0].pilots[0].bounced = 3;
    expectIssue(doc, '$.vendors[0].pilots[0].bounced', 'bounced', 'unknown field');
    doc = worked();
    doc.streams[0].benefits.revenue = 1;
    expectIssue(doc, '$.streams[0].benefits.revenue', 'revenue', 'unknown field');
    doc = worked();
    doc.defaults = { sms: { deliveryRate: 0.9, openRate: 0.1 } };
    expectIssue(doc, '$.defaults.sms.openRate', 'openRate', 'unknown field');
  });

  it('an unknown field whose name is not an identifier is quoted in the path', () => {
    const doc = worked();
    doc['bad key'] = 1;
    expectIssue(doc, '$["bad key"]', 'bad key', 'unknown field');
  });

  it('a missing required field', () => {
    let doc = worked();
    delete doc.baseCurrency;
    expectIssue(doc, '$.baseCurrency', 'baseCurrency', 'required but missing');
    doc = worked();
    delete doc.streams[0].monthlyVolume;
    expectIssue(doc, '$.streams[0].monthlyVolume', 'monthlyVolume', 'missing');
    doc = worked();
    delete doc.vendors[0].quote.routes;
    expectIssue(doc, '$.vendors[0].quote.routes', 'routes', 'required but missing');
    doc = worked();
    delete doc.vendors[0].pilots[0].sent;
    expectIssue(doc, '$.vendors[0].pilots[0].sent', 'sent', 'required but missing');
  });

  // zod 4 leaves `input` off its issues unless asked (reportInput), so the reader must not take a
  // missing `input` to mean a missing field: a field that is there with the wrong type is not "missing".
  it('a wrong type: a string where a whole number belongs', () => {
    const doc = worked();
    doc.horizonMonths = '12';
    const first = expectIssue(doc, '$.horizonMonths', 'horizonMonths', /number/);
    expect(first.message).not.toMatch(/missing/);
  });

  it('a wrong type: a boolean where a decimal belongs', () => {
    const doc = worked();
    doc.streams[0].monthlyVolume = true;
    expectIssue(doc, '$.streams[0].monthlyVolume', 'monthlyVolume', 'expected a decimal number');
  });

  it('a wrong type: a string where a count belongs', () => {
    const doc = worked();
    doc.vendors[0].pilots[0].sent = 'many';
    expectIssue(doc, '$.vendors[0].pilots[0].sent', 'sent', 'expected a whole number');
  });

  it('a wrong type: an object where an array belongs', () => {
    const doc = worked();
    doc.streams = {};
    const first = expectIssue(doc, '$.streams', 'streams', /array/);
    expect(first.message).not.toMatch(/missing/);
  });

  it('a wrong type: a number where a name belongs', () => {
    const doc = worked();
    doc.vendors[0].quote.fees[0].name = 4;
    const first = expectIssue(doc, '$.vendors[0].quote.fees[0].name', 'name', /string/);
    expect(first.message).not.toMatch(/missing/);
  });

  it('a value outside an enumeration', () => {
    let doc = worked();
    doc.vendors[0].quote.routes[0].tierMode = 'stepped';
    expectIssue(doc, '$.vendors[0].quote.routes[0].tierMode', 'tierMode', /graduated|volume/);
    doc = worked();
    doc.streams[0].channel = 'fax';
    expectIssue(doc, '$.streams[0].channel', 'channel', 'must be one of');
  });

  it('a fractional number where a whole number belongs', () => {
    let doc = worked();
    doc.horizonMonths = 12.5;
    let first = expectIssue(doc, '$.horizonMonths', 'horizonMonths', /whole number|int/);
    expect(first.message).not.toMatch(/missing/);
    doc = worked();
    doc.vendors[0].pilots[0].sent = 10.5;
    first = expectIssue(doc, '$.vendors[0].pilots[0].sent', 'sent', /whole number|int/);
    expect(first.message).not.toMatch(/missing/);
  });

  it('a value out of range', () => {
    let doc = worked();
    doc.horizonMonths = 0;
    expectIssue(doc, '$.horizonMonths', 'horizonMonths', 'at least 1');
    doc = worked();
    doc.vendors[0].quote.routes[0].passThrough = '-0.001';
    expectIssue(doc, '$.vendors[0].quote.routes[0].passThrough', 'passThrough', '>= 0');
    doc = worked();
    doc.riskAdjustment = 1.5;
    expectIssue(doc, '$.riskAdjustment', 'riskAdjustment', 'between 0 and 1');
    doc = worked();
    doc.streams[0].seasonality = [1, 1, 1];
    expectIssue(doc, '$.streams[0].seasonality', 'seasonality', '12 factors');
  });

  it('a size limit with no message of its own reads in words, with the size found', () => {
    let doc = worked();
    doc.streams[0].template = 'a'.repeat(100_001);
    expectIssue(doc, '$.streams[0].template', 'template', /^is too long: 100,001 characters, at most 100,000$/);
    doc = worked();
    doc.streams[0].name = 'n'.repeat(501);
    expectIssue(doc, '$.streams[0].name', 'name', /^is too long: 501 characters, at most 500$/);
  });

  it("a failure reason's name that is empty or over 200 characters: the name, in words", () => {
    let doc = worked();
    doc.vendors[0].pilots[0].failed = { '': 3 };
    expect(issuesOf(doc)[0]!).toMatchObject({ path: '$.vendors[0].pilots[0].failed[""]', message: "a failure reason's name must not be empty" });
    doc = worked();
    doc.vendors[0].pilots[0].failed = { ['r'.repeat(201)]: 3 };
    expect(issuesOf(doc)[0]!.message).toBe("a failure reason's name is too long: 201 characters, at most 200");
  });

  it('zod size limits in words: strings, arrays and numbers, inclusive or not', () => {
    const first = (schema: z.ZodType, value: unknown) => zodIssues(schema.safeParse(value, { reportInput: true }).error!)[0]!.message;
    expect(first(z.string().max(3), 'abcd')).toBe('is too long: 4 characters, at most 3');
    expect(first(z.string().min(1), '')).toBe('must not be empty');
    expect(first(z.string().min(2), 'a')).toBe('is too short: 1 character, at least 2');
    expect(first(z.array(z.number()).max(2), [1, 2, 3])).toBe('has too many entries: 3, at most 2');
    expect(first(z.array(z.number()).min(1), [])).toBe('needs at least 1 entry');
    expect(first(z.array(z.number()).min(3), [1])).toBe('needs at least 3 entries');
    expect(first(z.number().max(1000), 1500)).toBe('must be at most 1,000, got 1500');
    expect(first(z.number().lt(5), 5)).toBe('must be less than 5, got 5');
    expect(first(z.number().min(2), 1)).toBe('must be at least 2, got 1');
    expect(first(z.number().gt(0), 0)).toBe('must be more than 0, got 0');
    // A limit with its own message keeps it.
    expect(first(z.number().max(600, 'must be at most 600 (50 years)'), 601)).toBe('must be at most 600 (50 years)');
  });

  it('duplicate stream ids', () => {
    const doc = worked();
    doc.streams.push({ ...doc.streams[0], name: 'again' });
    expectIssue(doc, '$.streams[1].id', 'id', 'duplicate stream id "us-sms"');
  });

  it('duplicate vendor ids', () => {
    const doc = worked();
    doc.vendors.push({ ...doc.vendors[0], name: 'Vendor A again' });
    expectIssue(doc, '$.vendors[1].id', 'id', 'duplicate vendor id "A"');
  });

  it('a holdout vendor that does not resolve', () => {
    const doc = worked();
    doc.streams[0].benefits = { valuePerConversion: '10', holdout: { exposed: [412, 9000], holdout: [31, 1000], vendor: 'Z' } };
    expectIssue(doc, '$.streams[0].benefits.holdout.vendor', 'vendor', 'no vendor with id "Z"');
  });

  it('a holdout group with more conversions than members, or no members', () => {
    let doc = worked();
    doc.streams[0].benefits = { holdout: { exposed: [10, 5], holdout: [1, 100] } };
    expectIssue(doc, '$.streams[0].benefits.holdout.exposed[0]', 'exposed', 'more than the group');
    doc = worked();
    doc.streams[0].benefits = { holdout: { exposed: [1, 10], holdout: [0, 0] } };
    expectIssue(doc, '$.streams[0].benefits.holdout.holdout[1]', 'holdout', 'at least 1');
  });

  it('a route priced twice in one quote', () => {
    const doc = worked();
    doc.vendors[0].quote.routes.push({ channel: 'sms', country: 'US', price: '0.005' });
    expectIssue(doc, '$.vendors[0].quote.routes[1]', 'routes', 'priced twice');
  });

  it('the same route in two different quotes is fine', () => {
    const doc = worked();
    doc.vendors.push({ ...doc.vendors[0], id: 'B', name: 'Vendor B' });
    expect(() => readDocument(doc)).not.toThrow();
  });

  it('a route with both price and tiers', () => {
    const doc = worked();
    doc.vendors[0].quote.routes[0].price = '0.007';
    expectIssue(doc, '$.vendors[0].quote.routes[0].tiers', 'tiers', 'either a price or tiers');
  });

  it('a route with neither price nor tiers', () => {
    const doc = worked();
    delete doc.vendors[0].quote.routes[0].tiers;
    delete doc.vendors[0].quote.routes[0].price;
    expectIssue(doc, '$.vendors[0].quote.routes[0].price', 'price', 'either a price or tiers');
  });

  it('tiers not starting at 0', () => {
    const doc = worked();
    doc.vendors[0].quote.routes[0].tiers[0].from = 1;
    expectIssue(doc, '$.vendors[0].quote.routes[0].tiers[0].from', 'from', 'start from 0');
  });

  it('tiers not increasing', () => {
    let doc = worked();
    doc.vendors[0].quote.routes[0].tiers.push({ from: 50000, price: '0.005' });
    expectIssue(doc, '$.vendors[0].quote.routes[0].tiers[2].from', 'from', 'strictly increasing');
    doc = worked();
    doc.vendors[0].quote.routes[0].tiers = [
      { from: 0, price: '0.01' },
      { from: 1000, price: '0.009' },
      { from: 500, price: '0.008' },
    ];
    expectIssue(doc, '$.vendors[0].quote.routes[0].tiers[2].from', 'from', 'strictly increasing');
  });

  it('an empty tier list', () => {
    const doc = worked();
    doc.vendors[0].quote.routes[0].tiers = [];
    expectIssue(doc, '$.vendors[0].quote.routes[0].tiers', 'tiers', 'at least one tier');
  });

  it('delivered more than sent', () => {
    const doc = worked();
    doc.vendors[0].pilots[0].delivered = 10001;
    expectIssue(doc, '$.vendors[0].pilots[0].delivered', 'delivered', '10001 delivered is more than 10000 sent');
  });

  it('engaged more than delivered', () => {
    const doc = worked();
    doc.vendors[0].pilots[0].engaged = 9501;
    expectIssue(doc, '$.vendors[0].pilots[0].engaged', 'engaged', 'more than 9500 delivered');
  });

  it('a bad startMonth', () => {
    for (const m of ['2027-13', '2027-1', '27-01', '2027-00', '2027/01', '2027-01-01']) {
      const doc = worked();
      doc.startMonth = m;
      expectIssue(doc, '$.startMonth', 'startMonth', 'YYYY-MM');
    }
  });

  it('the v1.2 fields: a free share above 1, a negative markup, a carrier share of 0, a price change month, an unknown field of a change', () => {
    const route = (f: (r: any) => void) => {
      const doc = minimal();
      f(doc.vendors[0].quote.routes[0]);
      return doc;
    };
    expectIssue(
      route((r) => (r.freeShare = 1.5)),
      '$.vendors[0].quote.routes[0].freeShare',
      'freeShare',
      'between 0 and 1',
    );
    expectIssue(
      route((r) => (r.passThroughMarkup = '-0.1')),
      '$.vendors[0].quote.routes[0].passThroughMarkup',
      'passThroughMarkup',
      '>= 0',
    );
    expectIssue(
      route(
        (r) =>
          (r.carrierMix = [
            { carrier: 'X', share: 0, passThrough: '0.003' },
            { carrier: 'Y', share: 1 },
          ]),
      ),
      '$.vendors[0].quote.routes[0].carrierMix[0].share',
      'share',
      'more than 0',
    );
    expectIssue(
      route((r) => (r.priceChanges = [{ from: '2027-13', price: '0.01' }])),
      '$.vendors[0].quote.routes[0].priceChanges[0].from',
      'from',
      'YYYY-MM',
    );
    expectIssue(
      route((r) => (r.priceChanges = [{ from: '2027-07', tierMode: 'volume' }])),
      '$.vendors[0].quote.routes[0].priceChanges[0].tierMode',
      'tierMode',
      'unknown field',
    );
    const grow = minimal();
    grow.streams[0].monthlyGrowth = -1;
    expectIssue(grow, '$.streams[0].monthlyGrowth', 'monthlyGrowth', 'greater than -1');
  });

  it('a bad passThroughChanges month', () => {
    const doc = worked();
    doc.vendors[0].quote.routes[0].passThroughChanges = [{ from: '2027-10-01', passThrough: '0.004' }];
    expectIssue(doc, '$.vendors[0].quote.routes[0].passThroughChanges[0].from', 'from', 'YYYY-MM');
  });

  it('a bad currency code', () => {
    let doc = worked();
    doc.baseCurrency = 'usd';
    expectIssue(doc, '$.baseCurrency', 'baseCurrency', 'ISO 4217');
    doc = worked();
    doc.vendors[0].quote.currency = 'DOLLAR';
    expectIssue(doc, '$.vendors[0].quote.currency', 'currency', 'ISO 4217');
    doc = worked();
    doc.fx = [{ currency: 'eu', rate: '1.08' }];
    expectIssue(doc, '$.fx[0].currency', 'currency', 'ISO 4217');
  });

  it('an FX rate given twice, for the base currency, or not positive', () => {
    let doc = worked();
    doc.fx = [
      { currency: 'EUR', rate: '1.08' },
      { currency: 'EUR', rate: '1.09' },
    ];
    expectIssue(doc, '$.fx[1].currency', 'currency', 'two rates');
    doc = worked();
    doc.fx = [{ currency: 'USD', rate: '1' }];
    expectIssue(doc, '$.fx[0].currency', 'currency', 'base currency');
    doc = worked();
    doc.fx = [{ currency: 'EUR', rate: '0' }];
    expectIssue(doc, '$.fx[0].rate', 'rate', '> 0');
  });

  it('an SMS stream with neither segmentsPerMessage nor template', () => {
    const doc = worked();
    doc.streams[0].segmentsPerMessage = null;
    expectIssue(doc, '$.streams[0].segmentsPerMessage', 'segmentsPerMessage', 'template');
  });

  it('version 2: written by a newer version', () => {
    const doc = worked();
    doc.version = 2;
    const first = expectIssue(doc, '$.version', 'version', 'newer version');
    expect(first.message).toContain('is 2');
    expect(() => readDocument(doc)).toThrow(/^\$\.version: .*newer version/);
  });

  it('version 2 is reported as newer even when the rest would not parse', () => {
    const doc = worked();
    doc.version = 2;
    doc.someFieldFromTheFuture = { x: 1 };
    expectIssue(doc, '$.version', 'version', 'newer version');
  });

  it('an older or missing version', () => {
    let doc = worked();
    doc.version = 0;
    expectIssue(doc, '$.version', 'version', 'must be 1');
    doc = worked();
    delete doc.version;
    expectIssue(doc, '$.version', 'version', 'required but missing');
  });

  it('a version that is not a number', () => {
    const doc = worked();
    doc.version = '1';
    const first = expectIssue(doc, '$.version', 'version', /number/);
    expect(first.message).not.toMatch(/missing/);
  });

  it('format not "tco-workspace"', () => {
    let doc = worked();
    doc.format = 'tco-project';
    expectIssue(doc, '$.format', 'format', 'must be "tco-workspace"');
    doc = worked();
    delete doc.format;
    expectIssue(doc, '$.format', 'format', /tco-workspace|required/);
  });

  it('a document that is not a JSON object', () => {
    for (const raw of [null, [], 'tco-workspace', 42, true, undefined]) {
      const first = expectIssue(raw, '$', '', 'a workspace document is a JSON object');
      expect(first.message).toMatch(/got /);
    }
    expect(() => readDocument([worked()])).toThrow('$: a workspace document is a JSON object, got an array');
  });

  it('reports every issue, not only the first', () => {
    const doc = worked();
    doc.colour = 'blue';
    doc.vendors[0].quote.routes[0].priceX = 1;
    const paths = issuesOf(doc).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['$.colour', '$.vendors[0].quote.routes[0].priceX']));
  });
});
