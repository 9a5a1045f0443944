/**
 * The import screen's store (renderer/src/state/import.ts) against a fake desktop bridge: the
 * first guess of a mapping for a nested JSON file no format fits (on the WhatsApp fixture's real
 * preview), and the preview following the mapping as it is built: asked once after a pause in
 * changes, with the mapping as it is then; an answer overtaken by a later one dropped.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { previewFile } from '../../electron/import/index.js';

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
const { useImport, guessJsonMapping, CUSTOM } = (await import(/* @vite-ignore */ storeModule)) as {
  useImport: { getState(): Json; setState(s: Json): void };
  guessJsonMapping(p: Json): Json;
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
