/**
 * The four parts of a mapping the import screen now sets (issue 13 item 6), tried on the first
 * records as the screen's preview tries them (previewFile, electron/import/trial.ts): how a message
 * is told (its id alone, or with its recipient), the reference the parts of one SMS share, the
 * cohort field's values with a default cohort, and the class field's values each given a class.
 * Two small files of test/fixtures/events/mapping-controls/ (README.md there works every count out).
 */
import { describe, expect, it } from 'vitest';
import { ImportError, importEvents, previewFile, type ColumnMapping } from '../../electron/import/index.js';
import { inWords } from '../../electron/import/trial.js';

const fixture = (name: string) => new URL(`../fixtures/events/mapping-controls/${name}`, import.meta.url).pathname;
const sms = fixture('sms-batch-parts.csv');
const whatsapp = fixture('whatsapp-cohorts.jsonl');
const NOW = Date.UTC(2027, 0, 1);
const zero = { engaged: 0, converted: 0, optedOut: 0, complained: 0 };

/** The SMS log's mapping as the screen builds it: the route from the recipient's number. */
const smsMapping = (message?: ColumnMapping['message']): ColumnMapping => ({
  columns: { messageId: 'MessageId', recipient: 'To', event: 'Status', timestamp: 'Time', failureReason: 'Error' },
  routeFrom: { channel: 'sms', country: 'number' },
  ...(message ? { message } : {}),
});

describe('how a message is told, and the parts of one SMS (sms-batch-parts.csv)', () => {
  // Lines 2–4: batch b-100 to three GB numbers (delivered, delivered, failed 30008 last); lines 5–7:
  // parts p-201, p-202, p-203 of one SMS to +1 202 (reference ref-7), each delivered; line 8: s-300 to GB, delivered.
  const counts = async (message?: ColumnMapping['message']) => (await previewFile(sms, { kind: 'csv', mapping: smsMapping(message), now: NOW })).trial!.result!;

  it('the message id alone: the batch is one message (failed: its latest receipt), each part its own: 5 messages', async () => {
    const r = await counts();
    expect(r.messages).toBe(5);
    expect(r.events).toBe(7);
    expect(r.counts).toEqual({
      'sms/GB': { sent: 2, delivered: 1, failed: { '30008': 1 }, ...zero },
      'sms/US': { sent: 3, delivered: 3, failed: {}, ...zero },
    });
  });

  it('message id and recipient together: the batch of 3 recipients is 3 messages: 7', async () => {
    const r = await counts({ withRecipient: true });
    expect(r.messages).toBe(7);
    expect(r.counts['sms/GB']).toEqual({ sent: 4, delivered: 3, failed: { '30008': 1 }, ...zero });
    expect(r.counts['sms/US']).toEqual({ sent: 3, delivered: 3, failed: {}, ...zero });
  });

  it('parts of one SMS share ConcatRef: the 3 receipts of ref-7 are 1 message, delivered; with the recipient: 4 + 1 = 5', async () => {
    const r = await counts({ withRecipient: true, partsOf: 'ConcatRef' });
    expect(r.messages).toBe(5);
    expect(r.counts['sms/GB']).toEqual({ sent: 4, delivered: 3, failed: { '30008': 1 }, ...zero });
    expect(r.counts['sms/US']).toEqual({ sent: 1, delivered: 1, failed: {}, ...zero });
    // The id alone and the parts joined: b-100, s-300 and ref-7: 3.
    expect((await counts({ partsOf: 'ConcatRef' })).messages).toBe(3);
  });

  it('each line beside the message it counts as: the part under its reference and recipient', async () => {
    const p = await previewFile(sms, { kind: 'csv', mapping: smsMapping({ withRecipient: true, partsOf: 'ConcatRef' }), now: NOW });
    const ids = p.trial!.lines.map((l) => l.becomes.map((b) => b.messageId).join());
    expect(ids).toEqual(['b-100 +447400123001', 'b-100 +447400123002', 'b-100 +447400123003', 'ref-7 +12025550101', 'ref-7 +12025550101', 'ref-7 +12025550101', 's-300 +447400123009']);
  });

  it('the import gives the counts the trial gave', async () => {
    const r = await importEvents(sms, { format: 'custom-csv', mapping: smsMapping({ withRecipient: true, partsOf: 'ConcatRef' }), now: NOW });
    expect(r.messages).toBe(5);
    expect(r.counts['sms/US']).toEqual({ sent: 1, delivered: 1, failed: {}, ...zero });
  });
});

