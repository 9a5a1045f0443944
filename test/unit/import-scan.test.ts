/**
 * The selective JSON reader (electron/import/scan.ts): the records and fields a mapping reads,
 * taken from a value's bytes without JSON.parse. Hand-worked values for a WhatsApp body and for
 * each tricky case (escapes, unicode, numbers with exponents, nested arrays, repeated keys, white
 * space, keys in other orders); the reader agrees with JSON.parse and paths.ts on generated
 * records and gives up (leaving the text to JSON.parse) on every text JSON.parse refuses; and an
 * import's errors still name the same line and field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError, importEvents, PRESETS, type ColumnMapping } from '../../electron/import/index.js';
import { JsonRecords, jsonSlots } from '../../electron/import/json.js';
import { compilePath, type Path } from '../../electron/import/paths.js';
import { SelectiveReader } from '../../electron/import/scan.js';

const WHATSAPP = PRESETS['whatsapp-cloud-statuses']!.mapping;

/** A mapping with records in two places, fields at nested paths, an array element and a status. */
const CUSTOM: ColumnMapping = {
  version: 2,
  records: ['data.items[]', { path: 'replies[]', status: 'replied' }],
  columns: { messageId: ['id', 'meta.id'], event: 'status', timestamp: 'ts', route: 'route', failureReason: 'errors[1].code', cohort: 'doc.kind' },
};

type Rec = Record<string, string>;

/** What JsonRecords hands the row builder, per record: each key's text (keys with no text left out). */
function records(mapping: ColumnMapping, run: (jr: JsonRecords) => boolean | void): Rec[] | null {
  const { keys, cols } = jsonSlots(mapping);
  const out: Rec[] = [];
  const jr = new JsonRecords('f.json', mapping, keys, cols, {
    record(buf, starts, ends) {
      const r: Rec = {};
      keys.forEach((k, i) => {
        if (ends[i]! > starts[i]!) r[k] = Buffer.from(buf.subarray(starts[i], ends[i])).toString('utf8');
      });
      out.push(r);
    },
    flush() {},
  });
  return run(jr) === false ? null : out;
}

/** The reader's records for the text, or null when it leaves the text to JSON.parse. */
function scanned(mapping: ColumnMapping, text: string): Rec[] | null {
  const b = Buffer.from(`${text}\n`); // a byte past the text (the source's sentinel)
  const before = Buffer.from(b);
  const r = records(mapping, (jr) => jr.bytes(b, 0, b.length - 1, 1, 1));
  expect(b.equals(before)).toBe(true); // the buffer is given back as it was
  return r;
}

