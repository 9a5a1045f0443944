/**
 * JSON in every shape vendors deliver it, as a stream: JSON Lines (one value a line), a whole JSON
 * document (an array of records, or one webhook body holding many events), objects concatenated
 * with no separator (Firehose output to S3) and pretty-printed JSON spanning lines; gzip or not
 * (source.ts). The splitter finds each top-level value's end (tracking strings, escapes and depth),
 * and the elements of a top-level array one at a time, so a large file never sits in memory: only
 * one value is read at a time. Lines are counted as it goes; a value's line is the line it starts
 * on. A line that is a whole value (JSON Lines) is taken without the byte scan.
 *
 * Each value is read by the selective reader (scan.ts), which takes from its bytes only the records
 * and fields the mapping's paths reach; what it does not take (text that is not one JSON value,
 * and the few shapes it leaves alone, listed there) is JSON.parse'd as before, its records found by
 * path (paths.ts), so a file's records and errors are JSON.parse's either way. Each value gives
 * records (the mapping's record paths), each record one event, or one per recipient (a recipient
 * path with []): the values of the mapping's fields are written into one small buffer and handed to
 * the row builder as a CSV record would be, so every format shares every check and key.
 */
import { ImportError } from './events.js';
import { slotNames, type ColumnMapping } from './mapping.js';
import { collect, compilePath, keyPath, valueAt, type Path } from './paths.js';
import { BYTES_NUMBER, BYTES_STRING, NONE, SelectiveReader, VALUE } from './scan.js';
import type { Source } from './source.js';

export interface JsonSink {
  /** One record's values; buf[starts[i], ends[i]) is key i's; buf is not changed before flush. */
  record(buf: Uint8Array, starts: Int32Array, ends: Int32Array, esc: Uint8Array, line: number): void;
  flush(): void;
}

/** A line longer than this is not tried whole (a Firehose file may be one line of many objects). */
const LINE_LIMIT = 1 << 20;

/** The keys (paths) the mapping reads and, per slot, its keys in order. */
export function jsonSlots(mapping: ColumnMapping): { keys: string[]; cols: Int32Array[] } {
  const keys: string[] = [];
  const cols = slotNames(mapping).map((names) =>
    Int32Array.from(
      names.map((k) => {
        const i = keys.indexOf(k);
        return i >= 0 ? i : keys.push(k) - 1;
      }),
    ),
  );
  return { keys, cols };
}

/** Records of each JSON value, into the sink. */
export class JsonRecords {
  private readonly paths: Path[];
  private readonly records: Path[] | null;
  /** Per record path, the status value its records have (or null: their own). */
  private readonly statuses: (string | null)[] | null;
  private readonly empty: Set<string>;
  /** The empty values as UTF-8, for fields read as bytes (scan.ts). */
  private readonly emptyBytes: Buffer[];
  /** The selective reader of the mapping's paths (scan.ts), or null: every value is JSON.parse'd. */
  private readonly reader: SelectiveReader | null;
  /** The key the event is read from first (a record path's status goes there). */
  private readonly eventKey: number;
  private status: string | null = null;
  private readonly n: number;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly esc: Uint8Array;
  private readonly values: unknown[];
  private scratch = Buffer.alloc(1 << 17);
  private off = 0;
  /** Values in which no record path reached anything. */
  noRecords = 0;
  /** The import screen's preview (trial.ts): each record found, before its events; null in an import. */
  onRecord: ((record: unknown, line: number, status: string | null) => void) | null = null;

  /** Per key, whether it is the first key of some slot (a field read first), and whether it is an event id's. */
  private readonly slotsOfKey: number[][];
  private readonly isEventId: boolean[];
  private readonly active: boolean[];

