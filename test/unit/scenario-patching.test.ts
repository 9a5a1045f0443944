// Scenarios made fast and robust (issue 17 item 6): a patch is applied copy-on-write and only what
// it changes is read again, with the same workspace (and the same errors) as reading the whole
// patched document; a scenario whose patch no longer applies fails alone in the app's computation,
// and is refused (naming the scenario and the operation) where MODEL.md section 7 says so.
//
// The workspace is decisions.test.ts's (USD, 12 months, r = 0, DR 1, ER 0.1 assumed): one SMS stream
// to the US, 100,000 a month, effective 120,000 over the horizon:
//   A: flat 0.01                               TCO 12 × 1,000          = 12,000   per effective 0.1
//   B: flat 0.006, monthly commit 900          TCO 12 × max(600, 900)  = 10,800   per effective 0.09
//   C: flat 0.005, platform fee 1,000 a month  TCO 12 × (500 + 1,000)  = 18,000   per effective 0.15
import jsonPatch, { type Operation } from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { DocumentError, canonicalDocument, canonicalDocumentFrom, readDocument, readDocumentFrom } from '../../electron/api/document.js';
import { EngineCache } from '../../electron/engine/compute.js';
import { computeJson } from '../../electron/engine/result-json.js';
import type { Workspace } from '../../electron/engine/types.js';
import { withChecks, withoutChange } from '../../electron/services/scenario-checks.js';
import { computeWithScenarios, resolveScenarios } from '../../electron/services/scenarios.js';

/** A quote's route as these tests write it (a channel-wide route has no country). */
type Route = { channel: string; country: string | null; price: string };
const quote = (price: string, extra: Record<string, unknown> = {}) => {
  const routes: Route[] = [{ channel: 'sms', country: 'US', price }];
  return { currency: 'USD', routes, ...extra };
};

function doc(extra: Record<string, unknown> = {}) {
  return {
    format: 'tco-workspace',
    version: 1,
    name: 'patching',
    baseCurrency: 'USD',
    startMonth: '2027-01',
    horizonMonths: 12,
    defaults: { sms: { deliveryRate: '1', engagementRate: '0.1' } },
    streams: [{ id: 'us', name: 'US alerts', channel: 'sms', country: 'US', monthlyVolume: '100000', segmentsPerMessage: 1 }],
    vendors: [
      { id: 'A', name: 'Vendor A', quote: quote('0.01') },
      { id: 'B', name: 'Vendor B', quote: quote('0.006', { minimumMonthlyCommit: '900' }) },
      { id: 'C', name: 'Vendor C', quote: quote('0.005', { fees: [{ name: 'platform', amount: '1000', per: 'month', category: 'platform' }] }) },
    ],
    ...extra,
  };
}

const opts = { draws: 0, seed: 1, sensitivity: false, breakEven: false } as const;
const alone = (ws: Workspace, cache: EngineCache | null = null) => computeJson(computeWithScenarios(ws, opts, cache, 'alone'), { monthly: false });

