/**
 * No lost update (issue 18): a write commits only onto the document as the file holds it when it
 * commits. Two processes importing into one file, the browser host's app beside the `tco` command,
 * and an edit made while an import is being read: every change is in the file, and the undo
 * history holds one entry per change, each a patch on the document it was made on (undoing them in
 * turn goes back through each state to the first).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument, type WorkspaceDocument } from '../../electron/api/document.js';
import { createHost } from '../../electron/host/server.js';
import { createApp } from '../../electron/services/app.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tco-concurrent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small document: one e-mail stream, vendors A and B with one price each and no pilots. */
const base: WorkspaceDocument = canonicalDocument(
  readDocument({
    format: 'tco-workspace',
    version: 1,
    name: 'two writers',
    baseCurrency: 'USD',
    startMonth: '2027-01',
    horizonMonths: 12,
    streams: [{ id: 'receipts', channel: 'email', monthlyVolume: 1000 }],
    vendors: [
      { id: 'A', quote: { currency: 'USD', routes: [{ channel: 'email', price: '0.001' }] } },
      { id: 'B', quote: { currency: 'USD', routes: [{ channel: 'email', price: '0.002' }] } },
    ],
  }),
);

// Vendor A's log: 3 e-mails sent, 2 delivered. Vendor B's: 2 SMS to the US sent, 2 delivered.
const eventsA = join(dir, 'a.csv');
writeFileSync(
  eventsA,
  [
    'message_id,route,event,timestamp',
    'a1,email,sent,2026-10-01T10:00:00Z',
    'a1,email,delivered,2026-10-01T10:00:05Z',
    'a2,email,sent,2026-10-01T10:00:00Z',
    'a2,email,delivered,2026-10-01T10:00:06Z',
    'a3,email,sent,2026-10-01T10:00:00Z',
    '',
  ].join('\n'),
);
const eventsB = join(dir, 'b.csv');
writeFileSync(
  eventsB,
  [
    'message_id,route,event,timestamp',
    'b1,sms/US,sent,2026-10-01T10:00:00Z',
    'b1,sms/US,delivered,2026-10-01T10:00:05Z',
    'b2,sms/US,sent,2026-10-01T10:00:00Z',
    'b2,sms/US,delivered,2026-10-01T10:00:07Z',
    '',
  ].join('\n'),
);

const pilotsOf = (doc: WorkspaceDocument, vendor: string) =>
  (doc.vendors.find((v) => v.id === vendor)!.pilots ?? []).map((p) => ({ route: [p.channel, p.country].filter(Boolean).join('/'), sent: p.sent, delivered: p.delivered }));
const A_PILOTS = [{ route: 'email', sent: 3, delivered: 2 }];
const B_PILOTS = [{ route: 'sms/US', sent: 2, delivered: 2 }];

/** Undo everything in the file, returning the documents seen after each step (and the labels). */
function unwind(path: string): { labels: string[]; docs: WorkspaceDocument[] } {
  const store = WorkspaceStore.open(path);
  const labels: string[] = [];
  const docs: WorkspaceDocument[] = [];
  for (let label = store.undo(); label !== null; label = store.undo()) {
    labels.push(label);
    docs.push(store.document());
  }
  store.close();
  return { labels, docs };
}

