/**
 * Pilot evidence from event logs (MODEL.md section 8): the generic event CSV and JSON Lines, read as
 * a stream (strict UTF-8, a BOM allowed), every event checked, deduplicated and counted. Nothing is
 * written here: the caller commits the result in one transaction, so a file that fails anywhere
 * changes nothing. Errors name the file, the line and the field.
 */
import { parse } from 'csv-parse';
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { Counter } from './counter.js';
import { EVENT_NAMES, ImportError, parseRoute, parseTimestamp, type EventName, type ImportEvent, type ImportResult } from './events.js';

export { ImportError, parseRoute } from './events.js';
export type { ImportResult, RouteCounts } from './events.js';

export const FORMATS = ['events-csv', 'events-jsonl'] as const;
export type ImportFormat = (typeof FORMATS)[number];

export interface ImportProgress { bytesRead: number; totalBytes: number }

export interface ImportOptions {
  format?: ImportFormat;
  /** Epoch ms of the import: later timestamps are reported as 'future-timestamp'. */
  now: number;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

/** The generic CSV's columns (snake_case); the JSON Lines keys are their camelCase. */
export const CSV_COLUMNS = ['event_id', 'message_id', 'recipient', 'route', 'cohort', 'event', 'failure_reason', 'timestamp', 'segments', 'price'] as const;
const REQUIRED = ['message_id', 'route', 'event', 'timestamp'] as const;
const EVENTS = new Set<string>(EVENT_NAMES);

export function formatOf(file: string): ImportFormat {
  return /\.(jsonl|ndjson)$/i.test(file) ? 'events-jsonl' : 'events-csv';
}

/** Checks the bytes as they pass: strict UTF-8, no NUL (a binary file), counts lines for errors. */
class Gate extends Transform {
  private decoder = new TextDecoder('utf-8', { fatal: true });
  private lines = 1;
  bytes = 0;
  constructor(
    private readonly file: string,
    private readonly progress: (bytes: number) => void,
  ) {
    super();
  }
  /** The line of a byte of this chunk. */
  private lineAt(chunk: Buffer, at: number): number {
    let line = this.lines;
    for (let i = chunk.indexOf(10); i >= 0 && i < at; i = chunk.indexOf(10, i + 1)) line++;
    return line;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const nul = chunk.indexOf(0);
    if (nul >= 0) return done(new ImportError('INVALID_FILE', this.file, this.lineAt(chunk, nul), null, 'the file holds binary data (a NUL byte), not text'));
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      // The longest prefix of the chunk that decodes: the first bad byte follows it.
      let lo = 0;
      let hi = chunk.length;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, mid), { stream: true });
          lo = mid;
        } catch {
          hi = mid - 1;
        }
      }
      return done(new ImportError('INVALID_FILE', this.file, this.lineAt(chunk, lo), null, `the file is not UTF-8 text (byte 0x${chunk[lo]?.toString(16).padStart(2, '0')})`));
    }
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) this.lines++;
    this.bytes += chunk.length;
    this.progress(this.bytes);
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    try {
      this.decoder.decode();
      done();
    } catch {
      done(new ImportError('INVALID_FILE', this.file, this.lines, null, 'the file ends inside a UTF-8 character'));
    }
  }
}

function event(file: string, line: number, get: (field: string) => string | undefined, label: (field: string) => string = (f) => f): ImportEvent {
  const field = (name: string, required: boolean): string | null => {
    const v = get(name)?.trim() ?? '';
    if (v === '') {
      if (required) throw new ImportError('INVALID_FILE', file, line, label(name), 'is missing or empty');
      return null;
    }
    return v;
  };
  const messageId = field('message_id', true)!;
  const route = field('route', true)!;
  if (!parseRoute(route)) throw new ImportError('INVALID_FILE', file, line, label('route'), `${JSON.stringify(route)} is not a route such as sms/US, whatsapp/IN/marketing or email`);
  const name = field('event', true)!;
  if (!EVENTS.has(name)) throw new ImportError('INVALID_FILE', file, line, label('event'), `unknown event ${JSON.stringify(name)} (events: ${EVENT_NAMES.join(', ')})`);
  const ts = field('timestamp', true)!;
  const timestamp = parseTimestamp(ts);
  if (timestamp === null) throw new ImportError('INVALID_FILE', file, line, label('timestamp'), `${JSON.stringify(ts)} is not a time (ISO 8601 with Z or an offset, or epoch seconds)`);
  const cohort = field('cohort', false) ?? 'exposed';
  if (cohort !== 'exposed' && cohort !== 'holdout') throw new ImportError('INVALID_FILE', file, line, label('cohort'), `must be exposed or holdout, got ${JSON.stringify(cohort)}`);
  return { line, eventId: field('event_id', false), messageId, route, cohort, event: name as EventName, failureReason: field('failure_reason', false), timestamp };
}