describe('reading a patched document from its base (readDocumentFrom)', () => {
  // The base as an open workspace holds it: read from its canonical document (every decimal a
  // string), as the workspace file gives it back.
  const ws = readDocument(canonicalDocument(readDocument(doc())));
  const base = { doc: canonicalDocument({ ...ws, scenarios: [] }), ws };
  const plain: Record<string, unknown> = { ...base.doc };
  delete plain.scenarios;
  /** The patch applied to a deep copy (as the RFC reads it), then both readers. */
  const both = (patch: Operation[]) => {
    const whole = jsonPatch.applyPatch(plain, patch, true, false).newDocument;
    // A structurally shared version: the same patch on shallow copies along its paths.
    const shared: Record<string, unknown> = { ...plain };
    for (const o of patch) {
      const keys = o.path.slice(1).split('/');
      const top = shared[keys[0]!];
      if (Array.isArray(top)) {
        const list = [...top];
        const i = Number(keys[1]);
        if (keys.length > 2 && list[i]) list[i] = structuredClone(list[i]);
        shared[keys[0]!] = list;
      } else if (top !== null && typeof top === 'object') shared[keys[0]!] = structuredClone(top);
      jsonPatch.applyOperation(shared, o, true, true);
    }
    return { whole, shared };
  };

  it('gives what readDocument gives, keeping the base objects a patch does not reach', () => {
    const cases: Operation[][] = [
      [{ op: 'replace', path: '/vendors/1/quote/routes/0/price', value: '0.005' }],
      [{ op: 'remove', path: '/vendors/2' }],
      [{ op: 'add', path: '/vendors/-', value: { id: 'D', quote: quote('0.004') } }],
      [{ op: 'replace', path: '/streams/0/monthlyVolume', value: '130000' }],
      [{ op: 'replace', path: '/hourlyRate', value: '150' }],
      [{ op: 'add', path: '/fx/-', value: { currency: 'EUR', rate: '1.1' } }],
    ];
    for (const patch of cases) {
      const { whole, shared } = both(patch);
      const fast = readDocumentFrom(base, shared);
      expect(fast).toEqual(readDocument(whole));
      // Vendor A is reached by none of these: it is the base's own object.
      expect(fast.vendors[0]).toBe(ws.vendors[0]);
    }
  });

  it('writes the canonical document of what it read, sharing with the base document every stream and vendor the patch does not reach', () => {
    const cases: Operation[][] = [
      [{ op: 'replace', path: '/vendors/1/quote/routes/0/price', value: 0.005 }],
      [{ op: 'remove', path: '/vendors/2' }],
      [{ op: 'add', path: '/vendors/-', value: { id: 'D', quote: quote('0.004') } }],
      [{ op: 'replace', path: '/streams/0/monthlyVolume', value: 200000 }],
      [{ op: 'replace', path: '/name', value: 'renamed' }],
    ];
    for (const patch of cases) {
      const { whole, shared } = both(patch);
      const out = canonicalDocumentFrom(base, readDocumentFrom(base, shared));
      // The same document as written whole (a JSON number written as its decimal text)...
      expect(out).toEqual(canonicalDocument(readDocument(whole)));
      // ...whose vendor A, which no patch reaches, is the base document's own object.
      expect(out.vendors[0]).toBe(base.doc.vendors[0]);
    }
    // The price written as a number comes out as the text "0.005"; vendor B is written again.
    const priced = canonicalDocumentFrom(base, readDocumentFrom(base, both(cases0()).shared));
    expect(priced.vendors[1]!.quote.routes[0]!.price).toBe('0.005');
    expect(priced.vendors[1]).not.toBe(base.doc.vendors[1]);
    expect(priced.fx).toBe(base.doc.fx);
  });
  const cases0 = (): Operation[] => [{ op: 'replace', path: '/vendors/1/quote/routes/0/price', value: 0.005 }];

  it('says what readDocument says when the result is invalid: a duplicate id, a bad price, a dangling holdout', () => {
    const cases: [Operation[], string][] = [
      [[{ op: 'add', path: '/vendors/-', value: { id: 'A', quote: quote('0.004') } }], '$.vendors[3].id: duplicate vendor id "A"'],
      [[{ op: 'replace', path: '/vendors/0/quote/routes/0/price', value: '-1' }], '$.vendors[0].quote.routes[0].price: must be >= 0'],
      [[{ op: 'replace', path: '/horizonMonths', value: 0 }], '$.horizonMonths: must be at least 1'],
    ];
    for (const [patch, message] of cases) {
      const { whole, shared } = both(patch);
      expect(() => readDocument(whole)).toThrow(message);
      expect(() => readDocumentFrom(base, shared)).toThrow(message);
    }
  });
});

