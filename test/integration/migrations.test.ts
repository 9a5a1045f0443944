/**
 * The schema migrations of the workspace file (electron/store/migrations, run by `migrate` in
 * electron/store/connection.ts), each with its own test on a real SQLite file: what migration 1
 * makes, what migration 2 adds to a version-1 file, what migration 3 makes of a version-2 file (v1.2: its
 * pass-through changes become price changes, history included; unchanged in meaning), one transaction a migration (a migration that
 * fails half-way leaves nothing of itself), what migration 5 adds (the report's settings beside the
 * document, outside its undo history), and the committed version-1 fixture
 * (test/fixtures/workspace-v1.tcows, built by test/fixtures/make-v1-fixture.ts) opened by the app:
 * backed up, migrated, its document kept.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument } from '../../electron/api/document.js';
import type { ApiResult } from '../../electron/api/errors.js';
import type { WorkspaceState } from '../../electron/api/operations.js';
import { createApp } from '../../electron/services/app.js';
import { APPLICATION_ID, backupPath, inspect, migrate, openWorkspaceFile } from '../../electron/store/connection.js';
import { StoreError } from '../../electron/store/errors.js';
import { LATEST_VERSION, MIGRATIONS } from '../../electron/store/migrations/index.js';
import { readDocumentRows, writeDocumentRows } from '../../electron/store/document-rows.js';
import { readV1Rows, toV1, writeV1Rows } from '../fixtures/v1-rows.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** A file in a folder of its own, so the listing beside it is the file's alone. */
function fresh(name = 'w.tcows'): string {
  return join(mkdtempSync(join(dir, 'm')), name);
}

const FIXTURE_V1 = new URL('../fixtures/workspace-v1.tcows', import.meta.url);
// The v1.1 sample (before the sample used v1.2's terms): what version-1 files held. `sample` is it
// as v1.2 reads it (its pass-through changes are price changes); `sampleV1` as the v1 tables held it.
const sampleRaw = () => JSON.parse(readFileSync(new URL('../fixtures/sample-rfp-v1.1.json', import.meta.url), 'utf8')) as unknown;
const sample = canonicalDocument(readDocument(sampleRaw()));
const sampleV1 = toV1(sample);
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const WORKSPACE_TABLES_V1 = ['channel_defaults', 'fees', 'fx_rates', 'pass_through_changes', 'pilot_failures', 'pilots', 'routes', 'streams', 'tiers', 'vendors', 'workspace'];
const WORKSPACE_TABLES_V3 = ['channel_defaults', 'fees', 'fx_rates', 'pilot_failures', 'pilots', 'price_changes', 'routes', 'streams', 'tiers', 'vendors', 'workspace'];
const WORKSPACE_TABLES_V4 = [...WORKSPACE_TABLES_V3, 'scenario_operations', 'scenarios'].sort();
const WORKSPACE_TABLES = [...WORKSPACE_TABLES_V4, 'report_settings'].sort();
const HISTORY_TABLES = ['history', 'history_cursor'];

type Db = Database.Database;
const tablesOf = (db: Db) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
const schemaOf = (db: Db) => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
const userVersion = (db: Db) => db.pragma('user_version', { simple: true }) as number;
const migration = (version: number) => {
  const m = MIGRATIONS.find((x) => x.version === version);
  if (!m) throw new Error(`no migration ${version}`);
  return m;
};

/** Run one migration as `migrate` does: its SQL and its user_version in one transaction. */
function runOne(db: Db, version: number): void {
  const m = migration(version);
  db.transaction(() => {
    db.exec(m.sql);
    db.pragma(`user_version = ${m.version}`);
  })();
}

/** A version-1 workspace file holding the sample, as the app's version 1 wrote it. */
function makeV1(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = DELETE');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  runOne(db, 1);
  db.transaction(() => writeV1Rows(db, sampleV1))();
  db.close();
}

describe('the list of migrations', () => {
  it('is numbered 1, 2, … in order, and the latest version is the last one', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.at(-1)!.version);
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(2);
    for (const m of MIGRATIONS) expect(m.name.length).toBeGreaterThan(0);
  });
});

