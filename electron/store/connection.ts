/**
 * The workspace file: one SQLite database (better-sqlite3) with its own extension, in WAL mode with
 * foreign keys on and synchronous=NORMAL: a committed edit survives the app crashing, and the WAL
 * is flushed to the disk right after each commit, off the edit's answer (wal-sync.ts). A file is checked
 * on an in-memory copy before anything is written to it: not SQLite, another program's database,
 * damaged, from a newer version of the app, or holding a document FORMAT.md refuses, it is refused
 * and left byte for byte as it was. An older file is copied aside and then migrated, one
 * transaction a migration.
 */
import type Sqlite from 'better-sqlite3';
import { createRequire } from 'node:module';
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { rowCountsOverLimits } from './counts.js';
import { StoreError } from './errors.js';
import { fsyncPath, writeFileAtomic } from '../export/write-file.js';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.js';
import type { DataSync } from './wal-sync.js';

export type Db = Sqlite.Database;

/**
 * better-sqlite3 (CommonJS, with its native module), required when the first file is opened or
 * created: `tco compute` of a document (.json) never loads it (~20 ms of CPU at every start).
 */
let sqlite: typeof Sqlite | null = null;
function betterSqlite(): typeof Sqlite {
  return (sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof Sqlite);
}

/** The extension of workspace files. */
export const WORKSPACE_EXTENSION = '.tcows';
/** PRAGMA application_id of workspace files: "TCOW". */
export const APPLICATION_ID = 0x54434f57;

export interface OpenOptions {
  /** The better-sqlite3 native module built for Electron, when running under Electron. */
  nativeBinding?: string | undefined;
  /** How the WAL is flushed after a commit (wal-sync.ts); tests pass their own. */
  dataSync?: DataSync | undefined;
}

export interface WorkspaceFile {
  db: Db;
  path: string;
  readOnly: boolean;
  /** Schema version the file had when opened (before migrations). */
  openedVersion: number;
  /** Backup copy made before migrating, if any. */
  backup: string | null;
}

const SQLITE_HEADER = 'SQLite format 3\0';

/** Whether bytes begin with SQLite's 16-byte header: the one check of "is this a workspace file" (the CLI's and the store's). */
export function hasSqliteHeader(bytes: Uint8Array): boolean {
  return bytes.length >= 16 && Buffer.from(bytes.buffer, bytes.byteOffset, 16).toString('latin1') === SQLITE_HEADER;
}

function readHeader(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new StoreError(
      'FILE_ERROR',
      path,
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a workspace file' : code === 'EACCES' ? 'permission denied' : (e as Error).message,
    );
  }
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new StoreError('FILE_ERROR', path, code === 'EISDIR' ? 'is a folder, not a workspace file' : (e as Error).message);
  } finally {
    closeSync(fd);
  }
}

/**
 * Opening a WAL-mode database, even read-only, makes its -wal and -shm files. When we only looked
 * at a file (and refused it, or opened it read-only), remove what the look made, so the folder is
 * as it was. A file that is opened for writing keeps them: another process may have opened it in
 * the meantime and be using the same -wal and -shm (removing them under it would lose its writes).
 */
function withoutTraces<T>(path: string, f: () => T, keep: (result: T) => boolean = () => false): T {
  const had = { wal: existsSync(`${path}-wal`), shm: existsSync(`${path}-shm`) };
  let kept = false;
  try {
    const result = f();
    kept = keep(result);
    return result;
  } finally {
    // A file that goes on being used keeps them: they are SQLite's own now.
    if (!kept) {
      try {
        if (!had.wal && existsSync(`${path}-wal`) && statSync(`${path}-wal`).size === 0) rmSync(`${path}-wal`, { force: true });
        if (!had.shm && !existsSync(`${path}-wal`)) rmSync(`${path}-shm`, { force: true });
      } catch {
        // A name the system cannot take (too long) has no traces to remove: the refusal stands.
      }
    }
  }
}