describe('cohort values and class values (whatsapp-cohorts.jsonl)', () => {
  // 10 records: w1 sent, delivered (treatment, MARKETING, +91); w2 sent, delivered (treatment, UTILITY, +91);
  // w3, w4 withheld (control, MARKETING); w5 sent (control, MARKETING); w6 sent, delivered (no arm,
  // AUTH_OTP, +55); w3 converted (control, MARKETING).
  const base: ColumnMapping = {
    version: 2,
    columns: { messageId: 'id', recipient: 'to', event: 'status', timestamp: 'ts', cohort: 'arm' },
    events: { sent: 'sent', delivered: 'delivered', withheld: 'held_out', converted: 'converted' },
    routeFrom: { channel: 'whatsapp', country: 'number', classFrom: 'category' },
  };
  const preview = (m: Partial<ColumnMapping> & { classes?: Record<string, string> } = {}) => {
    const { classes, ...rest } = m;
    const mapping: ColumnMapping = { ...base, ...rest, routeFrom: { ...base.routeFrom!, ...(classes ? { classes } : {}) } };
    return previewFile(whatsapp, { kind: 'jsonl', mapping, now: NOW });
  };

  it('without a cohort table the values are listed unknown and their records stop the import; the class values are themselves in lower case', async () => {
    const p = await preview();
    // treatment: lines 1–4; control: 5, 6, 7, 10; lines 8, 9 have no arm (the default cohort).
    expect(p.cohortValues).toEqual([
      { value: 'treatment', count: 4, known: false },
      { value: 'control', count: 4, known: false },
    ]);
    expect(p.classValues).toEqual([
      { value: 'MARKETING', count: 6, known: true },
      { value: 'UTILITY', count: 2, known: true },
      { value: 'AUTH_OTP', count: 2, known: true },
    ]);
    const t = p.trial!;
    expect(t.refused).toEqual({ count: 8, lines: [1, 2, 3, 4, 5] });
    expect(t.lines[0]!.refused).toBe('arm: "treatment" is not in the cohort table: choose whether it is exposed or holdout');
    // Only w6 (lines 8, 9) is read: BR, class auth_otp as written.
    expect(t.result!.counts).toEqual({ 'whatsapp/BR/auth_otp': { sent: 1, delivered: 1, failed: {}, ...zero } });
  });

  it('treatment exposed, control holdout: w1 exposed on IN/marketing with w3, w4 its holdout (w3 converted); w5, sent though control, counted nowhere', async () => {
    const p = await preview({ cohorts: { treatment: 'exposed', control: 'holdout' } });
    expect(p.cohortValues.map((v) => v.known)).toEqual([true, true]);
    expect(p.trial!.refused.count).toBe(0);
    expect(p.trial!.result).toMatchObject({ events: 10, duplicates: 0, messages: 6, anomalies: [] });
    expect(p.trial!.result!.counts).toEqual({
      'whatsapp/IN/marketing': { sent: 1, delivered: 1, failed: {}, ...zero, holdout: { members: 2, converted: 1 } },
      'whatsapp/IN/utility': { sent: 1, delivered: 1, failed: {}, ...zero },
      'whatsapp/BR/auth_otp': { sent: 1, delivered: 1, failed: {}, ...zero },
    });
  });

  it('control exposed: w5 is exposed evidence too (sent, no receipt): IN/marketing 2 sent, 1 delivered; the members stay 2', async () => {
    const p = await preview({ cohorts: { treatment: 'exposed', control: 'exposed' } });
    expect(p.trial!.result!.counts['whatsapp/IN/marketing']).toEqual({ sent: 2, delivered: 1, failed: {}, ...zero, holdout: { members: 2, converted: 1 } });
  });

  it('records with no cohort take the default: holdout makes w6 counted nowhere, and BR has no route', async () => {
    const p = await preview({ cohorts: { treatment: 'exposed', control: 'holdout' }, defaults: { cohort: 'holdout' } });
    expect(Object.keys(p.trial!.result!.counts)).toEqual(['whatsapp/IN/marketing', 'whatsapp/IN/utility']);
    expect(p.trial!.result!.messages).toBe(6);
  });

  it('the class table: AUTH_OTP is authentication; a value the table does not list stops the import at its records', async () => {
    const all = await preview({ cohorts: { treatment: 'exposed', control: 'holdout' }, classes: { MARKETING: 'marketing', UTILITY: 'utility', AUTH_OTP: 'authentication' } });
    expect(all.classValues.map((v) => v.known)).toEqual([true, true, true]);
    expect(all.trial!.result!.counts['whatsapp/BR/authentication']).toEqual({ sent: 1, delivered: 1, failed: {}, ...zero });
    expect(all.trial!.result!.counts['whatsapp/BR/auth_otp']).toBeUndefined();
    const part = await preview({ cohorts: { treatment: 'exposed', control: 'holdout' }, classes: { MARKETING: 'marketing', UTILITY: 'utility' } });
    expect(part.classValues.find((v) => v.value === 'AUTH_OTP')).toEqual({ value: 'AUTH_OTP', count: 2, known: false });
    expect(part.trial!.refused).toEqual({ count: 2, lines: [8, 9] });
    expect(part.trial!.lines.find((l) => l.line === 8)!.refused).toBe('category: "AUTH_OTP" is not in the class table: give it a class');
  });

  it('the import gives the counts the trial gave', async () => {
    const mapping: ColumnMapping = {
      ...base,
      cohorts: { treatment: 'exposed', control: 'holdout' },
      routeFrom: { ...base.routeFrom!, classes: { MARKETING: 'marketing', UTILITY: 'utility', AUTH_OTP: 'authentication' } },
    };
    const r = await importEvents(whatsapp, { format: 'custom-jsonl', mapping, now: NOW });
    expect(r.messages).toBe(6);
    expect(r.counts['whatsapp/IN/marketing']).toEqual({ sent: 1, delivered: 1, failed: {}, ...zero, holdout: { members: 2, converted: 1 } });
    expect(r.counts['whatsapp/BR/authentication']).toEqual({ sent: 1, delivered: 1, failed: {}, ...zero });
  });

  it('a mapping being built: the values of its cohort and class fields are listed before it is complete', async () => {
    // No time field yet: the mapping cannot be tried, its fields' values are still shown.
    const shape = {
      version: 2,
      columns: { messageId: 'id', event: 'status', cohort: 'arm' },
      cohorts: { treatment: 'exposed' },
      routeFrom: { channel: 'whatsapp', classFrom: 'category', classes: { MARKETING: 'marketing' } },
    };
    const p = await previewFile(whatsapp, { kind: 'jsonl', mappingProblem: 'Choose the time field to see what the records become.', shape, now: NOW });
    expect(p.cohortValues).toEqual([
      { value: 'treatment', count: 4, known: true },
      { value: 'control', count: 4, known: false },
    ]);
    expect(p.classValues.map((v) => [v.value, v.known])).toEqual([
      ['MARKETING', true],
      ['UTILITY', false],
      ['AUTH_OTP', false],
    ]);
  });
});

describe('the refusals of cohort and class values in words', () => {
  it('say which table to add the value to', () => {
    expect(inWords(new ImportError('INVALID_FILE', 'f', 2, 'group', 'must be a or b, got "c"'))).toBe('group: "c" is not in the cohort table: choose whether it is exposed or holdout');
    expect(inWords(new ImportError('INVALID_FILE', 'f', 2, 'category', '"Marketing Lite" is not a class the format knows (letters, digits, _ . or -)'))).toBe(
      'category: "Marketing Lite" is not a class as written (letters, digits, _ . or -): give it one in the class table',
    );
  });
});