describe('two processes importing into one workspace file', () => {
  it('100 runs, both opened before either imports: both imports are in the file, and undo removes each in turn', async () => {
    const runs = 100;
    const files: string[] = [];
    for (let k = 0; k < runs; k++) {
      const f = join(dir, `two-${k}.tcows`);
      WorkspaceStore.create(f, base).close();
      files.push(f);
    }
    const barrier = join(dir, 'barrier');
    mkdirSync(barrier);
    const child = (vendor: string, other: string, events: string) =>
      new Promise<{ code: number | null; out: string; err: string }>((ok) => {
        const c = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/concurrent-importer.ts', vendor, other, events, barrier, ...files], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        c.stdout.on('data', (b: Buffer) => (out += b.toString()));
        c.stderr.on('data', (b: Buffer) => (err += b.toString()));
        c.on('exit', (code) => ok({ code, out, err }));
      });
    const [a, b] = await Promise.all([child('A', 'B', eventsA), child('B', 'A', eventsB)]);
    expect(a.err).toBe('');
    expect(b.err).toBe('');
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.out.trim().split('\n')).toHaveLength(runs);
    let lost = 0;
    for (const f of files) {
      const store = WorkspaceStore.open(f);
      const doc = store.document();
      store.close();
      if (pilotsOf(doc, 'A').length === 0 || pilotsOf(doc, 'B').length === 0) lost++;
      expect(pilotsOf(doc, 'A')).toEqual(A_PILOTS);
      expect(pilotsOf(doc, 'B')).toEqual(B_PILOTS);
      // The history matches the file: two entries, the last import undone first, then the other.
      const { labels, docs } = unwind(f);
      expect([...labels].sort()).toEqual(['Import a.csv into A', 'Import b.csv into B']);
      const firstUndone = labels[0] === 'Import a.csv into A' ? 'A' : 'B';
      const kept = firstUndone === 'A' ? 'B' : 'A';
      expect(pilotsOf(docs[0]!, firstUndone)).toEqual([]);
      expect(pilotsOf(docs[0]!, kept)).toEqual(kept === 'A' ? A_PILOTS : B_PILOTS);
      expect(docs[1]).toEqual(base);
    }
    expect(lost).toBe(0);
  }, 180_000);
});

