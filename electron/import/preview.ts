/**
 * The first rows of a file, for the import screen's mapping step: its kind (CSV or JSON Lines), its
 * columns (CSV header, or the JSON keys in the order first seen), up to `rows` rows as text, and
 * the built-in format whose mapping the columns fit, if one does. Nothing here counts or checks
 * events: the import does that, with the line of each error.
 */
import { open, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { utf16Of } from './encoding.js';
import { ImportError } from './events.js';
import { readJson } from './json.js';
import { collect, compilePath } from './paths.js';
import { Source } from './source.js';
import { PRESETS, columnsOf, formatOf, type ColumnMapping } from './mapping.js';
import { previewCsv } from './index.js';
import { presetMapping, tryMapping } from './trial.js';
import type { FilePreview } from '../api/import-model.js';

export type { FilePreview };

/**
 * JSON (any shape the importer reads: JSON Lines, a whole document, objects run together,
 * pretty-printed, gzip or not): the first `rows` records, read as the import reads them (the
 * mapping's record paths, when it has some), their keys in the order first seen.
 */
async function previewJsonl(file: string, rows: number, mapping: ColumnMapping | undefined): Promise<{ columns: string[]; rows: string[][] }> {
  const src = await Source.open(file, { chunk: 1 << 16, kind: 'jsonl' });
  const columns: string[] = [];
  const objects: Record<string, unknown>[] = [];
  const paths = (mapping?.records === undefined ? [] : Array.isArray(mapping.records) ? mapping.records : [mapping.records]).map((r) => compilePath(typeof r === 'string' ? r : r.path));
  const enough = new Error('enough');
  const take = (o: unknown, line: number) => {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new ImportError('INVALID_FILE', file, line, null, 'is not a JSON object (or an array of objects)');
    for (const k of Object.keys(o)) if (!columns.includes(k)) columns.push(k);
    objects.push(o as Record<string, unknown>);
    if (objects.length >= rows) throw enough;
  };
  try {
    if (rows > 0) {
      await readJson(src, (v, line) => {
        for (const p of paths) {
          if (typeof p === 'string') continue;
          const found: unknown[] = [];
          collect(v, p.steps, 0, found);
          if (found.length > 0) {
            for (const r of found) take(r, line);
            return;
          }
        }
        take(v, line);
      });
    }
  } catch (e) {
    if (e !== enough) throw e;
  } finally {
    await src.close();
  }
  const cell = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return { columns, rows: objects.slice(0, rows).map((o) => columns.map((c) => cell(o[c]))) };
}

/** The built-in format whose mapping's required columns are all among `columns`, preferring vendor presets. */
export function suggestFormat(kind: 'csv' | 'jsonl', columns: string[]): string | null {
  const have = new Set(columns.map((c) => (kind === 'csv' ? c.trim().toLowerCase() : c)));
  const has = (m: ColumnMapping, f: 'messageId' | 'event' | 'timestamp' | 'route') => columnsOf(m, f).some((c) => have.has(kind === 'csv' ? c.trim().toLowerCase() : c));
  const fits = Object.entries(PRESETS).filter(
    ([, p]) =>
      p.kind === kind &&
      has(p.mapping, 'messageId') &&
      has(p.mapping, 'event') &&
      has(p.mapping, 'timestamp') &&
      (has(p.mapping, 'route') || p.mapping.defaults?.route !== undefined || p.mapping.routeFrom !== undefined),
  );
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
      let head = b.subarray(0, bytesRead);
      if (head[0] === 0x1f && head[1] === 0x8b) {
        // gzip: its text's first bytes
        const whole = await fh.read(Buffer.alloc(1 << 16), 0, 1 << 16, 0);
        try {
          head = gunzipSync(whole.buffer.subarray(0, whole.bytesRead), { finishFlush: 2 /* Z_SYNC_FLUSH: a cut stream is fine */ }).subarray(0, 64);
        } catch {
          return 'csv';
        }
      }
      // UTF-16 with its byte order mark (source.ts decodes it): its first characters.
      const utf16 = utf16Of(head);
      const text = (utf16 ? new TextDecoder(utf16).decode(head) : head.toString('utf8')).replace(/^\uFEFF/, '').trimStart();
      return text.startsWith('{') || text.startsWith('[') ? 'jsonl' : 'csv';
    } finally {
      await fh.close();
    }
  } catch {
    return 'csv'; // the preview itself says why the file cannot be read
  }
}

/**
 * The file's first rows, its fields and status values, and the mapping (the caller's, else the
 * format's) tried on its first records (trial.ts). `mappingProblem`: why the caller's mapping
 * cannot be tried yet (it is then absent), said in the trial.
 */
export async function previewFile(
  file: string,
  options: { format?: string; mapping?: ColumnMapping; mappingProblem?: string; shape?: unknown; kind?: 'csv' | 'jsonl'; rows?: number; totalBytes?: number; now?: number } = {},
): Promise<FilePreview> {
  const rows = Math.max(0, Math.min(options.rows ?? 20, 1000));
  const kind = await kindOf(file, options.format, options.mapping, options.kind);
  const totalBytes = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  if (kind === 'csv') {
    const delimiter = options.mapping?.delimiter ?? (options.format && PRESETS[options.format]?.mapping.delimiter) ?? undefined;
    const p = await previewCsv(file, rows, delimiter);
    const t = await tried(file, kind, options);
    return { file, kind, columns: p.columns, rows: p.rows, delimiter: p.delimiter, suggested: suggestFormat('csv', p.columns), totalBytes, ...t };
  }
  const p = await previewJsonl(file, Math.max(rows, 1), options.mapping ?? (options.format !== undefined ? PRESETS[options.format]?.mapping : undefined));
  if (p.columns.length === 0) throw new ImportError('INVALID_FILE', file, null, null, 'the file holds no JSON objects');
  const t = await tried(file, kind, options);
  return { file, kind, columns: p.columns, rows: p.rows, delimiter: null, suggested: suggestFormat('jsonl', p.columns), totalBytes, ...t };
}

async function tried(file: string, kind: 'csv' | 'jsonl', options: { format?: string; mapping?: ColumnMapping; mappingProblem?: string; shape?: unknown; now?: number }) {
  const mapping = options.mapping ?? presetMapping(options.format);
  return tryMapping(file, { kind, mapping, mappingProblem: options.mappingProblem ?? null, shape: options.shape, now: options.now ?? Date.now() });
}
