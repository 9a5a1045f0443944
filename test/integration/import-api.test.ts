/**
 * The import step through the app's one dispatch, as the import screen and `tco import` use it:
 * preview, a mapping of the user's, saved presets, progress, cancel, all or nothing. Every count is
 * worked out by hand from the small files written here.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../electron/api/errors.js';
import { IMPORT_EVENTS, IMPORT_FIELDS } from '../../electron/api/import-model.js';
import type { ImportOutput, WorkspaceState } from '../../electron/api/operations.js';
import { runCli } from '../../electron/cli/run.js';
import { EVENT_NAMES, MODEL_FIELDS } from '../../electron/import/index.js';
import { createApp } from '../../electron/services/app.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-import-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataDir = join(dir, 'data');
const app = createApp({ dataDir, now: () => new Date('2026-11-23T12:00:00Z') });
const SAMPLE = new URL('../fixtures/sample-rfp.json', import.meta.url).pathname;
const TWILIO = new URL('../fixtures/events/twilio-messages.csv', import.meta.url).pathname;
const SENDGRID = new URL('../fixtures/events/sendgrid-events.jsonl', import.meta.url).pathname;

let n = 0;
async function ok<T>(op: string, input: unknown): Promise<T> {
  const r = await app.dispatch(op, input);
  if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}
async function fails(op: string, input: unknown): Promise<ApiError> {
  const r = await app.dispatch(op, input);
  if (r.ok) throw new Error(`${op} succeeded`);
  return r.error;
}
async function workspace(): Promise<{ path: string; state: WorkspaceState }> {
  const path = join(dir, `w${++n}.tcows`);
  const state = await ok<WorkspaceState>('workspace.create', { path, from: JSON.parse(readFileSync(SAMPLE, 'utf8')) });
  return { path, state };
}
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

/**
 * A log in a shape no preset knows: `msg;state;when;why`, statuses in the vendor's words.
 *   m1: OUT, DLV            -> sent, delivered
 *   m2: OUT, ERR (E30)      -> sent, failed E30
 *   m3: OUT, DLV, CLK       -> sent, delivered, engaged
 *   m4: QUE (read past), OUT -> sent
 * So on sms/US: sent 4, delivered 2, failed {E30: 1}, engaged 1; 8 events of the model, 1 ignored.
 */
const CUSTOM = [
  'msg;state;when;why',
  'm1;OUT;2026-10-01T10:00:00Z;',
  'm1;DLV;2026-10-01T10:00:03Z;',
  'm2;OUT;2026-10-01T10:01:00Z;',
  'm2;ERR;2026-10-01T10:01:09Z;E30',
  'm3;OUT;2026-10-01T10:02:00Z;',
  'm3;DLV;2026-10-01T10:02:02Z;',
  'm3;CLK;2026-10-01T10:09:00Z;',
  'm4;QUE;2026-10-01T10:03:00Z;',
  'm4;OUT;2026-10-01T10:03:01Z;',
  '',
].join('\n');
const MAPPING = {
  columns: { messageId: 'msg', event: 'state', timestamp: 'when', failureReason: 'why' },
  events: { OUT: 'sent', DLV: 'delivered', ERR: 'failed', CLK: 'clicked', QUE: null },
  defaults: { route: 'sms/US' },
};

describe('the import model the API publishes agrees with the importer', () => {
  it('same fields, same events, in the same order', () => {
    expect([...IMPORT_FIELDS]).toEqual([...MODEL_FIELDS]);
    expect([...IMPORT_EVENTS]).toEqual([...EVENT_NAMES]);
  });
});

