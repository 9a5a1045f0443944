/**
 * The workspace file: one SQLite database (better-sqlite3) with its own extension, in WAL mode with
 * foreign keys on and synchronous=FULL, so a committed edit survives a crash. A file is checked
 * read-only before anything is written to it: not SQLite, another program's database, damaged, or
 * from a newer version of the app, it is refused and left byte for byte as it was. An older file is
 * copied aside (VACUUM INTO, a consistent snapshot) and then migrated, one transaction a migration.
 */
import Database from 'better-sqlite3';
import { closeSync, constants, existsSync, openSync, readSync, renameSync, rmSync, statSync, accessSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StoreError } from './errors.js';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.js';

export type Db = Database.Database;

/** The extension of workspace files. */
export const WORKSPACE_EXTENSION = '.tcows';
/** PRAGMA application_id of workspace files: "TCOW". */
export const APPLICATION_ID = 0x54434f57;

export interface OpenOptions {
  /** The better-sqlite3 native module built for Electron, when running under Electron. */
  nativeBinding?: string | undefined;
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

function readHeader(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new StoreError('FILE_ERROR', path, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a workspace file' : code === 'EACCES' ? 'permission denied' : (e as Error).message);
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
 * at a file (and refused it), remove what the look made, so the folder is as it was.
 */
function withoutTraces<T>(path: string, f: () => T): T {
  const had = { wal: existsSync(`${path}-wal`), shm: existsSync(`${path}-shm`) };
  try {
    return f();
  } finally {
    if (!had.wal && existsSync(`${path}-wal`) && statSync(`${path}-wal`).size === 0) rmSync(`${path}-wal`, { force: true });
    if (!had.shm && !existsSync(`${path}-wal`)) rmSync(`${path}-shm`, { force: true });
  }
}

function dbOptions(o: OpenOptions, extra: Database.Options = {}): Database.Options {
  return o.nativeBinding ? { ...extra, nativeBinding: o.nativeBinding } : extra;
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Nothing in a workspace file runs code: refuse triggers and views from a crafted file.
  db.pragma('trusted_schema = OFF');
}

/** Inspect a file without changing it: its schema version, or why it cannot be a workspace. */
export function inspect(path: string, o: OpenOptions = {}): { version: number } {
  return withoutTraces(path, () => inspectFile(path, o));
}

function inspectFile(path: string, o: OpenOptions): { version: number } {
  const header = readHeader(path);
  if (header.length === 0) throw new StoreError('NOT_A_WORKSPACE', path, 'is empty, not a workspace file');
  if (header.length < 16 || header.subarray(0, 16).toString('latin1') !== SQLITE_HEADER) {
    throw new StoreError('NOT_A_WORKSPACE', path, `is not a workspace file (workspace files are SQLite databases ending in ${WORKSPACE_EXTENSION})`);
  }
  let db: Db | null = null;
  try {
    db = new Database(path, dbOptions(o, { readonly: true, fileMustExist: true }));
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) throw new StoreError('NOT_A_WORKSPACE', path, 'is an SQLite database of another program, not a workspace file');
    if (version > LATEST_VERSION) {
      throw new StoreError('NEWER_WORKSPACE', path, `was written by a newer version of the app (file version ${version}, this app reads up to ${LATEST_VERSION}); update the app to open it`);
    }
    const code = db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') LIMIT 1").get() as { type: string; name: string } | undefined;
    if (code) throw new StoreError('NOT_A_WORKSPACE', path, `contains a ${code.type} ("${code.name}"), which a workspace file never has; it was not opened`);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StoreError('CORRUPT_WORKSPACE', path, `is damaged (SQLite reports: ${String(check)})`);
    return { version };
  } catch (e) {
    if (e instanceof StoreError) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) {
      throw new StoreError('CORRUPT_WORKSPACE', path, `is damaged and cannot be read as a workspace (SQLite reports: ${(e as Error).message})`);
    }
    throw new StoreError('FILE_ERROR', path, (e as Error).message);
  } finally {
    db?.close();
  }
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

/** Open an existing workspace file. */
export function openWorkspaceFile(path: string, o: OpenOptions = {}): WorkspaceFile {
  const { version } = inspect(path, o);
  const readOnly = !writable(path);
  if (readOnly) {
    if (version < LATEST_VERSION) {
      throw new StoreError('READ_ONLY', path, `is read-only and from an older version of the app (file version ${version}); copy it somewhere writable to upgrade it`);
    }
    const db = new Database(path, dbOptions(o, { readonly: true, fileMustExist: true }));
    db.pragma('trusted_schema = OFF');
    return { db, path, readOnly: true, openedVersion: version, backup: null };
  }
  let backup: string | null = null;
  if (version < LATEST_VERSION) {
    backup = backupPath(path, version);
    const ro = new Database(path, dbOptions(o, { readonly: true, fileMustExist: true }));
    try {
      ro.prepare('VACUUM INTO ?').run(backup);
    } finally {
      ro.close();
    }
  }
  const db = new Database(path, dbOptions(o, { fileMustExist: true }));
  try {
    configure(db);
    migrate(db, version);
  } catch (e) {
    db.close();
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
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let db: Db | null = null;
  try {
    db = new Database(tmp, dbOptions(o));
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('journal_mode = DELETE');
    db.pragma('foreign_keys = ON');
    migrate(db, 0);
    db.transaction(() => fill(db!))();
    db.close();
    db = null;
    renameSync(tmp, path);
  } catch (e) {
    db?.close();
    rmSync(tmp, { force: true });
    if (e instanceof StoreError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new StoreError('FILE_ERROR', path, code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : `could not be created (${(e as Error).message})`);
  }
  return openWorkspaceFile(path, o);
}

/** Copy an open workspace to a new file (Save As): a consistent snapshot, renamed into place. */
export function copyWorkspaceFile(file: WorkspaceFile, target: string, o: { overwrite?: boolean } = {}): void {
  if (existsSync(target) && !o.overwrite) throw new StoreError('FILE_ERROR', target, 'already exists; choose another name');
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    file.db.prepare('VACUUM INTO ?').run(tmp);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new StoreError('FILE_ERROR', target, `could not be written (${(e as Error).message})`);
  }
}

export function fileSize(path: string): number {
  return statSync(path).size;
}
