/**
 * Writing an export: into a temporary file beside OUT, flushed to the disk, then renamed over it,
 * so a failure (a folder that does not exist, no permission, a full disk, a kill) leaves nothing
 * partial: OUT is either the whole new file or what it was before.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
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

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path).slice(0, 100)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
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
