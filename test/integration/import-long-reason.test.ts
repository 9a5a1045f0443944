/**
 * A failure reason longer than a pilot can keep (200 characters, FORMAT.md) is refused by the
 * importer with the event file, its line and the reason's column (issue 18: the error named the
 * mapping file and a document path), through the app and through `tco import --mapping`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run.js';
import { createApp } from '../../electron/services/app.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-reason-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const doc = {
  format: 'tco-workspace',
  version: 1,
  baseCurrency: 'USD',
  startMonth: '2027-01',
  streams: [{ id: 's', channel: 'email', monthlyVolume: 10 }],
  vendors: [{ id: 'A', quote: { currency: 'USD', routes: [{ channel: 'email', price: '0.001' }] } }],
};
const long = 'x'.repeat(201);

describe('a failure reason of 201 characters', () => {
  it('the app: INVALID_INPUT naming the event file, line 4 and failure_reason; the workspace unchanged', async () => {
    const events = join(dir, 'events.csv');
    writeFileSync(
      events,
      ['message_id,route,event,failure_reason,timestamp', 'm1,email,sent,,2026-10-01T10:00:00Z', 'm2,email,sent,,2026-10-01T10:00:00Z', `m2,email,failed,${long},2026-10-01T10:00:09Z`, ''].join('\n'),
    );
    const app = createApp({ dataDir: null });
    const created = await app.dispatch('workspace.create', { path: join(dir, 'w.tcows'), from: doc });
    if (!created.ok) throw new Error(created.error.message);
    const handle = (created.value as { handle: string }).handle;
    const r = await app.dispatch('import', { handle, path: events, vendorId: 'A' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', file: events, field: 'failure_reason' } });
    expect(!r.ok && r.error.message).toBe(`${events}: line 4: failure_reason: is 201 characters long: a failure reason can have at most 200`);
    const after = await app.dispatch('workspace.get', { handle });
    expect(after.ok && (after.value as { history: { canUndo: boolean } }).history.canUndo).toBe(false);
    app.closeAll();
  });

  it('tco import --mapping: one line naming the event file, its line and the mapped column, exit 2', async () => {
    const events = join(dir, 'custom.csv');
    writeFileSync(events, ['Message ID;Status;Reason;Time', 'A-1;SENT;;1791219600', `A-1;UNDELIV;${long};1791219610`, ''].join('\n'));
    const map = join(dir, 'map.json');
    writeFileSync(
      map,
      JSON.stringify({ columns: { messageId: 'Message ID', event: 'Status', failureReason: 'Reason', timestamp: 'Time' }, events: { SENT: 'sent', UNDELIV: 'failed' }, defaults: { route: 'sms/DE' } }),
    );
    const workspace = join(dir, 'cli.tcows');
    const docFile = join(dir, 'doc.json');
    writeFileSync(docFile, JSON.stringify(doc));
    expect(await runCli(['new', workspace, '--from', docFile], { out: () => {}, err: () => {} })).toBe(0);
    const err: string[] = [];
    const code = await runCli(['import', workspace, events, '--vendor', 'A', '--mapping', map], { out: () => {}, err: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err).toEqual([`${events}: line 3: Reason: is 201 characters long: a failure reason can have at most 200`]);
  });
});