  constructor(
    private readonly file: string,
    mapping: ColumnMapping,
    readonly keys: string[],
    private readonly cols: Int32Array[],
    private readonly sink: JsonSink,
  ) {
    const v2 = mapping.version === 2;
    const compiled = (p: string): Path => {
      const c = compilePath(p);
      if (typeof c === 'string') throw new ImportError('INVALID_MAPPING', file, null, 'mapping', `${JSON.stringify(p)}: ${c}`);
      return c;
    };
    this.paths = keys.map((k) => (v2 ? compiled(k) : keyPath(k)));
    const rec = mapping.records === undefined ? null : Array.isArray(mapping.records) ? mapping.records : [mapping.records];
    this.records = rec && rec.map((r) => compiled(typeof r === 'string' ? r : r.path));
    this.statuses = rec && rec.map((r) => (typeof r === 'string' ? null : r.status));
    this.empty = new Set(mapping.empty ?? []);
    this.emptyBytes = [...this.empty].map((v) => Buffer.from(v, 'utf8'));
    this.reader = SelectiveReader.of(this.records, this.paths);
    this.eventKey = cols[5]!.length > 0 ? cols[5]![0]! : -1;
    this.n = keys.length;
    this.starts = new Int32Array(this.n);
    this.ends = new Int32Array(this.n);
    this.esc = new Uint8Array(this.n);
    this.values = new Array<unknown>(this.n);
    this.slotsOfKey = keys.map(() => []);
    cols.forEach((list, slot) => list.forEach((k) => this.slotsOfKey[k]!.push(slot)));
    this.isEventId = keys.map((_, k) => cols[0]!.includes(k));
    this.active = keys.map(() => false);
  }

  /**
   * One top-level value (or element of a top-level array) starting on `line`, the nth to start on
   * it: an error in its records names it when the line holds several (a Firehose file is one line).
   */
  value(v: unknown, line: number, nth = 1): void {
    if (nth === 1) {
      this.records1(v, line);
      return;
    }
    try {
      this.records1(v, line);
    } catch (e) {
      throw nthValue(e, line, nth);
    }
  }

  /**
   * The same for the value whose text is b[s, e) (a whole value, white space around it allowed),
   * read by the selective reader: true when it was; false (nothing done) when the text is left to
   * JSON.parse, the caller's to do (text that is not one JSON value, or the preview's onRecord,
   * which wants whole records).
   */
  bytes(b: Buffer, s: number, e: number, line: number, nth: number): boolean {
    if (!this.reader || this.onRecord || !this.reader.read(b, s, e)) return false;
    if (nth === 1) this.scanned(line);
    else {
      try {
        this.scanned(line);
      } catch (e) {
        throw nthValue(e, line, nth);
      }
    }
    return true;
  }

  /** The records the selective reader found, as records1 takes them from JSON.parse's value. */
  private scanned(line: number): void {
    const r = this.reader!;
    let paths = 0;
    for (let k = 0; k < r.count; k++) paths |= r.found[k]!;
    if (paths === 0) {
      this.noRecords++;
      return;
    }
    const q = 31 - Math.clz32(paths & -paths); // the first record path that found any
    const status = this.statuses ? this.statuses[q]! : null;
    const { n, starts, ends, esc } = this;
    for (let k = 0; k < r.count; k++) {
      if ((r.found[k]! & (1 << q)) === 0) continue;
      if (this.off > 1 << 16) {
        this.sink.flush();
        this.off = 0;
      }
      const at = k * n;
      for (let i = 0; i < n; i++) {
        starts[i] = ends[i] = this.off;
        const kind = i === this.eventKey && status !== null ? VALUE : r.kind[at + i]!;
        if (kind === NONE) continue;
        if (kind === BYTES_STRING || kind === BYTES_NUMBER) {
          // A string's or an integer's bytes as the file writes them: the UTF-8 that String(v) would write.
          const s = r.start[at + i]!;
          const e = r.end[at + i]!;
          const b = r.bytes;
          if (kind === BYTES_STRING && this.emptyBytes.length > 0 && this.isEmpty(b, s, e)) continue;
          if (this.off + e - s > this.scratch.length) this.grow(e - s);
          const out = this.scratch;
          let o = this.off;
          for (let j = s; j < e; j++) out[o++] = b[j]!;
          ends[i] = this.off = o;
          continue;
        }
        const v = i === this.eventKey && status !== null ? status : r.value[at + i];
        if (typeof v === 'string') {
          if (this.empty.size === 0 || !this.empty.has(v)) this.text(i, v);
        } else this.text(i, String(v));
      }
      this.sink.record(this.scratch, starts, ends, esc, line);
    }
  }

