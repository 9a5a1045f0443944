/**
 * Pilot evidence from event logs (MODEL.md section 8): the generic event CSV and JSON Lines,
 * vendor presets (Twilio's message log, SendGrid's Event Webhook) and any other CSV or JSON Lines
 * through a column mapping, read as a stream (strict UTF-8, a BOM allowed), every row checked,
 * deduplicated and counted per route and cohort, anomalies reported with their lines. Nothing is
 * written here: the caller commits the result in one transaction, so a file that fails anywhere,
 * or an import that is cancelled, changes nothing. Errors name the file, the line and the field.
 */
import { holdoutStats, type HoldoutResult } from '../engine/stats.js';
import { readCsv } from './csv.js';
import { ImportError, type ImportResult } from './events.js';
import { JsonRecords, jsonSlots, readJson } from './json.js';
import { NUMBER_SLOT, PRESETS, checkMapping, formatOf, slotNames, type ColumnMapping } from './mapping.js';
import { readRouteCounts } from './route-counts.js';
import { F_EVENT, F_MESSAGE_ID, F_ROUTE, F_TIMESTAMP, RowBuilder, fieldLabels } from './rows.js';
import { Source, cancelled, type ImportProgress } from './source.js';

export { ImportError, parseRoute, EVENT_NAMES } from './events.js';
export type { AnomalyKind, EventName, ImportErrorCode, ImportResult, RouteCounts } from './events.js';
export { CSV_COLUMNS, FORMAT_NAMES, MODEL_FIELDS, PRESETS, checkMapping, formatOf } from './mapping.js';
export type { ColumnMapping, ModelField, Preset, Qualifier, RecordPath, RouteRule } from './mapping.js';
export { parseTimestamp } from './time.js';
export { previewFile, suggestFormat, type FilePreview } from './preview.js';
export type { ImportProgress } from './source.js';

export interface ImportOptions {
  /**
   * 'events-csv' (the generic CSV of MODEL.md section 8), 'events-jsonl' (its JSON Lines), or a
   * preset's name (PRESETS). Absent: JSON Lines for `.jsonl`/`.ndjson` files, else the CSV.
   */
  format?: string;
  /**
   * Used instead of the format's own mapping (a custom CSV, or a preset with another default
   * route); the format then only says whether the file is CSV or JSON Lines.
   */
  mapping?: ColumnMapping;
  /** Epoch ms of the import: later timestamps are 'future-timestamp' anomalies. */
  now: number;
  /** After every chunk read (4 MiB) and at the end. */
  onProgress?: (p: ImportProgress) => void;
  /** Cancel: the import rejects with an ImportError of code 'CANCELLED' and returns nothing. */
  signal?: AbortSignal;
  /** Bytes read at a time (default 4 MiB); tests make it small to cut records, lines and characters. */
  chunkBytes?: number;
}

/** The format's kind and the mapping an import uses, checked. */
export function resolveFormat(file: string, options: Pick<ImportOptions, 'format' | 'mapping'>): { kind: 'csv' | 'jsonl'; mapping: ColumnMapping } {
  const format = options.format ?? formatOf(file);
  const preset = Object.prototype.hasOwnProperty.call(PRESETS, format) ? PRESETS[format] : undefined;
  if (!preset && options.mapping === undefined)
    throw new ImportError('INVALID_MAPPING', file, null, 'format', `unknown format ${JSON.stringify(format)} (formats: ${Object.keys(PRESETS).join(', ')}; or give a mapping)`);
  const kind = preset?.kind ?? (/jsonl$/i.test(format) ? 'jsonl' : 'csv');
  return { kind, mapping: checkMapping(options.mapping ?? preset!.mapping, file) };
}

