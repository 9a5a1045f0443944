/**
 * Every bad file gives its named error (file, line, field), never a result: a missing column, a bad
 * timestamp, an unknown event name, a BOM, CRLF line ends and quoted newlines (read, not errors),
 * an empty file, a binary file, a file that is not UTF-8, malformed CSV and JSON Lines, a bad
 * mapping, a file that cannot be read, a cancel. And the same file read in chunks of any size gives
 * the same answer (records, lines, CRLF pairs and UTF-8 characters cut by a chunk's end).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFailure } from '../fixtures/import-failure.js';
import { ImportError, importEvents, parseTimestamp, previewCsv, type ImportOptions } from '../../electron/import/index.js';
import { generateEvents } from '../bench/generate-events.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-import-err-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (name: string, body: string | Buffer) => {
  const p = join(dir, `${++n}-${name}`);
  writeFileSync(p, body);
  return p;
};
const NOW = Date.UTC(2026, 10, 23, 12);
const HEADER = 'event_id,message_id,recipient,route,cohort,event,failure_reason,timestamp,segments,price\n';
const OK = ',m,,sms/US,,sent,,2026-10-01T10:00:00Z,,\n';

const failure = (p: string, options: Partial<ImportOptions> = {}): Promise<ImportError> => importFailure(p, { now: NOW, ...options });

/** Options as a caller outside TypeScript may give them (a mapping read from JSON): for the importer, not the compiler, to refuse. */
const unchecked = (options: Record<string, unknown>): Partial<ImportOptions> => options;

async function expectError(p: string, code: ImportError['code'], line: number | null, field: string | null, text: RegExp, options: Partial<ImportOptions> = {}) {
  const e = await failure(p, options);
  expect({ code: e.code, line: e.line, field: e.field, file: e.file }).toEqual({ code, line, field, file: p });
  expect(e.message).toMatch(text);
  expect(e.message.startsWith(`${p}: ${line !== null ? `line ${line}: ` : ''}${field ? `${field}: ` : ''}`)).toBe(true);
}