export async function importEvents(file: string, options: ImportOptions): Promise<ImportResult> {
  let total: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new ImportError('FILE_ERROR', file, null, null, 'is not a file');
    total = st.size;
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('FILE_ERROR', file, null, null, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message);
  }
  if (total === 0) throw new ImportError('INVALID_FILE', file, null, null, 'the file is empty');
  const format = options.format ?? formatOf(file);
  const counter = new Counter(options.now);
  let lastReport = 0;
  const gate = new Gate(file, (bytes) => {
    if (options.onProgress && (bytes - lastReport >= 1 << 20 || bytes === total)) {
      lastReport = bytes;
      options.onProgress({ bytesRead: bytes, totalBytes: total });
    }
  });
  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  const abort = () => source.destroy(new ImportError('CANCELLED', file, null, null, 'the import was cancelled; nothing was written'));
  if (options.signal?.aborted) abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  source.on('error', (e) => gate.destroy(e));
  const piped = source.pipe(gate);
  try {
    if (format === 'events-csv') await readCsv(file, piped, counter);
    else await readJsonl(file, piped, counter);
  } catch (e) {
    source.destroy();
    if (e instanceof ImportError) throw e;
    throw new ImportError('INVALID_FILE', file, null, null, (e as Error).message);
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
  if (counter.events === 0) throw new ImportError('INVALID_FILE', file, null, null, 'the file holds no events');
  return counter.result(file);
}

async function readCsv(file: string, input: PassThrough | Transform, counter: Counter): Promise<void> {
  const parser = input.pipe(parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: false }));
  input.on('error', (e) => parser.destroy(e));
  let columns: Map<string, number> | null = null;
  let prevEnd = 0;
  let prevEmpty = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
      const line = prevEnd + 1 + (info.empty_lines - prevEmpty);
      prevEnd = info.lines;
      prevEmpty = info.empty_lines;
      if (!columns) {
        columns = new Map(record.map((c, i) => [c.trim().toLowerCase(), i]));
        for (const r of REQUIRED) {
          if (!columns.has(r)) throw new ImportError('INVALID_FILE', file, line, r, `the header has no ${r} column (columns of the generic event CSV: ${CSV_COLUMNS.join(', ')})`);
        }
        continue;
      }
      const cols = columns;
      counter.add(event(file, line, (f) => {
        const i = cols.get(f);
        return i === undefined ? undefined : record[i];
      }));
    }
  } catch (e) {
    if (e instanceof ImportError) throw e;
    const err = e as { code?: string; lines?: number; message: string };
    if (err.code?.startsWith('CSV_')) throw new ImportError('INVALID_FILE', file, err.lines ?? null, null, err.message.replace(/^Invalid Record Length: /, '').replace(/^Invalid Opening Quote: /, ''));
    throw e;
  }
  if (!columns) throw new ImportError('INVALID_FILE', file, null, null, 'the file holds no header line');
}

const JSON_KEYS: Record<string, string> = {
  event_id: 'eventId',
  message_id: 'messageId',
  route: 'route',
  cohort: 'cohort',
  event: 'event',
  failure_reason: 'failureReason',
  timestamp: 'timestamp',
};

async function readJsonl(file: string, input: PassThrough | Transform, counter: Counter): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  input.on('error', (e) => lines.emit('error', e));
  let n = 0;
  for await (const raw of lines) {
    n++;
    const text = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      throw new ImportError('INVALID_FILE', file, n, null, `not a JSON object (${(e as Error).message})`);
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new ImportError('INVALID_FILE', file, n, null, 'each line must be a JSON object');
    const o = obj as Record<string, unknown>;
    counter.add(
      event(
        file,
        n,
        (f) => {
          const v = o[JSON_KEYS[f] ?? f];
          return v === undefined || v === null ? undefined : String(v);
        },
        (f) => JSON_KEYS[f] ?? f,
      ),
    );
  }
}