describe('reading an edit to one route of a vendor (readDocumentFrom, as a keystroke does)', () => {
  // Vendor A with three routes; an edit copies A, its quote and its list of routes, and replaces one route.
  const threeRoutes = doc();
  threeRoutes.vendors[0]!.quote.routes = [
    { channel: 'sms', country: 'US', price: '0.01' },
    { channel: 'sms', country: 'CA', price: '0.02' },
    { channel: 'email', country: null, price: '0.0001' },
  ];
  const ws = readDocument(canonicalDocument(readDocument(threeRoutes)));
  const base = { doc: canonicalDocument({ ...ws, scenarios: [] }), ws };
  const editRoute = (k: number, route: unknown) => {
    const a = base.doc.vendors[0]!;
    const routes: unknown[] = [...a.quote.routes];
    routes[k] = route;
    return { ...base.doc, vendors: [{ ...a, quote: { ...a.quote, routes } }, ...base.doc.vendors.slice(1)] };
  };

  it('reads the changed route again and keeps the others as the base read them', () => {
    const next = editRoute(1, { ...base.doc.vendors[0]!.quote.routes[1]!, price: '0.015' });
    const fast = readDocumentFrom(base, next);
    expect(fast).toEqual(readDocument(structuredClone(next)));
    expect(fast.vendors[0]!.quote.routes[1]!.price).toBe('0.015');
    expect(fast.vendors[0]!.quote.routes[0]).toBe(ws.vendors[0]!.quote.routes[0]);
    expect(fast.vendors[0]!.quote.routes[2]).toBe(ws.vendors[0]!.quote.routes[2]);
    expect(fast.vendors[0]!.quote.routes[1]).not.toBe(ws.vendors[0]!.quote.routes[1]);
    // By hand: 100,000 US messages a month at 0.01 for 12 months; the CA and email routes carry no stream.
    expect(alone(fast).vendors[0]!.tco!.nominal).toBe('12000');
  });

  /** Vendor A renamed to `id`, one route edited: its other routes are the base's. */
  const renamed = (id: string) => {
    const next = editRoute(1, { channel: 'sms', country: 'CA', price: '0.025' });
    return { ...next, vendors: [{ ...next.vendors[0]!, id }, ...next.vendors.slice(1)] };
  };

  it('says what readDocument says about the changed route, and about the vendor around it', () => {
    const cases: [unknown, string][] = [
      [editRoute(2, { channel: 'email', country: null, price: '-0.5' }), '$.vendors[0].quote.routes[2].price: must be >= 0'],
      [
        editRoute(0, { channel: 'sms', country: 'US', price: '0.01', tiers: [{ from: 0, price: '0.01' }] }),
        '$.vendors[0].quote.routes[0].tiers: give either a price or tiers, not both and not neither',
      ],
      [renamed('B'), '$.vendors[1].id: duplicate vendor id "B"'],
    ];
    for (const [next, message] of cases) {
      expect(() => readDocument(structuredClone(next))).toThrow(message);
      expect(() => readDocumentFrom(base, next)).toThrow(message);
    }
  });
});

