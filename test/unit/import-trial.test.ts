/**
 * The import screen's preview of a mapping (electron/import/trial.ts, through previewFile): the
 * fields of the first records as paths of the mapping language with a sample each, the status
 * values seen with their counts, each source record beside the events it becomes (or why it is
 * refused or read past), and the counts per route, ignored and untimed records with their first
 * lines. On the vendors' fixtures (test/fixtures/events/vendors/, EXPECTED.md worked by hand).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError, previewFile, type ColumnMapping } from '../../electron/import/index.js';
import { inWords } from '../../electron/import/trial.js';

const fixture = (name: string) => new URL(`../fixtures/events/vendors/${name}`, import.meta.url).pathname;
const whatsapp = fixture('whatsapp-cloud-statuses.jsonl');
const NOW = Date.UTC(2027, 0, 1);

/** The mapping a user builds on screen for WhatsApp's webhook bodies: statuses only (no replies). */
const built = (events: ColumnMapping['events']): ColumnMapping => ({
  version: 2,
  records: ['entry[].changes[].value.statuses[]'],
  columns: { messageId: 'id', recipient: 'recipient_id', event: 'status', timestamp: 'timestamp', failureReason: 'errors[0].code' },
  events,
  routeFrom: { channel: 'whatsapp', country: 'number', classFrom: 'pricing.category' },
});
const ALL: ColumnMapping['events'] = { sent: 'sent', delivered: 'delivered', read: 'delivered', failed: 'failed' };

describe('the fields of a file', () => {
  it('JSON with no mapping: the tree of the bodies, in the mapping language, where the records can lie, a sample under each field', async () => {
    const p = await previewFile(whatsapp, { now: NOW });
    const at = (path: string) => p.tree.find((n) => n.path === path);
    // Each body: entry[] → changes[] → value → statuses[] (line 1) or messages[] (lines 9, 10).
    expect(at('entry[].changes[].value.statuses[]')).toMatchObject({ kind: 'records', depth: 3 });
    expect(at('entry[].changes[].value.messages[]')).toMatchObject({ kind: 'records' });
    // Line 1's status is the first one seen: "sent" at 1791219601.
    expect(at('entry[].changes[].value.statuses[].status')).toMatchObject({ kind: 'value', sample: 'sent' });
    expect(at('entry[].changes[].value.statuses[].timestamp')?.sample).toBe('1791219601');
    expect(at('entry[].changes[].value.statuses[].pricing.category')?.sample).toBe('marketing');
    // Without a record path the whole body is a record: no status field, nothing tried.
    expect(p.statuses).toEqual([]);
    expect(p.trial).toBeNull();
  });

  it('JSON with a record path: the fields of the records, a list read at its first element', async () => {
    const p = await previewFile(whatsapp, { kind: 'jsonl', mapping: built(ALL), now: NOW });
    const paths = p.fields.map((f) => f.path);
    expect(paths.slice(0, 4)).toEqual(['id', 'status', 'timestamp', 'recipient_id']);
    // The failed statuses (lines 3 and 4) carry errors[]: read as errors[0], its code 131026 first (line 3).
    expect(p.fields.find((f) => f.path === 'errors[0].code')).toMatchObject({ sample: '131026', count: 2 });
    expect(paths).not.toContain('errors[]');
    // 16 status records; 14 of them priced (the two failures have no pricing).
    expect(p.fields.find((f) => f.path === 'id')?.count).toBe(16);
    expect(p.fields.find((f) => f.path === 'pricing.category')?.count).toBe(14);
  });

  it('CSV: the columns, each with its first value that is not empty', async () => {
    const p = await previewFile(fixture('twilio-messages-csv.csv'), { format: 'twilio-messages-csv', now: NOW });
    expect(p.fields.map((f) => f.path).slice(0, 5)).toEqual(['From', 'To', 'Body', 'Status', 'SentDate']);
    expect(p.fields.find((f) => f.path === 'Status')?.sample).toBe('delivered');
    // ErrorCode is empty on line 2 and 30003 on line 3.
    expect(p.fields.find((f) => f.path === 'ErrorCode')?.sample).toBe('30003');
    expect(p.tree).toEqual([]);
  });
});