describe('import.preview', () => {
  it('a Twilio message log: its 13 columns as written, its rows, and the Twilio preset suggested', async () => {
    const p = await ok<any>('import.preview', { path: TWILIO, rows: 2 });
    expect(p.kind).toBe('csv');
    expect(p.delimiter).toBe(',');
    expect(p.columns).toEqual(['From', 'To', 'Body', 'Status', 'SentDate', 'ApiVersion', 'NumSegments', 'ErrorCode', 'AccountSid', 'Sid', 'Direction', 'Price', 'PriceUnit']);
    expect(p.rows).toHaveLength(2);
    expect(p.rows[1][3]).toBe('undelivered');
    expect(p.rows[1][7]).toBe('30003');
    expect(p.suggested).toBe('twilio-messages-csv');
    expect(p.totalBytes).toBe(readFileSync(TWILIO).length);
  });

  it('a SendGrid webhook dump: JSON Lines whose first line is a POSTed array; keys in the order first seen', async () => {
    const p = await ok<any>('import.preview', { path: SENDGRID, rows: 4 });
    expect(p.kind).toBe('jsonl');
    expect(p.delimiter).toBeNull();
    expect(p.columns.slice(0, 7)).toEqual(['email', 'timestamp', 'smtp-id', 'event', 'category', 'sg_event_id', 'sg_message_id']);
    // The first line's array holds three events: they are the first three rows.
    expect(p.rows.slice(0, 3).map((r: string[]) => r[3])).toEqual(['processed', 'processed', 'processed']);
    expect(p.suggested).toBe('sendgrid-events-jsonl');
  });

  it('a file in a shape no format knows: its columns, and no suggestion; a semicolon found as the delimiter', async () => {
    const p = await ok<any>('import.preview', { path: file('custom.csv', CUSTOM) });
    expect(p).toMatchObject({ kind: 'csv', delimiter: ';', columns: ['msg', 'state', 'when', 'why'], suggested: null });
    expect(p.rows).toHaveLength(9);
  });

  it("a mapping of the user's is tried on the first records: each row beside its event, the counts per route, what is read past, with lines", async () => {
    const p = await ok<any>('import.preview', { path: file('custom-trial.csv', CUSTOM), mapping: MAPPING, kind: 'csv' });
    // The status values under "state", with their rows: OUT m1 m2 m3 m4 = 4, DLV 2, ERR 1, CLK 1, QUE 1.
    expect(p.statuses).toEqual([
      { value: 'OUT', count: 4, known: true },
      { value: 'DLV', count: 2, known: true },
      { value: 'ERR', count: 1, known: true },
      { value: 'CLK', count: 1, known: true },
      { value: 'QUE', count: 1, known: true },
    ]);
    // 9 rows, the whole file; the counts of the hand-worked log above, QUE on line 9 read past.
    expect(p.trial).toMatchObject({ records: 9, complete: true, problem: null, ignoredLines: [9], untimedLines: [] });
    expect(p.trial.result.counts).toEqual({ 'sms/US': { sent: 4, delivered: 2, failed: { E30: 1 }, engaged: 1, converted: 0, optedOut: 0, complained: 0 } });
    expect(p.trial.result.ignored).toEqual({ QUE: 1 });
    // Line 5: m2's ERR with E30 is failed, by that reason, on the fixed route.
    expect(p.trial.lines.find((l: { line: number }) => l.line === 5)).toEqual({
      line: 5,
      source: 'm2;ERR;2026-10-01T10:01:09Z;E30',
      becomes: [{ event: 'failed', status: 'ERR', route: 'sms/US', messageId: 'm2', reason: 'E30', untimed: false, duplicate: false }],
      refused: null,
    });
  });

  it('a mapping still being built is no error: the file is previewed, its statuses listed, and what is missing said in words', async () => {
    const building = { columns: { messageId: 'msg', event: 'state' }, defaults: { route: 'sms/US' } };
    const p = await ok<any>('import.preview', { path: file('custom-building.csv', CUSTOM), mapping: building, kind: 'csv' });
    expect(p.trial).toMatchObject({ problem: 'Choose the time field to see what the records become.', result: null });
    // No status table yet: the model's own event names are the known values, the file's are not.
    expect(p.statuses.map((x: { value: string; known: boolean }) => `${x.value} ${x.known}`)).toEqual(['OUT false', 'DLV false', 'ERR false', 'CLK false', 'QUE false']);
    expect(JSON.stringify(p.trial)).not.toMatch(/\$\.|mapping\.|columns\./);
  });

  it('a class table or a fixed class that is not a class name is said as such, not as a fixed route', async () => {
    const table = {
      ...MAPPING,
      defaults: {},
      columns: { ...MAPPING.columns, recipient: 'msg' },
      routeFrom: { channel: 'whatsapp', country: 'US', classFrom: 'why', classes: { E30: 'not a class!' } },
    };
    const p = await ok<any>('import.preview', { path: file('custom-classes.csv', CUSTOM), mapping: table, kind: 'csv' });
    expect(p.trial.problem).toBe('A class in the class table is not one: write letters, digits, _ . or - only, such as marketing.');
    const fixed = { ...table, routeFrom: { channel: 'whatsapp', country: 'US', class: 'two words' } };
    const q = await ok<any>('import.preview', { path: file('custom-class.csv', CUSTOM), mapping: fixed, kind: 'csv' });
    expect(q.trial.problem).toBe('The fixed class is not one: write letters, digits, _ . or - only, such as marketing.');
  });

  it('a missing file and a binary file are errors naming the file', async () => {
    const missing = join(dir, 'nope.csv');
    expect(await fails('import.preview', { path: missing })).toMatchObject({ code: 'FILE_ERROR', file: missing });
    const bin = join(dir, 'bin.jsonl');
    writeFileSync(bin, Buffer.from([0x7b, 0x00, 0x01, 0x02]));
    const e = await fails('import.preview', { path: bin });
    expect(e).toMatchObject({ code: 'INVALID_INPUT', file: bin });
    expect(e.message).toMatch(/binary/);
  });
});