describe('a scenario that no longer applies fails alone (the app) or is refused (MODEL.md section 7)', () => {
  const scenarios = [
    // 130,000 a month: A 12 × 1,300 = 15,600; B 12 × max(780, 900) = 10,800; C 12 × (650 + 1,000) = 19,800.
    { id: 'volume', name: 'Volume +30%', patch: [{ op: 'replace', path: '/streams/0/monthlyVolume', value: '130000' }] },
    // Meant for vendor D at position 3, which the base does not have (any more).
    {
      id: 'gone',
      name: 'D cuts its price',
      patch: [
        { op: 'test', path: '/vendors/3/id', value: 'D' },
        { op: 'replace', path: '/vendors/3/quote/routes/0/price', value: '0.004' },
      ],
    },
    // Meant for B, but the base's second vendor is C now: the check on the id fails.
    {
      id: 'moved',
      name: 'B drops its commit',
      patch: [
        { op: 'test', path: '/vendors/1/id', value: 'B' },
        { op: 'replace', path: '/vendors/1/quote/minimumMonthlyCommit', value: '0' },
      ],
    },
    // C without its fee: 12 × 500 = 6,000, 0.05 an effective message → C.
    { id: 'no-fee', name: 'C drops its fee', patch: [{ op: 'remove', path: '/vendors/1/quote/fees/0' }] },
  ];
  // The base with B removed: A and C, C at position 1.
  const d = doc({ scenarios });
  d.vendors = [d.vendors[0]!, d.vendors[2]!];
  const ws = readDocument(d);

  it('computes the base and the other scenarios, and says which operation fails in the broken ones', () => {
    const j = alone(ws);
    expect(j.vendors.map((v) => v.tco!.nominal)).toEqual(['12000', '18000']);
    expect(j.cheapest).toBe('A');
    expect(j.scenarios.map((s) => s.id)).toEqual(['volume', 'gone', 'moved', 'no-fee']);
    // Volume +30%: A 15,600, C 19,800 → A (0.1 against 19,800 / 156,000 = 0.1269…).
    expect(j.scenarios[0]!.vendors.map((v) => v.tco!.nominal)).toEqual(['15600', '19800']);
    expect(j.scenarios[0]!.cheapest).toBe('A');
    expect(j.scenarios[0]!.error).toBeUndefined();
    // The first operation of each broken one fails: nothing at /vendors/3; C's id is not B.
    expect(j.scenarios[1]).toMatchObject({ cheapest: null, vendors: [], error: { path: '$.scenarios[1].patch[0]', operation: 0 } });
    expect(j.scenarios[1]!.error!.message).toContain('scenario "D cuts its price": operation 1 (test /vendors/3/id)');
    expect(j.scenarios[2]).toMatchObject({ cheapest: null, vendors: [], error: { path: '$.scenarios[2].patch[0]', operation: 0 } });
    expect(j.scenarios[2]!.error!.message).toContain('operation 1 (test /vendors/1/id) expects "B" but the workspace holds "C"');
    expect(j.scenarios[3]!.vendors.map((v) => v.tco!.nominal)).toEqual(['12000', '6000']);
    expect(j.scenarios[3]!.cheapest).toBe('C');
  });

  it('is refused whole where scenarios are refused: the input error of the first that fails', () => {
    expect(() => computeWithScenarios(ws, opts)).toThrow(DocumentError);
    expect(() => computeWithScenarios(ws, opts)).toThrow(
      '$.scenarios[1].patch[0]: scenario "D cuts its price": operation 1 (test /vendors/3/id): the workspace has nothing at /vendors/3/id; change or remove that operation',
    );
  });

  it('names the operation that fails, not the first, when a later one has no target', () => {
    const late = [
      {
        id: 'late',
        name: 'Late',
        patch: [
          { op: 'replace', path: '/hourlyRate', value: '10' },
          { op: 'replace', path: '/vendors/7/quote/discount', value: '0.1' },
        ],
      },
    ];
    expect(() => computeWithScenarios(readDocument(doc({ scenarios: late })), opts)).toThrow(
      '$.scenarios[0].patch[1]: scenario "Late": operation 2 (replace /vendors/7/quote/discount): the workspace has nothing at',
    );
  });

  it('gives the same numbers computed again with the caches, after an edit of the base', () => {
    const cache = new EngineCache();
    alone(ws, cache);
    // The base's A at 0.009: 12 × 900 = 10,800, and 12 × 1,170 = 14,040 at 130,000 a month.
    const edited = { ...ws, vendors: [{ ...ws.vendors[0]!, quote: { ...ws.vendors[0]!.quote, routes: [{ ...ws.vendors[0]!.quote.routes[0]!, price: '0.009' }] } }, ws.vendors[1]!] };
    const j = alone(edited, cache);
    expect(j.vendors.map((v) => v.tco!.nominal)).toEqual(['10800', '18000']);
    expect(j.scenarios[0]!.vendors.map((v) => v.tco!.nominal)).toEqual(['14040', '19800']);
    expect(j.scenarios[3]!.vendors.map((v) => v.tco!.nominal)).toEqual(['10800', '6000']);
    expect(j.scenarios[1]!.error!.operation).toBe(0);
    expect(j).toEqual(alone(edited));
  });

  it("shares the base's objects and engine cache where the patch leaves the streams and settings alone", () => {
    const cache = new EngineCache();
    const [volume, , , noFee] = resolveScenarios(ws, new Map(), 'alone', cache);
    // C drops its fee: A is the base's own vendor, and the base's cache (its volume plan) serves it.
    expect(noFee!.workspace!.vendors[0]).toBe(ws.vendors[0]);
    expect(noFee!.workspace!.streams).toBe(ws.streams);
    expect(noFee!.cache).toBe(cache);
    // Volume +30% has its own volume plan, so its own cache; its vendors are still the base's.
    expect(volume!.cache).not.toBe(cache);
    expect(volume!.workspace!.vendors[1]).toBe(ws.vendors[1]);
  });

  it('changes neither the base nor the patch: a change inside what the patch added is made on a copy', () => {
    const added = { id: 'D', name: 'Vendor D', quote: quote('0.004') };
    // D at 0.0045: 12 × 100,000 × 0.0045 = 5,400, 0.045 an effective message → D.
    const sc = [
      {
        id: 'd',
        name: 'D joins',
        patch: [
          { op: 'add', path: '/vendors/-', value: added },
          { op: 'replace', path: '/vendors/3/quote/routes/0/price', value: '0.0045' },
        ],
      },
    ];
    const base = readDocument(doc({ scenarios: sc }));
    const before = JSON.stringify(base);
    for (let k = 0; k < 2; k++) {
      const j = alone(base);
      expect(j.scenarios[0]!.vendors.map((v) => v.tco!.nominal)).toEqual(['12000', '10800', '18000', '5400']);
      expect(j.scenarios[0]!.cheapest).toBe('D');
    }
    expect(JSON.stringify(base)).toBe(before);
    expect(base.scenarios![0]!.patch[0]!.value).toEqual({ id: 'D', name: 'Vendor D', quote: quote('0.004') });
  });
});

