/**
 * Crafted workspace files: what a file can hold beyond what this app writes, and what opening it
 * does. Opening runs nothing of the file (no trigger fires, no view stands in for a table) and
 * either refuses it, leaving it byte for byte as it was with nothing beside it, or opens it safely.
 * (test/integration/store.test.ts and workspace-file.test.ts cover a plain trigger or view, text, PNG,
 * another program's database, damaged and newer files; this adds what they do not.)
 *
 * - triggers that would write (on the history the first edit writes, in a table of their own),
 *   and one committed only in the -wal beside the file;
 * - a view standing in for a dropped table;
 * - 200 MB: a text column holding 200 MB, a BLOB in a text column (the table's STRICT taken off by
 *   editing the schema's bytes), an undo record of 200 MB;
 * - wrong schemas: a version that does not match the tables, a negative version, a table missing,
 *   a column renamed, the undo cursor missing, extra tables, indexes and generated columns;
 * - undo records this app never wrote: garbage, or one that would write a document FORMAT.md
 *   refuses (it used to be written, leaving a file the app then refused to open);
 * - a .tcows that is a ZIP, a PDF, or SQLite's header followed by a ZIP.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument, type WorkspaceDocument } from '../../electron/api/document.js';
import type { ApiError, ApiResult } from '../../electron/api/errors.js';
import type { WorkspaceState } from '../../electron/api/operations.js';
import { createApp } from '../../electron/services/app.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-crafted-'));
const app = createApp({ dataDir: null });
afterAll(() => {
  app.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

const sample = canonicalDocument(readDocument(JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8'))));
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const listing = (p: string) => readdirSync(dirname(p)).sort();
const AT = '2026-11-23T12:00:00.000Z';
const MB200 = 200 * 1024 * 1024;

/** A workspace with one edit in its history (a renamed workspace), closed, in a folder of its own. */
function valid(): string {
  const path = join(mkdtempSync(join(dir, 'f')), 'w.tcows');
  const s = WorkspaceStore.create(path, sample);
  s.commit('rename', { ...s.document(), name: 'Renamed' }, AT);
  s.close();
  expect(existsSync(`${path}-wal`)).toBe(false);
  return path;
}
const renamed: WorkspaceDocument = { ...sample, name: 'Renamed' };

/** Change a closed workspace with plain SQL, as another tool would. */
function tamper(path: string, sql: string): void {
  const db = new Database(path);
  db.exec(sql);
  db.close();
}

async function open(path: string): Promise<ApiResult<WorkspaceState>> {
  return (await app.dispatch('workspace.open', { path })) as ApiResult<WorkspaceState>;
}

/** Refused through the app with `code`, naming the file; the file and its folder exactly as they were. */
async function expectRefused(path: string, code: string, text: RegExp): Promise<ApiError> {
  const before = sha(path);
  const beside = listing(path);
  const r = await open(path);
  expect(r.ok, JSON.stringify(r)).toBe(false);
  const e = (r as { ok: false; error: ApiError }).error;
  expect(e.code).toBe(code);
  expect(e.file).toBe(path);
  expect(e.message).toContain(path);
  expect(e.message).toMatch(text);
  expect(sha(path)).toBe(before);
  expect(listing(path)).toEqual(beside);
  return e;
}