describe('migration 1', () => {
  it('alone creates the workspace tables (STRICT, no REAL column) and sets user_version 1', () => {
    const path = fresh();
    const db = new Database(path);
    expect(userVersion(db)).toBe(0);
    runOne(db, 1);
    expect(userVersion(db)).toBe(1);
    expect(tablesOf(db)).toEqual(WORKSPACE_TABLES_V1);
    // No trigger, view or index of its own beyond the keys' automatic ones.
    expect(db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')").all()).toEqual([]);
    const list = db.prepare('PRAGMA table_list').all() as { name: string; strict: number; schema: string }[];
    for (const t of WORKSPACE_TABLES_V1) expect(list.find((x) => x.name === t && x.schema === 'main')?.strict, t).toBe(1);
    for (const t of WORKSPACE_TABLES_V1) {
      for (const col of db.prepare(`PRAGMA table_info(${t})`).all() as { name: string; type: string }[]) {
        expect(['TEXT', 'INTEGER'], `${t}.${col.name} is declared ${col.type}`).toContain(col.type);
      }
    }
    // The tables are empty: the document is written by the caller.
    for (const t of WORKSPACE_TABLES_V1) expect((db.prepare(`SELECT count(*) AS c FROM ${t}`).get() as { c: number }).c, t).toBe(0);
    db.close();
  });

  it('holds a whole document, which reads back as written', () => {
    const path = fresh();
    makeV1(path);
    const db = new Database(path, { readonly: true });
    expect(readV1Rows(db)).toEqual(sampleV1);
    db.close();
  });
});

describe('migration 2', () => {
  it('on a version-1 file adds history and history_cursor (applied 0), sets user_version 2 and keeps the document', () => {
    const path = fresh();
    makeV1(path);
    const db = new Database(path);
    expect(userVersion(db)).toBe(1);
    expect(tablesOf(db)).toEqual(WORKSPACE_TABLES_V1);
    const before = db.prepare('SELECT name, sql FROM sqlite_master WHERE name IN (' + WORKSPACE_TABLES_V1.map(() => '?').join(',') + ') ORDER BY name').all(...WORKSPACE_TABLES_V1);
    runOne(db, 2);
    expect(userVersion(db)).toBe(2);
    expect(tablesOf(db)).toEqual([...WORKSPACE_TABLES_V1, ...HISTORY_TABLES].sort());
    expect(db.prepare('SELECT id, applied FROM history_cursor').all()).toEqual([{ id: 1, applied: 0 }]);
    expect(db.prepare('SELECT count(*) AS c FROM history').get()).toEqual({ c: 0 });
    // The workspace tables are untouched, and so is what they hold.
    expect(db.prepare('SELECT name, sql FROM sqlite_master WHERE name IN (' + WORKSPACE_TABLES_V1.map(() => '?').join(',') + ') ORDER BY name').all(...WORKSPACE_TABLES_V1)).toEqual(before);
    expect(readV1Rows(db)).toEqual(sampleV1);
    db.close();
  });

  it('is what `migrate` runs on a version-1 file, and `migrate` from 0 runs every migration', () => {
    const v1 = fresh();
    makeV1(v1);
    const a = new Database(v1);
    migrate(a, 1);
    expect(userVersion(a)).toBe(LATEST_VERSION);
    expect(tablesOf(a)).toEqual([...WORKSPACE_TABLES, ...HISTORY_TABLES].sort());
    expect(readDocumentRows(a)).toEqual(sample);
    // Running it again from the latest version does nothing.
    const schema = schemaOf(a);
    migrate(a, LATEST_VERSION);
    expect(schemaOf(a)).toEqual(schema);
    a.close();

    const empty = fresh();
    const b = new Database(empty);
    migrate(b, 0);
    expect(userVersion(b)).toBe(LATEST_VERSION);
    expect(schemaOf(b)).toEqual(schema);
    b.close();
  });
});

describe('migration 3 (v1.2: price changes, free share, markup, carrier mix, monthly growth, included contacts)', () => {
  /** A version-2 file holding `doc` (a v1 document) and, if given, one undo record. */
  function makeV2(path: string, doc = sampleV1, history: { label: string; changes: unknown[] } | null = null): void {
    makeV1(path);
    const db = new Database(path);
    if (JSON.stringify(doc) !== JSON.stringify(sampleV1)) db.transaction(() => writeV1Rows(db, doc))();
    runOne(db, 2);
    if (history) {
      db.prepare('INSERT INTO history (seq, label, at, changes) VALUES (1, ?, ?, ?)').run(history.label, '2026-11-23T12:00:00.000Z', JSON.stringify(history.changes));
      db.prepare('UPDATE history_cursor SET applied = 1').run();
    }
    db.close();
  }

  it('on a version-2 file: adds the v1.2 columns with their defaults, moves the pass-through changes to price_changes, sets user_version 3', () => {
    const path = fresh();
    makeV2(path);
    const db = new Database(path);
    const before = db.prepare('SELECT vendor_id, route_position, position, from_month, pass_through, inbound_pass_through FROM pass_through_changes ORDER BY 1, 2, 3').all();
    // The sample's v1.1 file has A's US SMS pass-through change (2027-10: 0.0045, inbound 0.0025).
    expect(before).toEqual([{ vendor_id: 'A', route_position: 0, position: 0, from_month: '2027-10', pass_through: '0.0045', inbound_pass_through: '0.0025' }]);
    runOne(db, 3);
    expect(userVersion(db)).toBe(3);
    expect(tablesOf(db)).toEqual([...WORKSPACE_TABLES_V3, ...HISTORY_TABLES].sort());
    expect(
      db
        .prepare(
          'SELECT vendor_id, route_position, position, from_month, pass_through, inbound_pass_through, price, tiers, inbound_price, pass_through_markup, carrier_mix, free_share FROM price_changes',
        )
        .all(),
    ).toEqual([{ ...(before[0] as object), price: null, tiers: null, inbound_price: null, pass_through_markup: null, carrier_mix: null, free_share: null }]);
    // Every stream grows per year only, every route has no markup, no mix, nothing free; no fee includes contacts.
    expect(db.prepare('SELECT DISTINCT monthly_growth FROM streams').all()).toEqual([{ monthly_growth: '0' }]);
    expect(db.prepare('SELECT DISTINCT pass_through_markup, carrier_mix, free_share FROM routes').all()).toEqual([{ pass_through_markup: '0', carrier_mix: null, free_share: '0' }]);
    expect(db.prepare('SELECT DISTINCT included FROM fees').all()).toEqual([{ included: '0' }]);
    // STRICT, and no REAL column.
    const list = db.prepare('PRAGMA table_list').all() as { name: string; strict: number; schema: string }[];
    expect(list.find((x) => x.name === 'price_changes' && x.schema === 'main')?.strict).toBe(1);
    for (const t of ['price_changes', 'streams', 'routes', 'fees']) {
      for (const col of db.prepare(`PRAGMA table_info(${t})`).all() as { name: string; type: string }[]) expect(['TEXT', 'INTEGER'], `${t}.${col.name}`).toContain(col.type);
    }
    // The document: the v1.1 sample as v1.2 reads it (its pass-through change now a price change),
    // read by today's reader once migration 4 (scenarios, none yet) has run too.
    runOne(db, 4);
    expect(readDocumentRows(db)).toEqual(sample);
    expect(readDocumentRows(db).vendors[0]!.quote.routes[0]!.priceChanges).toEqual([{ from: '2027-10', passThrough: '0.0045', inboundPassThrough: '0.0025' }]);
    db.close();
  });

  it('carries a v1.1 file over unchanged in meaning: the migrated file computes what the v1.1 document computes', async () => {
    const path = fresh();
    makeV2(path);
    const app = createApp({ dataDir: null });
    try {
      const r = (await app.dispatch('workspace.open', { path })) as ApiResult<WorkspaceState>;
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (!r.ok) return;
      const a = await app.dispatch('compute', { handle: r.value.handle, draws: 200, seed: 3 });
      const b = await app.dispatch('compute', { document: sampleRaw(), draws: 200, seed: 3 });
      expect(a.ok).toBe(true);
      expect(a).toEqual(b);
    } finally {
      app.closeAll();
    }
  });

  it('merges two pass-through changes of one route in one month, the later one winning for the fields it names (as v1.1 computed)', () => {
    // v1.1 applied changes in date order, a later one of the same month after an earlier one:
    // 2027-10 {passThrough 0.0045, inbound 0.0025} then 2027-10 {passThrough 0.0050} gave 0.0050 and
    // 0.0025 from October 2027. v1.2 refuses two changes in one month, so migration 3 merges them.
    const doc = structuredClone(sampleV1);
    doc.vendors[0]!.quote.routes[0]!.passThroughChanges = [
      { from: '2027-10', passThrough: '0.0045', inboundPassThrough: '0.0025' },
      { from: '2028-01', inboundPassThrough: '0.0030' },
      { from: '2027-10', passThrough: '0.0050' },
    ];
    const path = fresh();
    makeV2(path, doc);
    const db = new Database(path);
    runOne(db, 3);
    runOne(db, 4);
    const migrated = readDocumentRows(db);
    db.close();
    expect(migrated.vendors[0]!.quote.routes[0]!.priceChanges).toEqual([
      { from: '2027-10', passThrough: '0.0050', inboundPassThrough: '0.0025' },
      { from: '2028-01', inboundPassThrough: '0.0030' },
    ]);
    expect(() => readDocument(migrated)).not.toThrow();
  });

  it("rewrites the undo history's patches to name priceChanges, so an edit made before the migration is undone after it", () => {
    // An edit made with version 2: A's US SMS route got its pass-through change (the list was empty before).
    const withoutChange = structuredClone(sampleV1);
    withoutChange.vendors[0]!.quote.routes[0]!.passThroughChanges = [];
    const list = sampleV1.vendors[0]!.quote.routes[0]!.passThroughChanges;
    const path = fresh();
    makeV2(path, sampleV1, { label: 'pass-through change', changes: [{ p: ['vendors', 0, 'quote', 'routes', 0, 'passThroughChanges'], b: [], a: list }] });
    const store = WorkspaceStore.open(path);
    try {
      expect(store.openedVersion).toBe(2);
      expect(store.history().undoLabel).toBe('pass-through change');
      expect(store.document().vendors[0]!.quote.routes[0]!.priceChanges).toEqual([{ from: '2027-10', passThrough: '0.0045', inboundPassThrough: '0.0025' }]);
      expect(store.undo()).toBe('pass-through change');
      expect(store.document()).toEqual(canonicalDocument(readDocument(withoutChange)));
      expect(store.redo()).toBe('pass-through change');
      expect(store.document()).toEqual(sample);
    } finally {
      store.close();
    }
  });

  it('runs in one transaction: failing at its table (a `price_changes` already there) leaves version 2 and the v1.1 tables as they were', () => {
    const path = fresh();
    makeV2(path);
    const db = new Database(path);
    db.exec('CREATE TABLE price_changes (note TEXT)');
    const schema = schemaOf(db);
    expect(() => migrate(db, 2)).toThrow(/price_changes/);
    expect(userVersion(db)).toBe(2);
    // The ALTERs before the failing statement were rolled back too.
    expect(schemaOf(db)).toEqual(schema);
    expect(readV1Rows(db)).toEqual(sampleV1);
    db.close();
  });
});

describe('migration 4 (v1.2: scenarios)', () => {
  /** A version-3 file holding the v1.1 sample: version 1 as it wrote it, then migrations 2 and 3. */
  function v3(): Db {
    const path = fresh();
    makeV1(path);
    const db = new Database(path);
    runOne(db, 2);
    runOne(db, 3);
    return db;
  }
  const contents = (db: Db) => Object.fromEntries(WORKSPACE_TABLES_V3.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));

  it('on a version-3 file adds the empty scenario tables (STRICT), sets user_version 4 and keeps the document', () => {
    const db = v3();
    const before = contents(db);
    runOne(db, 4);
    expect(userVersion(db)).toBe(4);
    expect(tablesOf(db)).toEqual([...WORKSPACE_TABLES_V4, ...HISTORY_TABLES].sort());
    const list = db.prepare('PRAGMA table_list').all() as { name: string; strict: number; schema: string }[];
    for (const t of ['scenarios', 'scenario_operations']) {
      expect(list.find((x) => x.name === t && x.schema === 'main')?.strict, t).toBe(1);
      expect((db.prepare(`SELECT count(*) AS c FROM ${t}`).get() as { c: number }).c, t).toBe(0);
    }
    expect(contents(db)).toEqual(before);
    expect(readDocumentRows(db)).toEqual(sample);
    db.close();
  });

  it('holds scenarios, each operation a row with its value as JSON text, and reads them back as written', () => {
    const db = v3();
    runOne(db, 4);
    const scenarios = [
      { id: 'high', name: 'Volume +30%', patch: [{ op: 'replace' as const, path: '/streams/0/monthlyVolume', value: '130000' }] },
      {
        id: 'cut',
        name: 'No fee',
        patch: [
          { op: 'test' as const, path: '/vendors/0/id', value: 'A' },
          { op: 'remove' as const, path: '/vendors/0/quote/fees/0' },
          { op: 'add' as const, path: '/vendors/0/quote/fees/-', value: { name: 'x', amount: 1 } },
        ],
      },
    ];
    db.transaction(() => writeDocumentRows(db, { ...sample, scenarios }))();
    expect(db.prepare('SELECT scenario_id, position, op, path, value FROM scenario_operations ORDER BY scenario_id, position').all()).toEqual([
      { scenario_id: 'cut', position: 0, op: 'test', path: '/vendors/0/id', value: '"A"' },
      { scenario_id: 'cut', position: 1, op: 'remove', path: '/vendors/0/quote/fees/0', value: null },
      { scenario_id: 'cut', position: 2, op: 'add', path: '/vendors/0/quote/fees/-', value: '{"name":"x","amount":1}' },
      { scenario_id: 'high', position: 0, op: 'replace', path: '/streams/0/monthlyVolume', value: '"130000"' },
    ]);
    expect(readDocumentRows(db).scenarios).toEqual(scenarios);
    db.close();
  });
});

