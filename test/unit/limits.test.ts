/**
 * Limits and number bounds (issue 18, electron/api/limits.ts): what is refused before the schema
 * runs, with the limit and the path named; decimals finite and at most 10^15 in size, read the
 * same by the document reader and the engine; minus zero is zero for both.
 */
import { describe, expect, it } from 'vitest';
import { DocumentError, readDocument } from '../../electron/api/document.js';
import { LIMITS, checkValueLimits, scanJsonText } from '../../electron/api/limits.js';
import { compute } from '../../electron/engine/compute.js';
import { MAX_DECIMAL_MAGNITUDE } from '../../electron/engine/plan.js';
import type { Workspace } from '../../electron/engine/types.js';
import { createApp } from '../../electron/services/app.js';
import { FileError, parseJsonText } from '../../electron/services/files.js';
import { jsonErrorOffset } from '../../electron/services/json-position.js';
import { apply } from '../../electron/store/history.js';

function minimal(): any {
  return {
    format: 'tco-workspace',
    version: 1,
    baseCurrency: 'USD',
    startMonth: '2027-01',
    horizonMonths: 12,
    defaults: { email: { deliveryRate: 1, engagementRate: 1 } },
    streams: [{ id: 's1', channel: 'email', monthlyVolume: 1000 }],
    vendors: [{ id: 'A', quote: { currency: 'USD', routes: [{ channel: 'email', price: '0.01' }], fees: [{ name: 'setup', amount: '100', per: 'once', category: 'setup' }] } }],
  };
}

const firstIssue = (doc: unknown) => {
  try {
    readDocument(doc);
  } catch (e) {
    if (e instanceof DocumentError) return e.issues[0]!;
    throw e;
  }
  throw new Error('the document was accepted');
};

describe('numbers: finite and at most 10^15 in size', () => {
  it('1e999999 and 1e308, as JSON numbers and as strings, are refused naming the path and the field', () => {
    // JSON.parse reads the number 1e999999 as Infinity: refused as not a decimal.
    const inf = parseJsonText('{"x": 1e999999}', 'f.json') as { x: number };
    expect(inf.x).toBe(Infinity);
    for (const bad of [inf.x, '1e999999', 1e308, '1e308', '-1e16', '1000000000000000.5']) {
      const doc = minimal();
      doc.vendors[0].quote.routes[0].price = bad;
      const issue = firstIssue(doc);
      expect(issue.path, String(bad)).toBe('$.vendors[0].quote.routes[0].price');
      expect(issue.field).toBe('price');
      expect(issue.message, String(bad)).toMatch(/at most 1,000,000,000,000,000 \(10\^15\) in size|expected a decimal number/);
    }
    // 10^15 itself is the largest accepted size.
    const edge = minimal();
    edge.streams[0].monthlyVolume = '1000000000000000';
    expect(readDocument(edge).streams[0]!.monthlyVolume).toBe('1000000000000000');
    // A decimal string of 65 characters is refused (64 is the most).
    const long = minimal();
    long.vendors[0].quote.routes[0].price = `0.${'1'.repeat(63)}`;
    expect(firstIssue(long).message).toMatch(/65 characters: a decimal can have at most 64/);
  });

  it('counts: whole numbers from 0 to 10^12; a fee month from 1 to 600', () => {
    const doc = minimal();
    doc.vendors[0].pilots = [{ channel: 'email', sent: 1e13, delivered: 0 }];
    expect(firstIssue(doc)).toMatchObject({ path: '$.vendors[0].pilots[0].sent', field: 'sent', message: 'must be at most 1,000,000,000,000 (10^12)' });
    const month = minimal();
    month.vendors[0].quote.fees[0].month = 601;
    expect(firstIssue(month)).toMatchObject({ path: '$.vendors[0].quote.fees[0].month', message: 'must be at most 600 (50 years)' });
  });

  it('the engine has the same bound as the reader, and refuses 1e308 given to it directly', () => {
    expect(MAX_DECIMAL_MAGNITUDE).toBe(LIMITS.decimalMagnitude);
    const ws = readDocument(minimal());
    const bad: Workspace = { ...ws, streams: [{ ...ws.streams[0]!, monthlyVolume: '1e308' }] };
    expect(() => compute(bad, { draws: 0 })).toThrow(/at most 1,000,000,000,000,000 \(10\^15\) in size/);
  });

  it('"-0" is zero for the reader and the engine: a document with it computes to what it does with "0"', () => {
    const zero = minimal();
    zero.vendors[0].quote.routes[0].passThrough = '0';
    const minus = minimal();
    minus.vendors[0].quote.routes[0].passThrough = '-0';
    minus.vendors[0].quote.discount = -0;
    expect(readDocument(minus).vendors[0]!.quote.routes[0]!.passThrough).toBe('0');
    const a = compute(readDocument(zero), { draws: 0 }).vendors[0]!;
    const b = compute(readDocument(minus), { draws: 0 }).vendors[0]!;
    // 1,000 e-mails a month at 0.01 for 12 months, and the setup fee of 100: 120 + 100 = 220.
    expect(Number(a.evaluation!.tcoNominal)).toBe(220);
    expect(b.evaluation!.tcoNominal.toString()).toBe(a.evaluation!.tcoNominal.toString());
    // The engine given "-0" directly (not through the reader) reads it as zero too.
    const ws = readDocument(zero);
    const direct: Workspace = { ...ws, vendors: [{ ...ws.vendors[0]!, quote: { ...ws.vendors[0]!.quote, routes: [{ ...ws.vendors[0]!.quote.routes[0]!, passThrough: '-0' }] } }] };
    expect(compute(direct, { draws: 0 }).vendors[0]!.evaluation!.tcoNominal.toString()).toBe(a.evaluation!.tcoNominal.toString());
  });
});

