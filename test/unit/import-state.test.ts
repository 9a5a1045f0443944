/**
 * The import screen's store (renderer/src/state/import.ts) against a fake desktop bridge: the
 * first guess of a mapping for a nested JSON file no format fits (on the WhatsApp fixture's real
 * preview), and the preview following the mapping as it is built: asked once after a pause in
 * changes, with the mapping as it is then; an answer overtaken by a later one dropped. The controls
 * of a message's identity, the parts of one SMS, cohort values and class values: the mapping they
 * build, and what it counts (test/fixtures/events/mapping-controls/README.md works the counts out).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importEvents, previewFile } from '../../electron/import/index.js';

type Json = any;
interface Pending {
  op: string;
  input: Json;
  resolve(v: Json): void;
}
const calls: Pending[] = [];
const bridge = new Proxy(
  {},
  {
    get: (_t, op: string) => (op === 'onMenu' ? () => () => {} : (input: Json) => new Promise((resolve) => calls.push({ op, input, resolve }))),
  },
);
(globalThis as Json).window = { tco: bridge };

// Loaded by vitest as the bundler resolves them (imports without extensions).
const storeModule = '../../renderer/src/state/import.ts';
const { useImport, guessJsonMapping, guessMapping, classProblem, CUSTOM } = (await import(/* @vite-ignore */ storeModule)) as {
  useImport: { getState(): Json; setState(s: Json): void };
  guessJsonMapping(p: Json): Json;
  guessMapping(columns: string[], kind: 'csv' | 'jsonl'): Json;
  classProblem(value: string, name: string): string | null;
  CUSTOM: string;
};

const whatsapp = new URL('../fixtures/events/vendors/whatsapp-cloud-statuses.jsonl', import.meta.url).pathname;
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('the first guess for a nested JSON file', () => {
  it('WhatsApp webhook bodies: the records are the statuses (4 fields of their own, as many as the inbound messages, seen first), fields by name', async () => {
    const preview = await previewFile(whatsapp, { now: Date.UTC(2027, 0, 1) });
    // Plain fields directly under each list of objects: entry[] id (1); changes[] field (1);
    // statuses[] id, status, timestamp, recipient_id (4); contacts[] wa_id (1); messages[] from, id,
    // timestamp, type (4, after statuses[]); the body itself: object (1). The first with the most wins.
    expect(guessJsonMapping(preview)).toEqual({
      version: 2,
      records: ['entry[].changes[].value.statuses[]'],
      columns: { messageId: 'id', recipient: 'recipient_id', event: 'status', timestamp: 'timestamp' },
    });
  });
});

describe('the preview follows the mapping', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    calls.length = 0;
    useImport.setState({
      path: '/logs/wa.jsonl',
      format: CUSTOM,
      mapping: { version: 2, columns: {} },
      preview: { kind: 'jsonl', tree: [], fields: [], statuses: [], qualifierValues: [], trial: null },
      trialError: null,
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('changes within the pause ask once, after it, with the mapping as it is then', async () => {
    const st = useImport.getState();
    st.setRecords('entry[].changes[].value.statuses[]');
    await vi.advanceTimersByTimeAsync(100);
    st.setColumn('messageId', 'id');
    await vi.advanceTimersByTimeAsync(249);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.op).toBe('import.preview');
    expect(calls[0]!.input).toEqual({ path: '/logs/wa.jsonl', rows: 50, kind: 'jsonl', mapping: { version: 2, records: ['entry[].changes[].value.statuses[]'], columns: { messageId: 'id' } } });
  });

  it('an answer overtaken by a later one is dropped', async () => {
    const st = useImport.getState();
    st.refresh(true);
    st.refresh(true);
    await flush();
    expect(calls).toHaveLength(2);
    const later = { kind: 'jsonl', tree: [], fields: [{ path: 'later', depth: 0, kind: 'value', sample: null, count: 1 }], statuses: [], qualifierValues: [], trial: null };
    const earlier = { ...later, fields: [{ path: 'earlier', depth: 0, kind: 'value', sample: null, count: 1 }] };
    calls[1]!.resolve({ ok: true, value: later });
    await flush();
    calls[0]!.resolve({ ok: true, value: earlier });
    await flush();
    expect(useImport.getState().preview.fields[0].path).toBe('later');
  });
});