  /** Key i's value s, written into scratch. */
  private text(i: number, s: string): void {
    if (this.off + 3 * s.length > this.scratch.length) this.grow(3 * s.length);
    this.off += this.scratch.write(s, this.off, 'utf8');
    this.ends[i] = this.off;
  }

  private records1(v: unknown, line: number): void {
    if (!this.records) {
      this.record(v, line, null);
      return;
    }
    const found: unknown[] = [];
    for (let q = 0; q < this.records.length; q++) {
      const p = this.records[q]!;
      collect(v, p.steps, 0, found);
      // A string there is a record when it holds JSON (SNS's Message); other text is no record.
      let k = 0;
      for (const r of found) {
        const o = typeof r === 'string' ? embedded(r) : r;
        if (typeof o === 'string') continue;
        found[k++] = o;
      }
      found.length = k;
      if (k > 0) {
        this.status = this.statuses![q]!;
        for (const r of found) this.record(r, line, p);
        this.status = null;
        return;
      }
    }
    this.noRecords++;
  }

  private record(o: unknown, line: number, from: Path | null): void {
    const { file, n, paths, starts, ends, esc, values, cols, active } = this;
    if (this.onRecord) this.onRecord(o, line, this.status);
    if (o === null || typeof o !== 'object' || Array.isArray(o)) {
      throw new ImportError('INVALID_FILE', file, line, from?.text ?? null, from ? 'a record there must be a JSON object' : 'each record must be a JSON object (or an array of JSON objects)');
    }
    if (this.off > 1 << 16) {
      this.sink.flush();
      this.off = 0;
    }
    let anyMany = false;
    for (let i = 0; i < n; i++) {
      const p = paths[i]!;
      if (p.many) {
        const list: unknown[] = [];
        collect(o, p.steps, 0, list);
        values[i] = list;
        anyMany = true;
      } else values[i] = p.steps.length === 1 && 'key' in p.steps[0]! ? own(o, p.steps[0].key) : valueAt(o, p.steps);
    }
    if (this.status !== null && this.eventKey >= 0) values[this.eventKey] = this.status;
    // A path with [] gives one event per element: the fields read (the first of each field's paths
    // with a value) that hold lists are paired by index, and must be as long as one another.
    let rows = 1;
    let lead = -1;
    if (anyMany) {
      active.fill(false);
      for (const list of cols) {
        for (let j = 0; j < list.length; j++) {
          const k = list[j]!;
          const v = values[k];
          if (paths[k]!.many ? (v as unknown[]).length > 0 : v !== undefined && v !== null && v !== '') {
            active[k] = true;
            break;
          }
        }
      }
      for (let i = 0; i < n; i++) {
        if (!active[i] || !paths[i]!.many) continue;
        const len = (values[i] as unknown[]).length;
        if (lead >= 0 && len !== rows) throw new ImportError('INVALID_FILE', file, line, paths[i]!.text, `holds ${len} values where ${paths[lead]!.text} holds ${rows}: the format cannot pair them`);
        if (lead < 0) {
          lead = i;
          rows = len;
        }
      }
    }
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < n; i++) {
        let v = values[i];
        if (paths[i]!.many) v = (v as unknown[])[r];
        starts[i] = ends[i] = this.off;
        if (v === undefined || v === null) continue;
        let s: string;
        if (typeof v === 'string') {
          s = v;
          if (this.empty.size > 0 && this.empty.has(s)) continue;
        } else if (typeof v === 'number' || typeof v === 'boolean') s = String(v);
        else throw new ImportError('INVALID_FILE', file, line, paths[i]!.text, 'must be a string or a number');
        // One record, several events: an event id is theirs together, so each takes it with its element.
        if (lead >= 0 && rows > 1 && this.isEventId[i] && s !== '') s = `${s}\u001f${String((values[lead] as unknown[])[r])}`;
        if (this.off + 3 * s.length > this.scratch.length) this.grow(3 * s.length);
        this.off += this.scratch.write(s, this.off, 'utf8');
        ends[i] = this.off;
      }
      this.sink.record(this.scratch, starts, ends, esc, line);
    }
  }

  /** Room for n more bytes in scratch. */
  private grow(n: number): void {
    const bigger = Buffer.alloc(2 * (this.off + n));
    this.scratch.copy(bigger, 0, 0, this.off);
    this.scratch = bigger;
  }

  private isEmpty(b: Buffer, s: number, e: number): boolean {
    for (const x of this.emptyBytes) if (x.length === e - s && b.compare(x, 0, x.length, s, e) === 0) return true;
    return false;
  }
}