describe("import with a mapping of the user's", () => {
  it('counts the hand-worked log: sent 4, delivered 2, failed E30 1, engaged 1; the pilot is under the vendor', async () => {
    const { state } = await workspace();
    const path = file('custom-1.csv', CUSTOM);
    const out = await ok<ImportOutput>('import', { handle: state.handle, path, vendorId: 'B', mapping: MAPPING, kind: 'csv' });
    expect(out.result).toMatchObject({ events: 8, duplicates: 0, messages: 4, anomalies: [] });
    expect(out.result.counts['sms/US']).toMatchObject({ sent: 4, delivered: 2, failed: { E30: 1 }, engaged: 1, converted: 0 });
    const b = out.state.document.vendors.find((v) => v.id === 'B')!;
    expect(b.pilots!.at(-1)).toMatchObject({ channel: 'sms', country: 'US', sent: 4, delivered: 2, failed: { E30: 1 }, engaged: 1 });
  });

  it('a mapping without a timestamp column is INVALID_INPUT at $.mapping.columns.timestamp; nothing changes', async () => {
    const { path: ws, state } = await workspace();
    const before = sha(ws);
    const e = await fails('import', { handle: state.handle, path: file('custom-2.csv', CUSTOM), vendorId: 'B', mapping: { ...MAPPING, columns: { messageId: 'msg', event: 'state' } }, kind: 'csv' });
    expect(e).toMatchObject({ code: 'INVALID_INPUT', path: '$.mapping.columns.timestamp', field: 'timestamp' });
    expect(sha(ws)).toBe(before);
  });

  it('a status the mapping does not know is an error naming the file, its line and the column', async () => {
    const { state } = await workspace();
    const path = file('custom-3.csv', CUSTOM.replace('m3;CLK', 'm3;BOUNCE'));
    const e = await fails('import', { handle: state.handle, path, vendorId: 'B', mapping: MAPPING, kind: 'csv' });
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.file).toBe(path);
    expect(e.message).toContain(`${path}: line 8: state:`);
    expect(e.message).toContain('BOUNCE');
    const after = await ok<WorkspaceState>('workspace.get', { handle: state.handle });
    expect(after.history.canUndo).toBe(false);
  });
});