describe('the generic CSV', () => {
  it('a missing column names it, on the header line', () =>
    expectError(file('nocol.csv', 'message_id,route,event\nm,sms/US,sent\n'), 'INVALID_FILE', 1, 'timestamp', /the header has no timestamp column \(the file's columns: message_id, route, event\)/));
  it('a missing column after a BOM and blank lines is on the header’s line', () =>
    expectError(file('nocol2.csv', '\uFEFF\n\nmessage_id,event,timestamp\n'), 'INVALID_FILE', 3, 'route', /no route column/));
  it('a bad timestamp', () => expectError(file('ts.csv', HEADER + OK + ',m,,sms/US,,sent,,yesterday,,\n'), 'INVALID_FILE', 3, 'timestamp', /"yesterday" is not a time/));
  it('a timestamp with no zone', () =>
    expectError(
      file('naive.csv', HEADER + ',m,,sms/US,,sent,,2026-10-01T10:00:00,,\n'),
      'INVALID_FILE',
      2,
      'timestamp',
      /"2026-10-01T10:00:00" has no time zone: set the time zone of the format .*--time-zone/,
    ));
  it('a date that does not exist', () => expectError(file('feb30.csv', HEADER + ',m,,sms/US,,sent,,2026-02-30T10:00:00Z,,\n'), 'INVALID_FILE', 2, 'timestamp', /not a time/));
  it('an unknown event name', () =>
    expectError(file('ev.csv', HEADER + OK + ',m,,sms/US,,bounced,,2026-10-01T10:00:00Z,,\n'), 'INVALID_FILE', 3, 'event', /unknown event "bounced" \(events: sent, delivered, failed/));
  it('a bad route', () => expectError(file('route.csv', HEADER + ',m,,SMS-US,,sent,,2026-10-01T10:00:00Z,,\n'), 'INVALID_FILE', 2, 'route', /"SMS-US" is not a route/));
  it('a bad cohort', () => expectError(file('cohort.csv', HEADER + ',m,,sms/US,control,sent,,2026-10-01T10:00:00Z,,\n'), 'INVALID_FILE', 2, 'cohort', /must be exposed or holdout, got "control"/));
  it('a missing message id', () => expectError(file('mid.csv', HEADER + ', ,,sms/US,,sent,,2026-10-01T10:00:00Z,,\n'), 'INVALID_FILE', 2, 'message_id', /is missing or empty/));
  it('a missing event', () => expectError(file('noev.csv', HEADER + ',m,,sms/US,,,,2026-10-01T10:00:00Z,,\n'), 'INVALID_FILE', 2, 'event', /is missing or empty/));
  it('an empty file', () => expectError(file('empty.csv', ''), 'INVALID_FILE', null, null, /the file is empty/));
  it('a BOM alone', () => expectError(file('bom.csv', '\uFEFF'), 'INVALID_FILE', null, null, /no header line/));
  it('blank lines only', () => expectError(file('blank.csv', '\n\r\n\n'), 'INVALID_FILE', null, null, /no header line/));
  it('a header and no events', () => expectError(file('header.csv', HEADER), 'INVALID_FILE', null, null, /holds no events/));
  it('a binary file', () => expectError(file('bin.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), 'INVALID_FILE', 3, null, /binary data/)); // PNG: NUL on its third line
  it('a file that is not UTF-8 (Latin-1)', () =>
    expectError(
      file('latin1.csv', Buffer.concat([Buffer.from(HEADER + OK), Buffer.from(',caf\xe9,,sms/US,,sent,,2026-10-01T10:00:00Z,,\n', 'latin1')])),
      'INVALID_FILE',
      3,
      null,
      /not UTF-8 text \(byte 0xe9\)/,
    ));
  // With its byte order mark a UTF-16 file is read (import-utf16.test.ts); without one it is named.
  it('a file that is UTF-16 without its byte order mark', () =>
    expectError(file('utf16.csv', Buffer.from(HEADER, 'utf16le')), 'INVALID_FILE', null, null, /the file looks like UTF-16 text without a byte order mark: save it as UTF-8/));
  it('a file cut inside a UTF-8 character', () =>
    expectError(file('cut.csv', Buffer.concat([Buffer.from(HEADER + ',caf'), Buffer.from('é').subarray(0, 1)])), 'INVALID_FILE', 2, null, /ends inside a UTF-8 character/));
  it('a quote left open', () =>
    expectError(file('open.csv', HEADER + OK + ',"m,,sms/US,,sent,,2026-10-01T10:00:00Z,,\n'), 'INVALID_FILE', 3, 'message_id', /quoted field is not closed before the end of the file/));
  it('a quote inside an unquoted field', () =>
    expectError(file('q.csv', HEADER + ',m"1,,sms/US,,sent,,2026-10-01T10:00:00Z,,\n'), 'INVALID_FILE', 2, 'message_id', /a quote inside an unquoted field/));
  it('text after a closing quote', () => expectError(file('after.csv', HEADER + ',"m"1,,sms/US,,sent,,2026-10-01T10:00:00Z,,\n'), 'INVALID_FILE', 2, 'message_id', /text after the closing quote/));
  it('a row with too few fields', () => expectError(file('few.csv', HEADER + OK + ',m,,sms/US,,sent,,2026-10-01T10:00:00Z\n'), 'INVALID_FILE', 3, null, /has 8 fields where the header has 10/));
  it('a row with too many fields', () => expectError(file('many.csv', HEADER + ',m,,sms/US,,sent,,2026-10-01T10:00:00Z,,,x\n'), 'INVALID_FILE', 2, null, /more fields than the header's 10/));
  it('an error after a quoted newline names the line its record starts on', () =>
    expectError(file('ml.csv', HEADER + ',"m\n1",,sms/US,,sent,,2026-10-01T10:00:00Z,,\n,m,,sms/US,,sent,,later,,\n'), 'INVALID_FILE', 4, 'timestamp', /"later" is not a time/));
  it('a long bad value is shortened in the message', async () => {
    const e = await failure(file('long.csv', HEADER + `,m,,sms/US,,${'x'.repeat(500)},,2026-10-01T10:00:00Z,,\n`));
    // 500 x's shown as 57 and '...'; the rest is the file, line, field, the known events and what to do.
    expect(e.message.length).toBeLessThan(350);
  });

  it('reads a BOM, CRLF line ends, a lone CR, quoted newlines and quoted delimiters', async () => {
    const p = file(
      'crlf.csv',
      '\uFEFF' + HEADER.replace('\n', '\r\n') + ',"m\r\n1",,sms/US,,sent,,2026-10-01T10:00:00Z,,\r\n,"m,2",,sms/US,,sent,,2026-10-01T10:00:00Z,,\r,m3,,sms/US,,sent,,2026-10-01T10:00:00Z,,',
    );
    const r = await importEvents(p, { now: NOW });
    expect(r).toMatchObject({ events: 3, messages: 3, anomalies: [] });
    expect(r.counts['sms/US']!.sent).toBe(3);
  });

  it('header names are matched without regard to case or surrounding spaces; extra columns are read past', async () => {
    const p = file('case.csv', ' Message_ID ,EVENT,Route,TimeStamp,notes\nm,sent,sms/US,2026-10-01T10:00:00Z,"hello, world"\n');
    expect((await importEvents(p, { now: NOW })).counts['sms/US']!.sent).toBe(1);
  });

  it('detects a semicolon or tab delimiter from the header', async () => {
    for (const d of [';', '\t', '|']) {
      const p = file('delim.csv', ['message_id', 'route', 'event', 'timestamp'].join(d) + '\n' + ['m', 'sms/US', 'sent', '2026-10-01T10:00:00Z'].join(d) + '\n');
      expect((await importEvents(p, { now: NOW })).counts['sms/US']!.sent).toBe(1);
      expect((await previewCsv(p)).delimiter).toBe(d);
    }
  });
});

describe('JSON Lines', () => {
  const line = (o: object) => JSON.stringify(o);
  const ev = { messageId: 'a', route: 'sms/US', event: 'sent', timestamp: 1790000000 };
  it('a broken line', () => expectError(file('broken.jsonl', `${line(ev)}\n{oops\n`), 'INVALID_FILE', 2, null, /not a JSON object/));
  it('a line that is not an object', () => expectError(file('num.jsonl', `${line(ev)}\n42\n`), 'INVALID_FILE', 2, null, /each record must be a JSON object, found a number/));
  it('an array holding something else', () => expectError(file('arr.jsonl', `[${line(ev)}, "x"]\n`), 'INVALID_FILE', 1, null, /must be a JSON object/));
  it('a missing key names the key', () => expectError(file('nokey.jsonl', line({ route: 'sms/US', event: 'sent', timestamp: 1790000000 })), 'INVALID_FILE', 1, 'messageId', /is missing or empty/));
  it('a value that is an object', () => expectError(file('obj.jsonl', line({ ...ev, route: { channel: 'sms' } })), 'INVALID_FILE', 1, 'route', /must be a string or a number/));
  it('a bad timestamp', () => expectError(file('ts.jsonl', `${line(ev)}\n\n${line({ ...ev, timestamp: 'soon' })}\n`), 'INVALID_FILE', 3, 'timestamp', /"soon" is not a time/));
  it('an empty file and blank lines', async () => {
    await expectError(file('e.jsonl', ''), 'INVALID_FILE', null, null, /empty/);
    await expectError(file('b.jsonl', '\n  \n\r\n'), 'INVALID_FILE', null, null, /holds no events/);
  });
  // 1f 8b opens a gzip file: this one is cut inside its header.
  it('a damaged gzip file', () => expectError(file('bin.jsonl', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00])), 'INVALID_FILE', null, null, /the gzip data is damaged/));
  it('a binary file', () => expectError(file('bin2.jsonl', Buffer.from([0x7b, 0x0a, 0x00, 0x01])), 'INVALID_FILE', 2, null, /binary data/));
  it('reads a BOM, CRLF and arrays of events (webhook POSTs)', async () => {
    const p = file('ok.jsonl', `\uFEFF${line(ev)}\r\n[${line({ ...ev, event: 'delivered', timestamp: '2026-10-01T10:00:00+05:30' })},${line({ ...ev, messageId: 'b' })}]\r\n`);
    const r = await importEvents(p, { now: NOW });
    expect(r).toMatchObject({ events: 3, messages: 2 });
    expect(r.counts['sms/US']).toMatchObject({ sent: 2, delivered: 1 });
  });
  it('the format follows the extension unless named', async () => {
    const p = file('x.ndjson', line(ev));
    expect((await importEvents(p, { now: NOW })).events).toBe(1);
    await expectError(p, 'INVALID_FILE', 1, null, /a quote inside an unquoted field/, { format: 'events-csv' });
  });
});

describe('files, formats, mappings, cancel', () => {
  it('no such file', () => expectError(join(dir, 'nope.csv'), 'FILE_ERROR', null, null, /no such file/));
  it('a folder', () => {
    const p = join(dir, 'folder.csv');
    mkdirSync(p);
    return expectError(p, 'FILE_ERROR', null, null, /is not a file/);
  });
  it('an unknown format', () =>
    expectError(file('f.csv', HEADER + OK), 'INVALID_MAPPING', null, 'format', /unknown format "xlsx" \(formats: events-csv, events-jsonl, twilio-messages-csv/, { format: 'xlsx' }));
  it('a mapping with no message id column', () =>
    expectError(file('m.csv', HEADER + OK), 'INVALID_MAPPING', null, 'mapping.columns.messageId', /names no column/, {
      mapping: { columns: { event: 'event', timestamp: 'timestamp', route: 'route' } },
    }));
  it('a mapping with an event the model does not have', () =>
    expectError(
      file('m2.csv', HEADER + OK),
      'INVALID_MAPPING',
      null,
      'mapping.events.bounce',
      /Invalid option/,
      unchecked({
        mapping: { columns: { messageId: 'message_id', event: 'event', timestamp: 'timestamp', route: 'route' }, events: { bounce: 'bounced' } },
      }),
    ));
  it('a mapping with a bad default route', () =>
    expectError(file('m3.csv', HEADER + OK), 'INVALID_MAPPING', null, 'mapping.defaults.route', /not a route/, {
      mapping: { columns: { messageId: 'message_id', event: 'event', timestamp: 'timestamp' }, defaults: { route: 'SMS' } },
    }));
  it('a mapping that is not an object', () => expectError(file('m4.csv', HEADER + OK), 'INVALID_MAPPING', null, 'mapping', /expected object/, unchecked({ mapping: 'twilio' })));

  it('cancelled before it starts, and while it reads: CANCELLED, nothing returned', async () => {
    const p = join(dir, `big-${++n}.csv`);
    generateEvents(p, { events: 20_000, seed: 2 });
    const before = new AbortController();
    before.abort();
    await expectError(p, 'CANCELLED', null, null, /cancelled; nothing was written/, { signal: before.signal });
    const during = new AbortController();
    let calls = 0;
    await expectError(p, 'CANCELLED', null, null, /cancelled/, { signal: during.signal, chunkBytes: 8192, onProgress: () => ++calls === 3 && during.abort() });
    expect(calls).toBe(3);
  });
});

describe('chunks: the same answer however the file is cut', () => {
  const content =
    '\uFEFF' +
    HEADER.replace('\n', '\r\n') +
    ',"m\r\n1",,sms/US,,sent,,2026-10-01T10:00:00Z,,\r\n,"caf\u00e9 \u{1F600}",,sms/US,,sent,,2026-10-01T10:00:00Z,,\r\n,"q""x",,sms/US,,clicked,,2026-10-01T10:00:00Z,,\r\n\r\n,m4,,sms/US,,sent,,2026-10-01T10:00:00Z,,';
  it('a result', async () => {
    const p = file('chunks.csv', content);
    const whole = await importEvents(p, { now: NOW });
    expect(whole.anomalies).toEqual([{ kind: 'unknown-message', messageId: 'q"x', line: 5 }]);
    for (let c = 1; c <= 40; c++) expect(await importEvents(p, { now: NOW, chunkBytes: c })).toEqual(whole);
  });
  it('an error', async () => {
    const p = file('chunks-bad.csv', content + '\r\n,"m5,,sms/US,,sent,,2026-10-01T10:00:00Z,,');
    const whole = await failure(p);
    expect(whole.line).toBe(8);
    for (let c = 1; c <= 40; c++) expect((await failure(p, { chunkBytes: c })).message).toBe(whole.message);
  });
  it('records longer than the room kept for them (the buffers grow)', async () => {
    const long = 'x'.repeat(3000);
    const p = file(
      'long-records.csv',
      HEADER + `,"${long}""\n${long}",,sms/US,,sent,,2026-10-01T10:00:00Z,,\n,m2,,sms/US,,sent,,2026-10-01T10:00:00Z,,\n,m3${long},,sms/US,,clicked,,2026-10-01T10:00:00Z,,\n`,
    );
    const whole = await importEvents(p, { now: NOW });
    expect(whole).toMatchObject({ events: 3, messages: 3, anomalies: [{ kind: 'unknown-message', line: 5 }] });
    for (const c of [7, 64, 300, 1000]) expect(await importEvents(p, { now: NOW, chunkBytes: c })).toEqual(whole);
    const j = file(
      'long-lines.jsonl',
      [
        { messageId: long, route: 'sms/US', event: 'sent', timestamp: 1790000000 },
        { messageId: 'b', route: 'sms/US', event: 'sent', timestamp: 1790000000, note: long },
      ]
        .map((o) => JSON.stringify(o))
        .join('\n'),
    );
    const jw = await importEvents(j, { now: NOW });
    expect(jw).toMatchObject({ events: 2, messages: 2 });
    for (const c of [5, 100, 2999]) expect(await importEvents(j, { now: NOW, chunkBytes: c })).toEqual(jw);
  });
  it('a bad byte after a cut character', async () => {
    const p = file('chunks-utf8.csv', Buffer.concat([Buffer.from(HEADER + ',\u00e9\u00e9\u00e9,,sms/US,,sent,,2026-10-01T10:00:00Z,,\n,x'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]));
    for (let c = 1; c <= 12; c++) {
      const e = await failure(p, { chunkBytes: c });
      expect([e.line, e.message.replace(/.*: /, '')]).toEqual([3, 'the file is not UTF-8 text (byte 0xc3)']);
    }
  });
});

describe('previewCsv', () => {
  it('gives the columns, the first rows as written and the delimiter', async () => {
    const p = file('preview.csv', '\uFEFFSid; Status ;"Sent, date"\r\nSM1;delivered;"2026-10-01"\r\nSM2;"said ""hi""\nthere";x;extra\r\nSM3;sent;y\r\n');
    expect(await previewCsv(p, 2)).toEqual({
      columns: ['Sid', 'Status', 'Sent, date'],
      rows: [
        ['SM1', 'delivered', '2026-10-01'],
        ['SM2', 'said "hi"\nthere', 'x', 'extra'],
      ],
      delimiter: ';',
    });
    expect((await previewCsv(p)).rows).toHaveLength(3);
    expect(await previewCsv(p, 0)).toMatchObject({ rows: [] });
  });
  it('names the file on bad input', async () => {
    await expect(previewCsv(file('bin.csv', Buffer.from([1, 2, 0, 3])))).rejects.toThrow(/binary data/);
    await expect(previewCsv(file('empty.csv', ''))).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringMatching(/empty/) });
  });
});

describe('parseTimestamp', () => {
  const utc = (...a: [number, number, number, number?, number?, number?, number?]) => Date.UTC(a[0], a[1] - 1, a[2], a[3] ?? 0, a[4] ?? 0, a[5] ?? 0, a[6] ?? 0);
  it.each([
    ['2026-10-01T10:00:00Z', utc(2026, 10, 1, 10)],
    ['2026-10-01 10:00:00Z', utc(2026, 10, 1, 10)],
    ['2026-10-01T10:00Z', utc(2026, 10, 1, 10)],
    ['2026-10-01T10:00:00.5Z', utc(2026, 10, 1, 10, 0, 0, 500)],
    ['2026-10-01T10:00:00.123456Z', utc(2026, 10, 1, 10, 0, 0, 123)],
    ['2026-10-01T10:00:00,25Z', utc(2026, 10, 1, 10, 0, 0, 250)],
    ['2026-10-01T15:30:00+05:30', utc(2026, 10, 1, 10)],
    ['2026-10-01T15:30:00+0530', utc(2026, 10, 1, 10)],
    ['2026-10-01T05:00:00-05', utc(2026, 10, 1, 10)],
    ['2026-10-01 10:00:00 UTC', utc(2026, 10, 1, 10)],
    ['2026-10-01 12:00:00 +0200', utc(2026, 10, 1, 10)],
    ['2024-02-29T00:00:00Z', utc(2024, 2, 29)],
    ['1790848800', utc(2026, 10, 1, 10)],
    ['1790848800.25', utc(2026, 10, 1, 10, 0, 0, 250)],
    ['Thu, 01 Oct 2026 10:00:00 +0000', utc(2026, 10, 1, 10)],
    ['1 Oct 2026 12:00:00 +0200', utc(2026, 10, 1, 10)],
  ])('%s', (s, ms) => expect(parseTimestamp(s)).toBe(ms));
  it.each([
    '2026-10-01T10:00:00',
    '2026-13-01T10:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-10-01T24:00:00Z',
    '2026-10-01T10:60:00Z',
    '2026-10-01T10:00:60Z',
    '2026-10-01T10:00:00+5',
    '2026-10-01T10:00:00Zx',
    '2026-10-01',
    '17908488',
    '179084880012',
    '1790848800.',
    'yesterday',
    '',
    '2026-10-01T10:00:00.Z',
  ])('%s is not a time', (s) => expect(parseTimestamp(s)).toBeNaN());
  it('a time with no zone is UTC when the mapping says so', () => expect(parseTimestamp('2026-10-01T10:00:00', true)).toBe(utc(2026, 10, 1, 10)));
});