/** An error in the records of the nth value on its line, saying which value. */
function nthValue(e: unknown, line: number, nth: number): unknown {
  if (e instanceof ImportError && e.code === 'INVALID_FILE' && e.line === line) return new ImportError(e.code, e.file, e.line, e.field, `(the ${ordinal(nth)} JSON value on this line) ${e.detail}`);
  return e;
}

function ordinal(n: number): string {
  const t = n % 100;
  return `${n}${t >= 11 && t <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th'}`;
}

function own(o: object, k: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, k) ? (o as Record<string, unknown>)[k] : undefined;
}

function embedded(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

let scannedLines = 0;

/**
 * The end of the JSON value (object or array) starting at b[i] (after its closing bracket), or -1
 * when it goes past `end`; counts its line ends in scannedLines.
 */
function scanValue(b: Uint8Array, i: number, end: number): number {
  let depth = 0;
  let lines = 0;
  while (i < end) {
    const c = b[i]!;
    if (c === 34) {
      i++;
      while (i < end) {
        const d = b[i]!;
        if (d === 92) i += 2;
        else if (d === 34) break;
        else i++;
      }
      if (i >= end) return -1;
      i++;
      continue;
    }
    if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      if (--depth === 0) {
        scannedLines = lines;
        return i + 1;
      }
    } else if (c === 10) lines++;
    i++;
  }
  return -1;
}

/** What a value starting with byte c is (from its first byte alone: the same whatever the chunks). */
function what(c: number): string {
  if (c === 34) return 'a string';
  if (c === 45 || (c >= 48 && c <= 57)) return 'a number';
  if (c === 116 || c === 102) return 'true or false';
  if (c === 110) return 'null';
  if (c === 91) return 'an array';
  if (c === 93 || c === 125) return `a ${String.fromCharCode(c)} with nothing open`;
  if (c > 32 && c < 127) return `the character ${String.fromCharCode(c)}, which is not JSON`;
  return `the byte 0x${c.toString(16).padStart(2, '0')}, which is not JSON`;
}

/**
 * Every top-level JSON value of the file (the elements of a top-level array one by one), with its
 * line. `onText`, when given, is offered each value's text first (b[s, e)): true when it has taken
 * the value (JsonRecords.bytes, the selective reader); false leaves it to JSON.parse and `onValue`,
 * as without it.
 */
