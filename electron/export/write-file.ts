/**
 * Writing an export: into a temporary file beside OUT, flushed to the disk, then renamed over it,
 * so a failure (a folder that does not exist, no permission, a full disk, a kill) leaves nothing
 * partial: OUT is either the whole new file or what it was before.
 */
import { createRequire } from 'node:module';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** An export that could not be written; the message starts with the file. */
export class ExportFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: could not be written (${reason})`);
    this.name = 'ExportFileError';
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  ENOTDIR: 'a part of the path is not a folder',
  ENAMETOOLONG: 'the name is too long',
};

/** The temporary name of a write of `path` by process `pid`. */
const temporaryName = (path: string, pid: number, tag: string): string => `.${basename(path).slice(0, 100)}.${pid}.${tag}.tmp`;

/** Whether a process with this id is running (a signal 0 reaches it, or it is another user's). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove what a write of `path` cut short left beside it: temporary files of this name written by a
 * process that is no longer running (killed, or the machine stopped), or by this one (its writes
 * are synchronous, so none of its own is still being written). Another running process's
 * temporary file is left: it may be writing it now. Never fails the export that asks.
 */
export function removeStaleTemporaries(path: string): string[] {
  const prefix = `.${basename(path).slice(0, 100)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && running(pid)) continue;
    try {
      rmSync(join(dirname(path), name), { force: true });
      removed.push(name);
    } catch {
      // Left for the next export: this one goes on.
    }
  }
  return removed;
}

/** Flush a file another writer finished (SQLite's VACUUM INTO does not) to the disk before it is renamed into place. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Node's crypto, loaded by the first file written, not by every `tco` command (~7 ms). */
const randomHex = (bytes: number): string => (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).randomBytes(bytes).toString('hex');

/**
 * The app's one way to write a whole file (exports, the migration's backup copy, the recent list,
 * the window's state): a temporary file beside it, flushed to the disk, renamed into place.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  removeStaleTemporaries(path);
  const tmp = join(dirname(path), temporaryName(path, process.pid, randomHex(4)));
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx');
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, path);
  } catch (e) {
    try {
      if (fd !== null) closeSync(fd);
    } catch {
      // Closing after a failed write may fail too; the file is removed next all the same.
    }
    try {
      rmSync(tmp, { force: true });
    } catch {
      // There is no temporary file to remove where its folder cannot be reached (ENOTDIR).
    }
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new ExportFileError(path, REASONS[code] ? `${REASONS[code]}, ${code}` : (e as Error).message);
  }
}