describe('a mapping tried on the first records', () => {
  it('statuses not in the table are flagged and their records refused, the rest still counted', async () => {
    const p = await previewFile(whatsapp, { kind: 'jsonl', mapping: built({ sent: 'sent', delivered: 'delivered' }), now: NOW });
    // Status records by line (EXPECTED.md): sent 1, 2, 5, 7, 8, 12, 13 = 7; delivered 2, 5, 8, 12, 13 = 5;
    // failed 3, 4 = 2; read 6, 11 = 2.
    expect(p.statuses).toEqual([
      { value: 'sent', count: 7, known: true },
      { value: 'delivered', count: 5, known: true },
      { value: 'failed', count: 2, known: false },
      { value: 'read', count: 2, known: false },
    ]);
    const t = p.trial!;
    expect(t.refused).toEqual({ count: 4, lines: [3, 4, 6, 11] });
    const line3 = t.lines.find((l) => l.line === 3)!;
    expect(line3.becomes).toEqual([]);
    expect(line3.refused).toBe('The status "failed" is not in the status table: choose what it is');
  });

  it('the whole table: each record beside its event and route; counts per route as the import gives them', async () => {
    const p = await previewFile(whatsapp, { kind: 'jsonl', mapping: built(ALL), now: NOW });
    const t = p.trial!;
    // 16 status records and the two bodies of inbound messages only (lines 9, 10), whole file.
    expect(t.records).toBe(18);
    expect(t.complete).toBe(true);
    expect(t.problem).toBeNull();
    expect(t.refused).toEqual({ count: 0, lines: [] });
    // Line 2 holds two records: W1 delivered, W2 sent, both priced marketing to +91.
    const line2 = t.lines.filter((l) => l.line === 2);
    expect(line2.map((l) => l.becomes.map((b) => [b.event, b.route]))).toEqual([[['delivered', 'whatsapp/IN/marketing']], [['sent', 'whatsapp/IN/marketing']]]);
    expect(line2[0]!.source).toContain('"status":"delivered"');
    // Line 3: W2 failed, code 131026, no pricing: its record gives the route without its class.
    expect(t.lines.find((l) => l.line === 3)!.becomes).toEqual([
      { event: 'failed', status: 'failed', route: 'whatsapp/IN', messageId: 'wamid.HBgMOTE5ODc2NTQzMjQxFQIAERgSQzdBNTJGM0Q4RTc52AA==', reason: '131026', untimed: false, duplicate: false },
    ]);
    // Line 8 is line 2's body again (a retried webhook): both of its events are dropped as duplicates.
    expect(t.lines.filter((l) => l.line === 8).map((l) => l.becomes.map((b) => [b.event, b.duplicate]))).toEqual([[['delivered', true]], [['sent', true]]]);
    expect(line2.map((l) => l.becomes[0]!.duplicate)).toEqual([false, false]);
    // Lines 9 and 10 hold no status: read past, as the import counts them.
    expect(t.lines.find((l) => l.line === 9)!.becomes.map((b) => b.event)).toEqual([null]);
    expect(t.ignoredLines).toEqual([9, 10]);
    expect(t.untimedLines).toEqual([]);
    // EXPECTED.md without the reply of line 9: events 17 - 1 = 16, duplicates 2 (line 8), messages 7;
    // IN/marketing W1, W2: 2 sent, 1 delivered, failed 131026, no engagement (the reply is not read);
    // IN: W3 failed 131049; BR/utility W4, W5 2 of 2; MX/authentication W6 1 of 1; IN/service W8 1 of 1.
    const zero = { engaged: 0, converted: 0, optedOut: 0, complained: 0 };
    expect(t.result).toEqual({
      file: whatsapp,
      events: 16,
      duplicates: 2,
      messages: 7,
      anomalies: [],
      counts: {
        'whatsapp/IN/marketing': { sent: 2, delivered: 1, failed: { '131026': 1 }, ...zero },
        'whatsapp/IN': { sent: 1, delivered: 0, failed: { '131049': 1 }, ...zero },
        'whatsapp/BR/utility': { sent: 2, delivered: 2, failed: {}, ...zero },
        'whatsapp/MX/authentication': { sent: 1, delivered: 1, failed: {}, ...zero },
        'whatsapp/IN/service': { sent: 1, delivered: 1, failed: {}, ...zero },
      },
      ignored: { '(no records)': 2 },
    });
  });

  it('a built-in format: ignored and untimed records counted with their first lines (Twilio log, EXPECTED.md)', async () => {
    const p = await previewFile(fixture('twilio-messages-csv.csv'), { format: 'twilio-messages-csv', now: NOW });
    const t = p.trial!;
    // 15 rows, lines 2–16: queued (8), received (10), canceled (16) read past; SentDate empty on lines 7 and 11.
    expect(t.records).toBe(15);
    expect(t.ignoredLines).toEqual([8, 10, 16]);
    expect(t.untimedLines).toEqual([7, 11]);
    expect(t.result!.ignored).toEqual({ queued: 1, received: 1, canceled: 1 });
    expect(t.result!.untimed).toBe(2);
    // sms/US: Sids 01, 02, 08, 12, 13 sent, 01, 12, 13 delivered, 02 failed 30003.
    expect(t.result!.counts['sms/US']).toMatchObject({ sent: 5, delivered: 3, failed: { '30003': 1 } });
    // Line 7: whatsapp, failed 63016, no time.
    expect(t.lines.find((l) => l.line === 7)!.becomes).toMatchObject([{ event: 'failed', route: 'whatsapp/IN', reason: '63016', untimed: true }]);
    // Line 13 repeats line 2 (Sid 01 delivered at the same time): the duplicate, dropped.
    expect(t.lines.find((l) => l.line === 13)!.becomes).toMatchObject([{ event: 'delivered', duplicate: true }]);
    expect(t.lines.find((l) => l.line === 2)!.becomes).toMatchObject([{ event: 'delivered', duplicate: false }]);
    // The row as its fields, quoted only where a field holds the delimiter (line 4's body does).
    expect(t.lines.find((l) => l.line === 2)!.source).toContain('+12025550141,Your code is 482913,delivered');
    expect(t.lines.find((l) => l.line === 4)!.source).toContain(',"Your parcel arrives today, 10:00-12:00",');
  });

  it('is bounded: the first records only, and says so', async () => {
    const p = await previewFile(fixture('twilio-messages-csv.csv'), { format: 'twilio-messages-csv', now: NOW, rows: 5 });
    expect(p.trial!.records).toBe(15); // the trial reads its own number of records (up to 200), not the table's 5 rows: all 15
    const { tryMapping } = await import('../../electron/import/trial.js');
    const small = await tryMapping(fixture('twilio-messages-csv.csv'), { kind: 'csv', mapping: null, now: NOW, records: 4 });
    expect(small.trial).toBeNull();
    const tried = await tryMapping(fixture('twilio-messages-csv.csv'), {
      kind: 'csv',
      mapping: (await import('../../electron/import/index.js')).PRESETS['twilio-messages-csv']!.mapping,
      now: NOW,
      records: 4,
    });
    // Lines 2–5: Sids 01–04, all timed and sent.
    expect(tried.trial).toMatchObject({ records: 4, complete: false, untimedLines: [], ignoredLines: [] });
    expect(tried.trial!.result!.messages).toBe(4);
  });

  it('an incomplete mapping: the fields and statuses of the records it names are still shown, and the problem is said in words', async () => {
    // Being built: records and status chosen, no time field, no status table yet.
    const shape = { version: 2, records: ['entry[].changes[].value.statuses[]'], columns: { messageId: 'id', event: 'status' } };
    const p = await previewFile(whatsapp, { kind: 'jsonl', mappingProblem: 'Choose the time field to see what the records become.', shape, now: NOW });
    expect(p.trial!.problem).toBe('Choose the time field to see what the records become.');
    expect(p.trial!.result).toBeNull();
    // The fields are the statuses' own (errors[0].code of lines 3 and 4), not the bodies'.
    expect(p.fields.find((f) => f.path === 'errors[0].code')?.count).toBe(2);
    // Without a table the model's own events are the values: read is not one of them.
    expect(p.statuses.map((x) => [x.value, x.count, x.known])).toEqual([
      ['sent', 7, true],
      ['delivered', 5, true],
      ['failed', 2, true],
      ['read', 2, false],
    ]);
  });
});