describe('the browser host and the tco command on one file', () => {
  it('the host sees the command-line import, its next edit keeps it, and undo goes back through each', async () => {
    const path = join(dir, 'host-cli.tcows');
    WorkspaceStore.create(path, base).close();
    const app = createApp({ dataDir: null });
    const host = await createHost({ app, staticDir: dir });
    try {
      const api = (op: string, input: unknown) =>
        new Promise<any>((ok, fail) => {
          const body = JSON.stringify(input);
          // A connection of its own a call: the tco command below holds this process for seconds, past the
          // host's keep-alive, and a reused socket the host has just closed fails with ECONNRESET.
          const req = request(
            { host: '127.0.0.1', port: host.port, agent: false, method: 'POST', path: `/api/${op}`, headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' } },
            (res) => {
              let text = '';
              res.on('data', (c: Buffer) => (text += c.toString()));
              res.on('end', () => ok(JSON.parse(text)));
            },
          );
          req.on('error', fail);
          req.end(body);
        });
      const opened = await api('workspace.open', { path });
      const handle = opened.value.handle as string;
      expect((await api('settings.update', { handle, patch: { name: 'renamed in the app' } })).ok).toBe(true);

      const cli = spawnSync(process.execPath, [join(ROOT, 'bin', 'tco.mjs'), 'import', path, eventsB, '--vendor', 'B'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(cli.status).toBe(0);

      // The app sees the command's import at its next call.
      const got = await api('workspace.get', { handle });
      expect(pilotsOf(got.value.document, 'B')).toEqual(B_PILOTS);
      expect(got.value.history.undoLabel).toBe('Import b.csv into B');
      // Its next edit is made on the file as it is: the import stays.
      const edited = await api('streams.update', { handle, id: 'receipts', patch: { monthlyVolume: '2000' } });
      expect(edited.ok).toBe(true);
      expect(pilotsOf(edited.value.document, 'B')).toEqual(B_PILOTS);
      expect(edited.value.document.streams[0].monthlyVolume).toBe('2000');
      expect(edited.value.document.name).toBe('renamed in the app');
      // The compare table computes on the same document: B's pilot is there (2 of 2 delivered).
      await api('workspace.close', { handle });
    } finally {
      await host.close();
      app.closeAll();
    }
    const { labels, docs } = unwind(path);
    expect(labels).toEqual(['Change the messages a month of “receipts”', 'Import b.csv into B', 'Change the name']);
    expect(docs[0]!.streams[0]!.monthlyVolume).toBe('1000');
    expect(pilotsOf(docs[0]!, 'B')).toEqual(B_PILOTS);
    expect(pilotsOf(docs[1]!, 'B')).toEqual([]);
    expect(docs[1]!.name).toBe('renamed in the app');
    expect(docs[2]).toEqual(base);
  }, 60_000);
});

describe('an edit while an import is being read, in one app', () => {
  it('the import commits onto the edited document: both stay, and undo removes the import, then the edit', async () => {
    // 200,000 messages of about 60 bytes a row: about 24 MB, read in 4 MiB chunks.
    const big = join(dir, 'big.csv');
    const rows = ['message_id,route,event,timestamp'];
    for (let i = 0; i < 200_000; i++) rows.push(`msg-${i},email,sent,2026-10-01T10:00:00Z`, `msg-${i},email,delivered,2026-10-01T10:00:05Z`);
    writeFileSync(big, rows.join('\n') + '\n');
    const path = join(dir, 'during.tcows');
    WorkspaceStore.create(path, base).close();
    const app = createApp({ dataDir: null });
    try {
      const opened = await app.dispatch('workspace.open', { path });
      if (!opened.ok) throw new Error(opened.error.message);
      const handle = (opened.value as { handle: string }).handle;
      const running = app.dispatch('import', { handle, path: big, vendorId: 'A', importId: 'during' });
      for (;;) {
        const p = await app.dispatch('import.progress', { importId: 'during' });
        if (p.ok && (p.value as { bytesRead: number }).bytesRead > 0) break;
        await new Promise((r) => setTimeout(r, 1));
      }
      const edited = await app.dispatch('settings.update', { handle, patch: { name: 'edited during the import' } });
      expect(edited.ok).toBe(true);
      const r = await running;
      expect(r.ok).toBe(true);
      const doc = (r as { value: { state: { document: WorkspaceDocument } } }).value.state.document;
      expect(doc.name).toBe('edited during the import');
      expect(pilotsOf(doc, 'A')).toEqual([{ route: 'email', sent: 200_000, delivered: 200_000 }]);
      await app.dispatch('workspace.close', { handle });
    } finally {
      app.closeAll();
    }
    const { labels, docs } = unwind(path);
    // The edit was committed first (while the log was read), the import after it.
    expect(labels).toEqual(['Import big.csv into A', 'Change the name']);
    expect(docs[0]!.name).toBe('edited during the import');
    expect(pilotsOf(docs[0]!, 'A')).toEqual([]);
    expect(docs[1]).toEqual(base);
  }, 60_000);
});

describe('a document computed from a copy that is no longer the file', () => {
  it('commit() refuses it with a sentence and writes nothing; update() makes the edit on the file as it is', () => {
    const path = join(dir, 'stale.tcows');
    WorkspaceStore.create(path, base).close();
    const one = WorkspaceStore.open(path);
    const two = WorkspaceStore.open(path);
    try {
      one.commit('Change name', { ...one.document(), name: 'one' }, '2026-12-06T00:00:00Z');
      // two's copy still has the old name: a document computed from it is refused, not written over one's.
      expect(() => two.commit('Change horizonMonths', { ...two.document(), horizonMonths: 24 }, '2026-12-06T00:00:01Z')).toThrow(
        /was changed by another window or program while this change was being made; nothing of this change was written/,
      );
      expect(two.refresh().name).toBe('one');
      expect(two.history().undoLabel).toBe('Change name');
      // As an operation on the document read inside the write, the same edit keeps one's change.
      two.update((d) => ({ label: 'Change horizonMonths', next: { ...d, horizonMonths: 24 }, value: null }), '2026-12-06T00:00:02Z');
      expect(one.refresh()).toMatchObject({ name: 'one', horizonMonths: 24 });
      expect(one.undo()).toBe('Change horizonMonths');
      expect(two.refresh()).toMatchObject({ name: 'one', horizonMonths: 12 });
    } finally {
      one.close();
      two.close();
    }
  });
});