function dbOptions(o: OpenOptions, extra: Sqlite.Options = {}): Sqlite.Options {
  return o.nativeBinding ? { ...extra, nativeBinding: o.nativeBinding } : extra;
}

function sqliteError(path: string, e: unknown): StoreError {
  if (e instanceof StoreError) return e;
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError('CORRUPT_WORKSPACE', path, `is damaged and cannot be read as a workspace (SQLite reports: ${(e as Error).message})`);
  }
  return new StoreError('FILE_ERROR', path, (e as Error).message);
}

/**
 * The bytes of the database as SQLite reads it (the -wal's committed pages included), taken
 * without writing anything: through a read-only connection, or, where SQLite cannot open the file
 * read-only (a WAL-mode file in a read-only folder has no -shm and cannot get one), the file's own
 * bytes when there is no -wal whose pages they would miss. The journal-mode bytes of the header
 * are set to the rollback journal, so the copy opens in memory.
 */
function snapshot(path: string, o: OpenOptions): { bytes: Buffer; version: number | null } {
  let bytes: Buffer;
  try {
    const taken = (() => {
      const db = new (betterSqlite())(path, dbOptions(o, { readonly: true, fileMustExist: true }));
      try {
        db.pragma('trusted_schema = OFF');
        const version = check(path, db);
        checkLength(path, db);
        return { bytes: db.serialize(), version };
      } finally {
        db.close();
      }
    })();
    bytes = taken.bytes;
    if (bytes.length >= 20) {
      bytes[18] = 1;
      bytes[19] = 1;
    }
    return taken;
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    const cannotOpen = code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN');
    if (e instanceof StoreError || !cannotOpen || existsSync(`${path}-wal`)) throw sqliteError(path, e);
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw new StoreError('FILE_ERROR', path, (err as Error).message);
    }
  }
  if (bytes.length >= 20) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  return { bytes, version: null };
}

/** The checks a file passes before anything is done with it; its schema version. */
function check(path: string, db: Db): number {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (appId !== APPLICATION_ID) throw new StoreError('NOT_A_WORKSPACE', path, 'is an SQLite database of another program, not a workspace file');
  if (version > LATEST_VERSION) {
    throw new StoreError('NEWER_WORKSPACE', path, `was written by a newer version of the app (file version ${version}, this app reads up to ${LATEST_VERSION}); update the app to open it`);
  }
  const code = db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') LIMIT 1").get() as { type: string; name: string } | undefined;
  if (code) throw new StoreError('NOT_A_WORKSPACE', path, `contains a ${code.type} ("${code.name}"), which a workspace file never has; it was not opened`);
  // The row counts before the checks that read every page (counts.ts): a file of a million streams
  // is refused in the time of a few COUNT(*)s. A count that fails is left to integrity_check.
  let over: string | null = null;
  try {
    if (version >= 1) over = rowCountsOverLimits(db);
  } catch {
    over = null;
  }
  if (over) throw new StoreError('CORRUPT_WORKSPACE', path, `${over}; it was not opened`);
  // integrity_check, not quick_check: it also finds an index that no longer matches its table
  // (README, Reliability: about 0.4 s on a 50 MB workspace file).
  const result = db.pragma('integrity_check(1)', { simple: true });
  if (result !== 'ok') throw new StoreError('CORRUPT_WORKSPACE', path, `is damaged (SQLite reports: ${String(result)})`);
  return version;
}

/**
 * A file cut short: SQLite reads the missing bytes of its last page as zeros, which quick_check
 * does not always see (a zeroed byte at the end of an index page breaks no b-tree rule). Without a
 * -wal holding later pages, the file holds at least its page count times its page size, in whole pages.
 */