describe('the built-in format of the same file', () => {
  it('reads the replies too, and names a message read past as the counts do (message/no context)', async () => {
    const p = await previewFile(whatsapp, { format: 'whatsapp-cloud-statuses', now: NOW });
    const t = p.trial!;
    // Line 9: the button reply to W1 (context.id): replied; line 10: an inbound text with no context: read past.
    expect(t.lines.find((l) => l.line === 9)!.becomes).toMatchObject([{ event: 'replied', messageId: 'wamid.HBgMOTE5ODc2NTQzMjQxFQIAERgSQzdBNTJGM0Q4RTc51AA==' }]);
    expect(t.lines.find((l) => l.line === 10)!.becomes).toMatchObject([{ event: null, status: 'message/no context' }]);
    // EXPECTED.md: 17 events, W1 engaged on IN/marketing, ignored {message/no context: 1}.
    expect(t.result).toMatchObject({ events: 17, duplicates: 2, messages: 7, ignored: { 'message/no context': 1 } });
    expect(t.result!.counts['whatsapp/IN/marketing']!.engaged).toBe(1);
    expect(t.ignoredLines).toEqual([10]);
    // The inbound messages' status "message" is decided by context.id: line 9 names W1, line 10 none.
    expect(p.qualifierValues).toEqual([
      {
        status: 'message',
        field: 'context.id',
        values: [
          { value: 'wamid.HBgMOTE5ODc2NTQzMjQxFQIAERgSQzdBNTJGM0Q4RTc51AA==', count: 1, known: true },
          { value: '', count: 1, known: true },
        ],
      },
    ]);
  });
});