export async function readJson(src: Source, onValue: (v: unknown, line: number, nth: number) => void, onText?: (b: Buffer, s: number, e: number, line: number, nth: number) => boolean): Promise<void> {
  const file = src.file;
  // The values that start on one line are numbered (objects run together share line 1).
  let lastLine = 0;
  let nth = 0;
  const give = (v: unknown, line: number) => {
    nth = line === lastLine ? nth + 1 : 1;
    lastLine = line;
    onValue(v, line, nth);
  };
  /** The text b[s, e) of a value on `line`, offered to onText: true when taken (and numbered). */
  const text = (b: Buffer, s: number, e: number, line: number): boolean => {
    const n = line === lastLine ? nth + 1 : 1;
    if (!onText!(b, s, e, line, n)) return false;
    nth = n;
    lastLine = line;
    return true;
  };
  let lineMode = true;
  let inArray = false;
  let arrayLine = 0;
  /** In an array: 0 after [, 1 after an element, 2 after a comma. */
  let after = 0;
  const parse = (b: Buffer, s: number, e: number, line: number): unknown => {
    try {
      return JSON.parse(b.toString('utf8', s, e));
    } catch (err) {
      throw new ImportError('INVALID_FILE', file, line, null, `not a JSON object (${(err as Error).message})`);
    }
  };
  while (await src.fill()) {
    const buf = src.buf;
    const end = src.end;
    let pos = src.start;
    let line = src.line;
    for (;;) {
      while (pos < end) {
        const c = buf[pos]!;
        if (c === 10) line++;
        else if (c !== 32 && c !== 9 && c !== 13) break;
        pos++;
      }
      if (pos >= end) break;
      const c = buf[pos]!;
      if (inArray) {
        if (c === 93 /* ] */) {
          if (after === 2) throw new ImportError('INVALID_FILE', file, line, null, 'a comma before ] (the array of records ends with a comma)');
          inArray = false;
          pos++;
          continue;
        }
        if (after === 1) {
          if (c !== 44) throw new ImportError('INVALID_FILE', file, line, null, `expected a comma or ] after a record of the array that starts on line ${arrayLine}, found ${what(c)}`);
          after = 2;
          pos++;
          continue;
        }
      } else if (c === 91 /* [ */) {
        inArray = true;
        arrayLine = line;
        after = 0;
        pos++;
        continue;
      }
      if (c !== 123 /* { */) throw new ImportError('INVALID_FILE', file, line, null, `each record must be a JSON object, found ${what(c)}`);
      if (lineMode && !inArray) {
        const nl = buf.indexOf(10, pos); // the sentinel at `end` bounds it
        if (nl >= end && !src.eof && end - pos < LINE_LIMIT) {
          // The line goes on in the next chunk; but when a whole value has ended in it already, with
          // more after it, the file is not JSON Lines (objects run together): scan from here on.
          const stop = scanValue(buf, pos, end);
          if (stop < 0 || stop >= end) break;
          lineMode = false;
        } else if (nl < end || src.eof) {
          let e = Math.min(nl < 0 ? end : nl, end);
          while (e > pos && (buf[e - 1] === 13 || buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
          if (buf[e - 1] === 125) {
            if (onText && text(buf, pos, e, line)) {
              pos = e;
              continue;
            }
            let v: unknown;
            let ok = true;
            try {
              v = JSON.parse(buf.toString('utf8', pos, e));
            } catch {
              ok = false;
              lineMode = false; // not JSON Lines (objects run together, or a line holds more): scan from here on
            }
            if (ok) {
              give(v, line);
              pos = e;
              continue;
            }
          }
        } else lineMode = false;
      }
      const stop = scanValue(buf, pos, end);
      if (stop < 0) {
        if (src.eof) throw new ImportError('INVALID_FILE', file, line, null, 'not a JSON object: what starts on this line is not closed before the end of the file');
        break;
      }
      const lines = scannedLines;
      if (!onText || !text(buf, pos, stop, line)) give(parse(buf, pos, stop, line), line);
      line += lines;
      pos = stop;
      if (inArray) after = 1;
    }
    src.start = Math.min(pos, end);
    src.line = line;
  }
  if (inArray) throw new ImportError('INVALID_FILE', file, arrayLine, null, 'the array of records that starts on this line is not closed (the file ends before its ])');
}