export async function importEvents(file: string, options: ImportOptions): Promise<ImportResult> {
  if (options.format !== undefined && PRESETS[options.format]?.counts && options.mapping === undefined) {
    const src = await Source.open(file, { signal: options.signal, onProgress: options.onProgress, chunk: options.chunkBytes, kind: 'csv' });
    try {
      const r = await readRouteCounts(src);
      cancelled(file, options.signal);
      return r;
    } finally {
      await src.close();
    }
  }
  const { kind, mapping } = resolveFormat(file, options);
  const src = await Source.open(file, { signal: options.signal, onProgress: options.onProgress, chunk: options.chunkBytes, kind });
  let records: JsonRecords | null = null;
  try {
    let builder: RowBuilder | null = null;
    if (kind === 'csv') {
      const parser = await readCsv(src, mapping.delimiter, (columns, parser, line) => {
        const index = new Map<string, number>();
        columns.forEach((c, i) => {
          const k = c.trim().toLowerCase();
          if (!index.has(k)) index.set(k, i);
        });
        const cols = slotNames(mapping).map((names) => Int32Array.from(names.flatMap((name) => index.get(name.trim().toLowerCase()) ?? [])));
        const required = [F_MESSAGE_ID, ...(mapping.defaults?.route === undefined && !mapping.routeFrom ? [F_ROUTE] : []), F_EVENT, F_TIMESTAMP];
        const rule = mapping.routeFrom;
        if (rule && (rule.country === 'number' || rule.prefixes !== undefined)) required.push(NUMBER_SLOT);
        for (const f of required) {
          if (cols[f]!.length > 0) continue;
          const [name, ...others] = slotNames(mapping)[f]!;
          throw new ImportError(
            'INVALID_FILE',
            file,
            line,
            name!,
            `the header has no ${name} column${others.length ? ` (nor ${others.join(', ')})` : ''} (the file's columns: ${columns.map((c) => c.trim()).join(', ')})`,
          );
        }
        const b = (builder = new RowBuilder(file, mapping, options.now, cols, parser.names, fieldLabels(mapping), src.estimateRows()));
        return {
          row: (buf, _nf, l) => {
            b.record(buf, parser.starts, parser.ends, parser.esc, l);
            return false;
          },
          flush: () => b.flush(),
        };
      });
      if (!parser) throw new ImportError('INVALID_FILE', file, null, null, 'the file holds no header line');
    } else {
      const { keys, cols } = jsonSlots(mapping);
      const b = (builder = new RowBuilder(file, mapping, options.now, cols, keys, fieldLabels(mapping), Math.ceil(src.textBytes / 300)));
      const recs = (records = new JsonRecords(file, mapping, keys, cols, b));
      await readJson(
        src,
        (v, line, nth) => recs.value(v, line, nth),
        (buf, s, e, line, nth) => recs.bytes(buf, s, e, line, nth),
      );
      b.flush();
    }
    cancelled(file, options.signal);
    const b = builder as RowBuilder | null;
    if (!b || b.counter.events === 0) {
      const ignored = b?.ignoredCount ?? 0;
      const empty = records?.noRecords ?? 0;
      const paths = mapping.records === undefined ? '' : (Array.isArray(mapping.records) ? mapping.records : [mapping.records]).map((r) => (typeof r === 'string' ? r : r.path)).join(' or ');
      throw new ImportError(
        'INVALID_FILE',
        file,
        null,
        null,
        `the file holds no events${ignored ? ` (${ignored} records have statuses the ${options.format ?? 'mapping'} reads past)` : ''}${empty ? ` (${empty} JSON values hold no records at ${paths}: is it the right format?)` : ''}`,
      );
    }
    const r = b.result(file);
    if (records && records.noRecords > 0) r.ignored = { ...r.ignored, '(no records)': records.noRecords };
    return r;
  } finally {
    await src.close();
  }
}

/** The first rows of a CSV, for the mapping step: its columns as written, up to `rows` rows, the delimiter. */
export async function previewCsv(file: string, rows = 20, delimiter?: string): Promise<{ columns: string[]; rows: string[][]; delimiter: string }> {
  const src = await Source.open(file, { chunk: 1 << 16 });
  try {
    let columns: string[] = [];
    const out: string[][] = [];
    const parser = await readCsv(src, delimiter, (cols, p) => {
      columns = cols.map((c) => c.trim());
      p.fields = 0; // a preview shows rows as they are; the import checks their length
      if (rows <= 0) return null;
      return {
        row: (buf, nf) => {
          const r: string[] = [];
          for (let i = 0; i < nf; i++) r.push(p.text(buf, i));
          out.push(r);
          return out.length >= rows;
        },
      };
    });
    if (!parser) throw new ImportError('INVALID_FILE', file, null, null, 'the file holds no header line');
    return { columns, rows: out, delimiter: String.fromCharCode(parser.delim) };
  } finally {
    await src.close();
  }
}

/** MODEL.md section 10 per route with holdout members and messages sent: exposed converted/sent against holdout converted/members. */
export function holdoutLift(result: ImportResult): Record<string, HoldoutResult> {
  const out: Record<string, HoldoutResult> = {};
  for (const [route, c] of Object.entries(result.counts)) {
    if (c.holdout && c.holdout.members > 0 && c.sent > 0) out[route] = holdoutStats(c.converted, c.sent, c.holdout.converted, c.holdout.members);
  }
  return out;
}