describe('limits before the schema', () => {
  it('a parsed document (as IPC hands it over) with 1,000,001 streams is refused by count, naming the path and the limit', () => {
    const doc = minimal();
    doc.streams = Array.from({ length: 1_000_001 }, () => ({}));
    const t = performance.now();
    const issue = firstIssue(doc);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(issue).toEqual({ path: '$.streams', field: 'streams', message: 'has 1,000,001 streams: a document can have at most 2,000 (limit: streams)' });
  });

  it('through dispatch (the one door of IPC, the host and tco): refused before the schema, and the next call is answered', async () => {
    const app = createApp({ dataDir: null });
    const doc = minimal();
    doc.vendors[0].quote.fees = Array.from({ length: 1_000_000 }, () => ({ a: 1 }));
    const r = await app.dispatch('compute', { document: doc, draws: 0 });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: '$.document.vendors[0].quote.fees', field: 'fees' } });
    expect(!r.ok && r.error.message).toMatch(/has 1,000,000 entries in one list: a document can have at most 10,000 \(limit: entries in one list\)/);
    // 2,000 fees pass the general limit and reach the reader, which names the fees limit (1,000).
    doc.vendors[0].quote.fees = Array.from({ length: 2_000 }, () => ({ name: 'x', amount: '1', per: 'once', category: 'setup' }));
    const fees = await app.dispatch('compute', { document: doc, draws: 0 });
    expect(fees).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_DOCUMENT',
        path: '$.document.vendors[0].quote.fees',
        field: 'fees',
        message: expect.stringMatching(/has 2,000 fees in one quote: a document can have at most 1,000 \(limit: fees in one quote\)/),
      },
    });
    expect(await app.dispatch('segments', { text: 'hi' })).toMatchObject({ ok: true, value: { segments: 1 } });
    app.closeAll();
  });

  it('nesting: a parsed value a million deep is refused at 32 levels, without recursion', () => {
    let deep: unknown = [];
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    const issue = checkValueLimits({ streams: deep });
    expect(issue?.message).toMatch(/nest more than 32 levels deep .*\(limit: nesting depth\)/);
    expect(issue?.path.startsWith('$.streams[0][0]')).toBe(true);
  });

  it('a JSON text is scanned before JSON.parse: size, depth and entries, with the line and column', () => {
    const text = `{"streams": [\n${'{},'.repeat(5000)}{}]}`;
    expect(() => parseJsonText(text, 'doc.json')).toThrow(FileError);
    // The 2,000th comma of the streams list is on line 2, at column 3 * 2,000 = 6,000.
    expect(() => parseJsonText(text, 'doc.json')).toThrow('doc.json: line 2 column 6000: $.streams: has more than 2,000 streams: a document can have at most 2,000 (limit: streams)');
    expect(scanJsonText('x'.repeat(LIMITS.documentBytes + 1))?.message).toMatch(/is 16,777,217 bytes: a workspace document can be at most 16,777,216 bytes \(limit: document size\)/);
    // Brackets inside strings are text, not nesting.
    expect(scanJsonText(`{"name": "${'['.repeat(100)}"}`)).toBeNull();
    expect(scanJsonText(`{"a": ${'['.repeat(33)}${']'.repeat(33)}}`)?.message).toMatch(/\(limit: nesting depth\)/);
  });

  it('the JSON position finder and patch application are bounded: no stack overflow on deep input', () => {
    const open = '['.repeat(1_000_000);
    expect(jsonErrorOffset(open)).toBe(1000);
    const change = { p: Array.from({ length: 100_000 }, () => 'x'), a: 1 };
    expect(() => apply({}, [change], 'forward')).toThrow('a change in the undo history reaches 100000 levels deep');
  });

  it('a schema failure reports at most the first 20 issues', () => {
    const doc = minimal();
    doc.vendors[0].quote.fees = Array.from({ length: 900 }, () => ({ name: 'x', amount: 'bad', per: 'once', category: 'setup' }));
    try {
      readDocument(doc);
      throw new Error('accepted');
    } catch (e) {
      expect((e as DocumentError).issues).toHaveLength(20);
      expect((e as DocumentError).issues[0]!.path).toBe('$.vendors[0].quote.fees[0].amount');
    }
  });
});