describe('saved presets', () => {
  it('saved under a name, listed after the built-in formats, kept in the data folder, used by name, removed', async () => {
    const saved = await ok<any>('import.savePreset', { name: 'Acme log', kind: 'csv', mapping: MAPPING });
    const names = saved.formats.map((f: { name: string }) => f.name);
    expect(names.slice(0, 5)).toEqual(['events-csv', 'events-jsonl', 'twilio-messages-csv', 'twilio-bulkexport-jsonl', 'sendgrid-events-jsonl']);
    expect(names).toContain('Acme log');
    expect(JSON.parse(readFileSync(join(dataDir, 'import-presets.json'), 'utf8')).presets['Acme log'].mapping.columns.messageId).toBe('msg');
    // A new app over the same data folder (the app restarted) still has it.
    const again = createApp({ dataDir, now: () => new Date('2026-11-23T12:00:00Z') });
    const listed = await again.dispatch('import.formats', {});
    expect(listed.ok && (listed.value as any).formats.find((f: any) => f.name === 'Acme log')).toMatchObject({ kind: 'csv', builtIn: false, source: null });

    const { state } = await workspace();
    const out = await ok<ImportOutput>('import', { handle: state.handle, path: file('custom-4.csv', CUSTOM), vendorId: 'C', format: 'Acme log' });
    expect(out.result.counts['sms/US']).toMatchObject({ sent: 4, delivered: 2, failed: { E30: 1 }, engaged: 1 });

    const removed = await ok<any>('import.removePreset', { name: 'Acme log' });
    expect(removed.formats.map((f: { name: string }) => f.name)).not.toContain('Acme log');
    expect(await fails('import.removePreset', { name: 'Acme log' })).toMatchObject({ code: 'NOT_FOUND', field: 'name' });
  });

  it('a built-in name cannot be taken; a bad mapping is refused with its path; the file stays as it was', async () => {
    await ok('import.savePreset', { name: 'keep', kind: 'csv', mapping: MAPPING });
    const before = readFileSync(join(dataDir, 'import-presets.json'), 'utf8');
    expect(await fails('import.savePreset', { name: 'events-csv', kind: 'csv', mapping: MAPPING })).toMatchObject({ code: 'INVALID_INPUT', path: '$.name' });
    expect(await fails('import.savePreset', { name: 'bad', kind: 'csv', mapping: { ...MAPPING, events: { OUT: 'shipped' } } })).toMatchObject({ code: 'INVALID_INPUT', path: '$.mapping.events.OUT' });
    expect(readFileSync(join(dataDir, 'import-presets.json'), 'utf8')).toBe(before);
  });

  it('a damaged presets file is reported, never emptied', async () => {
    const d = join(dir, 'data-damaged');
    const a = createApp({ dataDir: d });
    await a.dispatch('import.savePreset', { name: 'one', kind: 'csv', mapping: MAPPING });
    writeFileSync(join(d, 'import-presets.json'), '{"presets": {"one": ');
    const r = await a.dispatch('import.formats', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'FILE_ERROR', file: join(d, 'import-presets.json') } });
    const s = await a.dispatch('import.savePreset', { name: 'two', kind: 'csv', mapping: MAPPING });
    expect(s.ok).toBe(false);
    expect(readFileSync(join(d, 'import-presets.json'), 'utf8')).toBe('{"presets": {"one": ');
  });
});

