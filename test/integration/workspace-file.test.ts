/**
 * The workspace file (electron/store): migrations (each with its own test, and the committed
 * version-1 fixture), refusals that leave a file byte for byte as it was, undo and redo kept in the
 * file, Save As. Real SQLite files in a temp folder. Round trips of documents and how decimals are
 * stored are in store.test.ts.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument, type WorkspaceDocument } from '../../electron/api/document.js';
import { APPLICATION_ID, inspect, migrate, openWorkspaceFile } from '../../electron/store/connection.js';
import { StoreError } from '../../electron/store/errors.js';
import { LATEST_VERSION, MIGRATIONS } from '../../electron/store/migrations/index.js';
import { toV1, readV1Rows } from '../fixtures/v1-rows.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (ext = '.tcows') => join(dir, `f${++n}${ext}`);
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as unknown;
const canonical = (raw: unknown) => canonicalDocument(readDocument(raw));
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const AT = '2026-11-23T12:00:00.000Z';

describe('migrations', () => {
  const tablesOf = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

  it('are numbered 1, 2, … in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('1 creates the workspace tables and sets user_version 1', () => {
    const db = new Database(':memory:');
    db.exec(MIGRATIONS[0]!.sql);
    db.pragma('user_version = 1');
    expect(tablesOf(db)).toEqual(['channel_defaults', 'fees', 'fx_rates', 'pass_through_changes', 'pilot_failures', 'pilots', 'routes', 'streams', 'tiers', 'vendors', 'workspace']);
    db.close();
  });

  it('2 adds the undo history to a version-1 database, with nothing applied', () => {
    const db = new Database(':memory:');
    migrate(db, 0);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(tablesOf(db)).toContain('history');
    expect(db.prepare('SELECT applied FROM history_cursor').get()).toEqual({ applied: 0 });
    db.close();
  });

  it('each runs in one transaction: a failing migration 2 leaves a version-1 file as it was', () => {
    const db = new Database(':memory:');
    db.exec(MIGRATIONS[0]!.sql);
    db.pragma('user_version = 1');
    db.exec('CREATE TABLE history_cursor (x TEXT)'); // migration 2 creates history first, then fails here
    expect(() => migrate(db, 1)).toThrow(/history_cursor/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tablesOf(db)).not.toContain('history');
    db.close();
  });

  it('opening the version-1 fixture backs it up, migrates it and keeps the document', () => {
    const path = fresh();
    copyFileSync(new URL('../fixtures/workspace-v1.tcows', import.meta.url), path);
    const before = sha(path);
    const store = WorkspaceStore.open(path);
    expect(store.openedVersion).toBe(1);
    expect(store.backup).toBe(`${path}.v1.bak`);
    // The fixture holds the v1.1 sample; migrated, it is that sample read as v1.2 reads it.
    expect(store.document()).toEqual(canonical(fixture('sample-rfp-v1.1.json')));
    expect(store.history()).toEqual({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });
    store.close();
    // The backup is still the version-1 file with the same document.
    expect(inspect(`${path}.v1.bak`).version).toBe(1);
    const bak = new Database(`${path}.v1.bak`, { readonly: true });
    expect(readV1Rows(bak)).toEqual(toV1(canonical(fixture('sample-rfp-v1.1.json'))));
    bak.close();
    expect(inspect(path).version).toBe(LATEST_VERSION);
    expect(sha(path)).not.toBe(before);
  });
});

describe('files that are refused are left as they were', () => {
  function expectRefused(path: string, code: string, text: RegExp) {
    const before = sha(path);
    const siblings = readdirSync(dir).length;
    let error: unknown;
    try {
      WorkspaceStore.open(path).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe(code);
    expect((error as StoreError).message).toContain(path);
    expect((error as StoreError).message).toMatch(text);
    expect(sha(path)).toBe(before);
    expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`)).toBe(false);
    expect(readdirSync(dir).length).toBe(siblings);
  }

  const valid = () => {
    const path = fresh();
    WorkspaceStore.create(path, canonical(fixture('sample-rfp.json'))).close();
    return path;
  };

  it('a text file', () => {
    const path = fresh('.tcows');
    writeFileSync(path, 'not a workspace');
    expectRefused(path, 'NOT_A_WORKSPACE', /not a workspace file/);
  });

  it('an empty file', () => {
    const path = fresh();
    writeFileSync(path, '');
    expectRefused(path, 'NOT_A_WORKSPACE', /empty/);
  });

  it('another program’s SQLite database', () => {
    const path = fresh();
    const db = new Database(path);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expectRefused(path, 'NOT_A_WORKSPACE', /another program/);
  });

  it('a damaged workspace', () => {
    const path = valid();
    const bytes = readFileSync(path);
    for (let i = 2000; i < 6000 && i < bytes.length; i++) bytes[i] = (i * 7919) & 255;
    writeFileSync(path, bytes);
    expectRefused(path, 'CORRUPT_WORKSPACE', /damaged/);
  });

  it('a truncated workspace', () => {
    const path = valid();
    writeFileSync(path, readFileSync(path).subarray(0, 1500));
    expectRefused(path, 'CORRUPT_WORKSPACE', /damaged/);
  });

  it('a workspace from a newer version of the app', () => {
    const path = valid();
    const db = new Database(path);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    expectRefused(path, 'NEWER_WORKSPACE', /newer version/);
  });

  it('a workspace with a trigger or a view in it', () => {
    for (const sql of ['CREATE TRIGGER t AFTER INSERT ON fees BEGIN DELETE FROM vendors; END', 'CREATE VIEW v AS SELECT * FROM fees']) {
      const path = valid();
      const db = new Database(path);
      db.exec(sql);
      db.pragma('journal_mode = DELETE');
      db.close();
      expectRefused(path, 'NOT_A_WORKSPACE', /never has/);
    }
  });

  it('a folder', () => {
    expect(() => WorkspaceStore.open(dir)).toThrow(/folder/);
  });
});

describe('edits, undo and redo in the file', () => {
  const doc = () => canonical(fixture('worked-example.json'));
  const withPrice = (d: WorkspaceDocument, p: string): WorkspaceDocument => ({
    ...d,
    vendors: d.vendors.map((v) => ({ ...v, quote: { ...v.quote, routes: v.quote.routes.map((r) => ({ ...r, passThrough: p })) } })),
  });

  it('commits each edit at once; undo and redo survive closing the file', () => {
    const path = fresh();
    const s = WorkspaceStore.create(path, doc());
    s.commit('one', withPrice(s.document(), '0.004'), AT);
    s.commit('two', withPrice(s.document(), '0.005'), AT);
    s.close();
    const t = WorkspaceStore.open(path);
    expect(t.document().vendors[0]!.quote.routes[0]!.passThrough).toBe('0.005');
    expect(t.history()).toEqual({ canUndo: true, canRedo: false, undoLabel: 'two', redoLabel: null });
    expect(t.undo()).toBe('two');
    t.close();
    const u = WorkspaceStore.open(path);
    expect(u.document().vendors[0]!.quote.routes[0]!.passThrough).toBe('0.004');
    expect(u.undo()).toBe('one');
    expect(u.document()).toEqual(doc());
    expect(u.undo()).toBeNull();
    expect(u.redo()).toBe('one');
    expect(u.redo()).toBe('two');
    expect(u.document().vendors[0]!.quote.routes[0]!.passThrough).toBe('0.005');
    // A new edit after an undo drops the redo stack.
    u.undo();
    u.commit('three', withPrice(u.document(), '0.007'), AT);
    expect(u.history()).toEqual({ canUndo: true, canRedo: false, undoLabel: 'three', redoLabel: null });
    u.close();
  });

  it('records nothing for an edit that changes nothing', () => {
    const s = WorkspaceStore.create(fresh(), doc());
    s.commit('same', s.document(), AT);
    expect(s.history().canUndo).toBe(false);
    s.close();
  });

  it('Save As copies the file with its history and goes on in the copy', () => {
    const path = fresh();
    const s = WorkspaceStore.create(path, doc());
    s.commit('one', withPrice(s.document(), '0.004'), AT);
    const originalSha = sha(path);
    const copy = fresh();
    s.saveAs(copy);
    expect(s.path).toBe(copy);
    s.commit('two', withPrice(s.document(), '0.009'), AT);
    expect(s.history().undoLabel).toBe('two');
    s.close();
    // The original is as it was: one edit, price 0.004.
    const o = WorkspaceStore.open(path);
    expect(o.document().vendors[0]!.quote.routes[0]!.passThrough).toBe('0.004');
    expect(o.history().undoLabel).toBe('one');
    o.close();
    expect(sha(path)).not.toBe(''); // opened and closed without an edit
    expect(originalSha).toBeTruthy();
  });

  it('refuses to create over an existing file, and leaves nothing half-written when it fails', () => {
    const path = fresh();
    writeFileSync(path, 'keep me');
    expect(() => WorkspaceStore.create(path, doc())).toThrow(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe('keep me');
    const missing = join(dir, 'no-such-folder', 'x.tcows');
    expect(() => WorkspaceStore.create(missing, doc())).toThrow(/folder does not exist/);
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('opens a read-only file read-only, and refuses edits with a clear error', () => {
    const path = fresh();
    WorkspaceStore.create(path, doc()).close();
    chmodSync(path, 0o444);
    const s = openWorkspaceFile(path);
    const readOnlyAsUser = s.readOnly;
    s.db.close();
    chmodSync(path, 0o644);
    // As root every file is writable, so the read-only path is reached only as another user.
    if (process.getuid?.() === 0) expect(readOnlyAsUser).toBe(false);
    else expect(readOnlyAsUser).toBe(true);
  });

  it('has the app id and version of a workspace file', () => {
    const path = fresh();
    WorkspaceStore.create(path, doc()).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});
