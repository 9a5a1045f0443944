/**
 * The workspace file (electron/store) on real SQLite files in a temp folder: document -> file ->
 * document round trips (the fixtures and generated documents), decimals kept as text to the last
 * digit, files that are refused and left byte for byte as they were, read-only files, undo and redo
 * kept in the file, an edit that fails leaving nothing, and Save As.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument, type WorkspaceDocument } from '../../electron/api/document.js';
import type { ApiError, ApiResult } from '../../electron/api/errors.js';
import type { WorkspaceState } from '../../electron/api/operations.js';
import { createApp } from '../../electron/services/app.js';
import { APPLICATION_ID, inspect } from '../../electron/store/connection.js';
import { StoreError } from '../../electron/store/errors.js';
import { apply, diff } from '../../electron/store/history.js';
import { LATEST_VERSION } from '../../electron/store/migrations/index.js';
import { readDocumentRows, writeDocumentRows } from '../../electron/store/document-rows.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';
import { workspaceDocArb } from '../fixtures/arbitraries.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tco-store-'));
// Traversable by the unprivileged user the read-only tests run their child process as.
chmodSync(dir, 0o755);
afterAll(() => {
  chmodTree(dir);
  rmSync(dir, { recursive: true, force: true });
});

/** Give back write permission under `d` (a test may have made folders read-only). */
function chmodTree(d: string): void {
  if (!existsSync(d)) return;
  chmodSync(d, 0o755);
  for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) chmodTree(join(d, e.name));
}

/** A path in a folder of its own, so that what appears beside the file is the file's alone. */
const fresh = (name = 'w.tcows') => join(mkdtempSync(join(dir, 'f')), name);
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as unknown;
const canonical = (raw: unknown): WorkspaceDocument => canonicalDocument(readDocument(raw));
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const listing = (path: string) => readdirSync(dirname(path)).sort();
const AT = '2026-11-23T12:00:00.000Z';
const clone = <T>(x: T): T => structuredClone(x);

/** Write a document into a new workspace file, close it, open it again and read it back. */
function roundTrip(doc: WorkspaceDocument): WorkspaceDocument {
  const path = fresh();
  WorkspaceStore.create(path, doc).close();
  const again = WorkspaceStore.open(path);
  try {
    return again.document();
  } finally {
    again.close();
  }
}

