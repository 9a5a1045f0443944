// Hand-worked tests of the rules MODEL.md v1.2 adds (sections 2 and 4, 7's sensitivity list): one
// per rule, every expected number derived by hand in the comment beside it, never pasted from the
// engine. The defaults of test/fixtures/docs.ts keep the arithmetic short: USD, start 2027-01,
// H = 12, r = 0, one SMS stream sms/US of 1,000 messages a month (1 segment), one vendor "A" at a
// flat 0.01 billed on sent, a pilot with DR = 1 and ER = 0.1, no fees, no internal cost.
import { Decimal as DecimalJs } from 'decimal.js';
import { readFileSync, readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DocumentError, readDocument } from '../../electron/api/document.js';
import { compute } from '../../electron/engine/compute.js';
import { ModelError } from '../../electron/engine/errors.js';
import type { Workspace } from '../../electron/engine/types.js';
import { computeDocument } from '../fixtures/compute-document.js';
import { baseDoc, fee, pilot, route, smsStream, vendor, type CarrierDoc, type RouteDoc, type WorkspaceDoc } from '../fixtures/docs.js';

const D = DecimalJs.clone({ precision: 50 });

interface Cats {
  usage: string;
  passThrough: string;
  commitTrueUp: string;
  fees: string;
  internal: string;
  remediation: string;
}
interface VendorOut {
  id: string;
  tco: { nominal: string; npv: string; byCategory: Cats } | null;
  sent: number;
  delivered: number;
  effective: number;
  sensitivity: { input: string; tco: [string, string] }[] | null;
  monthly: { month: number; usage: string; passThrough: string; fees: string }[] | null;
}
interface Out {
  vendors: VendorOut[];
}

function run(doc: WorkspaceDoc): VendorOut {
  const out = computeDocument(doc, { draws: 0, breakEven: false }) as unknown as Out;
  return out.vendors[0]!;
}

function expectMoney(actual: string | undefined, expected: string, tol = '1e-18'): void {
  expect(actual, `expected ${expected}`).toBeDefined();
  const ok = new D(actual!).minus(expected).abs().lte(tol);
  expect(ok, `${actual} != ${expected}`).toBe(true);
}

/** The vendor's route (the default sms/US) with some fields changed; H = 12 unless given. */
function withRoute(r: Partial<RouteDoc>, o: { h?: number; escalator?: number; inbound?: number; pilotDelivered?: number } = {}): WorkspaceDoc {
  return baseDoc({
    horizonMonths: o.h ?? 12,
    streams: [smsStream({ id: 's1', inboundPerOutbound: o.inbound ?? 0 })],
    vendors: [vendor('A', { quote: { routes: [route(r)], escalator: o.escalator ?? 0 }, pilots: [pilot({ delivered: o.pilotDelivered ?? 1000, engaged: 100 })] })],
  });
}