function rows<T>(path: string, sql: string): T[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe('triggers: nothing of them runs', () => {
  it('a trigger on the undo history (which the first edit writes) that would rewrite the workspace is refused; it never fired', async () => {
    const path = valid();
    tamper(path, "CREATE TABLE canary (at TEXT); CREATE TRIGGER steal AFTER INSERT ON history BEGIN INSERT INTO canary VALUES (new.changes); UPDATE workspace SET name = 'pwned'; END;");
    await expectRefused(path, 'NOT_A_WORKSPACE', /trigger \("steal"\)/);
    expect(rows(path, 'SELECT * FROM canary')).toEqual([]);
    expect(rows<{ name: string }>(path, 'SELECT name FROM workspace')).toEqual([{ name: 'Renamed' }]);
  });

  it('a trigger on the undo cursor that would delete every vendor is refused; it never fired', async () => {
    const path = valid();
    tamper(path, 'CREATE TRIGGER cursor_moves AFTER UPDATE ON history_cursor BEGIN DELETE FROM vendors; END;');
    await expectRefused(path, 'NOT_A_WORKSPACE', /trigger/);
    expect(rows<{ n: number }>(path, 'SELECT count(*) AS n FROM vendors')).toEqual([{ n: 3 }]);
  });

  it('a trigger committed only in the -wal beside the file (not yet in the file) is seen and refused', async () => {
    const path = valid();
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TRIGGER hidden AFTER INSERT ON history BEGIN DELETE FROM streams; END;');
    // Copy the file and its -wal while the writer still holds them (closing would checkpoint).
    const copy = join(mkdtempSync(join(dir, 'wal')), 'w.tcows');
    writeFileSync(copy, readFileSync(path));
    writeFileSync(`${copy}-wal`, readFileSync(`${path}-wal`));
    db.close();
    expect(rows(copy, "SELECT name FROM sqlite_master WHERE type = 'trigger'").length).toBe(1);
    // The main file alone has no trigger: the trigger is in the -wal only.
    const alone = join(mkdtempSync(join(dir, 'alone')), 'w.tcows');
    writeFileSync(alone, readFileSync(copy));
    expect(rows(alone, "SELECT name FROM sqlite_master WHERE type = 'trigger'")).toEqual([]);
    const before = sha(copy);
    const r = await open(copy);
    expect(r.ok).toBe(false);
    expect((r as { ok: false; error: ApiError }).error).toMatchObject({ code: 'NOT_A_WORKSPACE', file: copy });
    expect(sha(copy)).toBe(before);
  });
});

describe('a file damaged only in an index', () => {
  it('an index entry that no longer matches its row (PRAGMA quick_check passes it): refused by integrity_check, unchanged', async () => {
    const path = valid();
    const db = new Database(path, { readonly: true });
    const root = (db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_streams_1'").get() as { rootpage: number }).rootpage;
    const size = db.pragma('page_size', { simple: true }) as number;
    db.close();
    // The stream id "wa-utility-us" as the index of stream ids holds it: one letter changed on its
    // page (still in order), so the table's row 3 has no entry in the index any more.
    const bytes = readFileSync(path);
    const page = bytes.subarray((root - 1) * size, root * size);
    const at = page.indexOf('wa-utility-us');
    expect(at).toBeGreaterThan(0);
    page.write('wa-utility-uz', at, 'latin1');
    writeFileSync(path, bytes);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('quick_check', { simple: true })).toBe('ok');
    check.close();
    await expectRefused(path, 'CORRUPT_WORKSPACE', /is damaged \(SQLite reports: row 3 missing from index sqlite_autoindex_streams_1\)/);
    rmSync(dirname(path), { recursive: true, force: true });
  });
});

describe('a view standing in for a table', () => {
  it('pilot_failures dropped and a view of that name serving made-up rows: refused, nothing read through it', async () => {
    const path = valid();
    tamper(
      path,
      "PRAGMA foreign_keys = OFF; DROP TABLE pilot_failures; CREATE VIEW pilot_failures AS SELECT vendor_id, position AS pilot_position, 0 AS position, 'made up' AS reason, 1000000 AS count FROM pilots;",
    );
    await expectRefused(path, 'NOT_A_WORKSPACE', /view \("pilot_failures"\)/);
  });

  it('vendors renamed away and a view named vendors over it: refused', async () => {
    const path = valid();
    tamper(
      path,
      "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON; ALTER TABLE vendors RENAME TO vendors_real; CREATE VIEW vendors AS SELECT id, position, 'Cheapest Inc' AS name, currency, escalator, discount, minimum_monthly_commit, minimum_annual_commit, setup_hours, monthly_hours, monthly_other, remediation_per_failure FROM vendors_real;",
    );
    await expectRefused(path, 'NOT_A_WORKSPACE', /view \("vendors"\)/);
  });
});

describe('200 MB where a few bytes belong', () => {
  it('200 MB of text in the workspace name: refused as a value FORMAT.md does not accept, in bounded time and memory', async () => {
    const path = valid();
    tamper(path, `UPDATE workspace SET name = CAST(zeroblob(${MB200}) AS TEXT)`);
    const started = Date.now();
    const e = await expectRefused(path, 'CORRUPT_WORKSPACE', /\$\.name/);
    expect(e.message.length).toBeLessThan(1000); // the 200 MB is not echoed
    expect(Date.now() - started).toBeLessThan(60_000);
    rmSync(dirname(path), { recursive: true, force: true });
  }, 90_000);

  it('a 200 MB BLOB in a text column (STRICT edited out of the schema’s bytes): refused', async () => {
    const path = valid();
    // Take STRICT off every table by overwriting it with spaces in the stored schema text.
    const bytes = readFileSync(path);
    let at = bytes.indexOf(') STRICT');
    let edited = 0;
    while (at >= 0) {
      bytes.write(')       ', at, 'latin1');
      edited++;
      at = bytes.indexOf(') STRICT', at + 1);
    }
    expect(edited).toBeGreaterThan(5);
    writeFileSync(path, bytes);
    tamper(path, `UPDATE workspace SET name = zeroblob(${MB200})`);
    expect(rows<{ t: string }>(path, 'SELECT typeof(name) AS t FROM workspace')).toEqual([{ t: 'blob' }]);
    const e = await expectRefused(path, 'CORRUPT_WORKSPACE', /\$\.name/);
    expect(e.message.length).toBeLessThan(1000);
    rmSync(dirname(path), { recursive: true, force: true });
  }, 90_000);

  it('a 200 MB undo record: the file opens (the document is sound); undoing it is refused as damaged and changes nothing', async () => {
    const path = valid();
    tamper(path, `UPDATE history SET changes = CAST(zeroblob(${MB200}) AS TEXT)`);
    const r = await open(path);
    expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
    if (!r.ok) return;
    expect(r.value.document).toEqual(renamed);
    const u = await app.dispatch('history.undo', { handle: r.value.handle });
    expect(u.ok).toBe(false);
    const e = (u as { ok: false; error: ApiError }).error;
    expect(e).toMatchObject({ code: 'CORRUPT_WORKSPACE', file: path });
    expect(e.message).toMatch(/damaged undo history.*nothing was changed/);
    expect(e.message.length).toBeLessThan(1000);
    expect(await app.dispatch('workspace.get', { handle: r.value.handle })).toMatchObject({ ok: true, value: { document: renamed, history: { canUndo: true } } });
    await app.dispatch('workspace.close', { handle: r.value.handle });
    expect(rows<{ applied: number }>(path, 'SELECT applied FROM history_cursor')).toEqual([{ applied: 1 }]);
    rmSync(dirname(path), { recursive: true, force: true });
  }, 90_000);
});

describe('undo records this app never wrote', () => {
  it('garbage instead of JSON: undo refused as damaged, the file unchanged', async () => {
    const path = valid();
    tamper(path, "UPDATE history SET changes = '{not json'");
    const r = await open(path);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const u = await app.dispatch('history.undo', { handle: r.value.handle });
    expect(u).toMatchObject({ ok: false, error: { code: 'CORRUPT_WORKSPACE', file: path } });
    await app.dispatch('workspace.close', { handle: r.value.handle });
    expect(rows(path, 'SELECT applied FROM history_cursor')).toEqual([{ applied: 1 }]);
    const again = await open(path);
    expect(again.ok && again.value.document).toEqual(renamed);
    app.closeAll();
  });

  it('a record whose undo would write a document FORMAT.md refuses: refused before writing, and the file still opens', async () => {
    const path = valid();
    tamper(path, `UPDATE history SET changes = '[{"p":["baseCurrency"],"b":"usd","a":"USD"}]'`);
    const r = await open(path);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const u = await app.dispatch('history.undo', { handle: r.value.handle });
    expect(u).toMatchObject({ ok: false, error: { code: 'CORRUPT_WORKSPACE', file: path } });
    expect((u as { ok: false; error: ApiError }).error.message).toContain('baseCurrency');
    await app.dispatch('workspace.close', { handle: r.value.handle });
    // Before the fix the undo was committed, and the next open refused the file as damaged.
    const again = await open(path);
    expect(again.ok, JSON.stringify(again)).toBe(true);
    expect(again.ok && again.value.document).toEqual(renamed);
    app.closeAll();
  });

  it('records that reach for __proto__ or constructor: refused, and nothing is polluted', async () => {
    const path = valid();
    tamper(path, `UPDATE history SET changes = '[{"p":["__proto__","polluted"],"b":1},{"p":["constructor","prototype","polluted"],"b":1}]'`);
    const r = await open(path);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const u = await app.dispatch('history.undo', { handle: r.value.handle });
    expect(u).toMatchObject({ ok: false, error: { code: 'CORRUPT_WORKSPACE' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Reflect.get(Object.prototype, 'polluted')).toBeUndefined();
    app.closeAll();
  });
});

describe('wrong schemas', () => {
  it('a version that does not match the tables (1, with the history already there): refused, unchanged, no backup', async () => {
    const path = valid();
    tamper(path, 'PRAGMA user_version = 1');
    await expectRefused(path, 'FILE_ERROR', /could not be upgraded from file version 1.*unchanged/);
  });

  it('a negative version: refused, unchanged', async () => {
    const path = valid();
    tamper(path, 'PRAGMA user_version = -1');
    await expectRefused(path, 'FILE_ERROR', /could not be upgraded/);
  });

  it('a table missing: refused as unreadable', async () => {
    const path = valid();
    tamper(path, 'PRAGMA foreign_keys = OFF; DROP TABLE fees;');
    await expectRefused(path, 'CORRUPT_WORKSPACE', /no such table: fees/);
  });

  it('a column renamed: refused (the route it leaves without a price breaks FORMAT.md)', async () => {
    const path = valid();
    tamper(path, 'ALTER TABLE routes RENAME COLUMN price TO cost');
    await expectRefused(path, 'CORRUPT_WORKSPACE', /price/);
  });

  it('the undo cursor missing: refused as unreadable (it used to open, then fail with a TypeError)', async () => {
    const path = valid();
    tamper(path, 'DELETE FROM history_cursor');
    await expectRefused(path, 'CORRUPT_WORKSPACE', /undo history has no cursor/);
  });

  it('extra tables, an expression index, a CHECK and a generated column of 100 MB: opened safely, the document as it was', async () => {
    const path = valid();
    tamper(
      path,
      "CREATE TABLE extra (x TEXT CHECK (length(x) < 50)); INSERT INTO extra VALUES ('hello'); CREATE INDEX vendor_names ON vendors (lower(name)); ALTER TABLE workspace ADD COLUMN ballast BLOB GENERATED ALWAYS AS (zeroblob(100000000)) VIRTUAL;",
    );
    const r = await open(path);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.value.document).toEqual(renamed);
    // Edits work and leave the extra table alone.
    const e = await app.dispatch('settings.update', { handle: r.value.handle, patch: { name: 'Edited' } });
    expect(e.ok, JSON.stringify(e).slice(0, 300)).toBe(true);
    await app.dispatch('workspace.close', { handle: r.value.handle });
    expect(rows(path, 'SELECT x FROM extra')).toEqual([{ x: 'hello' }]);
  });
});

describe('a .tcows that is something else', () => {
  const zip = () => {
    // A minimal ZIP: one stored file "a.txt" holding "hi", and the central directory.
    const name = Buffer.from('a.txt');
    const data = Buffer.from('hi');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(0x3610a686, 14); // crc32("hi")
    local.writeUInt32LE(2, 18);
    local.writeUInt32LE(2, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(0x3610a686, 16);
    central.writeUInt32LE(2, 20);
    central.writeUInt32LE(2, 24);
    central.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(46 + name.length, 12);
    end.writeUInt32LE(30 + name.length + data.length, 16);
    return Buffer.concat([local, name, data, central, name, end]);
  };
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

  it.each([
    ['a ZIP archive', zip(), 'NOT_A_WORKSPACE', /is not a workspace file/],
    ['a PDF', pdf, 'NOT_A_WORKSPACE', /is not a workspace file/],
    ['SQLite’s header followed by a ZIP', Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), zip(), Buffer.alloc(4096)]), 'CORRUPT_WORKSPACE', /damaged|not a database|malformed/],
    ['an xlsx (a ZIP) renamed', Buffer.concat([zip(), Buffer.alloc(1000, 0x20)]), 'NOT_A_WORKSPACE', /is not a workspace file/],
  ] as const)('%s: refused, unchanged', async (_label, bytes, code, text) => {
    const path = join(mkdtempSync(join(dir, 'other')), 'w.tcows');
    writeFileSync(path, bytes);
    await expectRefused(path, code, text);
  });
});