/** JSON.parse's value through paths.ts, as before the reader: the records, or the error's message. */
function parsed(mapping: ColumnMapping, text: string): Rec[] | string {
  try {
    return records(mapping, (jr) => jr.value(JSON.parse(text), 1, 1))!;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('the selective reader takes what the paths reach', () => {
  it('a WhatsApp status body: its status, the reply of a messages body, and a body of neither', () => {
    const body = (statuses: object[], messages?: object[]) =>
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '102290129340398',
            changes: [
              {
                value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881' }, statuses, ...(messages ? { messages } : {}), contacts: [{ wa_id: '1' }] },
                field: 'messages',
              },
            ],
          },
        ],
      });
    const failed = { id: 'wamid.A', status: 'failed', timestamp: '1791219603', recipient_id: '919810000000', errors: [{ code: 131026, title: 'Message undeliverable', error_data: { details: 'x' } }] };
    const read = {
      id: 'wamid.B',
      status: 'read',
      timestamp: '1791219605',
      recipient_id: '447400100000',
      conversation: { id: 'c1', origin: { type: 'utility' } },
      pricing: { billable: true, category: 'utility' },
    };
    // Both statuses, in order; the failed one has no pricing, its error code is a number written as is.
    expect(scanned(WHATSAPP, body([failed, read]))).toEqual([
      { id: 'wamid.A', recipient_id: '919810000000', status: 'failed', timestamp: '1791219603', 'errors[0].code': '131026' },
      { id: 'wamid.B', recipient_id: '447400100000', status: 'read', timestamp: '1791219605', 'pricing.category': 'utility' },
    ]);
    // No statuses: the second record path's message, its status the path's ("message"), context.id read first.
    const reply = { from: '919810000000', id: 'wamid.R', timestamp: '1791219700', context: { from: '15550783881', id: 'wamid.A' }, type: 'text', text: { body: 'yes' } };
    expect(scanned(WHATSAPP, body([], [reply]))).toEqual([{ 'context.id': 'wamid.A', id: 'wamid.R', from: '919810000000', status: 'message', timestamp: '1791219700' }]);
    // Statuses and messages in one body: the first path that finds any (statuses) alone, as paths.ts does.
    expect(scanned(WHATSAPP, body([read], [reply]))).toEqual([{ id: 'wamid.B', recipient_id: '447400100000', status: 'read', timestamp: '1791219605', 'pricing.category': 'utility' }]);
    // Neither: no records (counted as "(no records)").
    expect(scanned(WHATSAPP, body([]))).toEqual([]);
  });

  it('keys in any order, white space anywhere (CR, LF, tab), a top-level record path', () => {
    const text = '\t{ "replies" :\r\n [ { "ts" : 5 ,\n"route":"sms/US" , "id"\t:"r1" } ] ,"data" : { "items" : [ ] } }  ';
    // data.items[] finds nothing; replies[] finds r1, whose status is the path's.
    expect(scanned(CUSTOM, text)).toEqual([{ id: 'r1', status: 'replied', ts: '5', route: 'sms/US' }]);
  });

  it('strings: escapes decoded, unicode as written, escapes in skipped text checked and passed', () => {
    const text = String.raw`{"data":{"items":[{"skip":"a\"b\\c\/d\b\f\n\r\t\u00e9\uD83D\uDE00","id":"caf\u00e9 \"x\"","status":"sent","ts":"1","route":"sms/GB","meta":{"id":"m"}}]}}`;
    expect(scanned(CUSTOM, text)).toEqual([{ id: 'café "x"', 'meta.id': 'm', status: 'sent', ts: '1', route: 'sms/GB' }]);
    // Raw UTF-8 (two, three and four bytes) is taken byte for byte.
    expect(scanned(CUSTOM, '{"data":{"items":[{"id":"ñ€😀","status":"sent","ts":"1","route":"x"}]}}')).toEqual([{ id: 'ñ€😀', status: 'sent', ts: '1', route: 'x' }]);
    // An escaped key is the key it spells.
    expect(scanned(CUSTOM, String.raw`{"data":{"items":[{"\u0069d":"k","status":"sent"}]}}`)).toEqual([{ id: 'k', status: 'sent' }]);
  });

  it('numbers as String writes them: exponents, fractions, -0, big integers; true and false; null is empty', () => {
    const codes: [string, string][] = [
      ['131026', '131026'],
      ['1.31026e5', '131026'],
      ['1E2', '100'],
      ['2e-3', '0.002'],
      ['-0', '0'],
      ['0.50', '0.5'],
      ['-7', '-7'],
      ['123456789012345', '123456789012345'],
      ['12345678901234567890', '12345678901234567000'],
      ['1e400', 'Infinity'],
      ['true', 'true'],
      ['false', 'false'],
    ];
    for (const [json, text] of codes) {
      expect(scanned(CUSTOM, `{"data":{"items":[{"id":"a","errors":[{"code":1},{"code":${json}}]}]}}`)).toEqual([{ id: 'a', 'errors[1].code': text }]);
    }
    expect(scanned(CUSTOM, '{"data":{"items":[{"id":null,"meta":{"id":"b"},"ts":null}]}}')).toEqual([{ 'meta.id': 'b' }]);
  });

  it('paths that find nothing: a missing key, an array where a name is read, an element past the end', () => {
    const text = '{"data":{"items":[{"id":"a","meta":[{"id":"no"}],"errors":[{"code":1}],"doc":"text"},{"id":"b","errors":{"1":{"code":2}}}]}}';
    // meta is an array (meta.id finds nothing), errors[1] is past the end, doc is text with no JSON in it.
    expect(scanned(CUSTOM, text)).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('nested arrays and objects where no path goes are skipped whole', () => {
    const text = '{"x":[[1,[2,{"a":[],"b":{}}]],{},[[]],-1.5e+3,true,false,null,"s"],"data":{"y":{"z":[{"id":"no"}]},"items":[{"id":"a","n":[[[[{"id":"deep"}]]]]}]}}';
    expect(scanned(CUSTOM, text)).toEqual([{ id: 'a' }]);
  });

  it("an empty value of the mapping (Infobip's NO_ERROR) is empty, written as bytes or escaped", () => {
    const mapping: ColumnMapping = { ...CUSTOM, empty: ['NO_ERROR'] };
    expect(scanned(mapping, '{"data":{"items":[{"id":"a","errors":[0,{"code":"NO_ERROR"}]}]}}')).toEqual([{ id: 'a' }]);
    expect(scanned(mapping, String.raw`{"data":{"items":[{"id":"a","errors":[0,{"code":"NO_\u0045RROR"}]}]}}`)).toEqual([{ id: 'a' }]);
  });

  it('a key named __proto__ is a key like any other', () => {
    const mapping: ColumnMapping = { version: 2, columns: { messageId: '__proto__.id', event: 'status', timestamp: 'ts', route: 'route' } };
    expect(scanned(mapping, '{"__proto__":{"id":"p"},"status":"sent"}')).toEqual([{ '__proto__.id': 'p', status: 'sent' }]);
  });
});