describe('progress and cancel', () => {
  // 600,000 rows of about 60 bytes: about 36 MB, read in 4 MiB chunks, so there is time to look.
  const big = join(dir, 'big.csv');
  const rows = ['message_id,route,event,timestamp'];
  for (let i = 0; i < 300_000; i++) rows.push(`msg-${i},sms/US,sent,2026-10-01T10:00:00Z`, `msg-${i},sms/US,delivered,2026-10-01T10:00:05Z`);
  writeFileSync(big, rows.join('\n') + '\n');
  const size = readFileSync(big).length;

  it('import.progress reports bytes read of the total while it runs; the finished import counts every message', async () => {
    const { state } = await workspace();
    const seen: { bytesRead: number; totalBytes: number; running: boolean }[] = [];
    const running = app.dispatch('import', { handle: state.handle, path: big, vendorId: 'A', importId: 'p1' });
    let done = false;
    void running.then(() => (done = true));
    while (!done) {
      const p = await ok<any>('import.progress', { importId: 'p1' });
      if (p.running) seen.push(p);
      await new Promise((r) => setTimeout(r, 5));
    }
    const r = await running;
    expect(r.ok && (r.value as ImportOutput).result.counts['sms/US']).toMatchObject({ sent: 300_000, delivered: 300_000 });
    expect(seen.length).toBeGreaterThan(0);
    for (const p of seen) expect(p.totalBytes).toBe(size);
    expect(seen.some((p) => p.bytesRead > 0 && p.bytesRead < size)).toBe(true);
    expect(await ok('import.progress', { importId: 'p1' })).toEqual({ bytesRead: 0, totalBytes: 0, running: false });
  });

  it('import.cancel mid-file: CANCELLED naming the file; the workspace file and its history are as they were', async () => {
    const { path: ws, state } = await workspace();
    const before = sha(ws);
    const running = app.dispatch('import', { handle: state.handle, path: big, vendorId: 'A', importId: 'c1' });
    for (;;) {
      const p = await ok<any>('import.progress', { importId: 'c1' });
      if (p.bytesRead > 0) break;
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(await ok('import.cancel', { importId: 'c1' })).toEqual({ cancelled: true });
    const r = await running;
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED', file: big } });
    expect(sha(ws)).toBe(before);
    const after = await ok<WorkspaceState>('workspace.get', { handle: state.handle });
    expect(after.history.canUndo).toBe(false);
    expect(after.document.vendors.find((v) => v.id === 'A')!.pilots ?? []).toEqual(state.document.vendors.find((v) => v.id === 'A')!.pilots ?? []);
    expect(await ok('import.cancel', { importId: 'c1' })).toEqual({ cancelled: false });
  });
});

describe('tco import with --mapping', () => {
  async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('a bare mapping file and a saved-preset-shaped one give the same hand-worked counts', async () => {
    const { path: ws } = await workspace();
    await ok('workspace.close', { handle: (await ok<WorkspaceState>('workspace.open', { path: ws })).handle });
    const log = file('custom-cli.csv', CUSTOM);
    const bare = file('map.json', JSON.stringify(MAPPING));
    const r1 = await cli(['import', ws, log, '--vendor', 'A', '--mapping', bare, '--json']);
    expect(r1.err).toBe('');
    expect(r1.code).toBe(0);
    expect(JSON.parse(r1.out).counts['sms/US']).toMatchObject({ sent: 4, delivered: 2, failed: { E30: 1 }, engaged: 1 });
    const shaped = file('preset.json', JSON.stringify({ kind: 'csv', mapping: MAPPING }));
    const r2 = await cli(['import', ws, log, '--vendor', 'A', '--mapping', shaped]);
    expect(r2.code).toBe(0);
    expect(r2.out).toContain('sms/US: sent 4, delivered 2, failed 1, engaged 1');
    expect(r2.out).toContain('sms/US failures by reason: E30 1');
    // The same log a second time: A's new pilot equals the one the first import added, so its
    // messages now count twice. The import is made (it is one undo step), and stderr says so.
    expect(JSON.parse(r1.out).repeated).toEqual([]);
    expect(r2.err.trim().split('\n')).toHaveLength(1);
    expect(r2.err).toContain(`tco import: warning: the pilot results for sms/US equal ones vendor A already had in ${ws}: if ${log} was imported before, its messages now count twice`);
    const r3 = await cli(['import', ws, log, '--vendor', 'A', '--mapping', bare, '--json']);
    expect(r3.code).toBe(0);
    expect(JSON.parse(r3.out).repeated).toEqual(['sms/US']);
    const opened = await ok<WorkspaceState>('workspace.open', { path: ws });
    expect(opened.document.vendors.find((v) => v.id === 'A')!.pilots!.filter((p) => p.sent === 4 && p.delivered === 2)).toHaveLength(3);
    await ok('workspace.close', { handle: opened.handle });
  });

  it('the API says which routes repeat pilots the vendor already had, only when every added pilot does', async () => {
    const { state } = await workspace();
    const path = file('custom-repeat.csv', CUSTOM);
    const first = await ok<ImportOutput>('import', { handle: state.handle, path, vendorId: 'C', mapping: MAPPING, kind: 'csv' });
    expect(first.repeated).toEqual([]);
    const again = await ok<ImportOutput>('import', { handle: state.handle, path, vendorId: 'C', mapping: MAPPING, kind: 'csv' });
    expect(again.repeated).toEqual(['sms/US']);
    // One message more (m5 sent) is another log: sent 5, not a repeat.
    const other = file('custom-other.csv', CUSTOM + 'm5;OUT;2026-10-01T10:04:00Z;\n');
    const third = await ok<ImportOutput>('import', { handle: state.handle, path: other, vendorId: 'C', mapping: MAPPING, kind: 'csv' });
    expect(third.result.counts['sms/US']!.sent).toBe(5);
    expect(third.repeated).toEqual([]);
  });

  it('a bad mapping file exits 2 with one line naming the file and the path in it', async () => {
    const { path: ws } = await workspace();
    const bad = file('bad-map.json', JSON.stringify({ columns: { messageId: 'msg', event: 'state' }, defaults: { route: 'sms/US' } }));
    const r = await cli(['import', ws, file('custom-cli2.csv', CUSTOM), '--vendor', 'A', '--mapping', bad]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(`${bad}: $.columns.timestamp: names no column`);
    const notJson = file('not-json.json', '{ "columns": ');
    const r2 = await cli(['import', ws, file('custom-cli3.csv', CUSTOM), '--vendor', 'A', '--mapping', notJson]);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain(notJson);
    expect(existsSync(ws)).toBe(true);
  });

  it('--format and --mapping together, and --kind without --mapping, are usage errors', async () => {
    const { path: ws } = await workspace();
    expect((await cli(['import', ws, TWILIO, '--vendor', 'A', '--format', 'twilio-messages-csv', '--mapping', 'x.json'])).code).toBe(2);
    expect((await cli(['import', ws, TWILIO, '--vendor', 'A', '--kind', 'csv'])).code).toBe(2);
  });
});
