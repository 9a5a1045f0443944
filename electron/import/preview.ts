/**
 * The first rows of a file, for the import screen's mapping step: its kind (CSV or JSON Lines), its
 * columns (CSV header, or the JSON keys in the order first seen), up to `rows` rows as text, and
 * the built-in format whose mapping the columns fit, if one does. Nothing here counts or checks
 * events: the import does that, with the line of each error.
 */
import { open, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { ImportError } from './events.js';
import { PRESETS, columnsOf, formatOf, type ColumnMapping } from './mapping.js';
import { previewCsv } from './index.js';
import type { FilePreview } from '../api/import-model.js';

export type { FilePreview };

const JSONL_SNIFF = 1 << 18;

/** JSON Lines: from the first 256 KiB, the objects of up to `rows` lines (a line may hold an array of objects). */
async function previewJsonl(file: string, rows: number): Promise<{ columns: string[]; rows: string[][] }> {
  const fh = await open(file, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new ImportError('FILE_ERROR', file, null, null, e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a folder, not a file' : e.message);
  });
  let text: string;
  try {
    const buf = Buffer.alloc(JSONL_SNIFF);
    const { bytesRead } = await fh.read(buf, 0, JSONL_SNIFF, 0);
    let bytes = buf.subarray(0, bytesRead);
    if (bytes.includes(0)) throw new ImportError('INVALID_FILE', file, null, null, 'the file holds binary data (a NUL byte), not text');
    // A partial last line (and a character cut in two) are dropped when the file goes on.
    if (bytesRead === JSONL_SNIFF) bytes = bytes.subarray(0, bytes.lastIndexOf(10) + 1);
    if (!isUtf8(bytes)) throw new ImportError('INVALID_FILE', file, null, null, 'the file is not UTF-8 text');
    text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    await fh.close();
  }
  const columns: string[] = [];
  const objects: Record<string, unknown>[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && objects.length < rows; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new ImportError('INVALID_FILE', file, i + 1, null, `not JSON (${(e as Error).message})`);
    }
    for (const o of Array.isArray(value) ? value : [value]) {
      if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new ImportError('INVALID_FILE', file, i + 1, null, 'is not a JSON object (or an array of objects)');
      for (const k of Object.keys(o)) if (!columns.includes(k)) columns.push(k);
      objects.push(o as Record<string, unknown>);
    }
  }
  const cell = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return { columns, rows: objects.slice(0, rows).map((o) => columns.map((c) => cell(o[c]))) };
}

/** The built-in format whose mapping's required columns are all among `columns`, preferring vendor presets. */
export function suggestFormat(kind: 'csv' | 'jsonl', columns: string[]): string | null {
  const have = new Set(columns.map((c) => (kind === 'csv' ? c.trim().toLowerCase() : c)));
  const has = (m: ColumnMapping, f: 'messageId' | 'event' | 'timestamp' | 'route') => columnsOf(m, f).some((c) => have.has(kind === 'csv' ? c.trim().toLowerCase() : c));
  const fits = Object.entries(PRESETS).filter(([, p]) => p.kind === kind && has(p.mapping, 'messageId') && has(p.mapping, 'event') && has(p.mapping, 'timestamp') && (has(p.mapping, 'route') || p.mapping.defaults?.route !== undefined));
  // A vendor's preset names its own columns (Sid, sg_message_id); the generic ones come last.
  fits.sort(([a], [b]) => Number(a.startsWith('events-')) - Number(b.startsWith('events-')));
  return fits[0]?.[0] ?? null;
}

/** The kind a format (or, without one, the file's name and first byte) says the file is. */
async function kindOf(file: string, format: string | undefined, mapping: ColumnMapping | undefined, saved: 'csv' | 'jsonl' | undefined): Promise<'csv' | 'jsonl'> {
  if (saved) return saved;
  if (format !== undefined && Object.prototype.hasOwnProperty.call(PRESETS, format)) return PRESETS[format]!.kind;
  if (format !== undefined && mapping !== undefined) return /jsonl$/i.test(format) ? 'jsonl' : 'csv';
  if (formatOf(file) === 'events-jsonl') return 'jsonl';
  // A file that starts with { or [ is JSON Lines whatever its name.
  try {
    const fh = await open(file, 'r');
    try {
      const b = Buffer.alloc(64);
      const { bytesRead } = await fh.read(b, 0, 64, 0);
      const head = b.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart();
      return head.startsWith('{') || head.startsWith('[') ? 'jsonl' : 'csv';
    } finally {
      await fh.close();
    }
  } catch {
    return 'csv'; // the preview itself says why the file cannot be read
  }
}

export async function previewFile(file: string, options: { format?: string; mapping?: ColumnMapping; kind?: 'csv' | 'jsonl'; rows?: number; totalBytes?: number } = {}): Promise<FilePreview> {
  const rows = Math.max(0, Math.min(options.rows ?? 20, 1000));
  const kind = await kindOf(file, options.format, options.mapping, options.kind);
  const totalBytes = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  if (kind === 'csv') {
    const delimiter = options.mapping?.delimiter ?? (options.format && PRESETS[options.format]?.mapping.delimiter) ?? undefined;
    const p = await previewCsv(file, rows, delimiter);
    return { file, kind, columns: p.columns, rows: p.rows, delimiter: p.delimiter, suggested: suggestFormat('csv', p.columns), totalBytes };
  }
  const p = await previewJsonl(file, rows);
  if (p.columns.length === 0) throw new ImportError('INVALID_FILE', file, null, null, 'the file holds no JSON objects');
  return { file, kind, columns: p.columns, rows: p.rows, delimiter: null, suggested: suggestFormat('jsonl', p.columns), totalBytes };
}