describe('the selective reader leaves to JSON.parse what it does not take', () => {
  const gives = (text: string) => expect(scanned(CUSTOM, text)).toBeNull();

  it('text that is not one JSON value', () => {
    for (const text of [
      '{"data":{"items":[{"id":"a",}]}}', // a comma before }
      '{"data":{"items":[{"id":"a"},]}}', // a comma before ]
      '{"x":01,"data":{}}', // a leading zero
      '{"x":1.,"data":{}}',
      '{"x":.5,"data":{}}',
      '{"x":+1,"data":{}}',
      '{"x":1e,"data":{}}',
      '{"x":-,"data":{}}',
      '{"x":NaN,"data":{}}',
      '{"x":tru,"data":{}}',
      '{"x":nul}',
      '{"x":"\\x"}', // a bad escape
      '{"x":"\\u12G4"}',
      '{"x":"tab\there"}', // a raw control character
      "{'x':1}",
      '{"x" 1}',
      '{"x":1 "y":2}',
      '{"x":1}{"y":2}', // two values
      '{"x":1} x',
      '{"x":[1,2}',
      '{"x":{"a":1]}',
      '{"data":{"items":[{"id":"a"}]}', // not closed
      '{"x":"not closed}',
      '{1:2}',
    ]) {
      expect(() => JSON.parse(text), text).toThrow();
      gives(text);
    }
  });

  it('a key the paths name written twice in one object (JSON.parse keeps the last)', () => {
    const text = '{"data":{"items":[{"id":"first","status":"sent","id":"last"}]}}';
    gives(text);
    expect(parsed(CUSTOM, text)).toEqual([{ id: 'last', status: 'sent' }]);
    // A key no path names may repeat.
    expect(scanned(CUSTOM, '{"data":{"items":[{"id":"a","x":1,"x":2}]}}')).toEqual([{ id: 'a' }]);
  });

  it('a string where paths go on below it that may hold JSON; a record that is not an object; a field that is', () => {
    gives('{"data":"{\\"items\\":[]}"}'); // data holds JSON: paths.ts steps into it
    gives('{"data":{"items":[{"id":"a","doc":" {\\"kind\\":\\"holdout\\"}"}]}}');
    gives('{"data":{"items":[{"id":"a"},"{\\"id\\":\\"b\\"}"]}}'); // a record in a string
    gives('{"data":{"items":[{"id":"a"},7]}}'); // a record that is a number
    gives('{"data":{"items":[{"id":{"x":1}}]}}'); // an object where a field is read
    gives('{"data":{"items":[{"id":"a","errors":[0,{"code":[1]}]}]}}');
    // A record path that finds a number before the one that finds the value itself: an error, JSON.parse's path words it.
    const first: ColumnMapping = { version: 2, records: ['a', '$'], columns: { messageId: 'id', event: 'status', timestamp: 'ts', route: 'route', cohort: 'a' } };
    expect(scanned(first, '{"a":5,"id":"x"}')).toBeNull();
    expect(parsed(first, '{"a":5,"id":"x"}')).toBe('f.json: line 1: a: a record there must be a JSON object');
    expect(scanned(first, '{"a":null,"id":"x"}')).toEqual([{ id: 'x' }]);
    expect(scanned(first, '{"a":{"id":"y"},"id":"x"}')).toBeNull(); // a record where the value itself reads a field
    expect(parsed(first, '{"a":{"id":"y"},"id":"x"}')).toEqual([{ id: 'y' }]);
    // A null record is none, text with no JSON in it where paths go on is nothing.
    expect(scanned(CUSTOM, '{"data":{"items":[null,{"id":"a","doc":"holdout"}]}}')).toEqual([{ id: 'a' }]);
    expect(parsed(CUSTOM, '{"data":{"items":[null,{"id":"a","doc":"holdout"}]}}')).toEqual([{ id: 'a' }]);
  });

  it('nesting deeper than 256 where paths go, 4,096 where they do not', () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(scanned(CUSTOM, `{"x":${deep(4000)},"data":{"items":[{"id":"a"}]}}`)).toEqual([{ id: 'a' }]);
    gives(`{"x":${deep(5000)},"data":{"items":[{"id":"a"}]}}`);
    expect(parsed(CUSTOM, `{"x":${deep(5000)},"data":{"items":[{"id":"a"}]}}`)).toEqual([{ id: 'a' }]);
    const mapping: ColumnMapping = { version: 2, columns: { messageId: `${'a.'.repeat(300)}id`, event: 'status', timestamp: 'ts', route: 'route' } };
    const text = `${'{"a":'.repeat(300)}{"id":"x"}${'}'.repeat(300)}`;
    expect(scanned(mapping, text)).toBeNull();
    expect(parsed(mapping, text)).toEqual([{ [`${'a.'.repeat(300)}id`]: 'x' }]);
  });

  it('mappings it is not made for: a field path with [] (one record, several events)', () => {
    const p = (s: string) => compilePath(s) as Path;
    expect(SelectiveReader.of([p('items[]')], [p('id'), p('to[]')])).toBeNull();
    expect(SelectiveReader.of([p('items[]'), p('items[0]')], [p('id')])).toBeNull(); // [] and [0] at one place
    expect(SelectiveReader.of([p('items[]')], [p('id'), p('errors[0].code')])).not.toBeNull();
  });
});

