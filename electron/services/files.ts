/**
 * Reading a workspace document from disk with errors that name the file and the line: JSON syntax
 * errors carry the line and column; schema errors carry the JSON path and field.
 */
import { readFileSync } from 'node:fs';
import { utf16Of } from '../import/encoding.js';
import { jsonErrorOffset } from './json-position.js';
import { hasSqliteHeader } from '../store/connection.js';
import { scanJsonText } from '../api/limits.js';

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
  // Size and nesting depth before JSON.parse (limits.ts): a bomb is refused before it is built.
  const over = scanJsonText(text, { document: true });
  if (over) {
    if (over.offset === 0) return fail(file, null, over.message);
    const { line, column } = lineColumn(text, over.offset);
    return fail(file, `line ${line} column ${column}`, `${over.path}: ${over.message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    if (text.trim() === '') return fail(file, null, 'the file is empty; a workspace document is a JSON object');
    const at = jsonErrorOffset(text);
    if (at < 0) return fail(file, null, 'not valid JSON');
    const { line, column } = lineColumn(text, at);
    const found = at >= text.length ? 'the end of the file' : `${JSON.stringify(String.fromCodePoint(text.codePointAt(at)!))}`;
    return fail(file, `line ${line} column ${column}`, `not valid JSON: unexpected ${found}`);
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

/** Whether the bytes begin as an SQLite database (a workspace file) does: the store's one check. */
export const isSqliteFile = (bytes: Buffer): boolean => hasSqliteHeader(bytes);

const decodesSoFar = (bytes: Buffer, end: number): boolean => {
  try {
    // `stream: true` accepts a character cut at the end of the prefix; only a real error throws.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
    return true;
  } catch {
    return false;
  }
};

/**
 * A file's text: UTF-8 strictly (a BOM is allowed), or UTF-16 with its byte order mark (what Windows
 * Notepad saves as "Unicode"); otherwise an error naming the line of the first bad byte.
 */
export function decodeText(bytes: Buffer, file: string): string {
  const utf16 = utf16Of(bytes);
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(bytes);
    } catch {
      fail(file, null, 'the file is not UTF-16 text throughout (it starts with a UTF-16 byte order mark): save it again as UTF-8');
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The longest prefix that decodes: the first bad byte follows it (a binary search).
    let lo = 0;
    let hi = bytes.length;
    if (decodesSoFar(bytes, hi)) lo = hi; // only the last character is cut short
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (decodesSoFar(bytes, mid)) lo = mid;
      else hi = mid - 1;
    }
    let line = 1;
    for (let i = 0; i < lo; i++) if (bytes[i] === 10) line++;
    fail(file, `line ${line}`, `the file is not UTF-8 text (byte ${lo + 1} is 0x${(bytes[lo] ?? 0).toString(16).padStart(2, '0')})`);
  }
}