describe('the checks an edit made in a scenario writes (scenario-checks.ts)', () => {
  const base = canonicalDocument(readDocument(doc()));
  const price = { op: 'replace', path: '/vendors/1/quote/routes/0/price', value: '0.005' } as const;
  const commit = { op: 'replace', path: '/vendors/1/quote/minimumMonthlyCommit', value: '0' } as const;
  const routeB = [
    { op: 'test', path: '/vendors/1/quote/routes/0/channel', value: 'sms' },
    { op: 'test', path: '/vendors/1/quote/routes/0/country', value: 'US' },
    { op: 'test', path: '/vendors/1/quote/routes/0/class', value: null },
  ];

  it("checks each entry on a change's path once, and again after an entry is added or removed", () => {
    expect(withChecks(base, [price, commit])).toEqual([{ op: 'test', path: '/vendors/1/id', value: 'B' }, ...routeB, price, commit]);
    // After A is removed, /vendors/0 is B: checked as B.
    const discount = { op: 'replace', path: '/vendors/0/quote/discount', value: '0.1' } as const;
    expect(withChecks(base, [{ op: 'remove', path: '/vendors/0' }, discount])).toEqual([
      { op: 'test', path: '/vendors/0/id', value: 'A' },
      { op: 'remove', path: '/vendors/0' },
      { op: 'test', path: '/vendors/0/id', value: 'B' },
      discount,
    ]);
    // What a change adds has nothing to check; a top-level setting neither.
    const added = { op: 'add', path: '/vendors/-', value: { id: 'D', quote: quote('0.004') } } as const;
    const rate = { op: 'replace', path: '/hourlyRate', value: '150' } as const;
    expect(withChecks(base, [added, rate])).toEqual([added, rate]);
  });

  it('removes a change with the checks only it rests on', () => {
    const patch = withChecks(base, [price, commit]);
    // The price (position 4): its route's checks go; B's id stays, the commit rests on it.
    expect(withoutChange(patch, 4)).toEqual([{ op: 'test', path: '/vendors/1/id', value: 'B' }, commit]);
    // The commit (last): nothing before it is its own check alone.
    expect(withoutChange(patch, 5)).toEqual(patch.slice(0, 5));
    expect(withoutChange(withoutChange(patch, 4), 1)).toEqual([]);
  });
});