describe('migration 5 (the report\'s "prepared for" and "prepared by", beside the document)', () => {
  /** A version-4 file holding the v1.1 sample: version 1 as it wrote it, then migrations 2 to 4. */
  function v4(): { db: Db; path: string } {
    const path = fresh();
    makeV1(path);
    const db = new Database(path);
    for (const v of [2, 3, 4]) runOne(db, v);
    return { db, path };
  }
  const contents = (db: Db) => Object.fromEntries(WORKSPACE_TABLES_V4.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));

  it('on a version-4 file adds report_settings (STRICT) with its one row of empty text, sets user_version 5 and keeps the document', () => {
    const { db } = v4();
    const before = contents(db);
    const history = db.prepare('SELECT * FROM history ORDER BY rowid').all();
    runOne(db, 5);
    expect(userVersion(db)).toBe(5);
    expect(tablesOf(db)).toEqual([...WORKSPACE_TABLES, ...HISTORY_TABLES].sort());
    const list = db.prepare('PRAGMA table_list').all() as { name: string; strict: number; schema: string }[];
    expect(list.find((x) => x.name === 'report_settings' && x.schema === 'main')?.strict).toBe(1);
    expect(db.prepare('SELECT * FROM report_settings').all()).toEqual([{ id: 1, prepared_for: '', prepared_by: '' }]);
    // Only one row: a second is refused by the CHECK on its id.
    expect(() => db.prepare("INSERT INTO report_settings (id, prepared_for) VALUES (2, 'x')").run()).toThrow(/CHECK/);
    expect(contents(db)).toEqual(before);
    expect(db.prepare('SELECT * FROM history ORDER BY rowid').all()).toEqual(history);
    expect(readDocumentRows(db)).toEqual(sample);
    db.close();
  });

  it('opened by the app, a version-4 file is migrated; its settings are saved and read back, and the document does not change', () => {
    const { db, path } = v4();
    db.close();
    const store = WorkspaceStore.open(path);
    try {
      expect(store.openedVersion).toBe(4);
      expect(store.reportSettings()).toEqual({ preparedFor: '', preparedBy: '' });
      const doc = store.document();
      const undo = store.history();
      expect(store.setReportSettings({ preparedFor: 'Acme Retail, procurement', preparedBy: 'Jo Rivera, Northwind Consulting' })).toEqual({
        preparedFor: 'Acme Retail, procurement',
        preparedBy: 'Jo Rivera, Northwind Consulting',
      });
      // Not an edit of the document: the document and its undo history are as they were.
      expect(store.document()).toBe(doc);
      expect(store.history()).toEqual(undo);
    } finally {
      store.close();
    }
    const again = WorkspaceStore.open(path);
    try {
      expect(again.reportSettings()).toEqual({ preparedFor: 'Acme Retail, procurement', preparedBy: 'Jo Rivera, Northwind Consulting' });
      expect(again.document()).toEqual(sample);
    } finally {
      again.close();
    }
  });
});

