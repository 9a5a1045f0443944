/**
 * JSON Lines: one JSON object a line (or one array of objects, as a webhook POSTs them); blank
 * lines are skipped, a CR before the LF is dropped. Each object's values for the mapping's keys
 * (top-level keys; strings, numbers or booleans) are written into one small buffer and handed to
 * the row builder as a CSV record would be, so both formats share every check and key.
 */
import { ImportError } from './events.js';
import { MODEL_FIELDS, columnsOf, type ColumnMapping } from './mapping.js';
import type { Source } from './source.js';

export interface JsonlSink {
  /** One object's values; buf[starts[i], ends[i]) is key i's; buf is not changed before flush. */
  record(buf: Uint8Array, starts: Int32Array, ends: Int32Array, esc: Uint8Array, line: number): void;
  flush(): void;
}

/** The keys the mapping reads (the record's slots) and, per field, its slots in order. */
export function jsonlSlots(mapping: ColumnMapping): { keys: string[]; cols: Int32Array[] } {
  const keys: string[] = [];
  const cols = MODEL_FIELDS.map((f) =>
    Int32Array.from(
      columnsOf(mapping, f).map((k) => {
        const i = keys.indexOf(k);
        return i >= 0 ? i : keys.push(k) - 1;
      }),
    ),
  );
  return { keys, cols };
}

export async function readJsonl(src: Source, keys: string[], sink: JsonlSink): Promise<void> {
  const file = src.file;
  const n = keys.length;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const esc = new Uint8Array(n);
  let scratch = Buffer.alloc(1 << 17);
  let off = 0; // values are written one after the other until the sink has taken them (flush)

  const event = (o: unknown, line: number) => {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new ImportError('INVALID_FILE', file, line, null, 'each line must be a JSON object (or an array of JSON objects)');
    const obj = o as Record<string, unknown>;
    if (off > 1 << 16) {
      sink.flush();
      off = 0;
    }
    for (let i = 0; i < n; i++) {
      const v = Object.prototype.hasOwnProperty.call(obj, keys[i]!) ? obj[keys[i]!] : undefined;
      starts[i] = ends[i] = off;
      if (v === undefined || v === null) continue;
      let s: string;
      if (typeof v === 'string') s = v;
      else if (typeof v === 'number' || typeof v === 'boolean') s = String(v);
      else throw new ImportError('INVALID_FILE', file, line, keys[i]!, 'must be a string or a number');
      if (off + 3 * s.length > scratch.length) {
        const bigger = Buffer.alloc(2 * (off + 3 * s.length));
        scratch.copy(bigger, 0, 0, off);
        scratch = bigger;
      }
      off += scratch.write(s, off, 'utf8');
      ends[i] = off;
    }
    sink.record(scratch, starts, ends, esc, line);
  };

  while (await src.fill()) {
    const buf = src.buf;
    const end = src.end;
    let pos = src.start;
    let line = src.line;
    for (;;) {
      const nl = buf.indexOf(10, pos); // the sentinel at `end` bounds the search
      if (nl < 0 || nl >= end) {
        if (!src.eof || pos >= end) break;
      }
      const stop = nl < 0 || nl > end ? end : nl;
      let e = stop;
      if (e > pos && buf[e - 1] === 13) e--;
      let s = pos;
      while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
      if (s < e) {
        let value: unknown;
        try {
          value = JSON.parse(buf.toString('utf8', s, e));
        } catch (err) {
          throw new ImportError('INVALID_FILE', file, line, null, `not a JSON object (${(err as Error).message})`);
        }
        if (Array.isArray(value)) for (const o of value) event(o, line);
        else event(value, line);
      }
      pos = stop + 1;
      line++;
      if (pos > end) break;
    }
    src.start = Math.min(pos, end);
    src.line = line;
  }
  sink.flush();
}