describe('the message, parts, cohort and class controls build the mapping', () => {
  const NOW = Date.UTC(2027, 0, 1);
  const controls = (name: string) => new URL(`../fixtures/events/mapping-controls/${name}`, import.meta.url).pathname;
  const sms = controls('sms-batch-parts.csv');
  const wa = controls('whatsapp-cohorts.jsonl');
  const zero = { engaged: 0, converted: 0, optedOut: 0, complained: 0 };
  /** The store on a file's preview, with the first guess of its mapping (as loadPreview leaves it). */
  const open = async (file: string, kind: 'csv' | 'jsonl') => {
    const preview = await previewFile(file, { now: NOW });
    const mapping = kind === 'jsonl' ? guessJsonMapping(preview) : guessMapping(preview.columns, 'csv');
    useImport.setState({ path: file, format: CUSTOM, mapping, preview, routeMode: 'fixed', classDrafts: {}, error: null, trialError: null });
    return useImport.getState();
  };
  /** The preview again with the mapping as the controls left it (what refresh asks the host for). */
  const tried = async (file: string, kind: 'csv' | 'jsonl') => {
    const preview = await previewFile(file, { kind, mapping: useImport.getState().mapping, now: NOW });
    useImport.setState({ preview });
    return preview.trial!.result!;
  };
  beforeEach(() => {
    vi.useFakeTimers(); // the refresh each change schedules is never sent: the test tries the mapping itself
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a batch of 3 recipients sharing one id: 1 message by the id alone, 3 with the recipient; a 3-part SMS: 1 message once its reference is set', async () => {
    const st = await open(sms, 'csv');
    st.setRouteMode('number');
    // Lines 2–4: b-100 to 3 GB numbers; lines 5–7: p-201, p-202, p-203, the parts of ref-7; line 8: s-300.
    expect(useImport.getState().mapping.columns).toEqual({ messageId: 'MessageId', recipient: 'To', event: 'Status', timestamp: 'Time', failureReason: 'Error' });
    let r = await tried(sms, 'csv');
    expect(r.messages).toBe(5); // b-100, p-201, p-202, p-203, s-300
    expect(r.counts['sms/GB']!.sent).toBe(2);

    st.setIdentity(true);
    expect(useImport.getState().mapping.message).toEqual({ withRecipient: true });
    r = await tried(sms, 'csv');
    expect(r.messages).toBe(7); // the batch is 3
    expect(r.counts['sms/GB']).toEqual({ sent: 4, delivered: 3, failed: { '30008': 1 }, ...zero });

    st.setPartsOf('ConcatRef');
    expect(useImport.getState().mapping.message).toEqual({ withRecipient: true, partsOf: 'ConcatRef' });
    r = await tried(sms, 'csv');
    expect(r.messages).toBe(5); // the 3 parts of ref-7 are 1
    expect(r.counts['sms/US']).toEqual({ sent: 1, delivered: 1, failed: {}, ...zero });

    // Back to the id alone, then no reference: the mapping says nothing of messages again.
    st.setIdentity(false);
    expect(useImport.getState().mapping.message).toEqual({ partsOf: 'ConcatRef' });
    expect((await tried(sms, 'csv')).messages).toBe(3); // b-100, ref-7, s-300
    st.setPartsOf(null);
    expect(useImport.getState().mapping.message).toBeUndefined();
    expect((await tried(sms, 'csv')).messages).toBe(5);
  });

  it('cohort values each exposed or holdout, with a default cohort; class values each given a class; the import counts what the trial counted', async () => {
    const st = await open(wa, 'jsonl');
    // The first guess: the fields by name (arm as the cohort); the time field (ts) is the user's to pick.
    expect(useImport.getState().mapping).toEqual({ version: 2, columns: { messageId: 'id', recipient: 'to', event: 'status', cohort: 'arm' } });
    st.setColumn('timestamp', 'ts');
    for (const [v, e] of [
      ['sent', 'sent'],
      ['delivered', 'delivered'],
      ['withheld', 'held_out'],
      ['converted', 'converted'],
    ])
      st.setStatus(v, e);
    st.setRouteMode('number');
    st.setRouteRule({ classFrom: 'category' });
    const before = await previewFile(wa, { kind: 'jsonl', mapping: useImport.getState().mapping, now: NOW });
    useImport.setState({ preview: before });
    // No cohort table: treatment and control stop the import (8 records).
    expect(before.cohortValues.map((v: Json) => [v.value, v.count, v.known])).toEqual([
      ['treatment', 4, false],
      ['control', 4, false],
    ]);
    expect(before.trial!.refused.count).toBe(8);

    st.setCohortValue('treatment', 'exposed');
    st.setCohortValue('control', 'holdout');
    expect(useImport.getState().mapping.cohorts).toEqual({ treatment: 'exposed', control: 'holdout' });
    let r = await tried(wa, 'jsonl');
    // w1 exposed; w3, w4 held out (w3 converted); w5 control but sent: nowhere; w6 no arm: exposed by default.
    expect(r.counts['whatsapp/IN/marketing']).toEqual({ sent: 1, delivered: 1, failed: {}, ...zero, holdout: { members: 2, converted: 1 } });
    expect(r.counts['whatsapp/BR/auth_otp']).toEqual({ sent: 1, delivered: 1, failed: {}, ...zero });

    st.setDefaultCohort('holdout');
    expect(useImport.getState().mapping.defaults).toEqual({ cohort: 'holdout' });
    r = await tried(wa, 'jsonl');
    expect(Object.keys(r.counts)).toEqual(['whatsapp/IN/marketing', 'whatsapp/IN/utility']); // w6 counted nowhere
    st.setDefaultCohort('exposed');
    expect(useImport.getState().mapping.defaults).toBeUndefined();

    // A class that is not one waits beside its value with the error, out of the mapping.
    st.setClassValue('AUTH_OTP', 'auth otp');
    expect(useImport.getState().classDrafts).toEqual({ AUTH_OTP: 'auth otp' });
    expect(useImport.getState().mapping.routeFrom.classes).toBeUndefined();
    // The first class given starts the table: the other values keep their class (themselves in lower case).
    st.setClassValue('AUTH_OTP', 'authentication');
    expect(useImport.getState().classDrafts).toEqual({});
    expect(useImport.getState().mapping.routeFrom).toEqual({
      channel: 'whatsapp',
      country: 'number',
      classFrom: 'category',
      classes: { MARKETING: 'marketing', UTILITY: 'utility', AUTH_OTP: 'authentication' },
    });
    r = await tried(wa, 'jsonl');
    expect(r.counts['whatsapp/BR/authentication']).toEqual({ sent: 1, delivered: 1, failed: {}, ...zero });
    expect(r).toMatchObject({ events: 10, messages: 6 });
    const imported = await importEvents(wa, { format: 'custom-jsonl', mapping: useImport.getState().mapping, now: NOW });
    expect(imported.counts).toEqual(r.counts);
  });

  it('an import or a save is refused while a class typed is not one, in a sentence naming the value and what to write', async () => {
    const st = await open(wa, 'jsonl');
    st.setRouteMode('number');
    st.setRouteRule({ classFrom: 'category' });
    st.setClassValue('AUTH_OTP', 'auth otp!');
    expect(await st.savePreset('mine')).toBe(false);
    expect(useImport.getState().error.message).toBe(
      'The class for “AUTH_OTP” cannot be “auth otp!”: write it with letters, digits, _ . or - only (such as authentication or marketing_lite), without spaces or other signs. Correct it under “Classes” before saving or importing.',
    );
    // Another class field: the drafts of the last one go with its table; so they do with the route rule.
    st.setRouteRule({ classFrom: 'arm' });
    expect(useImport.getState().classDrafts).toEqual({});
    st.setClassValue('control', 'hold out');
    expect(useImport.getState().classDrafts).toEqual({ control: 'hold out' });
    st.setRouteMode('fixed');
    expect(useImport.getState().classDrafts).toEqual({});
  });

  it("takes the class names the importer's schema takes, and no other", async () => {
    const { checkMapping } = await import('../../electron/import/mapping.js');
    const schemaTakes = (name: string) => {
      try {
        checkMapping({ columns: { messageId: 'a', event: 'b', timestamp: 'c' }, routeFrom: { channel: 'whatsapp', classes: { X: name } } }, 'm');
        return true;
      } catch {
        return false;
      }
    };
    for (const name of ['marketing', 'marketing_lite', 'auth-otp', 'v1.2', 'UTILITY', 'auth otp', 'ç', 'a/b', ' x', 'a:b']) expect(classProblem('X', name) === null).toBe(schemaTakes(name));
  });
});
