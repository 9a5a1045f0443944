/**
 * The WAL flushed after each commit (electron/store/wal-sync.ts), on real SQLite files: a workspace
 * file is open with synchronous=NORMAL in WAL mode; every change that writes (an edit, an undo, the
 * report's settings) is followed by one flush of the file's WAL, started after the commit, with the
 * commit in it; a change that writes nothing asks for none; commits made while a flush runs share
 * one more flush after it; a flush that fails refuses the next change in words, naming the file.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorkspaceDocument } from '../../electron/api/document.js';
import { openWorkspaceFile } from '../../electron/store/connection.js';
import { StoreError } from '../../electron/store/errors.js';
import { dataSync, walSync } from '../../electron/store/wal-sync.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-wal-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sample = JSON.parse(readFileSync(new URL('../../resources/sample-workspace.json', import.meta.url), 'utf8')) as WorkspaceDocument;
let n = 0;

/** A store whose flushes are noted (the WAL's size when each began), not made. */
function store(): { s: WorkspaceStore; path: string; flushes: { path: string; walBytes: number }[] } {
  const path = join(dir, `w${++n}.tcows`);
  const flushes: { path: string; walBytes: number }[] = [];
  const s = WorkspaceStore.create(path, sample, {
    dataSync: async (p) => {
      flushes.push({ path: p, walBytes: statSync(p).size });
    },
  });
  return { s, path, flushes };
}

const renamed = (name: string) => (d: WorkspaceDocument) => ({ label: 'Rename', next: { ...d, name }, value: null });

describe('a workspace file is flushed after each commit, not inside it', () => {
  it('is open in WAL mode with synchronous=NORMAL (1)', () => {
    const { s, path } = store();
    s.close();
    // The connection the store opens a file with (synchronous is a connection's setting).
    const file = openWorkspaceFile(path);
    expect(file.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(file.db.pragma('synchronous', { simple: true })).toBe(1);
    file.db.close();
  });

  it('an edit, an undo and the report settings each ask for one flush of the WAL, with the commit in it; an edit that changes nothing asks for none', async () => {
    const { s, path, flushes } = store();
    s.update(renamed('Renamed'), '2026-12-06T00:00:00Z');
    await s.flushed();
    expect(flushes).toHaveLength(1);
    expect(flushes[0]!.path).toBe(`${path}-wal`);
    // The commit was written to the WAL before its flush began: a frame header (24 bytes) and a page.
    expect(flushes[0]!.walBytes).toBeGreaterThan(32 + 24);
    s.update(renamed('Renamed'), '2026-12-06T00:00:01Z');
    await s.flushed();
    expect(flushes).toHaveLength(1);
    s.undo();
    await s.flushed();
    s.setReportSettings({ preparedFor: 'Finance', preparedBy: 'Procurement' });
    await s.flushed();
    expect(flushes.map((f) => f.path)).toEqual([`${path}-wal`, `${path}-wal`, `${path}-wal`]);
    s.close();
  });

  it('commits made while a flush runs share one flush after it', async () => {
    const started: string[] = [];
    const ends: (() => void)[] = [];
    const w = walSync('/x/w.tcows', (p) => {
      started.push(p);
      return new Promise<void>((r) => ends.push(r));
    });
    w.soon();
    w.soon();
    w.soon();
    expect(started).toEqual(['/x/w.tcows-wal']);
    ends.shift()!();
    await new Promise((r) => setImmediate(r));
    // The two commits made while the first flush ran: one more flush, begun after it.
    expect(started).toHaveLength(2);
    let idle = false;
    void w.idle().then(() => (idle = true));
    await new Promise((r) => setImmediate(r));
    expect(idle).toBe(false);
    ends.shift()!();
    await w.idle();
    expect(started).toHaveLength(2);
    expect(w.failure()).toBeNull();
  });

  it('a flush that fails refuses the next change, naming the file, and the document is as the last commit left it', async () => {
    const path = join(dir, 'failing.tcows');
    const s = WorkspaceStore.create(path, sample, {
      dataSync: () => Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })),
    });
    s.update(renamed('Kept'), '2026-12-06T00:00:00Z');
    await s.flushed();
    let refused: unknown = null;
    try {
      s.update(renamed('Refused'), '2026-12-06T00:00:01Z');
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(StoreError);
    expect((refused as StoreError).message).toBe(
      `${path}: could not be written to its disk (EIO: i/o error, fdatasync): the last change may be lost if the computer stops; nothing more is saved here, keep a copy elsewhere with Save As`,
    );
    expect(s.document().name).toBe('Kept');
    s.close();
  });

  it('the real flush: a file is flushed; a WAL already gone (the file closed) is no error', async () => {
    const f = join(dir, 'plain.bin');
    writeFileSync(f, 'x');
    await expect(dataSync(f)).resolves.toBeUndefined();
    await expect(dataSync(join(dir, 'gone.tcows-wal'))).resolves.toBeUndefined();
    await expect(dataSync(join(dir, 'no-such-folder', 'x'))).resolves.toBeUndefined();
  });
});
