/**
 * The mapping language and the readers of issue 13, one capability at a time, on small files
 * whose counts are worked out by hand in the comments: JSON in every shape, gzip or not, with the
 * line a record starts on; fields by path (nested keys, array elements, keys with dashes and dots,
 * JSON inside a string); records paths and their alternatives; one record giving several events;
 * routes from numbers, channel prefixes and category fields; status values with a second field;
 * ignored values by value; composed message identities and multi-part SMS; untimed records;
 * epoch milliseconds, named text formats and time zones; route counts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { importFailure } from '../fixtures/import-failure.js';
import { importEvents, checkMapping, previewFile, type ColumnMapping, type ImportResult } from '../../electron/import/index.js';
import { TimeReader } from '../../electron/import/time.js';
import { countOf } from '../../electron/import/route-counts.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-import-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = Date.UTC(2026, 11, 1);
let n = 0;
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, `${n++}-${name}`);
  writeFileSync(p, content);
  return p;
};
const zero = { engaged: 0, converted: 0, optedOut: 0, complained: 0 };
const failure = importFailure;

describe('JSON in every shape, gzip or not', () => {
  // Four events, five keys each (e4 a sixth): m1 sent then delivered, m2 sent then failed 30007.
  // Counts: events 4, messages 2; sms/US sent 2, delivered 1, failed {30007: 1}.
  const ev = [
    { eventId: 'e1', messageId: 'm1', route: 'sms/US', event: 'sent', timestamp: '2026-10-01T10:00:00Z' },
    { eventId: 'e2', messageId: 'm1', route: 'sms/US', event: 'delivered', timestamp: '2026-10-01T10:00:05Z' },
    { eventId: 'e3', messageId: 'm2', route: 'sms/US', event: 'sent', timestamp: '2026-10-01T10:01:00Z' },
    { eventId: 'e4', messageId: 'm2', route: 'sms/US', event: 'failed', timestamp: '2026-10-01T10:01:09Z', failureReason: '30007' },
  ];
  const counts = { 'sms/US': { sent: 2, delivered: 1, failed: { '30007': 1 }, ...zero } };
  const shapes: [string, (o: object[]) => string, number][] = [
    // [shape, text, the line the third record starts on]
    ['JSON Lines', (o) => o.map((x) => JSON.stringify(x)).join('\n') + '\n', 3],
    ['one array on one line', (o) => JSON.stringify(o), 1],
    // "[" is line 1; each record spans 7 lines ("{", five keys, "}"): records start on 2, 9, 16.
    ['a pretty-printed array', (o) => JSON.stringify(o, null, 2), 16],
    ['objects run together (Firehose)', (o) => o.map((x) => JSON.stringify(x)).join(''), 1],
    // Each record 7 lines, one after the other: they start on lines 1, 8, 15.
    ['pretty-printed objects one after another', (o) => o.map((x) => JSON.stringify(x, null, 2)).join('\n'), 15],
  ];
  for (const [shape, text, line3] of shapes) {
    for (const gzip of [false, true]) {
      const name = `${shape}${gzip ? ', gzip' : ''}`;
      const bytes = (o: object[]) => (gzip ? gzipSync(Buffer.from(text(o))) : Buffer.from(text(o)));
      it(`${name}: the counts, the same in chunks of 3 bytes`, async () => {
        const p = file('shape.json', bytes(ev));
        const r = await importEvents(p, { format: 'events-jsonl', now: NOW });
        expect(r).toEqual({ file: p, events: 4, duplicates: 0, messages: 2, anomalies: [], counts });
        expect(await importEvents(p, { format: 'events-jsonl', now: NOW, chunkBytes: 3 })).toEqual(r);
      });
      it(`${name}: a record's error names the line it starts on (${line3})`, async () => {
        const bad = ev.map((x, i) => (i === 2 ? { ...x, route: 'SMS-US' } : x));
        const p = file('bad.json', bytes(bad));
        for (const chunkBytes of [undefined, 5]) {
          const e = await failure(p, { format: 'events-jsonl', now: NOW, ...(chunkBytes ? { chunkBytes } : {}) });
          expect({ line: e.line, field: e.field }).toEqual({ line: line3, field: 'route' });
          expect(e.message).toMatch(/"SMS-US" is not a route/);
          // Where the line holds several values (one array, objects run together), the record is named too.
          if (line3 === 1) expect(e.message).toMatch(/: route: \(the 3rd JSON value on this line\) "SMS-US"/);
        }
      });
    }
  }

  it('a .json.gz file is JSON by its name; gzip is told from the bytes 1f 8b whatever the name', async () => {
    const p = file('log.json.gz', gzipSync(JSON.stringify(ev)));
    expect((await importEvents(p, { now: NOW })).events).toBe(4);
    const q = file('log.csv', gzipSync('message_id,route,event,timestamp\nm1,sms/US,sent,2026-10-01T10:00:00Z\n'));
    expect((await importEvents(q, { now: NOW })).counts).toEqual({ 'sms/US': { sent: 1, delivered: 0, failed: {}, ...zero } });
  });

  it('the preview reads the same shapes: a gzip pretty-printed array, and records at the format’s path', async () => {
    const p = file('preview.json.gz', gzipSync(JSON.stringify(ev, null, 2)));
    const v = await previewFile(p, { rows: 2 });
    expect(v).toMatchObject({
      kind: 'jsonl',
      columns: ['eventId', 'messageId', 'route', 'event', 'timestamp'],
      rows: [
        ['e1', 'm1', 'sms/US', 'sent', '2026-10-01T10:00:00Z'],
        ['e2', 'm1', 'sms/US', 'delivered', '2026-10-01T10:00:05Z'],
      ],
    });
    const wa = new URL('../fixtures/events/vendors/whatsapp-cloud-statuses.jsonl', import.meta.url).pathname;
    const w = await previewFile(wa, { format: 'whatsapp-cloud-statuses', rows: 1 });
    // The first status of the first body (line 1: W1 sent).
    expect(w.columns.slice(0, 4)).toEqual(['id', 'status', 'timestamp', 'recipient_id']);
    expect(w.rows[0]!.slice(1, 2)).toEqual(['sent']);
  });

  it('errors of shape: a scalar, a comma missing in an array, an array not closed, a value cut short', async () => {
    const R = JSON.stringify({ messageId: 'm', route: 'sms/US', event: 'sent', timestamp: 1791219600 });
    const cases: [string, number, RegExp][] = [
      [`${R}\n"x"\n`, 2, /each record must be a JSON object, found a string/],
      [`[\n${R}\n${R}\n]`, 3, /expected a comma or \] after a record of the array that starts on line 1/],
      [`[\n${R},\n`, 1, /the array of records that starts on this line is not closed/],
      [`${R}\n{"b":\n`, 2, /not a JSON object: what starts on this line is not closed/],
      [`[${R},]`, 1, /a comma before \]/],
    ];
    for (const [text, line, msg] of cases) {
      const e = await failure(file('shape-bad.json', text), { format: 'events-jsonl', now: NOW });
      expect({ line: e.line, code: e.code }).toEqual({ line, code: 'INVALID_FILE' });
      expect(e.message).toMatch(msg);
    }
  });
});

describe('fields by path (mapping version 2)', () => {
  it('nested keys, an array element, keys with dashes and a key holding a dot', async () => {
    const mapping: ColumnMapping = {
      version: 2,
      records: 'event-data',
      columns: {
        eventId: 'id',
        messageId: 'message.headers.message-id',
        event: 'event',
        timestamp: 'timestamp',
        failureReason: 'errors[0].code',
        route: 'meta["route.name"]',
      },
    };
    const rec = (id: string, event: string, t: number, extra: object = {}) =>
      JSON.stringify({ signature: {}, 'event-data': { id, event, timestamp: t, message: { headers: { 'message-id': '<a@x>' } }, meta: { 'route.name': 'email' }, ...extra } });
    // <a@x>: sent, then failed with the first error's code 550 (the second, 421, is not read).
    const p = file('paths.jsonl', [rec('1', 'sent', 1791219600), rec('2', 'failed', 1791219660, { errors: [{ code: 550 }, { code: 421 }] })].join('\n'));
    const r = await importEvents(p, { mapping, now: NOW });
    expect(r.counts).toEqual({ email: { sent: 1, delivered: 0, failed: { '550': 1 }, ...zero } });
  });

  it('records at a path: every status of every change of every entry (a WhatsApp-like body)', async () => {
    const mapping: ColumnMapping = {
      version: 2,
      records: 'entry[].changes[].value.statuses[]',
      columns: { messageId: 'id', event: 'status', timestamp: 'timestamp' },
      defaults: { route: 'whatsapp/IN' },
    };
    // One body: entry 1 has two changes (1 and 2 statuses), entry 2 one change (1 status): 4 events, 3 messages.
    const body = {
      entry: [
        {
          changes: [
            { value: { statuses: [{ id: 'w1', status: 'sent', timestamp: '1791219600' }] } },
            {
              value: {
                statuses: [
                  { id: 'w1', status: 'delivered', timestamp: '1791219603' },
                  { id: 'w2', status: 'sent', timestamp: '1791219604' },
                ],
              },
            },
          ],
        },
        { changes: [{ value: { statuses: [{ id: 'w3', status: 'failed', timestamp: '1791219605' }] } }] },
      ],
    };
    const r = await importEvents(file('wa.jsonl', JSON.stringify(body)), { mapping, now: NOW });
    expect(r).toMatchObject({ events: 4, messages: 3, counts: { 'whatsapp/IN': { sent: 3, delivered: 1, failed: { unknown: 1 } } } });
  });

  it('record paths tried in order: a webhook body (event-data) or an API page (items[]); a value with neither is counted apart', async () => {
    const mapping: ColumnMapping = { version: 2, records: ['event-data', 'items[]'], columns: { messageId: 'id', event: 'event', timestamp: 'timestamp' }, defaults: { route: 'email' } };
    const lines = [
      JSON.stringify({ 'event-data': { id: 'a', event: 'sent', timestamp: 1791219600 } }),
      JSON.stringify({
        items: [
          { id: 'b', event: 'sent', timestamp: 1791219600 },
          { id: 'b', event: 'delivered', timestamp: 1791219601 },
        ],
        paging: {},
      }),
      JSON.stringify({ ping: true }),
    ];
    // a sent; b sent and delivered: 3 events, 2 messages; the ping holds no record.
    const r = await importEvents(file('alt.jsonl', lines.join('\n')), { mapping, now: NOW });
    expect(r).toMatchObject({ events: 3, messages: 2, ignored: { '(no records)': 1 }, counts: { email: { sent: 2, delivered: 1 } } });
  });

  it('a JSON string holding JSON is read by the path (an SES event inside an SNS Message)', async () => {
    const mapping: ColumnMapping = {
      version: 2,
      records: ['Message', '$'],
      columns: { messageId: 'mail.messageId', event: ['eventType', 'Type'], timestamp: 'mail.timestamp' },
      events: { Send: 'sent', Delivery: 'delivered', SubscriptionConfirmation: null },
      defaults: { route: 'email' },
    };
    const ses = { eventType: 'Send', mail: { messageId: 'm1', timestamp: '2026-10-05T17:00:00.000Z' } };
    const lines = [
      JSON.stringify({ Type: 'SubscriptionConfirmation', Message: 'You have chosen to subscribe…' }), // text, not JSON: the value itself, read past
      JSON.stringify({ Type: 'Notification', MessageId: 'n1', Message: JSON.stringify(ses) }),
      JSON.stringify({ ...ses, eventType: 'Delivery' }), // the same record delivered directly (Firehose)
    ];
    const r = await importEvents(file('sns.jsonl', lines.join('\n')), { mapping, now: NOW });
    expect(r).toMatchObject({ events: 2, messages: 1, ignored: { SubscriptionConfirmation: 1 }, counts: { email: { sent: 1, delivered: 1 } } });
  });

  it('one record, one event per recipient: a batch send whose recipients share one id counts each recipient', async () => {
    const mapping: ColumnMapping = {
      version: 2,
      columns: {
        eventId: 'eventId',
        messageId: 'mail.messageId',
        recipient: ['bounce.bouncedRecipients[].emailAddress', 'delivery.recipients[]', 'mail.destination[]'],
        event: 'eventType',
        timestamp: 'mail.timestamp',
        failureReason: 'bounce.bouncedRecipients[].status',
      },
      message: { withRecipient: true },
      defaults: { route: 'email' },
    };
    const mail = { messageId: 'M', timestamp: '2026-10-05T17:00:00Z', destination: ['a@x', 'b@x', 'c@x'] };
    const lines = [
      JSON.stringify({ eventId: 's1', eventType: 'sent', mail }), // 3 events: M a, M b, M c sent
      JSON.stringify({ eventId: 'd1', eventType: 'delivered', mail, delivery: { recipients: ['a@x', 'b@x'] } }), // 2 events
      JSON.stringify({ eventId: 'b1', eventType: 'failed', mail, bounce: { bouncedRecipients: [{ emailAddress: 'c@x', status: '5.1.1' }] } }), // 1 event
      JSON.stringify({ eventId: 'd1', eventType: 'delivered', mail, delivery: { recipients: ['a@x', 'b@x'] } }), // the retried line 2: 2 duplicates
    ];
    // 3 + 2 + 1 + 2 = 8 events, 2 duplicates (each recipient's event id is d1 with its recipient),
    // 3 messages (M a, M b, M c): sent 3, delivered 2, failed {5.1.1: 1}. Without withRecipient it would be 1 message.
    const r = await importEvents(file('batch.jsonl', lines.join('\n')), { mapping, now: NOW });
    expect(r).toMatchObject({ events: 8, duplicates: 2, messages: 3, counts: { email: { sent: 3, delivered: 2, failed: { '5.1.1': 1 } } } });
    const single = await importEvents(file('batch1.jsonl', lines.join('\n')), { mapping: { ...mapping, message: {} }, now: NOW });
    expect(single.messages).toBe(1);
  });

  it('a mapping with a path that is not one, or an unknown zone or time format, is refused naming where', () => {
    const base: ColumnMapping = { version: 2, columns: { messageId: 'id', event: 'e', timestamp: 't' }, defaults: { route: 'sms' } };
    expect(() => checkMapping({ ...base, columns: { ...base.columns, messageId: 'a..b' } }, 'm')).toThrow(expect.objectContaining({ field: 'mapping.columns.messageId' }));
    expect(() => checkMapping({ ...base, records: 'x[y]' }, 'm')).toThrow(expect.objectContaining({ field: 'mapping.records' }));
    expect(() => checkMapping({ ...base, timeZone: 'Mars/Olympus' }, 'm')).toThrow(expect.objectContaining({ field: 'mapping.timeZone' }));
    expect(() => checkMapping({ ...base, timeFormat: 'M/D/YYYY Q' }, 'm')).toThrow(expect.objectContaining({ field: 'mapping.timeFormat' }));
  });
});

describe('routes from the vendor’s own fields', () => {
  const twilio = (rows: string[]) => file('tw.csv', ['Sid,To,Status,SentDate,ErrorCode', ...rows].join('\n'));

  it('a Twilio log mixing SMS, WhatsApp and countries gives each row its own route', async () => {
    const p = twilio([
      'SM1,+14165550123,delivered,2026-10-05T17:00:00Z,', // +1 416 (Toronto): sms/CA
      'SM2,+12025550123,delivered,2026-10-05T17:00:00Z,', // +1 202 (Washington): sms/US
      'SM3,+447400123456,undelivered,2026-10-05T17:00:00Z,30003', // sms/GB
      'SM4,whatsapp:+919876543210,read,2026-10-05T17:00:00Z,', // whatsapp/IN
      'SM5,whatsapp:+447400123456,failed,,63016', // whatsapp/GB, never left: untimed
    ]);
    const r = await importEvents(p, { format: 'twilio-messages-csv', now: NOW });
    expect(r.counts).toEqual({
      'sms/CA': { sent: 1, delivered: 1, failed: {}, ...zero },
      'sms/US': { sent: 1, delivered: 1, failed: {}, ...zero },
      'sms/GB': { sent: 1, delivered: 0, failed: { '30003': 1 }, ...zero },
      'whatsapp/IN': { sent: 1, delivered: 1, failed: {}, ...zero },
      'whatsapp/GB': { sent: 1, delivered: 0, failed: { '63016': 1 }, ...zero },
    });
    expect(r.untimed).toBe(1);
  });

  it('a number no country can be told from is an error naming its line and column, never a catch-all route', async () => {
    // +44 7700 900 is Ofcom's drama range: allocated to no one, libphonenumber-js places it nowhere.
    const e = await failure(twilio(['SM1,+14165550123,delivered,2026-10-05T17:00:00Z,', 'SM2,+447700900123,delivered,2026-10-05T17:00:00Z,']), { format: 'twilio-messages-csv', now: NOW });
    expect({ line: e.line, field: e.field }).toEqual({ line: 3, field: 'To' });
    expect(e.message).toMatch(/"\+447700900123" is not a phone number that belongs to one country/);
  });

  it('a message none of whose records has a number is an error naming its first line', async () => {
    const e = await failure(twilio(['SM1,+14165550123,delivered,2026-10-05T17:00:00Z,', 'SM2,,sent,2026-10-05T17:00:00Z,', 'SM2,,delivered,2026-10-05T17:00:09Z,']), {
      format: 'twilio-messages-csv',
      now: NOW,
    });
    expect({ line: e.line, field: e.field }).toEqual({ line: 3, field: 'To' });
    expect(e.message).toMatch(/no record of message "SM2" says its route/);
  });

  it('the class from a category field; a record without it takes the class another record of its message has', async () => {
    const mapping: ColumnMapping = {
      version: 2,
      columns: { messageId: 'id', recipient: 'recipient_id', event: 'status', timestamp: 'timestamp' },
      routeFrom: { channel: 'whatsapp', country: 'number', classFrom: 'pricing.category' },
    };
    const s = (id: string, to: string, status: string, t: number, category?: string) =>
      JSON.stringify({ id, recipient_id: to, status, timestamp: String(t), ...(category ? { pricing: { category } } : {}) });
    const p = file(
      'cls.jsonl',
      [
        s('w1', '919876543210', 'failed', 1791219610), // no pricing; the sent below says marketing
        s('w1', '919876543210', 'sent', 1791219600, 'marketing'),
        s('w2', '919876543211', 'failed', 1791219600), // no pricing anywhere: whatsapp/IN, without class
        s('w3', '5511987654321', 'delivered', 1791219600, 'UTILITY'), // lower-cased: whatsapp/BR/utility
      ].join('\n'),
    );
    const r = await importEvents(p, { mapping, now: NOW });
    expect(r.counts).toEqual({
      'whatsapp/IN/marketing': { sent: 1, delivered: 0, failed: { unknown: 1 }, ...zero },
      'whatsapp/IN': { sent: 1, delivered: 0, failed: { unknown: 1 }, ...zero },
      'whatsapp/BR/utility': { sent: 1, delivered: 1, failed: {}, ...zero },
    });
  });
});

describe('status values with a second field; ignored values counted by value', () => {
  // SES-like: a Bounce is failed when Permanent, read past when Transient (a retry follows).
  const mapping: ColumnMapping = {
    version: 2,
    columns: { messageId: 'mail.messageId', event: 'eventType', timestamp: 'mail.timestamp', failureReason: 'bounce.bounceSubType' },
    events: { Send: 'sent', Delivery: 'delivered', Bounce: 'failed', DeliveryDelay: null },
    qualifiers: { Bounce: { field: 'bounce.bounceType', values: { Permanent: 'failed', Transient: null } } },
    defaults: { route: 'email' },
  };
  const r = (id: string, eventType: string, t: string, bounce?: object) => JSON.stringify({ eventType, mail: { messageId: id, timestamp: `2026-10-05T17:00:${t}Z` }, ...(bounce ? { bounce } : {}) });

  it('Permanent is failed, Transient read past, a missing qualifier leaves the status’s own event', async () => {
    const p = file(
      'ses.jsonl',
      [
        r('a', 'Send', '00'),
        r('a', 'Bounce', '05', { bounceType: 'Transient', bounceSubType: 'MailboxFull' }), // read past: Bounce/Transient
        r('a', 'Delivery', '09'), // a: delivered
        r('b', 'Send', '00'),
        r('b', 'Bounce', '03', { bounceType: 'Permanent', bounceSubType: 'NoEmail' }), // b: failed NoEmail
        r('c', 'Send', '00'),
        r('c', 'DeliveryDelay', '30'), // read past: DeliveryDelay
        r('c', 'DeliveryDelay', '40'), // and again
        r('c', 'Bounce', '50', { bounceSubType: 'General' }), // no bounceType: Bounce's own event, failed General
      ].join('\n'),
    );
    // events: 9 records - 3 read past = 6; messages a, b, c: sent 3, delivered 1, failed NoEmail 1, General 1.
    expect(await importEvents(p, { mapping, now: NOW })).toMatchObject({
      events: 6,
      messages: 3,
      ignored: { 'Bounce/Transient': 1, DeliveryDelay: 2 },
      counts: { email: { sent: 3, delivered: 1, failed: { NoEmail: 1, General: 1 } } },
    });
  });

  it('a qualifier value the format does not list stops the import naming the line and the value', async () => {
    const p = file('ses-bad.jsonl', [r('a', 'Send', '00'), r('a', 'Bounce', '05', { bounceType: 'Undetermined' })].join('\n'));
    const e = await failure(p, { mapping, now: NOW });
    expect({ line: e.line, field: e.field }).toEqual({ line: 2, field: 'bounce.bounceType' });
    expect(e.message).toMatch(/unknown value "Undetermined" for the status "Bounce"/);
  });

  it('an unknown status stops the import naming the line and the value', async () => {
    const e = await failure(file('ses-bad2.jsonl', [r('a', 'Send', '00'), r('a', 'Open', '05')].join('\n')), { mapping, now: NOW });
    expect({ line: e.line, field: e.field }).toEqual({ line: 2, field: 'eventType' });
    expect(e.message).toMatch(/unknown event "Open"/);
  });

  it('a final status only when the record says so (isFinal false: not final); names for ignored values', async () => {
    const eum: ColumnMapping = {
      version: 2,
      columns: { messageId: 'messageId', event: 'eventType', timestamp: 'eventTimestamp', failureReason: 'messageStatus' },
      events: { TEXT_SUCCESSFUL: 'delivered', TEXT_CARRIER_UNREACHABLE: 'failed' },
      qualifiers: {
        TEXT_SUCCESSFUL: { field: 'isFinal', values: { true: 'delivered', false: 'sent' } },
        TEXT_CARRIER_UNREACHABLE: { field: 'isFinal', values: { true: 'failed', false: null }, names: { false: 'not final' } },
      },
      defaults: { route: 'sms/US' },
    };
    const e = (id: string, eventType: string, isFinal: boolean, t: number, status = 'OK') => JSON.stringify({ messageId: id, eventType, isFinal, eventTimestamp: t, messageStatus: status });
    // Firehose: objects run together. m1: unreachable (not final, read past) then successful final: delivered.
    // m2: successful not final (sent), then unreachable final: failed UNREACHABLE.
    const p = file(
      'eum.json',
      [
        e('m1', 'TEXT_CARRIER_UNREACHABLE', false, 1791219601000, 'UNREACHABLE'),
        e('m1', 'TEXT_SUCCESSFUL', true, 1791219609000),
        e('m2', 'TEXT_SUCCESSFUL', false, 1791219601000),
        e('m2', 'TEXT_CARRIER_UNREACHABLE', true, 1791219609000, 'UNREACHABLE'),
      ].join(''),
    );
    expect(await importEvents(p, { mapping: eum, now: NOW })).toMatchObject({
      events: 3,
      messages: 2,
      ignored: { 'TEXT_CARRIER_UNREACHABLE/not final': 1 },
      counts: { 'sms/US': { sent: 2, delivered: 1, failed: { UNREACHABLE: 1 } } },
    });
  });
});

describe('multi-part SMS: one message, its parts’ receipts combined', () => {
  const mapping: ColumnMapping = {
    version: 2,
    columns: { messageId: 'messageId', recipient: 'msisdn', event: 'status', timestamp: 'message-timestamp', failureReason: 'err-code' },
    events: { delivered: 'delivered', accepted: 'sent', failed: 'failed' },
    message: { partsOf: 'client-ref' },
    routeFrom: { channel: 'sms', country: 'number' },
    timeZone: 'UTC',
  };
  const dlr = (ref: string | null, part: string, to: string, status: string, t: string, err = '0') =>
    JSON.stringify({ messageId: part, msisdn: to, status, 'message-timestamp': `2026-10-05 17:00:${t}`, 'err-code': err, ...(ref ? { 'client-ref': ref } : {}) });

  it('delivered when every part seen delivered; failed when a part’s latest receipt failed; else sent', async () => {
    const p = file(
      'parts.jsonl',
      [
        dlr('o1', 'P1', '447400123456', 'delivered', '05'), // o1: three parts, all delivered
        dlr('o1', 'P3', '447400123456', 'delivered', '06'),
        dlr('o1', 'P2', '447400123456', 'delivered', '07'),
        dlr('o2', 'Q2', '4915123456789', 'failed', '08', '8'), // o2: part 2 failed before part 1 delivered: failed 8
        dlr('o2', 'Q1', '4915123456789', 'delivered', '10'),
        dlr('o3', 'R1', '447400123457', 'failed', '01', '2'), // o3: part 1 failed, then delivered (a retry), part 2 delivered: delivered
        dlr('o3', 'R1', '447400123457', 'delivered', '20'),
        dlr('o3', 'R2', '447400123457', 'delivered', '21'),
        dlr('o4', 'S1', '447400123458', 'delivered', '05'), // o4: part 1 delivered, part 2 only accepted: sent, no outcome
        dlr('o4', 'S2', '447400123458', 'accepted', '06'),
        dlr(null, 'T1', '447400123459', 'delivered', '05'), // no client-ref: a message of its own messageId
      ].join('\n'),
    );
    // 11 events, 5 messages. sms/GB: o1, o3, o4, T1 sent 4, delivered o1, o3, T1 = 3; sms/DE: o2 sent 1, failed {8: 1}.
    // No delivered-after-failed for o2 or o3: parts fail and deliver apart.
    const r = await importEvents(p, { mapping, now: NOW });
    expect(r).toEqual({
      file: p,
      events: 11,
      duplicates: 0,
      messages: 5,
      anomalies: [],
      counts: { 'sms/GB': { sent: 4, delivered: 3, failed: {}, ...zero }, 'sms/DE': { sent: 1, delivered: 0, failed: { '8': 1 }, ...zero } },
    });
  });

  it('an anomaly names a composed message as its reference and recipient', async () => {
    const p = file('parts-future.jsonl', dlr('o9', 'Z1', '447400123456', 'delivered', '05'));
    const r = await importEvents(p, { mapping, now: Date.UTC(2026, 9, 5, 16) }); // an hour before the receipt
    expect(r.anomalies).toEqual([{ kind: 'future-timestamp', messageId: 'o9 447400123456', line: 1 }]);
  });
});

describe('times: untimed records, epoch milliseconds, named formats, zones', () => {
  const csv = (rows: string[]) => file('t.csv', ['message_id,route,event,timestamp', ...rows].join('\n'));

  it('a record without a timestamp is kept, counted untimed, before the timed events of its message, in no anomaly', async () => {
    const p = csv([
      'a,sms/US,failed,', // untimed failure, then a timed delivery: delivered (the untimed one comes first), no delivered-after-failed
      'a,sms/US,delivered,2026-10-05T17:00:00Z',
      'b,sms/US,delivered,', // untimed delivery before a timed click: no engaged-before-delivered
      'b,sms/US,clicked,2026-10-05T17:00:00Z',
      'c,sms/US,delivered,2026-10-05T17:00:00Z', // a timed delivery, then an untimed failure: the untimed one is earlier: delivered
      'c,sms/US,failed,',
      'd,sms/US,sent,',
      'd,sms/US,clicked,', // untimed click, no delivery: no anomaly either
    ]);
    const r = await importEvents(p, { now: NOW });
    // untimed: lines 2, 4, 7, 8, 9 = 5 records. Messages a, b, c, d sent 4; delivered a, b, c; engaged b, d.
    expect(r).toEqual({
      file: p,
      events: 8,
      duplicates: 0,
      messages: 4,
      anomalies: [],
      untimed: 5,
      counts: { 'sms/US': { sent: 4, delivered: 3, failed: {}, engaged: 2, converted: 0, optedOut: 0, complained: 0 } },
    });
  });

  it('epoch seconds and milliseconds', () => {
    const t = new TimeReader(undefined, undefined);
    const at = (s: string) => t.read(Buffer.from(s), 0, s.length);
    // 1791219600 s = 2026-10-05T17:00:00Z (20,731 days x 86,400 s + 17 h); 13 digits: milliseconds.
    expect(at('1791219600')).toBe(Date.UTC(2026, 9, 5, 17));
    expect(at('1791219600123')).toBe(Date.UTC(2026, 9, 5, 17, 0, 0, 123));
    expect(at('1791219600.5')).toBe(Date.UTC(2026, 9, 5, 17, 0, 0, 500));
    expect(at('179121960012')).toBeNaN(); // 12 digits: neither
  });

  it('a spreadsheet re-save’s times, named M/D/YYYY H:mm or D/M/YYYY H:mm, in the zone the format names', () => {
    const read = (fmt: string, zone: string | undefined, s: string) => new TimeReader(fmt, zone).read(Buffer.from(s), 0, s.length);
    expect(read('M/D/YYYY H:mm', 'UTC', '3/2/2026 10:00')).toBe(Date.UTC(2026, 2, 2, 10)); // March 2nd
    expect(read('D/M/YYYY H:mm', 'UTC', '3/2/2026 10:00')).toBe(Date.UTC(2026, 1, 3, 10)); // February 3rd
    expect(read('M/D/YYYY h:mm A', 'UTC', '3/2/2026 12:05 AM')).toBe(Date.UTC(2026, 2, 2, 0, 5));
    // New York: EST (UTC-5) on March 2nd, EDT (UTC-4) on July 2nd (summer time from March 8th, 2026).
    expect(read('M/D/YYYY H:mm', 'America/New_York', '3/2/2026 10:00')).toBe(Date.UTC(2026, 2, 2, 15));
    expect(read('M/D/YYYY H:mm', 'America/New_York', '7/2/2026 10:00')).toBe(Date.UTC(2026, 6, 2, 14));
    // Kolkata: UTC+5:30 all year. ISO times without a zone take the format's zone too.
    expect(read('M/D/YYYY H:mm', 'Asia/Kolkata', '2026-10-05 17:00:00')).toBe(Date.UTC(2026, 9, 5, 11, 30));
    expect(read('M/D/YYYY H:mm', 'UTC', '2/30/2026 10:00')).toBeNaN(); // no February 30th
    expect(read('M/D/YYYY H:mm', undefined, '3/2/2026 10:00')).toBeNaN(); // no zone named
  });

  it('a time without a zone is an error that says how to name the zone; named, it is read', async () => {
    const p = csv(['a,sms/US,sent,3/2/2026 10:00']);
    const mapping: ColumnMapping = { columns: { messageId: 'message_id', route: 'route', event: 'event', timestamp: 'timestamp' }, timeFormat: 'M/D/YYYY H:mm' };
    const e = await failure(p, { mapping, now: NOW });
    expect({ line: e.line, field: e.field }).toEqual({ line: 2, field: 'timestamp' });
    expect(e.message).toMatch(/"3\/2\/2026 10:00" has no time zone: set the time zone of the format \(timeZone, e.g. "UTC" or "Europe\/London"; --time-zone on the command line\)/);
    // Named (Europe/London is GMT in March): the time is read, before NOW, so no anomaly.
    expect(await importEvents(p, { mapping: { ...mapping, timeZone: 'Europe/London' }, now: Date.UTC(2026, 2, 2, 10) })).toMatchObject({ anomalies: [] });
    // A minute earlier as "now": the event (10:00 UTC) is in the future.
    expect((await importEvents(p, { mapping: { ...mapping, timeZone: 'Europe/London' }, now: Date.UTC(2026, 2, 2, 9, 59) })).anomalies).toEqual([
      { kind: 'future-timestamp', messageId: 'a', line: 2 },
    ]);
  });
});

describe('route-counts-csv: counts aggregated elsewhere', () => {
  const HEAD = 'route,sent,delivered,failed,failed:30007,failed:30003,engaged,converted,opted_out,complained,holdout_members,holdout_converted';

  it('reads per-route counts as an import result', async () => {
    const p = file('rc.csv', [HEAD, 'sms/US,1000,950,10,20,5,80,12,3,1,100,1', 'whatsapp/IN/marketing,200,180,,,,30,,,,,'].join('\n'));
    // sms/US: failed 10 (no reason: unknown) + 20 + 5 = 35; 950 + 35 = 985 <= 1000. messages 1000 + 100 members + 200.
    const r: ImportResult = await importEvents(p, { format: 'route-counts-csv', now: NOW });
    expect(r).toEqual({
      file: p,
      events: 2,
      duplicates: 0,
      messages: 1300,
      anomalies: [],
      counts: {
        'sms/US': { sent: 1000, delivered: 950, failed: { unknown: 10, '30007': 20, '30003': 5 }, engaged: 80, converted: 12, optedOut: 3, complained: 1, holdout: { members: 100, converted: 1 } },
        'whatsapp/IN/marketing': { sent: 200, delivered: 180, failed: {}, engaged: 30, converted: 0, optedOut: 0, complained: 0 },
      },
    });
  });

  it('counts as a spreadsheet writes them: grouped by thousands with one mark throughout', async () => {
    // Excel's export of a formatted sheet: "12,345" quoted; a German one 12.345; a French one 12 345.
    const p = file('rc-grouped.csv', 'route,sent,delivered,engaged\nsms/US,"12,345",11.900,1 204\n');
    const r: ImportResult = await importEvents(p, { format: 'route-counts-csv', now: NOW });
    expect(r.counts['sms/US']).toMatchObject({ sent: 12345, delivered: 11900, engaged: 1204 });
    expect(['1,234,567', "1'234'567", '1\u202f234', '999', '0'].map(countOf)).toEqual([1234567, 1234567, 1234, 999, 0]);
    // Not counts: a fraction, a rate, mixed marks, a group of two, a leading zero group.
    expect(['9.5', '0.962', '1,234.567', '12,34', '012,345', '1,234 567', ''].map(countOf)).toEqual([null, null, null, null, null, null, null]);
  });

  it('refuses what counts cannot be, naming the line and the column', async () => {
    const cases: [string, number, string, RegExp][] = [
      [`${HEAD}\nsms/US,100,90,5,6,0,0,0,0,0,0,0`, 2, 'delivered', /delivered and failed together \(101\) is more than sent \(100\)/],
      [`${HEAD}\nsms/US,100,90,0,0,0,0,0,0,0,0,0\nsms/US,1,1,0,0,0,0,0,0,0,0,0`, 3, 'route', /sms\/US has a row already/],
      [`${HEAD}\nsms/US,100,90,0,0,0,0,0,0,0,5,6`, 2, 'holdout_converted', /is more than holdout_members/],
      [`${HEAD}\nsms/US,100,9.5,0,0,0,0,0,0,0,0,0`, 2, 'delivered', /"9.5" is not a count/],
      ['route,sent,delivered,failures\nsms/US,1,1,0', 1, 'failures', /is not a column of route counts/],
      ['route,sent\nsms/US,1', 1, 'delivered', /the header has no delivered column/],
    ];
    for (const [text, line, field, msg] of cases) {
      const e = await failure(file('rc-bad.csv', text), { format: 'route-counts-csv', now: NOW });
      expect({ line: e.line, field: e.field }).toEqual({ line, field });
      expect(e.message).toMatch(msg);
    }
  });

  it('the DuckDB SQL of the README makes a file it reads, with the counts MODEL.md gives', async () => {
    const readme = readFileSync(new URL('../../electron/import/README.md', import.meta.url), 'utf8');
    const sql = /DuckDB, one `failed:<reason>` column[\s\S]*?```sql\n([\s\S]*?)```/.exec(readme)![1]!;
    const out = join(dir, 'from-duckdb.csv');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const t = (s: string) => `TIMESTAMPTZ '2026-10-01 ${s}+00'`;
    await con.run(`CREATE TABLE events AS SELECT * FROM (VALUES
      ('m1', 'sms/US', 'exposed', 'sent', NULL, ${t('10:00:00')}), ('m1', 'sms/US', 'exposed', 'delivered', NULL, ${t('10:00:05')}),
      ('m1', 'sms/US', 'exposed', 'clicked', NULL, ${t('10:01:00')}), ('m2', 'sms/US', 'exposed', 'failed', '30007', ${t('10:00:05')}),
      ('m3', 'sms/US', 'exposed', 'failed', NULL, ${t('10:00:05')}), ('m4', 'sms/GB', 'exposed', 'sent', NULL, ${t('10:00:05')}),
      ('m4', 'sms/GB', 'exposed', 'failed', '30003', ${t('10:00:06')}), ('h1', 'sms/US', 'holdout', 'held_out', NULL, ${t('10:00:05')}),
      ('h1', 'sms/US', 'holdout', 'converted', NULL, ${t('12:00:00')})) v(message_id, route, cohort, event, failure_reason, ts)`);
    await con.run(sql.replace("'counts.csv'", `'${out}'`));
    con.closeSync();
    db.closeSync();
    // sms/US: m1 delivered and clicked, m2 failed 30007, m3 failed with no reason, h1 a holdout member who converted.
    // sms/GB: m4 failed 30003. Rows: 2 routes; messages 3 + 1 member + 1.
    expect(await importEvents(out, { format: 'route-counts-csv', now: NOW })).toEqual({
      file: out,
      events: 2,
      duplicates: 0,
      messages: 5,
      anomalies: [],
      counts: {
        'sms/US': { sent: 3, delivered: 1, failed: { '30007': 1, unknown: 1 }, engaged: 1, converted: 0, optedOut: 0, complained: 0, holdout: { members: 1, converted: 1 } },
        'sms/GB': { sent: 1, delivered: 0, failed: { '30003': 1 }, ...zero },
      },
    });
  });
});

describe('a CSV without the column its route comes from', () => {
  it('is refused on its header, naming the column', async () => {
    const p = file('noto.csv', 'Sid,Status,SentDate\nSM1,delivered,2026-10-05T17:00:00Z\n');
    const e = await failure(p, { format: 'twilio-messages-csv', now: NOW });
    expect({ line: e.line, field: e.field }).toEqual({ line: 1, field: 'To' });
    expect(e.message).toMatch(/the header has no To column/);
  });
});