/** The first issue of a document that is refused. */
function refusal(doc: WorkspaceDoc): { path: string; message: string } {
  try {
    readDocument(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    return (e as DocumentError).issues[0]!;
  }
  throw new Error('the document was accepted');
}

describe('monthly growth (MODEL.md section 2, v1.2)', () => {
  it('compounds every month from month 1: 1,000, 1,010, 1,020.1', () => {
    // out(m) = 1000 · 1.01^(m−1): 1000 + 1010 + 1020.1 = 3030.1 messages; usage 3030.1 · 0.01 = 30.301.
    const doc = baseDoc({ horizonMonths: 3, streams: [smsStream({ id: 's1', monthlyGrowth: '0.01' })] });
    const v = run(doc);
    expect(v.sent).toBe(3030.1);
    expectMoney(v.tco!.nominal, '30.301');
    expectMoney(v.monthly![2]!.usage, '10.201');
  });

  it('month 13 is month 1 times (1 + gm)^12, not the annual step', () => {
    // 1000 · 1.01^12 = 1126.825030131969720661201 messages in month 13, at 0.01: 11.26825030131969720661201.
    const doc = baseDoc({ horizonMonths: 13, streams: [smsStream({ id: 's1', monthlyGrowth: '0.01' })] });
    expectMoney(run(doc).monthly![12]!.usage, '11.26825030131969720661201');
  });

  it('growth both per year and per month is refused, naming the stream', () => {
    const doc = baseDoc({ streams: [smsStream({ id: 'cart', annualGrowth: '0.1', monthlyGrowth: '0.01' })] });
    const i = refusal(doc);
    expect(i.path).toBe('$.streams[0].monthlyGrowth');
    expect(i.message).toMatch(/stream cart grows both per year and per month/);
    // The engine says the same to a caller that skips the document (the CLI's workspace files).
    const ws = readDocument(baseDoc()) as Workspace;
    ws.streams[0] = { ...ws.streams[0]!, annualGrowth: '0.1', monthlyGrowth: '0.01' };
    expect(() => compute(ws, { draws: 0 })).toThrow(ModelError);
    expect(() => compute(ws, { draws: 0 })).toThrow(/stream s1 grows both/);
  });
});

describe('dated changes of every field (priceChanges, MODEL.md section 4, v1.2)', () => {
  it('price: 0.01 then 0.02 from July 2027', () => {
    // 6 · 1000 · 0.01 + 6 · 1000 · 0.02 = 60 + 120 = 180.
    const v = run(withRoute({ priceChanges: [{ from: '2027-07', price: '0.02' }] }));
    expectMoney(v.tco!.byCategory.usage, '180');
    expectMoney(v.monthly![5]!.usage, '10');
    expectMoney(v.monthly![6]!.usage, '20');
  });

  it('tiers replace a flat price from April (graduated, the route tier mode)', () => {
    // Jan–Mar: 1000 · 0.01 = 10 a month (30). Apr–Dec: 500 · 0.02 + 500 · 0.005 = 12.5 a month (112.5). 142.5.
    const v = run(
      withRoute({
        priceChanges: [
          {
            from: '2027-04',
            tiers: [
              { from: 0, price: '0.02' },
              { from: 500, price: '0.005' },
            ],
          },
        ],
      }),
    );
    expectMoney(v.tco!.byCategory.usage, '142.5');
  });

  it('tiers set by a change are priced by the route declared tierMode (volume)', () => {
    // Volume: 1000 units > 500, so all at 0.005: 5 a month from July. 6 · 10 + 6 · 5 = 90.
    const v = run(
      withRoute({
        tierMode: 'volume',
        priceChanges: [
          {
            from: '2027-07',
            tiers: [
              { from: 0, price: '0.02' },
              { from: 500, price: '0.005' },
            ],
          },
        ],
      }),
    );
    expectMoney(v.tco!.byCategory.usage, '90');
  });

  it('a price replaces tiers', () => {
    // Tiers [0: 0.02, 500: 0.005] graduated: 12.5 a month for 6 months (75), then 0.01 flat: 10 a month (60). 135.
    const v = run(
      withRoute({
        tiers: [
          { from: 0, price: '0.02' },
          { from: 500, price: '0.005' },
        ],
        priceChanges: [{ from: '2027-07', price: '0.01' }],
      }),
    );
    expectMoney(v.tco!.byCategory.usage, '135');
  });

  it('inboundPrice', () => {
    // 500 inbound a month. Outbound 12 · 10 = 120; inbound 9 · 500 · 0.004 = 18, then 3 · 500 · 0.006 = 9. 147.
    const v = run(withRoute({ inboundPrice: '0.004', priceChanges: [{ from: '2027-10', inboundPrice: '0.006' }] }, { inbound: 0.5 }));
    expectMoney(v.tco!.byCategory.usage, '147');
  });

  it('passThrough', () => {
    // 6 · 1000 · 0.002 + 6 · 1000 · 0.003 = 12 + 18 = 30.
    const v = run(withRoute({ passThrough: '0.002', priceChanges: [{ from: '2027-07', passThrough: '0.003' }] }));
    expectMoney(v.tco!.byCategory.passThrough, '30');
  });

  it('inboundPassThrough', () => {
    // 500 inbound: 6 · 500 · 0.001 + 6 · 500 · 0.002 = 3 + 6 = 9.
    const v = run(withRoute({ inboundPassThrough: '0.001', priceChanges: [{ from: '2027-07', inboundPassThrough: '0.002' }] }, { inbound: 0.5 }));
    expectMoney(v.tco!.byCategory.passThrough, '9');
  });

  it('passThroughMarkup', () => {
    // 6 · 1000 · 0.002 = 12, then 6 · 1000 · 0.002 · 1.1 = 13.2. 25.2.
    const v = run(withRoute({ passThrough: '0.002', priceChanges: [{ from: '2027-07', passThroughMarkup: '0.1' }] }));
    expectMoney(v.tco!.byCategory.passThrough, '25.2');
  });

  it('carrierMix set in April, ended (null) in October: the route own pass-through again', () => {
    // Jan–Mar 0.002: 6. Apr–Sep 0.5 · 0.004 + 0.5 · 0.002 = 0.003: 6 · 3 = 18. Oct–Dec 0.002: 6. 30.
    const mix: CarrierDoc[] = [
      { carrier: 'X', share: '0.5', passThrough: '0.004', inboundPassThrough: '0' },
      { carrier: 'Y', share: '0.5', passThrough: '0.002', inboundPassThrough: '0' },
    ];
    const v = run(
      withRoute({
        passThrough: '0.002',
        priceChanges: [
          { from: '2027-04', carrierMix: mix },
          { from: '2027-10', carrierMix: null },
        ],
      }),
    );
    expectMoney(v.tco!.byCategory.passThrough, '30');
  });

  it('a pass-through change while a mix is in force waits for the mix to end (engine README choice)', () => {
    // Mix 0.5 · 0.004 + 0.5 · 0.002 = 0.003 from month 1; passThrough 0.005 from April, hidden by the mix;
    // the mix ends in October: 9 · 3 + 3 · 5 = 27 + 15 = 42.
    const mix: CarrierDoc[] = [
      { carrier: 'X', share: '0.5', passThrough: '0.004', inboundPassThrough: '0' },
      { carrier: 'Y', share: '0.5', passThrough: '0.002', inboundPassThrough: '0' },
    ];
    const v = run(
      withRoute({
        passThrough: '0.002',
        carrierMix: mix,
        priceChanges: [
          { from: '2027-04', passThrough: '0.005' },
          { from: '2027-10', carrierMix: null },
        ],
      }),
    );
    expectMoney(v.tco!.byCategory.passThrough, '42');
  });

  it('freeShare', () => {
    // Half free from July: usage 60 + 6 · 500 · 0.01 = 90; pass-through 0.002: 12 + 6 · 500 · 0.002 = 18.
    const v = run(withRoute({ passThrough: '0.002', priceChanges: [{ from: '2027-07', freeShare: '0.5' }] }));
    expectMoney(v.tco!.byCategory.usage, '90');
    expectMoney(v.tco!.byCategory.passThrough, '18');
  });

  it('a change before the start month applies from month 1', () => {
    // 12 · 1000 · 0.02 = 240.
    expectMoney(run(withRoute({ priceChanges: [{ from: '2026-06', price: '0.02' }] })).tco!.byCategory.usage, '240');
  });

  it('the escalator multiplies the price in force', () => {
    // Escalator 10%, 24 months, 0.02 from July 2027: year 1 6 · 10 + 6 · 20 = 180; year 2 12 · 20 · 1.1 = 264. 444.
    expectMoney(run(withRoute({ priceChanges: [{ from: '2027-07', price: '0.02' }] }, { h: 24, escalator: 0.1 })).tco!.byCategory.usage, '444');
  });

  it('changes apply in date order whatever their order in the list; v1.1 passThroughChanges are part of the list', () => {
    // 0.002 base; 0.004 from Oct (listed first), 0.003 from Apr (a v1.1 pass-through change):
    // 3 · 2 + 6 · 3 + 3 · 4 = 6 + 18 + 12 = 36.
    const v = run(withRoute({ passThrough: '0.002', priceChanges: [{ from: '2027-10', passThrough: '0.004' }], passThroughChanges: [{ from: '2027-04', passThrough: '0.003' }] }));
    expectMoney(v.tco!.byCategory.passThrough, '36');
  });

  it('two changes of one route in one month are refused, across both lists, naming the second', () => {
    const a = refusal(
      withRoute({
        priceChanges: [
          { from: '2027-07', price: '0.02' },
          { from: '2027-07', passThrough: '0.003' },
        ],
      }),
    );
    expect(a.path).toBe('$.vendors[0].quote.routes[0].priceChanges[1].from');
    expect(a.message).toMatch(/already has a change from 2027-07/);
    const b = refusal(withRoute({ priceChanges: [{ from: '2027-07', price: '0.02' }], passThroughChanges: [{ from: '2027-07', passThrough: '0.003' }] }));
    expect(b.path).toBe('$.vendors[0].quote.routes[0].passThroughChanges[0].from');
  });

  it('a change setting both a price and tiers is refused', () => {
    const i = refusal(withRoute({ priceChanges: [{ from: '2027-07', price: '0.02', tiers: [{ from: 0, price: '0.01' }] }] }));
    expect(i.path).toBe('$.vendors[0].quote.routes[0].priceChanges[0].tiers');
  });
});

describe('free share (MODEL.md section 4, v1.2)', () => {
  it('the tiers, the usage and the pass-through see (1 − f) of the billed units; inbound and the counts do not', () => {
    // f = 0.25 of 1,000 billed: 750 paid units. Graduated [0: 0.02, 600: 0.005]: 600 · 0.02 + 150 · 0.005 = 12.75
    // (without the free share: 12 + 400 · 0.005 = 14). Inbound 500 at 0.004 = 2. Usage 14.75 a month, 177 a year.
    // Pass-through 750 · 0.002 = 1.5, inbound 500 · 0.001 = 0.5: 2 a month, 24 a year. Sent 12,000, effective 1,200.
    const v = run(
      withRoute(
        {
          tiers: [
            { from: 0, price: '0.02' },
            { from: 600, price: '0.005' },
          ],
          freeShare: '0.25',
          passThrough: '0.002',
          inboundPrice: '0.004',
          inboundPassThrough: '0.001',
        },
        { inbound: 0.5 },
      ),
    );
    expectMoney(v.tco!.byCategory.usage, '177');
    expectMoney(v.tco!.byCategory.passThrough, '24');
    expect(v.sent).toBe(12000);
    expect(v.effective).toBe(1200);
  });
});

describe('free share after billedOn (engine README choice)', () => {
  it('is a share of the billed units, after delivery: billed on delivered at DR 0.9, half free', () => {
    // 1000 · 0.9 = 900 billed, 450 charged: 4.5 a month, 54 a year.
    expectMoney(run(withRoute({ billedOn: 'delivered', freeShare: '0.5' }, { pilotDelivered: 900 })).tco!.byCategory.usage, '54');
  });
});

describe('pass-through markup (MODEL.md section 4, v1.2)', () => {
  it('bills every pass-through amount times (1 + μ); the sensitivity scales the pass-through, not the markup', () => {
    // (1.2) · (1000 · 0.002 + 500 · 0.001) = 1.2 · 2.5 = 3 a month: 36. Usage 120. TCO 156.
    // Sensitivity passThrough ×0.8: 1.2 · 0.8 · 30 = 28.8 → 148.8; ×1.2: 1.2 · 1.2 · 30 = 43.2 → 163.2
    // (had the markup been scaled too, ×1.2 would give 1.24 · 36 = 44.64).
    const v = run(withRoute({ passThrough: '0.002', inboundPassThrough: '0.001', passThroughMarkup: '0.2' }, { inbound: 0.5 }));
    expectMoney(v.tco!.byCategory.passThrough, '36');
    expectMoney(v.tco!.byCategory.usage, '120');
    const pt = v.sensitivity!.find((e) => e.input === 'passThrough')!;
    expectMoney(pt.tco[0], '148.8');
    expectMoney(pt.tco[1], '163.2');
  });
});

describe('carrier mix (MODEL.md section 4, v1.2)', () => {
  const mix: CarrierDoc[] = [
    { carrier: 'T-Mobile', share: 0.35, passThrough: '0.0045', inboundPassThrough: '0' },
    { carrier: 'AT&T', share: 0.3, passThrough: '0.0030', inboundPassThrough: '0.0030' },
    { carrier: 'Verizon', share: 0.35, passThrough: '0.0040', inboundPassThrough: '0' },
  ];

  it('sets the route pass-through to the share-weighted sums of its carriers (the route own fields unused)', () => {
    // Out 0.35 · 0.0045 + 0.30 · 0.0030 + 0.35 · 0.0040 = 0.003875; in 0.30 · 0.0030 = 0.0009.
    // 1000 · 0.003875 + 500 · 0.0009 = 4.325 a month: 51.9.
    // Sensitivity passThrough ×1.2 (per-carrier fees included): 120 + 1.2 · 51.9 = 182.28.
    const v = run(withRoute({ passThrough: '0.01', inboundPassThrough: '0.01', carrierMix: mix }, { inbound: 0.5 }));
    expectMoney(v.tco!.byCategory.passThrough, '51.9');
    expectMoney(v.sensitivity!.find((e) => e.input === 'passThrough')!.tco[1], '182.28');
  });

  it('the markup applies to the mix too', () => {
    // 51.9 · 1.1 = 57.09.
    expectMoney(run(withRoute({ carrierMix: mix, passThroughMarkup: '0.1' }, { inbound: 0.5 })).tco!.byCategory.passThrough, '57.09');
  });

  it('shares that do not add up to 1 are refused, naming the mix', () => {
    const i = refusal(withRoute({ carrierMix: [mix[0]!, mix[1]!] }));
    expect(i.path).toBe('$.vendors[0].quote.routes[0].carrierMix');
    expect(i.message).toMatch(/add up to 0\.65; they must add up to 1/);
    const z = refusal(
      withRoute({
        carrierMix: [
          { ...mix[0]!, share: 0 },
          { ...mix[1]!, share: 1 },
        ],
      }),
    );
    expect(z.path).toBe('$.vendors[0].quote.routes[0].carrierMix[0].share');
  });
});

describe('fee per failed message (MODEL.md section 4, v1.2)', () => {
  it('× Σ out · (1 − DR), escalated; the sensitivity of fees and of the delivery rate moves it', () => {
    // DR = 900/1000 = 0.9: 100 failed a month. 0.005 each: 0.5 a month; year 2 escalated 10%: 0.55.
    // Fees 12 · 0.5 + 12 · 0.55 = 12.6. Usage (billed on sent) 24 · 10 = 240 + 10% in year 2 = 252. TCO 264.6.
    // fees ×0.8: 10.08 → 262.08. deliveryRate ×0.8: DR 0.72, 280 failed: 2.8 · 12.6 = 35.28 → 287.28;
    // ×1.2: DR capped at 1, nothing fails: 252.
    const doc = withRoute({}, { h: 24, escalator: 0.1, pilotDelivered: 900 });
    doc.vendors[0]!.quote.fees = [fee('failed', '0.005', 'failed-message')];
    const v = run(doc);
    expectMoney(v.tco!.byCategory.fees, '12.6');
    expectMoney(v.tco!.nominal, '264.6');
    const s = (input: string) => v.sensitivity!.find((e) => e.input === input)!.tco;
    expectMoney(s('fees')[0], '262.08');
    expectMoney(s('deliveryRate')[0], '287.28');
    expectMoney(s('deliveryRate')[1], '252');
  });

  it('a free message that fails is still a failure: the free share does not lower the fee', () => {
    // As above with f = 0.5: usage halves (126), the fee stays 12.6.
    const doc = withRoute({ freeShare: 0.5 }, { h: 24, escalator: 0.1, pilotDelivered: 900 });
    doc.vendors[0]!.quote.fees = [fee('failed', '0.005', 'failed-message')];
    const v = run(doc);
    expectMoney(v.tco!.byCategory.usage, '126');
    expectMoney(v.tco!.byCategory.fees, '12.6');
  });
});

describe('allowance on per-contact fees (included, MODEL.md section 4, v1.2)', () => {
  it('charges max(0, contacts − included)', () => {
    // 5,000 contacts, 10% more in year 2 (5,500); 2,000 included: 3,000 then 3,500 at 0.01: 12 · 30 + 12 · 35 = 780.
    const doc = baseDoc({ horizonMonths: 24, streams: [smsStream({ id: 's1', monthlyActive: 5000, contactGrowth: 0.1 })] });
    doc.vendors[0]!.quote.fees = [fee('contacts', '0.01', 'contact-month', { included: 2000 })];
    expectMoney(run(doc).tco!.byCategory.fees, '780');
    // An allowance above the contacts charges nothing.
    doc.vendors[0]!.quote.fees = [fee('contacts', '0.01', 'contact-month', { included: 6000 })];
    expectMoney(run(doc).tco!.byCategory.fees, '0');
  });

  it('included contacts on a fee that is not per contact are refused', () => {
    const doc = baseDoc();
    doc.vendors[0]!.quote.fees = [fee('platform', '100', 'month', { included: 10 })];
    const i = refusal(doc);
    expect(i.path).toBe('$.vendors[0].quote.fees[0].included');
  });
});

describe('the sample workspace (resources/sample-workspace.json) against its v1.1 original', () => {
  // Vendor A's changes, worked month by month from MODEL.md's formulas (not by the engine): the
  // cart stream is 120,000 · 1.15^(y−1) · seasonality, one segment (its template is 114 GSM-7
  // characters), 3% inbound. v1.1: pass-through 0.0040 (0.0045 from month 10) and 0.0025 inbound;
  // v1.2: the carrier mix, 0.003875 and 0.0009. WhatsApp utility: 40,000 · 1.3^(y−1), billed on
  // delivered at 4905/5000, price 0.0034 escalated 3% a year less 5% discount, of which a quarter is
  // now free, and pass-through 0.0050, now 0.75 · 0.0050 and from month 7 (July 2027) 0.75 · 0.0040.
  // No commit binds (A's usage is above its 1,500 a month in both). Σ of the differences: −8,127.6126…
  it('A costs what the v1.1 sample cost plus the differences worked by hand', () => {
    const season = ['0.9', '0.85', '0.95', '1', '1', '0.95', '0.95', '1', '1', '1.05', '1.3', '1.5'];
    let delta = new D(0);
    for (let m = 1; m <= 36; m++) {
      const y = Math.ceil(m / 12);
      const out = new D(120000).times(new D('1.15').pow(y - 1)).times(season[(m - 1) % 12]!);
      const ptOld = new D(m < 10 ? '0.0040' : '0.0045');
      delta = delta.plus(out.times(new D('0.003875').minus(ptOld))).plus(out.times('0.03').times(new D('0.0009').minus('0.0025')));
      const billed = new D(40000)
        .times(new D('1.3').pow(y - 1))
        .times(4905)
        .div(5000);
      delta = delta.minus(
        billed
          .times('0.0034')
          .times(new D('1.03').pow(y - 1))
          .times('0.95')
          .div(4),
      );
      delta = delta.plus(billed.times(new D('0.75').times(m < 7 ? '0.0050' : '0.0040').minus('0.0050')));
    }
    expect(delta.toFixed(6)).toBe('-8127.612656');
    const json = (p: string) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8')) as WorkspaceDoc;
    const before = run(json('../fixtures/sample-rfp-v1.1.json'));
    const after = run(json('../fixtures/sample-rfp.json'));
    expect(before.tco!.byCategory.commitTrueUp).toBe('0');
    expect(after.tco!.byCategory.commitTrueUp).toBe('0');
    expectMoney(new D(after.tco!.nominal).minus(before.tco!.nominal).toString(), delta.toString(), '1e-20');
    // README's table: 234,972.18 before, 226,844.57 after.
    expect(new D(before.tco!.nominal).toFixed(2)).toBe('234972.18');
    expect(new D(after.tco!.nominal).toFixed(2)).toBe('226844.57');
    // One copy: the tests' fixture is a link to the sample the app ships.
    expect(readlinkSync(new URL('../fixtures/sample-rfp.json', import.meta.url))).toBe('../../resources/sample-workspace.json');
  });
});