describe('each migration runs in one transaction', () => {
  it('migration 2 failing at once (a `history` table already there) leaves user_version 1 and nothing of migration 2', () => {
    const path = fresh();
    makeV1(path);
    const db = new Database(path);
    db.exec('CREATE TABLE history (note TEXT)');
    db.prepare('INSERT INTO history (note) VALUES (?)').run('not ours');
    const schema = schemaOf(db);
    expect(() => migrate(db, 1)).toThrow(/history/);
    expect(userVersion(db)).toBe(1);
    expect(tablesOf(db)).not.toContain('history_cursor');
    expect(schemaOf(db)).toEqual(schema);
    expect(db.prepare('SELECT note FROM history').all()).toEqual([{ note: 'not ours' }]);
    expect(readV1Rows(db)).toEqual(sampleV1);
    db.close();
  });

  it('migration 2 failing midway (after it created `history`) rolls back what it had done', () => {
    const path = fresh();
    makeV1(path);
    const db = new Database(path);
    // Migration 2 creates `history` first, then `history_cursor`: make the second statement fail.
    db.exec('CREATE TABLE history_cursor (x TEXT)');
    const schema = schemaOf(db);
    expect(() => migrate(db, 1)).toThrow(/history_cursor/);
    expect(userVersion(db)).toBe(1);
    expect(tablesOf(db)).not.toContain('history');
    expect(schemaOf(db)).toEqual(schema);
    expect(readV1Rows(db)).toEqual(sampleV1);
    db.close();
  });

  // The migrations run first on an in-memory copy, so one that fails is found before anything is
  // written: no backup is needed, and none is left beside the file.
  it('a failing migration through WorkspaceStore.open: FILE_ERROR naming the file, still version 1, nothing beside it', () => {
    const path = fresh();
    copyFileSync(FIXTURE_V1, path);
    const pre = new Database(path);
    pre.exec('CREATE TABLE history_cursor (x TEXT)');
    pre.close();
    let error: unknown;
    try {
      WorkspaceStore.open(path).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('FILE_ERROR');
    expect((error as StoreError).file).toBe(path);
    expect((error as StoreError).message).toContain(path);
    expect((error as StoreError).message).toMatch(/could not be upgraded/);
    expect((error as StoreError).message).toMatch(/it is unchanged/);
    expect(existsSync(`${path}.v1.bak`)).toBe(false);
    expect(inspect(path).version).toBe(1);
    const db = new Database(path, { readonly: true });
    expect(userVersion(db)).toBe(1);
    expect(tablesOf(db)).not.toContain('history');
    expect(readV1Rows(db)).toEqual(sampleV1);
    db.close();
  });

  // Regression: the error says the file "is unchanged", and it is: the file is switched to WAL
  // (PRAGMA journal_mode, written into the header, bytes 18-19) only after its migrations.
  it('a failing migration leaves the file byte for byte as it was, as its message says', () => {
    const path = fresh();
    copyFileSync(FIXTURE_V1, path);
    const pre = new Database(path);
    pre.exec('CREATE TABLE history_cursor (x TEXT)');
    pre.close();
    const before = sha(path);
    expect(() => WorkspaceStore.open(path)).toThrow(/it is unchanged/);
    expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`)).toBe(false);
    expect(sha(path)).toBe(before);
  });
});

describe('the version-1 fixture (test/fixtures/workspace-v1.tcows)', () => {
  it('is a version-1 workspace file holding the sample RFP', () => {
    const path = fresh();
    copyFileSync(FIXTURE_V1, path);
    expect(inspect(path)).toEqual({ version: 1 });
    const db = new Database(path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('application_id', { simple: true })).toBe(0x54434f57);
    expect(userVersion(db)).toBe(1);
    expect(tablesOf(db)).toEqual(WORKSPACE_TABLES_V1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(readV1Rows(db)).toEqual(sampleV1);
    db.close();
  });

  it('opened by WorkspaceStore.open: backed up as <file>.v1.bak (still v1, same document), migrated, document kept', () => {
    const path = fresh();
    copyFileSync(FIXTURE_V1, path);
    const fixtureSha = sha(path);
    const store = WorkspaceStore.open(path);
    try {
      expect(store.openedVersion).toBe(1);
      expect(store.backup).toBe(`${path}.v1.bak`);
      expect(store.readOnly).toBe(false);
      expect(store.document()).toEqual(canonicalDocument(readDocument(sampleRaw())));
      expect(store.history()).toEqual({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });
      // The migrated file takes edits with undo at once.
      store.commit('rename', { ...store.document(), name: 'Migrated RFP' }, '2026-11-23T12:00:00.000Z');
      expect(store.history().undoLabel).toBe('rename');
      expect(store.undo()).toBe('rename');
      expect(store.document()).toEqual(sample);
    } finally {
      store.close();
    }

    // The backup: a version-1 workspace file with the same document, beside the file.
    const bak = `${path}.v1.bak`;
    expect(readdirSync(join(path, '..')).sort()).toEqual(['w.tcows', 'w.tcows.v1.bak']);
    expect(inspect(bak)).toEqual({ version: 1 });
    const b = new Database(bak, { readonly: true });
    expect(b.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(userVersion(b)).toBe(1);
    expect(tablesOf(b)).toEqual(WORKSPACE_TABLES_V1);
    expect(readV1Rows(b)).toEqual(sampleV1);
    b.close();

    // The file itself is at the latest version, with the history tables.
    expect(sha(path)).not.toBe(fixtureSha);
    expect(inspect(path)).toEqual({ version: LATEST_VERSION });
    const m = new Database(path, { readonly: true });
    expect(userVersion(m)).toBe(LATEST_VERSION);
    expect(tablesOf(m)).toEqual([...WORKSPACE_TABLES, ...HISTORY_TABLES].sort());
    expect(readDocumentRows(m)).toEqual(sample);
    m.close();

    // Opening it again migrates nothing and makes no second backup; the edit's undo record stayed.
    const again = WorkspaceStore.open(path);
    expect(again.openedVersion).toBe(LATEST_VERSION);
    expect(again.backup).toBeNull();
    expect(again.history()).toEqual({ canUndo: false, canRedo: true, undoLabel: null, redoLabel: 'rename' });
    again.close();
    expect(readdirSync(join(path, '..')).filter((f) => f.includes('.bak'))).toEqual(['w.tcows.v1.bak']);
  });

  it('a second old copy whose backup name is taken gets the next free name', () => {
    const path = fresh();
    copyFileSync(FIXTURE_V1, path);
    copyFileSync(FIXTURE_V1, `${path}.v1.bak`);
    expect(backupPath(path, 1)).toBe(`${path}.v1.2.bak`);
    const file = openWorkspaceFile(path);
    file.db.close();
    expect(file.backup).toBe(`${path}.v1.2.bak`);
    expect(inspect(`${path}.v1.2.bak`)).toEqual({ version: 1 });
    expect(backupPath(path, 1)).toBe(`${path}.v1.3.bak`);
  });

  it('opened through the app (workspace.open), it is migrated and computes as its document', async () => {
    const path = fresh();
    copyFileSync(FIXTURE_V1, path);
    const app = createApp({ dataDir: null });
    try {
      const r = (await app.dispatch('workspace.open', { path })) as ApiResult<WorkspaceState>;
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (!r.ok) return;
      expect(r.value.document).toEqual(sample);
      expect(r.value.readOnly).toBe(false);
      expect(existsSync(`${path}.v1.bak`)).toBe(true);
      const a = await app.dispatch('compute', { handle: r.value.handle, draws: 200, seed: 7 });
      const b = await app.dispatch('compute', { document: sampleRaw(), draws: 200, seed: 7 });
      expect(a.ok).toBe(true);
      expect(a).toEqual(b);
    } finally {
      app.closeAll();
    }
    expect(inspect(path).version).toBe(LATEST_VERSION);
  });
});
