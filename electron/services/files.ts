/**
 * Reading a workspace document from disk with errors that name the file and the line: JSON syntax
 * errors carry the line and column; schema errors carry the JSON path and field.
 */
import { readFileSync } from 'node:fs';
import { readDocument } from '../api/document.js';
import type { Workspace } from '../engine/index.js';

export class FileError extends Error {
  readonly code = 'FILE_ERROR';
  constructor(
    readonly file: string,
    readonly where: string | null,
    readonly detail: string,
  ) {
    super(`${file}: ${where ? `${where}: ` : ''}${detail}`);
    this.name = 'FileError';
  }
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where: string | null = null;
    if (pos) {
      const { line, column } = lineColumn(text, Number(pos[1]));
      where = `line ${line} column ${column}`;
    } else if (text.trim() === '') {
      return fail(file, null, 'the file is empty; a workspace document is a JSON object');
    }
    const reason = msg.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    return fail(file, where, `not valid JSON (${reason})`);
  }
}

function fail(file: string, where: string | null, detail: string): never {
  throw new FileError(file, where, detail);
}

export function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') fail(file, null, 'no such file');
    if (code === 'EISDIR') fail(file, null, 'is a folder, not a file');
    if (code === 'EACCES') fail(file, null, 'permission denied');
    fail(file, null, (e as Error).message);
  }
}

export function isSqliteFile(bytes: Buffer): boolean {
  return bytes.length >= SQLITE_MAGIC.length && bytes.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC);
}

/** Decode UTF-8 strictly (a BOM is allowed); anything else is an error naming the byte offset's line. */
export function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text;
  } catch {
    // Find the first bad byte to say where.
    let good = 0;
    for (let n = bytes.length; good < n; ) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, good + 1024 > n ? n : good + 1024));
        good += 1024;
      } catch {
        break;
      }
    }
    const prefix = bytes.subarray(0, good).toString('utf8');
    const { line } = lineColumn(prefix, prefix.length);
    fail(file, `near line ${line}`, 'the file is not UTF-8 text');
  }
}

/** A workspace document (.json) read from disk and checked against FORMAT.md. */
export function readDocumentFile(file: string): Workspace {
  const bytes = readBytes(file);
  if (isSqliteFile(bytes)) fail(file, null, 'is a workspace file (SQLite); this version of tco reads workspace documents (.json) only');
  const raw = parseJsonText(decodeUtf8(bytes, file), file);
  return readDocument(raw);
}