describe('document -> workspace file -> document', () => {
  it.each(['worked-example.json', 'sample-rfp.json'])('%s comes back as canonicalDocument(readDocument(doc)), every decimal a string', (name) => {
    const raw = fixture(name) as WorkspaceDocument;
    const expected = canonical(raw);
    // The document as written in the fixture (JSON numbers, fields left to their defaults)...
    expect(roundTrip(raw)).toEqual(expected);
    // ...and its canonical form, which survives the trip unchanged.
    expect(roundTrip(expected)).toEqual(expected);
    // The canonical form is itself a FORMAT.md document, and a fixed point.
    expect(canonical(expected)).toEqual(expected);
  });

  it('every decimal of the canonical form is a string', () => {
    const back = roundTrip(fixture('sample-rfp.json') as WorkspaceDocument) as any;
    const numbersAt: string[] = [];
    const walk = (x: unknown, path: string) => {
      if (typeof x === 'number') numbersAt.push(path);
      else if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${path}[${i}]`));
      else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, `${path}.${k}`);
    };
    walk(back, '$');
    // Only whole counts stay numbers: the version, the horizon, fee months, pilot counts, holdouts.
    for (const p of numbersAt)
      expect(p, p).toMatch(
        /^\$\.(version|horizonMonths|vendors\[\d+\]\.quote\.fees\[\d+\]\.month|vendors\[\d+\]\.pilots\[\d+\]\.(sent|delivered|engaged|converted|optedOut|complained|failed\.\w+)|streams\[\d+\]\.benefits\.holdout\.(exposed|holdout)\[\d\])$/,
      );
    expect(back.discountRate).toBe('0.1');
    expect(back.riskAdjustment).toBe('0.15');
    expect(back.streams[0].seasonality[0]).toBe('0.9');
    expect(back.vendors[0].quote.fees[2].quantity).toBe('20');
  });

  it('120 generated documents: as generated they come back canonical, and the canonical form comes back unchanged', () => {
    let runs = 0;
    fc.assert(
      fc.property(workspaceDocArb(), (gen) => {
        runs++;
        const raw = clone(gen) as WorkspaceDocument;
        const expected = canonical(raw);
        expect(roundTrip(raw)).toEqual(expected);
        expect(roundTrip(expected)).toEqual(expected);
      }),
      { numRuns: 120 },
    );
    expect(runs).toBe(120);
  });

  it('keeps every digit of a decimal string, wherever it is', () => {
    const raw = fixture('sample-rfp.json') as any;
    const long = '0.00790000000000000000001';
    raw.vendors[0].quote.routes[1].price = long;
    raw.vendors[0].quote.routes[0].tiers[1] = { from: '150000.000000000000000000001', price: '0.00790000000000000000002' };
    raw.vendors[0].quote.routes[2].priceChanges[0].passThrough = '0.00450000000000000000000000009';
    raw.vendors[0].quote.routes[0].carrierMix[0].share = '0.35000000000000000000000000000';
    raw.vendors[0].quote.routes[0].carrierMix[1].share = '0.30000000000000000000000000000';
    raw.vendors[0].quote.routes[2].freeShare = '0.2500000000000000000000000001';
    raw.vendors[0].quote.routes[0].inboundPrice = '7.9e-3';
    raw.vendors[0].quote.fees[0].amount = '4.50000000000000000000000001';
    raw.vendors[0].quote.fees[2].quantity = '20.0000000000000000000001';
    raw.vendors[0].quote.minimumMonthlyCommit = '1500.000000000000000000000000001';
    raw.vendors[0].internal.remediationPerFailure = '0.12000000000000000000000000000000000001';
    raw.fx[1].rate = '0.0077400000000000000000000000001';
    raw.hourlyRate = '85.00000000000000000000000000000001';
    raw.discountRate = '0.1000000000000000000000001';
    raw.riskAdjustment = '0.15000000000000000000001';
    // Many digits within a decimal's bounds (at most 10^15 in size, 64 characters: electron/api/limits.ts).
    raw.streams[0].monthlyVolume = '123456789012345.000000000000000000001';
    raw.streams[0].annualGrowth = '-0.5000000000000000000001';
    raw.streams[0].seasonality[11] = '1.50000000000000000000000000000000000000000001';
    raw.streams[0].benefits.valuePerConversion = '18.500000000000000000000000000000';
    raw.vendors[2].quote.routes[0].price = '0.0070';
    const back = roundTrip(canonical(raw)) as any;
    expect(back.vendors[0].quote.routes[1].price).toBe(long);
    expect(back.vendors[0].quote.routes[0].tiers[1]).toEqual({ from: '150000.000000000000000000001', price: '0.00790000000000000000002' });
    expect(back.vendors[0].quote.routes[2].priceChanges[0].passThrough).toBe('0.00450000000000000000000000009');
    expect(back.vendors[0].quote.routes[0].carrierMix[0].share).toBe('0.35000000000000000000000000000');
    expect(back.vendors[0].quote.routes[0].carrierMix[1].share).toBe('0.30000000000000000000000000000');
    expect(back.vendors[0].quote.routes[2].freeShare).toBe('0.2500000000000000000000000001');
    expect(back.vendors[0].quote.routes[0].inboundPrice).toBe('7.9e-3');
    expect(back.vendors[0].quote.fees[0].amount).toBe('4.50000000000000000000000001');
    expect(back.vendors[0].quote.fees[2].quantity).toBe('20.0000000000000000000001');
    expect(back.vendors[0].quote.minimumMonthlyCommit).toBe('1500.000000000000000000000000001');
    expect(back.vendors[0].internal.remediationPerFailure).toBe('0.12000000000000000000000000000000000001');
    expect(back.fx[1].rate).toBe('0.0077400000000000000000000000001');
    expect(back.hourlyRate).toBe('85.00000000000000000000000000000001');
    expect(back.discountRate).toBe('0.1000000000000000000000001');
    expect(back.riskAdjustment).toBe('0.15000000000000000000001');
    expect(back.streams[0].monthlyVolume).toBe('123456789012345.000000000000000000001');
    expect(back.streams[0].annualGrowth).toBe('-0.5000000000000000000001');
    expect(back.streams[0].seasonality[11]).toBe('1.50000000000000000000000000000000000000000001');
    // Trailing zeros are digits too.
    expect(back.streams[0].benefits.valuePerConversion).toBe('18.500000000000000000000000000000');
    expect(back.vendors[2].quote.routes[0].price).toBe('0.0070');
    expect(back).toEqual(canonical(raw));
  });
});

describe('money is never stored as REAL', () => {
  // The sample as written in the fixture, with JSON numbers (0.1, 0.15, 20...) among the strings.
  const path = fresh();
  WorkspaceStore.create(path, fixture('sample-rfp.json') as WorkspaceDocument).close();

  const open = () => new Database(path, { readonly: true, fileMustExist: true });
  const tables = (db: Database.Database) =>
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const columns = (db: Database.Database, t: string) => db.prepare(`PRAGMA table_info(${t})`).all() as { name: string; type: string }[];

  it('no column is declared REAL (or FLOAT, DOUBLE, NUMERIC): TEXT or INTEGER only, in STRICT tables', () => {
    const db = open();
    try {
      const all = tables(db);
      expect(all.length).toBeGreaterThanOrEqual(11);
      for (const t of all) {
        for (const c of columns(db, t)) {
          expect(c.type, `${t}.${c.name}`).not.toMatch(/REAL|FLOA|DOUB|NUM|DEC/i);
          expect(['TEXT', 'INTEGER'], `${t}.${c.name} is ${c.type}`).toContain(c.type);
        }
      }
      const list = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all() as { name: string; strict: number }[];
      for (const t of list) expect(t.strict, `${t.name} is STRICT`).toBe(1);
    } finally {
      db.close();
    }
  });

  it('no value anywhere in the file is a REAL, and every TEXT column holds text (or NULL)', () => {
    const db = open();
    try {
      for (const t of tables(db)) {
        for (const c of columns(db, t)) {
          const kinds = (db.prepare(`SELECT DISTINCT typeof("${c.name}") AS k FROM ${t}`).all() as { k: string }[]).map((r) => r.k);
          expect(kinds, `${t}.${c.name}`).not.toContain('real');
          if (c.type === 'TEXT') for (const k of kinds) expect(['text', 'null'], `${t}.${c.name}`).toContain(k);
        }
      }
    } finally {
      db.close();
    }
  });

  it.each([
    ['workspace', 'discount_rate'],
    ['workspace', 'hourly_rate'],
    ['workspace', 'risk_adjustment'],
    ['fx_rates', 'rate'],
    ['channel_defaults', 'delivery_rate'],
    ['streams', 'monthly_volume'],
    ['streams', 'annual_growth'],
    ['streams', 'seasonality'],
    ['streams', 'value_per_conversion'],
    ['streams', 'cost_per_contact'],
    ['streams', 'risk_reduction_per_year'],
    ['vendors', 'escalator'],
    ['vendors', 'discount'],
    ['vendors', 'minimum_monthly_commit'],
    ['vendors', 'minimum_annual_commit'],
    ['vendors', 'monthly_other'],
    ['vendors', 'remediation_per_failure'],
    ['routes', 'price'],
    ['routes', 'pass_through'],
    ['routes', 'inbound_pass_through'],
    ['routes', 'inbound_price'],
    ['tiers', 'from_units'],
    ['tiers', 'price'],
    ['price_changes', 'pass_through'],
    ['routes', 'free_share'],
    ['routes', 'carrier_mix'],
    ['price_changes', 'carrier_mix'],
    ['streams', 'monthly_growth'],
    ['fees', 'included'],
    ['fees', 'amount'],
    ['fees', 'quantity'],
  ])('%s.%s holds text', (table, column) => {
    const db = open();
    try {
      const kinds = (db.prepare(`SELECT DISTINCT typeof(${column}) AS k FROM ${table} WHERE ${column} IS NOT NULL`).all() as { k: string }[]).map((r) => r.k);
      expect(kinds).toEqual(['text']);
    } finally {
      db.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Refusals

describe('files that are refused are left byte for byte as they were', () => {
  const app = createApp({ dataDir: null });
  afterAll(() => app.closeAll());

  /** A valid workspace holding the sample, closed (WAL mode, as the app leaves its files). */
  const valid = () => {
    const path = fresh();
    WorkspaceStore.create(path, canonical(fixture('sample-rfp.json'))).close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    return path;
  };

  /** Change a closed workspace with plain SQL, as another tool would, and close it again. */
  const tamper = (path: string, f: (db: Database.Database) => void) => {
    const db = new Database(path);
    f(db);
    db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  };

  /**
   * Open `path` through the store and through the app: both refuse it with `code` and a message
   * naming the file, and it is left byte for byte as it was with nothing beside it. `store: false`
   * for what only the app checks (the document against FORMAT.md: WorkspaceStore.open reads rows).
   */
  async function expectRefused(path: string, code: string, text: RegExp, o: { store?: boolean } = {}): Promise<void> {
    const before = sha(path);
    const beside = listing(path);
    if (o.store !== false) {
      let error: unknown;
      try {
        WorkspaceStore.open(path).close();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe(code);
      expect((error as StoreError).file).toBe(path);
      expect((error as StoreError).message).toContain(path);
      expect((error as StoreError).message).toMatch(text);
      expect(sha(path)).toBe(before);
      expect(listing(path)).toEqual(beside);
    }
    // ...and through the app, as the window asks for it.
    const r = (await app.dispatch('workspace.open', { path })) as ApiResult<WorkspaceState>;
    expect(r.ok).toBe(false);
    const e = (r as { ok: false; error: ApiError }).error;
    expect(e.code).toBe(code);
    expect(e.file).toBe(path);
    expect(e.message).toContain(path);
    expect(e.message).toMatch(text);
    // Nothing was written, and nothing was left beside it (no -wal, -shm, backup).
    expect(sha(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
    expect(listing(path)).toEqual(beside);
  }

  /** Deterministic garbage. */
  const garbage = (bytes: Buffer, from: number, to: number, seed = 7) => {
    let s = seed;
    for (let i = from; i < to && i < bytes.length; i++) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = s & 255;
    }
    return bytes;
  };

  it('a damaged workspace: bytes 2000..6000 overwritten with garbage', async () => {
    const path = valid();
    writeFileSync(path, garbage(readFileSync(path), 2000, 6000));
    await expectRefused(path, 'CORRUPT_WORKSPACE', /damaged/);
  });

  it('a damaged workspace: garbage over the pages of tables further in', async () => {
    const path = valid();
    writeFileSync(path, garbage(readFileSync(path), 20_000, 30_000, 99));
    await expectRefused(path, 'CORRUPT_WORKSPACE', /damaged/);
  });

  it.each([
    ['inside the header page', 1500],
    ['after the first page', 4096],
    ['at half its length', 0.5],
    ['without its last page', -4096],
    ['one byte short', -1],
  ])('a truncated workspace (%s)', async (_what, at) => {
    const path = valid();
    const bytes = readFileSync(path);
    const end = at < 0 ? bytes.length + at : at < 1 ? Math.floor((bytes.length * at) / 4096) * 4096 : at;
    writeFileSync(path, bytes.subarray(0, end));
    await expectRefused(path, 'CORRUPT_WORKSPACE', /damaged/);
  });

  it('a text file', async () => {
    const path = fresh();
    writeFileSync(path, 'Vendor,Price\nA,0.0079\n');
    await expectRefused(path, 'NOT_A_WORKSPACE', /not a workspace file/);
  });

  it('an empty file', async () => {
    const path = fresh();
    writeFileSync(path, '');
    await expectRefused(path, 'NOT_A_WORKSPACE', /empty/);
  });

  it('a PNG image', async () => {
    const path = fresh('picture.tcows');
    writeFileSync(path, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(300, 1)]));
    await expectRefused(path, 'NOT_A_WORKSPACE', /not a workspace file/);
  });

  it("another program's SQLite database (application_id 0), even with a table named like ours", async () => {
    const path = fresh('other.db');
    const db = new Database(path);
    db.exec("CREATE TABLE workspace (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO workspace VALUES (1, 'x')");
    expect(db.pragma('application_id', { simple: true })).toBe(0);
    db.close();
    await expectRefused(path, 'NOT_A_WORKSPACE', /another program/);
  });

  it("another program's database in WAL mode", async () => {
    const path = fresh('other-wal.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x TEXT)');
    db.close();
    await expectRefused(path, 'NOT_A_WORKSPACE', /another program/);
  });

  it('a workspace from a newer version of the app (user_version = LATEST_VERSION + 1)', async () => {
    const path = valid();
    tamper(path, (db) => db.pragma(`user_version = ${LATEST_VERSION + 1}`));
    await expectRefused(path, 'NEWER_WORKSPACE', /newer version/);
  });

  it('a workspace from a much newer version, in DELETE mode', async () => {
    const path = valid();
    tamper(path, (db) => {
      db.pragma('journal_mode = DELETE');
      db.pragma(`user_version = ${LATEST_VERSION + 40}`);
    });
    await expectRefused(path, 'NEWER_WORKSPACE', /newer version/);
  });

  it('a workspace with a trigger added', async () => {
    const path = valid();
    tamper(path, (db) => db.exec('CREATE TRIGGER wipe AFTER INSERT ON fees BEGIN DELETE FROM vendors; END'));
    await expectRefused(path, 'NOT_A_WORKSPACE', /trigger/);
  });

  it('a workspace with a view added', async () => {
    const path = valid();
    tamper(path, (db) => db.exec('CREATE VIEW prices AS SELECT vendor_id, price FROM routes'));
    await expectRefused(path, 'NOT_A_WORKSPACE', /view/);
  });

  it('a file that does not exist: FILE_ERROR, and nothing is created', async () => {
    const path = fresh('missing.tcows');
    const r = await app.dispatch('workspace.open', { path });
    expect(r).toMatchObject({ ok: false, error: { code: 'FILE_ERROR', file: path } });
    expect((r as { error: ApiError }).error.message).toContain(path);
    expect(existsSync(path)).toBe(false);
    expect(listing(path)).toEqual([]);
  });

  it('a folder: FILE_ERROR naming it', () => {
    const folder = mkdtempSync(join(dir, 'folder'));
    expect(() => WorkspaceStore.open(folder)).toThrow(StoreError);
    expect(() => WorkspaceStore.open(folder)).toThrow(/folder/);
  });

  it('a workspace whose stored values break FORMAT.md (WAL mode) is refused as damaged', async () => {
    const path = valid();
    tamper(path, (db) => db.prepare("UPDATE vendors SET currency = 'usd' WHERE id = 'A'").run());
    await expectRefused(path, 'CORRUPT_WORKSPACE', /vendors\[0\]\.quote\.currency/, { store: false });
  });

  // Regression: the document is checked against FORMAT.md on an in-memory copy, before the file is
  // opened read-write and switched to WAL, so a file in DELETE mode (as other SQLite tools leave
  // it) is refused unchanged.
  it('a workspace whose stored values break FORMAT.md (DELETE mode) is refused and left as it was', async () => {
    const path = valid();
    tamper(path, (db) => {
      db.pragma('journal_mode = DELETE');
      db.prepare("UPDATE vendors SET currency = 'usd' WHERE id = 'A'").run();
    });
    await expectRefused(path, 'CORRUPT_WORKSPACE', /vendors\[0\]\.quote\.currency/, { store: false });
  });

  // Regression: an older (version-1) file is migrated and checked in memory first, so one whose
  // content this version does not accept is refused still a version-1 file, with no backup.
  it('an older workspace whose stored values break FORMAT.md is refused and left as it was (still version 1)', async () => {
    const path = fresh();
    copyFileSync(new URL('../fixtures/workspace-v1.tcows', import.meta.url), path);
    tamper(path, (db) => db.prepare("UPDATE vendors SET currency = 'usd' WHERE id = 'A'").run());
    const before = sha(path);
    const r = await app.dispatch('workspace.open', { path });
    expect(r).toMatchObject({ ok: false, error: { code: 'CORRUPT_WORKSPACE', file: path } });
    expect(inspect(path).version).toBe(1);
    expect(sha(path)).toBe(before);
    expect(existsSync(`${path}.v1.bak`)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Read-only files

describe('a read-only file', () => {
  // As root every file is writable (fs.accessSync(W_OK) passes whatever the mode), so the
  // read-only path cannot be reached by chmod alone in this process. The checks therefore run in a
  // child process: as root it is started as the unprivileged user nobody (uid 65534), for whom
  // chmod 0o444 on the file (and 0o555 on the folder) does make it read-only; as any other user it
  // runs as that user. The child uses the public API only (WorkspaceStore.open and the app's
  // dispatch) and prints what happened as JSON.
  const asRoot = process.getuid?.() === 0;
  const STORE = pathToFileURL(join(ROOT, 'electron/store/workspace-store.ts')).href;
  const APP = pathToFileURL(join(ROOT, 'electron/services/app.ts')).href;

  interface Outcome {
    ok: boolean;
    value?: any;
    code?: string;
    message?: string;
  }
  interface ChildReport {
    writableByChild: { file: boolean; folder: boolean };
    open: Outcome;
    commit?: Outcome;
    undo?: Outcome;
    redo?: Outcome;
    after?: WorkspaceDocument;
    saveAs?: Outcome;
    dispatchOpen: ApiResult<WorkspaceState>;
    dispatchEdit?: ApiResult<WorkspaceState>;
    dispatchUndo?: ApiResult<WorkspaceState>;
  }

  function inChild(path: string, copy: string): ChildReport {
    const code = `
      import { accessSync, constants } from 'node:fs';
      import { dirname } from 'node:path';
      const { WorkspaceStore } = await import(${JSON.stringify(STORE)});
      const { createApp } = await import(${JSON.stringify(APP)});
      const path = ${JSON.stringify(path)};
      const can = (p) => { try { accessSync(p, constants.W_OK); return true; } catch { return false; } };
      const run = (f) => { try { return { ok: true, value: f() ?? null }; } catch (e) { return { ok: false, code: e.code, message: e.message }; } };
      const out = { writableByChild: { file: can(path), folder: can(dirname(path)) } };
      let s = null;
      out.open = run(() => { s = WorkspaceStore.open(path); return { readOnly: s.readOnly, document: s.document(), history: s.history() }; });
      if (s) {
        out.commit = run(() => s.commit('rename', { ...s.document(), name: 'changed' }, '2026-11-23T12:00:00.000Z'));
        out.undo = run(() => s.undo());
        out.redo = run(() => s.redo());
        out.after = s.document();
        out.saveAs = run(() => {
          s.saveAs(${JSON.stringify(copy)});
          s.commit('rename', { ...s.document(), name: 'changed in the copy' }, '2026-11-23T12:00:00.000Z');
          return { path: s.path, readOnly: s.readOnly, name: s.document().name, undoLabel: s.history().undoLabel };
        });
        s.close();
      }
      const app = createApp({ dataDir: null });
      out.dispatchOpen = await app.dispatch('workspace.open', { path });
      if (out.dispatchOpen.ok) {
        const handle = out.dispatchOpen.value.handle;
        out.dispatchEdit = await app.dispatch('settings.update', { handle, patch: { name: 'changed' } });
        out.dispatchUndo = await app.dispatch('history.undo', { handle });
      }
      app.closeAll();
      process.stdout.write(JSON.stringify(out));
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      // No tsx cache folder of the child's own left in the system temp folder.
      env: { ...process.env, TSX_DISABLE_CACHE: '1' },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    if (r.status !== 0) throw new Error(`the read-only child failed (status ${r.status}, ${r.error?.message ?? ''}): ${r.stderr}`);
    return JSON.parse(r.stdout) as ChildReport;
  }

  /** A workspace with one edit in its history, made read-only; `folder` gets `folderMode`. */
  function readOnlyWorkspace(folderMode: number): { path: string; copy: string; doc: WorkspaceDocument } {
    const path = fresh();
    const s = WorkspaceStore.create(path, canonical(fixture('sample-rfp.json')));
    s.commit('rename', { ...s.document(), name: 'Before read-only' }, AT);
    const doc = s.document();
    s.close();
    const copies = mkdtempSync(join(dir, 'copies'));
    chmodSync(copies, 0o777);
    chmodSync(path, 0o444);
    chmodSync(dirname(path), folderMode);
    return { path, copy: join(copies, 'copy.tcows'), doc };
  }

  function expectReadOnlyBehaviour(report: ChildReport, path: string, doc: WorkspaceDocument): void {
    // The child could not write the file: the case is real, not a root pretending.
    expect(report.writableByChild.file).toBe(false);
    expect(report.open, JSON.stringify(report.open)).toMatchObject({ ok: true, value: { readOnly: true } });
    expect(report.open.value.document).toEqual(doc);
    expect(report.open.value.history).toMatchObject({ canUndo: true, undoLabel: 'rename' });
    // Edits, undo and redo are refused with READ_ONLY naming the file; the document is as it was.
    for (const o of [report.commit, report.undo, report.redo]) {
      expect(o).toMatchObject({ ok: false, code: 'READ_ONLY' });
      expect(o!.message).toContain(path);
    }
    expect(report.after).toEqual(doc);
    // Save As to a writable folder gives a copy that takes edits.
    expect(report.saveAs).toMatchObject({ ok: true, value: { readOnly: false, name: 'changed in the copy', undoLabel: 'rename' } });
    // Through the app: open read-only, edits and undo refused.
    expect(report.dispatchOpen).toMatchObject({ ok: true, value: { readOnly: true } });
    expect(report.dispatchEdit).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect((report.dispatchEdit as { error: ApiError }).error.message).toContain(path);
    expect(report.dispatchUndo).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
  }

  it('(0o444 in a writable folder) opens read-only; edits, undo and redo are refused; the file is unchanged', () => {
    const { path, copy, doc } = readOnlyWorkspace(0o777);
    const before = sha(path);
    const report = inChild(path, copy);
    expect(report.writableByChild.folder).toBe(true);
    expectReadOnlyBehaviour(report, path, doc);
    expect(sha(path)).toBe(before);
    chmodSync(path, 0o644);
    const s = WorkspaceStore.open(path);
    expect(s.document()).toEqual(doc);
    s.close();
  });

  // Regression: a WAL-mode workspace in a read-only folder (a shared or mounted drive) cannot be
  // opened by SQLite read-only without creating its -shm beside it; with no -wal to miss, the
  // app reads the file's bytes into memory and opens that copy read-only.
  it('(0o444 in a read-only folder 0o555) opens read-only as well', () => {
    const { path, copy, doc } = readOnlyWorkspace(0o555);
    const before = sha(path);
    const report = inChild(path, copy);
    expect(report.writableByChild.folder).toBe(false);
    expect(sha(path)).toBe(before);
    expectReadOnlyBehaviour(report, path, doc);
  });

  it('an older (version-1) read-only file is refused with READ_ONLY, unchanged and without a backup', () => {
    const path = fresh();
    copyFileSync(new URL('../fixtures/workspace-v1.tcows', import.meta.url), path);
    chmodSync(path, 0o444);
    chmodSync(dirname(path), 0o555);
    const before = sha(path);
    const report = inChild(path, join(mkdtempSync(join(dir, 'copies')), 'copy.tcows'));
    expect(report.writableByChild.file).toBe(false);
    expect(report.open).toMatchObject({ ok: false, code: 'READ_ONLY' });
    expect(report.open.message).toContain(path);
    expect(report.dispatchOpen).toMatchObject({ ok: false, error: { code: 'READ_ONLY', file: path } });
    expect(sha(path)).toBe(before);
    expect(listing(path)).toEqual(['w.tcows']);
  });
});

// ---------------------------------------------------------------------------------------------
// Edits, undo and redo

/** A document with vendor 0's first route at another pass-through price. */
const withPassThrough = (d: WorkspaceDocument, p: string): WorkspaceDocument => ({
  ...d,
  vendors: d.vendors.map((v, i) => (i === 0 ? { ...v, quote: { ...v.quote, routes: v.quote.routes.map((r, j) => (j === 0 ? { ...r, passThrough: p } : r)) } } : v)),
});

describe('diff and apply (the undo records)', () => {
  it('apply(a, diff(a, b)) forward is b, backward from b is a, also after a trip through JSON (200 generated pairs)', () => {
    fc.assert(
      fc.property(workspaceDocArb(), workspaceDocArb(), (x, y) => {
        const a = canonical(clone(x));
        const b = canonical(clone(y));
        const changes = JSON.parse(JSON.stringify(diff(a, b))) as ReturnType<typeof diff>;
        expect(apply(a, changes, 'forward')).toEqual(b);
        expect(apply(b, changes, 'backward')).toEqual(a);
        expect(diff(a, a)).toEqual([]);
        // apply does not change its input.
        expect(a).toEqual(canonical(clone(x)));
      }),
      { numRuns: 200 },
    );
  });

  it('records only the changed places of a small edit', () => {
    const a = canonical(fixture('sample-rfp.json'));
    const b = withPassThrough(a, '0.0041');
    expect(diff(a, b)).toEqual([{ p: ['vendors', 0, 'quote', 'routes', 0, 'passThrough'], b: '0.0040', a: '0.0041' }]);
    const c = { ...a, fx: a.fx!.slice(0, 1) };
    expect(diff(a, c)).toEqual([{ p: ['fx'], b: a.fx, a: c.fx }]);
    const d = { ...a, streams: a.streams.map((s, i) => (i === 0 ? { ...s, benefits: { ...s.benefits, holdout: null } } : s)) };
    expect(diff(a, d)).toEqual([{ p: ['streams', 0, 'benefits', 'holdout'], b: a.streams[0]!.benefits!.holdout, a: null }]);
  });
});

describe('edits, undo and redo kept in the file', () => {
  const base = () => canonical(fixture('sample-rfp.json'));
  const historyRows = (path: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return {
        rows: (db.prepare('SELECT seq, label FROM history ORDER BY seq').all() as { seq: number; label: string }[]).map((r) => `${r.seq}:${r.label}`),
        applied: (db.prepare('SELECT applied FROM history_cursor').get() as { applied: number }).applied,
      };
    } finally {
      db.close();
    }
  };

  it('generated documents committed in turn: undo back to the first, redo to the last, across closing and reopening', () => {
    fc.assert(
      fc.property(fc.array(workspaceDocArb({ maxStreams: 2, maxVendors: 2 }), { minLength: 2, maxLength: 5 }), (gens) => {
        const docs = gens.map((g) => canonical(clone(g)));
        const path = fresh();
        let s = WorkspaceStore.create(path, docs[0]!);
        docs.slice(1).forEach((d, i) => s.commit(`edit ${i + 1}`, d, AT));
        expect(s.document()).toEqual(docs.at(-1));
        s.close();
        s = WorkspaceStore.open(path);
        expect(s.document()).toEqual(docs.at(-1));
        for (let i = docs.length - 2; i >= 0; i--) {
          expect(s.undo()).toBe(`edit ${i + 1}`);
          expect(s.document()).toEqual(docs[i]);
          if (i === Math.floor(docs.length / 2)) {
            s.close();
            s = WorkspaceStore.open(path);
            expect(s.document()).toEqual(docs[i]);
          }
        }
        expect(s.undo()).toBeNull();
        expect(s.document()).toEqual(docs[0]);
        s.close();
        s = WorkspaceStore.open(path);
        for (let i = 1; i < docs.length; i++) {
          expect(s.redo()).toBe(`edit ${i}`);
          expect(s.document()).toEqual(docs[i]);
        }
        expect(s.redo()).toBeNull();
        s.close();
      }),
      { numRuns: 25 },
    );
  });

  it('the history survives closing: undo after reopening works, and so does redo', () => {
    const path = fresh();
    const s = WorkspaceStore.create(path, base());
    s.commit('one', withPassThrough(s.document(), '0.0041'), AT);
    s.commit('two', withPassThrough(s.document(), '0.0042'), AT);
    s.close();
    const t = WorkspaceStore.open(path);
    expect(t.history()).toEqual({ canUndo: true, canRedo: false, undoLabel: 'two', redoLabel: null });
    expect(t.undo()).toBe('two');
    t.close();
    const u = WorkspaceStore.open(path);
    expect(u.history()).toEqual({ canUndo: true, canRedo: true, undoLabel: 'one', redoLabel: 'two' });
    expect(u.document()).toEqual(withPassThrough(base(), '0.0041'));
    expect(u.undo()).toBe('one');
    expect(u.document()).toEqual(base());
    expect(u.undo()).toBeNull();
    u.close();
    const v = WorkspaceStore.open(path);
    expect(v.redo()).toBe('one');
    expect(v.redo()).toBe('two');
    expect(v.document()).toEqual(withPassThrough(base(), '0.0042'));
    v.close();
  });

  it('a new edit after undo drops the redo stack, in the file too', () => {
    const path = fresh();
    const s = WorkspaceStore.create(path, base());
    s.commit('one', withPassThrough(s.document(), '0.0041'), AT);
    s.commit('two', withPassThrough(s.document(), '0.0042'), AT);
    s.commit('three', withPassThrough(s.document(), '0.0043'), AT);
    s.undo();
    s.undo();
    s.commit('four', withPassThrough(s.document(), '0.0044'), AT);
    expect(s.history()).toEqual({ canUndo: true, canRedo: false, undoLabel: 'four', redoLabel: null });
    expect(s.redo()).toBeNull();
    s.close();
    expect(historyRows(path)).toEqual({ rows: ['1:one', '2:four'], applied: 2 });
    const t = WorkspaceStore.open(path);
    expect(t.redo()).toBeNull();
    expect(t.undo()).toBe('four');
    expect(t.document()).toEqual(withPassThrough(base(), '0.0041'));
    expect(t.undo()).toBe('one');
    expect(t.document()).toEqual(base());
    t.close();
  });

  it('an edit that changes nothing records nothing', () => {
    const path = fresh();
    const s = WorkspaceStore.create(path, base());
    s.commit('same', clone(s.document()), AT);
    expect(s.history().canUndo).toBe(false);
    s.close();
    expect(historyRows(path)).toEqual({ rows: [], applied: 0 });
  });

  it('an edit the file refuses (two streams with one id) leaves the file, the document and the history as they were', () => {
    const path = fresh();
    const s = WorkspaceStore.create(path, base());
    s.commit('one', withPassThrough(s.document(), '0.0041'), AT);
    const doc = s.document();
    const broken = { ...doc, name: 'renamed', streams: [...doc.streams, doc.streams[0]!] };
    expect(() => s.commit('dup', broken, AT)).toThrow(/UNIQUE/);
    expect(s.document()).toEqual(doc);
    expect(s.history()).toEqual({ canUndo: true, canRedo: false, undoLabel: 'one', redoLabel: null });
    s.close();
    expect(historyRows(path)).toEqual({ rows: ['1:one'], applied: 1 });
    const db = new Database(path, { readonly: true });
    expect(readDocumentRows(db)).toEqual(doc);
    db.close();
  });

  it('Save As copies the file with its history; the session goes on in the copy; the original stays as it was', () => {
    const path = fresh();
    const s = WorkspaceStore.create(path, base());
    s.commit('one', withPassThrough(s.document(), '0.0041'), AT);
    s.commit('two', withPassThrough(s.document(), '0.0042'), AT);
    s.undo(); // a redo entry, to be copied too
    const atSaveAs = s.document();
    const copy = join(mkdtempSync(join(dir, 'saveas')), 'copy.tcows');
    s.saveAs(copy);
    expect(s.path).toBe(copy);
    expect(s.readOnly).toBe(false);
    expect(s.document()).toEqual(atSaveAs);
    expect(s.history()).toEqual({ canUndo: true, canRedo: true, undoLabel: 'one', redoLabel: 'two' });
    // The original is closed now: its bytes must not move while the session edits the copy.
    const original = sha(path);
    expect(existsSync(`${path}-wal`)).toBe(false);
    s.commit('three', withPassThrough(s.document(), '0.0049'), AT);
    expect(s.undo()).toBe('three');
    expect(s.undo()).toBe('one');
    expect(s.document()).toEqual(base());
    expect(s.redo()).toBe('one');
    expect(s.redo()).toBe('three');
    s.close();
    expect(sha(path)).toBe(original);
    // The original holds what it held at Save As, with its own history (redo 'two' included).
    const o = WorkspaceStore.open(path);
    expect(o.document()).toEqual(atSaveAs);
    expect(o.history()).toEqual({ canUndo: true, canRedo: true, undoLabel: 'one', redoLabel: 'two' });
    expect(o.redo()).toBe('two');
    expect(o.document()).toEqual(withPassThrough(base(), '0.0042'));
    o.close();
    // The copy is a workspace file of its own (app id, latest version) with the session's edits.
    expect(inspect(copy).version).toBe(LATEST_VERSION);
    const c = new Database(copy, { readonly: true });
    expect(c.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    c.close();
    expect(historyRows(copy)).toEqual({ rows: ['1:one', '2:three'], applied: 2 });
  });

  it('Save As onto an existing file is refused and the session stays in the original', () => {
    const path = fresh();
    const s = WorkspaceStore.create(path, base());
    const other = fresh('other.tcows');
    writeFileSync(other, 'keep me');
    expect(() => s.saveAs(other)).toThrow(StoreError);
    expect(readFileSync(other, 'utf8')).toBe('keep me');
    expect(s.path).toBe(path);
    s.commit('one', withPassThrough(s.document(), '0.0041'), AT);
    s.close();
    expect(listing(other)).toEqual(['other.tcows']);
  });

  it('create refuses an existing file and an absent folder, leaving nothing half-written', () => {
    const path = fresh();
    writeFileSync(path, 'keep me');
    expect(() => WorkspaceStore.create(path, base())).toThrow(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe('keep me');
    expect(listing(path)).toEqual(['w.tcows']);
    const missing = join(dir, 'no-such-folder', 'x.tcows');
    expect(() => WorkspaceStore.create(missing, base())).toThrow(/folder does not exist/);
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
  });

  it('a new file is a workspace file: application id, latest version, WAL, the document in its rows', () => {
    const path = fresh();
    WorkspaceStore.create(path, base()).close();
    expect(listing(path)).toEqual(['w.tcows']);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(readDocumentRows(db)).toEqual(base());
    db.close();
  });

  it('writeDocumentRows replaces the whole content (inside a transaction) and readDocumentRows reads it back', () => {
    const path = fresh();
    WorkspaceStore.create(path, base()).close();
    const db = new Database(path);
    const other = canonical(fixture('worked-example.json'));
    db.transaction(() => writeDocumentRows(db, other))();
    expect(readDocumentRows(db)).toEqual(other);
    db.close();
  });
});