function checkLength(path: string, db: Db): void {
  if (existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0) return;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const size = statSync(path).size;
  // Longer by whole pages is harmless (pages SQLite no longer counts); shorter, or a part of a page, is not.
  if (size < pageSize * pages || size % pageSize !== 0) {
    throw new StoreError(
      'CORRUPT_WORKSPACE',
      path,
      `is damaged (it is ${size} bytes long, where its ${pages} pages of ${pageSize} bytes take ${pageSize * pages}): it was cut short or written to by another program`,
    );
  }
}

/** A file checked without changing it: an in-memory copy of it, and its schema version. */
interface Looked {
  bytes: Buffer;
  memory: Db;
  version: number;
}

function look(path: string, o: OpenOptions): Looked {
  const header = readHeader(path);
  if (header.length === 0) throw new StoreError('NOT_A_WORKSPACE', path, 'is empty, not a workspace file');
  if (!hasSqliteHeader(header)) {
    throw new StoreError('NOT_A_WORKSPACE', path, `is not a workspace file (workspace files are SQLite databases ending in ${WORKSPACE_EXTENSION})`);
  }
  const { bytes, version: checked } = snapshot(path, o);
  let memory: Db | null = null;
  try {
    memory = new (betterSqlite())(bytes, dbOptions(o));
    memory.pragma('trusted_schema = OFF');
    const version = checked ?? check(path, memory);
    return { bytes, memory, version };
  } catch (e) {
    memory?.close();
    throw sqliteError(path, e);
  }
}