describe('a status a second field decides, being built', () => {
  it("lists the values seen under the second field in that status's records, those not yet given an event flagged", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco-trial-'));
    try {
      // Mailgun-like: "failed" is a failure when severity is permanent, not when temporary.
      const f = join(dir, 'log.csv');
      writeFileSync(
        f,
        [
          'id,status,severity,at',
          'a,sent,,2026-10-01T10:00:00Z',
          'a,failed,permanent,2026-10-01T10:00:05Z',
          'b,sent,,2026-10-01T10:01:00Z',
          'b,failed,temporary,2026-10-01T10:01:05Z',
          'c,failed,temporary,2026-10-01T10:02:05Z',
          '',
        ].join('\n'),
      );
      const mapping: ColumnMapping = {
        columns: { messageId: 'id', event: 'status', timestamp: 'at' },
        events: { sent: 'sent' },
        qualifiers: { failed: { field: 'severity', values: { permanent: 'failed' } } },
        defaults: { route: 'email' },
      };
      const p = await previewFile(f, { kind: 'csv', mapping, now: NOW });
      // failed on lines 3 (permanent), 5 and 6 (temporary): temporary is not in the qualifier's values yet.
      expect(p.qualifierValues).toEqual([
        {
          status: 'failed',
          field: 'severity',
          values: [
            { value: 'permanent', count: 1, known: true },
            { value: 'temporary', count: 2, known: false },
          ],
        },
      ]);
      expect(p.trial!.refused).toEqual({ count: 2, lines: [5, 6] });
      // Temporary read past: a sent and failed; b sent, no outcome; c's one record is read past, so c is
      // no message at all: 2 messages, 2 sent, failed {unknown: 1} (no reason column), 2 records ignored.
      const done = await previewFile(f, { kind: 'csv', mapping: { ...mapping, qualifiers: { failed: { field: 'severity', values: { permanent: 'failed', temporary: null } } } }, now: NOW });
      expect(done.qualifierValues[0]!.values.map((v) => v.known)).toEqual([true, true]);
      expect(done.trial!.result).toMatchObject({ messages: 2, ignored: { 'failed/temporary': 2 }, counts: { email: { sent: 2, delivered: 0, failed: { unknown: 1 } } } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('refusals in the words of the screen', () => {
  it('say what to choose, not the option of the command line', () => {
    const e = new ImportError(
      'INVALID_FILE',
      'f',
      3,
      'SentDate',
      '"3/2/2026 10:00" has no time zone: set the time zone of the format (timeZone, e.g. "UTC" or "Europe/London"; --time-zone on the command line) to say which zone the file\'s times are in',
    );
    expect(inWords(e)).toBe('SentDate: "3/2/2026 10:00" has no time zone: choose the time zone the file writes its times in');
    expect(inWords(e)).not.toMatch(/timeZone|--/);
  });
});