describe('the schema stops after the first issues (issue 18: bounded work)', () => {
  /** 10 vendors x 5,000 routes (the most a document holds), every route's price a word, not a number. */
  function allWrong(): any {
    const d = minimal();
    d.vendors = Array.from({ length: 10 }, (_, v) => ({
      id: `V${v}`,
      quote: { currency: 'USD', routes: Array.from({ length: 5_000 }, (_, r) => ({ channel: 'sms', country: 'US', class: `c${r}`, price: 'cheap' })) },
    }));
    return d;
  }
  /** How often the price of the last route is read while `f` runs (a getter counts). */
  function readsOfLastPrice(d: any, f: () => void): number {
    let reads = 0;
    const last = d.vendors[9].quote.routes[4_999];
    const price: unknown = last.price;
    Object.defineProperty(last, 'price', { enumerable: true, get: () => (reads++, price) });
    f();
    return reads;
  }

  it('lists the first 20 issues in document order and never checks the 50,000th route', () => {
    const d = allWrong();
    const w = allWrong();
    const walkOnly = readsOfLastPrice(w, () => checkValueLimits(w));
    let err: unknown;
    const reads = readsOfLastPrice(d, () => {
      try {
        readDocument(d);
      } catch (e) {
        err = e;
      }
    });
    expect(err).toBeInstanceOf(DocumentError);
    const issues = (err as DocumentError).issues;
    expect(issues).toHaveLength(LIMITS.issues);
    // The first vendor's routes 0..19, each refused for its price.
    expect(issues.map((i) => `${i.path} ${i.field}`)).toEqual(Array.from({ length: 20 }, (_, r) => `$.vendors[0].quote.routes[${r}].price price`));
    // The limits' walk reads every value once; the schema never reached the last route.
    expect(walkOnly).toBe(1);
    expect(reads).toBe(walkOnly);
  });

  it('a valid document is read whole: the last route is checked, and the lists keep their order', () => {
    const d = allWrong();
    for (const v of d.vendors) for (const r of v.quote.routes) r.price = '0.0079';
    d.defaults = { sms: { deliveryRate: 1, engagementRate: 1 } };
    const reads = readsOfLastPrice(d, () => {
      const ws = readDocument(d);
      expect(ws.vendors).toHaveLength(10);
      expect(ws.vendors[9]!.quote.routes).toHaveLength(5_000);
      expect(ws.vendors[9]!.quote.routes[4_999]!.class).toBe('c4999');
      expect(ws.streams.map((s) => s.id)).toEqual(['s1']);
    });
    // Once by the limits' walk, at least once by the schema.
    expect(reads).toBeGreaterThanOrEqual(2);
  });
});