/** Inspect a file without changing it: its schema version, or why it cannot be a workspace. */
export function inspect(path: string, o: OpenOptions = {}): { version: number } {
  const { memory, version } = withoutTraces(path, () => look(path, o));
  memory.close();
  return { version };
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Bring a database from `from` to the latest schema, one transaction a migration. */
export function migrate(db: Db, from: number): void {
  for (const m of MIGRATIONS) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export function backupPath(path: string, version: number): string {
  let candidate = `${path}.v${version}.bak`;
  for (let i = 2; existsSync(candidate); i++) candidate = `${path}.v${version}.${i}.bak`;
  return candidate;
}

/**
 * Open an existing workspace file. Everything is checked on an in-memory copy first (the file's
 * checks, then the migrations to the latest version, then `validate`, which reads the document),
 * so a file that is refused, or that cannot be upgraded, is left byte for byte as it was with
 * nothing beside it. A read-only file (or folder) is opened from that copy, read-only. A writable
 * older file is copied aside (`<file>.v<N>.bak`) and then migrated in place, one transaction a
 * migration, before it is switched to WAL.
 */
/** SQLite keeps `<file>-journal` (and -wal, -shm) beside the file: its name needs room for them. */
const MAX_NAME_BYTES = 255 - '-journal'.length;

function nameFits(path: string): void {
  const n = Buffer.byteLength(basename(path));
  if (n > MAX_NAME_BYTES)
    throw new StoreError(
      'FILE_ERROR',
      path,
      `has a name of ${n} bytes: a workspace file's name can have at most ${MAX_NAME_BYTES} (SQLite keeps files named after it beside it); choose a shorter name`,
    );
}

/** The checks of openWorkspaceFile on the in-memory copy: migrated there, then `validate`. */
function lookAndCheck(path: string, o: OpenOptions, readOnly: boolean, validate: (db: Db) => void): Looked {
  const looked = look(path, o);
  const { memory, version } = looked;
  try {
    // A read-only file is read from memory; a writable one gets SQLite's files beside it.
    if (!readOnly) nameFits(path);
    if (readOnly && version < LATEST_VERSION) {
      throw new StoreError('READ_ONLY', path, `is read-only and from an older version of the app (file version ${version}); copy it somewhere writable to upgrade it`);
    }
    try {
      migrate(memory, version);
    } catch (e) {
      throw new StoreError('FILE_ERROR', path, `could not be upgraded from file version ${version} (${(e as Error).message}); it is unchanged`);
    }
    validate(memory);
  } catch (e) {
    memory.close();
    throw e;
  }
  return looked;
}

export function openWorkspaceFile(path: string, o: OpenOptions = {}, validate: (db: Db) => void = () => {}): WorkspaceFile {
  const readOnly = !writable(path);
  const { bytes, memory, version } = withoutTraces(
    path,
    () => lookAndCheck(path, o, readOnly, validate),
    () => !readOnly,
  );
  if (readOnly) {
    return { db: memory, path, readOnly: true, openedVersion: version, backup: null };
  }
  memory.close();
  let backup: string | null = null;
  if (version < LATEST_VERSION) {
    backup = backupPath(path, version);
    try {
      writeFileAtomic(backup, bytes);
    } catch (e) {
      throw new StoreError('FILE_ERROR', path, `could not be upgraded: its backup copy ${backup} could not be written (${(e as Error).message}); it is unchanged`);
    }
  }
  let db: Db | null = null;
  try {
    db = new (betterSqlite())(path, dbOptions(o, { fileMustExist: true }));
    // The WAL is flushed after each commit by the store (wal-sync.ts), not inside it.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Nothing in a workspace file runs code: refuse triggers and views from a crafted file.
    db.pragma('trusted_schema = OFF');
    migrate(db, version);
    db.pragma('journal_mode = WAL');
  } catch (e) {
    db?.close();
    throw new StoreError('FILE_ERROR', path, `could not be upgraded (${(e as Error).message}); it is unchanged${backup ? `, and a copy is at ${backup}` : ''}`);
  }
  return { db, path, readOnly: false, openedVersion: version, backup };
}

/**
 * Create a workspace file. It is built under a temporary name beside the target and renamed into
 * place when complete, so a failure never leaves a half-written file. `fill` writes the content.
 */
export function createWorkspaceFile(path: string, fill: (db: Db) => void, o: OpenOptions & { overwrite?: boolean } = {}): WorkspaceFile {
  if (existsSync(path) && !o.overwrite) throw new StoreError('FILE_ERROR', path, 'already exists; choose another name');
  if (!existsSync(dirname(path))) throw new StoreError('FILE_ERROR', path, 'cannot be created: its folder does not exist');
  nameFits(path);
  const tmp = join(dirname(path), `.${basename(path).slice(0, 100)}.${process.pid}.${Date.now()}.tmp`);
  let db: Db | null = null;
  try {
    db = new (betterSqlite())(tmp, dbOptions(o));
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('journal_mode = DELETE');
    db.pragma('foreign_keys = ON');
    migrate(db, 0);
    db.transaction(() => fill(db!))();
    db.close();
    db = null;
    moveInto(tmp, path);
  } catch (e) {
    db?.close();
    rmSync(tmp, { force: true });
    if (e instanceof StoreError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new StoreError('FILE_ERROR', path, code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : `could not be created (${(e as Error).message})`);
  }
  return openWorkspaceFile(path, o);
}

/**
 * Rename a finished file into place. When it replaces a file, that file's journal and WAL go first:
 * SQLite would otherwise play the old file's leftover journal into the new one.
 */
function moveInto(tmp: string, path: string): void {
  if (existsSync(path)) for (const side of ['-journal', '-wal', '-shm']) rmSync(`${path}${side}`, { force: true });
  renameSync(tmp, path);
}

/** Copy an open workspace to a new file (Save As): a consistent snapshot, renamed into place. */
export function copyWorkspaceFile(file: WorkspaceFile, target: string, o: { overwrite?: boolean } = {}): void {
  if (existsSync(target) && !o.overwrite) throw new StoreError('FILE_ERROR', target, 'already exists; choose another name');
  const tmp = join(dirname(target), `.${basename(target).slice(0, 100)}.${process.pid}.${Date.now()}.tmp`);
  try {
    file.db.prepare('VACUUM INTO ?').run(tmp);
    fsyncPath(tmp);
    moveInto(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new StoreError('FILE_ERROR', target, `could not be written (${(e as Error).message})`);
  }
}