describe('the selective reader agrees with JSON.parse', () => {
  // Values a field may hold, and text around the records that no path reads.
  const scalar = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom('', 'sent', 'NO_ERROR', ' {x', '[1]'),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.double({ noNaN: true }),
    fc.constantFrom(0, -0, 1e21, 123456789012345, 1234567890123456, 1e-7),
    fc.boolean(),
    fc.constant(null),
  );
  const field = fc.oneof({ weight: 8, arbitrary: scalar }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
  const record = fc.record(
    {
      id: field,
      status: field,
      ts: field,
      route: field,
      meta: fc.oneof(fc.record({ id: field }, { requiredKeys: [] }), field),
      errors: fc.oneof(fc.array(fc.oneof(fc.record({ code: field }), field), { maxLength: 3 }), field),
      doc: fc.oneof(fc.record({ kind: field }), field),
      other: fc.jsonValue({ maxDepth: 3 }),
    },
    { requiredKeys: [] },
  );
  const body = fc.record(
    {
      data: fc.oneof(
        { weight: 6, arbitrary: fc.record({ items: fc.array(fc.oneof({ weight: 9, arbitrary: record }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }), { maxLength: 4 }) }) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
      ),
      replies: fc.array(record, { maxLength: 2 }),
      noise: fc.jsonValue({ maxDepth: 3 }),
    },
    { requiredKeys: [] },
  );
  /** Keys in a shuffled order, with a seed. */
  const shuffled = (v: unknown, seed: number): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => shuffled(x, seed + i));
    if (v === null || typeof v !== 'object') return v;
    const entries = Object.entries(v);
    entries.sort((a, b) => ((a[0].length * 31 + seed) % 7) - ((b[0].length * 31 + seed) % 7));
    return Object.fromEntries(entries.map(([k, x], i) => [k, shuffled(x, seed + i)]));
  };

  it('on generated records (any key order, indented or not): the same records, or it leaves them to JSON.parse', () => {
    let taken = 0;
    fc.assert(
      fc.property(body, fc.nat(), fc.constantFrom(undefined, 1, '\t', 2), (v, seed, indent) => {
        const text = JSON.stringify(shuffled(v, seed), null, indent);
        const want = parsed(CUSTOM, text);
        const got = scanned(CUSTOM, text);
        if (got === null) return;
        taken++;
        expect(got).toEqual(want);
      }),
      { numRuns: 1500 },
    );
    expect(taken).toBeGreaterThan(450); // many are taken (the rest hold an object where a field is read, or JSON in a string)
  });

  it('on broken text: it takes nothing JSON.parse refuses, and where it takes, the same records', () => {
    const mutate = fc.tuple(fc.nat(), fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', ' ', '0', '-', 'e', '.', 'n', 't', '\u0001', 'é', '"id":"z",'), fc.nat({ max: 3 }));
    fc.assert(
      fc.property(body, fc.array(mutate, { minLength: 1, maxLength: 3 }), (v, cuts) => {
        let text = JSON.stringify(v);
        for (const [at, insert, drop] of cuts) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + drop);
        }
        let ok = true;
        try {
          JSON.parse(text);
        } catch {
          ok = false;
        }
        const got = scanned(CUSTOM, text);
        if (!ok) expect(got).toBeNull();
        else if (got !== null) expect(got).toEqual(parsed(CUSTOM, text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('an import through the reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tco-import-scan-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const NOW = Date.UTC(2026, 11, 1);
  const status = (id: string, st: string, t: number, extra: object = {}) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              value: { metadata: { a: [1, { b: 'c' }] }, statuses: [{ id, status: st, timestamp: String(t), recipient_id: '919810000000', pricing: { category: 'marketing' }, ...extra }] },
              field: 'messages',
            },
          ],
        },
      ],
    });
  let n = 0;
  const write = (lines: string[], gzip = false) => {
    const p = join(dir, `${n++}.jsonl${gzip ? '.gz' : ''}`);
    const text = lines.join('\n') + '\n';
    writeFileSync(p, gzip ? gzipSync(text) : text);
    return p;
  };
  async function failure(p: string): Promise<ImportError> {
    try {
      await importEvents(p, { format: 'whatsapp-cloud-statuses', now: NOW });
    } catch (e) {
      if (e instanceof ImportError) return e;
      throw e;
    }
    throw new Error('the import succeeded');
  }

  it('counts a WhatsApp log, with a key repeated (the last taken) and an escaped status', async () => {
    // m1 sent, delivered; m2 sent, then a body whose status is written twice ("sent", then "failed", the one
    // JSON.parse keeps) with error 131049; m3 "s\u0065nt" (sent) then "read" (delivered).
    const repeated = status('m2', 'sent', 1791219603, { errors: [{ code: 131049 }] }).replace('"status":"sent"', '"status":"sent","status":"failed"');
    const p = write([
      status('m1', 'sent', 1791219600),
      status('m1', 'delivered', 1791219601),
      status('m2', 'sent', 1791219602),
      repeated,
      status('m3', 's\\u0065nt', 1791219604).replace('s\\\\u0065nt', 's\\u0065nt'),
      status('m3', 'read', 1791219605),
    ]);
    const r = await importEvents(p, { format: 'whatsapp-cloud-statuses', now: NOW });
    expect(r.events).toBe(6);
    expect(r.messages).toBe(3);
    expect(r.counts).toEqual({ 'whatsapp/IN/marketing': { sent: 3, delivered: 2, failed: { '131049': 1 }, engaged: 0, converted: 0, optedOut: 0, complained: 0 } });
  });

  it('errors name the same line and field as before', async () => {
    const ok = (k: number) => status(`m${k}`, 'sent', 1791219600 + k);
    // Line 3's status is an object: the field, as JsonRecords words it.
    const e1 = await failure(write([ok(1), ok(2), status('m3', 'sent', 1791219603).replace('"status":"sent"', '"status":{"x":1}'), ok(4)]));
    expect(e1.message).toBe(`${e1.file}: line 3: status: must be a string or a number`);
    // Line 2 breaks JSON inside a part no path reads: JSON.parse's own words, on line 2.
    const broken = ok(2).replace('"b":"c"', '"b":01');
    let words = '';
    try {
      JSON.parse(broken);
    } catch (e) {
      words = (e as Error).message;
    }
    const e2 = await failure(write([ok(1), broken, ok(3)]));
    expect(e2.message).toBe(`${e2.file}: line 2: not a JSON object (${words})`);
    // A status the format does not know, on line 2 of a gzip file.
    const e3 = await failure(write([ok(1), status('m2', 'bounced', 1791219602)], true));
    expect(e3.line).toBe(2);
    expect(e3.field).toBe('status');
    expect(e3.detail).toMatch(/^unknown event "bounced"/);
  });
});
