/**
 * CSV, read at the byte level (RFC 4180 with the usual liberties): a header line naming the
 * columns, fields split by one delimiter byte (detected from the header among `,` `;` tab `|`
 * unless the mapping names it), fields quoted with `"` may hold delimiters, line ends and doubled
 * quotes; line ends are LF, CRLF or a lone CR; empty lines are skipped. Strict where a lenient
 * reader would guess: a quote inside an unquoted field, text after a closing quote, a quote left
 * open at the end of the file and a row with another number of fields than the header are errors
 * naming the line (the line a record starts on) and, where there is one, the column.
 *
 * No string is made per field: a record is the offsets of its fields in the buffer, handed to the
 * sink while the buffer still holds them. Why not a library: see README.md, "Parser".
 */
import { ImportError } from './events.js';
import { Source } from './source.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const MAX_COLUMNS = 4096;

export interface CsvSink {
  /** One record of nf fields (offsets in buf); true stops the reading. */
  row(buf: Uint8Array, nf: number, line: number): boolean;
  /** Called before the buffer changes: the offsets given so far stop being valid. */
  flush?(): void;
}

const HEADER_SCAN_BYTES = 64 * 1024;

/**
 * The delimiter of a header line: the most frequent of , ; tab | outside quotes (a comma when none),
 * and whether the line has ended in b[s, e) (else more of it may still come).
 */
export function detectDelimiter(b: Uint8Array, s: number, e: number): { delim: number; ended: boolean } {
  const counts = new Map<number, number>([
    [44, 0],
    [59, 0],
    [9, 0],
    [124, 0],
  ]);
  let quoted = false;
  let ended = false;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) {
      ended = true;
      break;
    } else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = 44;
  for (const [c, n] of counts) if (n > counts.get(best)!) best = c;
  return { delim: best, ended };
}

/** Where the first line end (CR or LF) of b[s, e) is, or -1. */
function lineEnd(b: Uint8Array, s: number, e: number): number {
  for (let i = s; i < e; i++) if (b[i] === LF || b[i] === CR) return i;
  return -1;
}

/**
 * A first line "sep=X" (Excel writes and reads it to name a CSV's delimiter): X and the line's length
 * with its end (CR, LF or CRLF); null if the first line is not one.
 */
export function sepLine(b: Uint8Array, s: number, e: number): { delim: number; length: number } | null {
  // s e p =
  if (e - s < 5 || b[s] !== 0x73 || b[s + 1] !== 0x65 || b[s + 2] !== 0x70 || b[s + 3] !== 0x3d) return null;
  const delim = b[s + 4]!;
  if (delim === LF || delim === CR || delim === QUOTE) return null;
  const end = s + 5;
  if (b[end] === CR) return { delim, length: end + 1 < e && b[end + 1] === LF ? 7 : 6 };
  if (b[end] === LF && end < e) return { delim, length: 6 };
  return null;
}

export class CsvParser {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** Per field: 1 quoted, 2 holds doubled quotes. */
  esc = new Uint8Array(64);
  /** Fields a record must have (0: any, as for the header). */
  fields = 0;
  /** Column names, for errors. */
  names: string[] = [];
  private readonly cls = new Uint8Array(256);

  constructor(
    private readonly file: string,
    readonly delim: number,
  ) {
    this.cls[delim] = 1;
    this.cls[LF] = 1;
    this.cls[CR] = 1;
    this.cls[QUOTE] = 1;
  }

  private error(line: number, field: number, what: string): ImportError {
    return new ImportError('INVALID_FILE', this.file, line, this.names[field] ?? null, what);
  }

  /** Reads the records of src's buffer; at a record cut by the buffer's end, leaves src.start on it. True when the sink stopped. */
  parse(src: Source, sink: CsvSink): boolean {
    const buf = src.buf;
    const end = src.end;
    const final = src.eof;
    const cls = this.cls;
    const delim = this.delim;
    const hi = Math.max(delim, QUOTE); // bytes above it are never special
    let pos = src.start;
    let line = src.line;
    let starts = this.starts;
    let ends = this.ends;
    let esc = this.esc;
    const limit = this.fields > 0 ? this.fields : MAX_COLUMNS;
    while (pos < end) {
      const recStart = pos;
      const recLine = line;
      let nf = 0;
      let q = 0;
      for (;;) {
        let fs: number;
        let fe: number;
        q = 0;
        if (buf[pos] === QUOTE) {
          q = 1;
          fs = ++pos;
          for (;;) {
            if (pos >= end) {
              if (!final) {
                src.start = recStart;
                src.line = recLine;
                return false;
              }
              throw this.error(recLine, nf, 'a quoted field is not closed before the end of the file');
            }
            const c = buf[pos];
            if (c === QUOTE) {
              if (pos + 1 >= end && !final) {
                src.start = recStart;
                src.line = recLine;
                return false;
              }
              if (pos + 1 < end && buf[pos + 1] === QUOTE) {
                q = 3;
                pos += 2;
                continue;
              }
              break;
            }
            if (c === LF) line++;
            else if (c === CR) {
              if (pos + 1 >= end && !final) {
                src.start = recStart;
                src.line = recLine;
                return false;
              }
              if (buf[pos + 1] !== LF) line++;
            }
            pos++;
          }
          fe = pos++;
          if (pos < end) {
            const c = buf[pos];
            if (c !== delim && c !== LF && c !== CR) throw this.error(line, nf, 'text after the closing quote of a quoted field');
          }
        } else {
          fs = pos;
          for (;;) {
            const c = buf[pos]!;
            if (c > hi || cls[c] === 0) pos++;
            else break;
          }
          fe = pos;
          if (buf[pos] === QUOTE) throw this.error(line, nf, 'a quote inside an unquoted field (quote the whole field and double the quote)');
        }
        // A field that reaches the buffer's end may go on in the next chunk: wait for it before
        // counting it, so the error is the one the whole file gives (a quote left open, say).
        if (pos >= end && !final) {
          src.start = recStart;
          src.line = recLine;
          return false;
        }
        if (nf >= limit) {
          if (this.fields > 0) throw this.error(recLine, -1, `has more fields than the header's ${this.fields}`);
          throw this.error(recLine, -1, `has more than ${MAX_COLUMNS} columns`);
        }
        if (nf >= starts.length) {
          const grown = (a: Int32Array) => {
            const b = new Int32Array(a.length * 2);
            b.set(a);
            return b;
          };
          starts = this.starts = grown(starts);
          ends = this.ends = grown(ends);
          const e2 = new Uint8Array(esc.length * 2);
          e2.set(esc);
          esc = this.esc = e2;
        }
        starts[nf] = fs;
        ends[nf] = fe;
        esc[nf] = q;
        nf++;
        if (pos >= end) break; // the end of the file (a cut buffer returned above)
        const c = buf[pos];
        if (c === delim) {
          pos++;
          continue;
        }
        if (c === CR) {
          if (pos + 1 >= end && !final) {
            src.start = recStart;
            src.line = recLine;
            return false;
          }
          pos++;
          if (buf[pos] === LF && pos < end) pos++;
        } else pos++; // LF
        line++;
        break;
      }
      if (nf === 1 && q === 0 && starts[0] === ends[0]) continue; // an empty line
      if (this.fields > 0 && nf !== this.fields) throw this.error(recLine, -1, `has ${nf} field${nf === 1 ? '' : 's'} where the header has ${this.fields}`);
      src.start = pos;
      src.line = line;
      if (sink.row(buf, nf, recLine)) return true;
    }
    src.start = pos;
    src.line = line;
    return false;
  }

  /** Field i of the last record, as text (quotes undone). */
  text(buf: Uint8Array, i: number): string {
    const s = Buffer.from(buf.buffer, buf.byteOffset + this.starts[i]!, this.ends[i]! - this.starts[i]!).toString('utf8');
    return this.esc[i]! & 2 ? s.replaceAll('""', '"') : s;
  }
}

/** Reads src to its end through the parser: the first record is the header, given to `header`, which returns the sink of the rest. */
export async function readCsv(src: Source, delimiter: string | undefined, header: (columns: string[], parser: CsvParser, line: number) => CsvSink | null): Promise<CsvParser | null> {
  if (!(await src.fill())) return null;
  // The first line whole, and the byte after a CR (is it CRLF?), however small the chunks: up to
  // there, the file's end, or 64 KiB.
  for (;;) {
    const i = lineEnd(src.buf, src.start, src.end);
    if ((i >= 0 && (src.buf[i] !== CR || i + 1 < src.end)) || src.end - src.start >= HEADER_SCAN_BYTES || !(await src.fill())) break;
  }
  // Excel's "sep=;" line before the header names the delimiter; it is not a record.
  const sep = sepLine(src.buf, src.start, src.end);
  if (sep) {
    src.start += sep.length;
    src.line++;
    if (src.start >= src.end && !(await src.fill())) return null;
  }
  // The delimiter is read from the whole header line: however small the chunks, wait for its end
  // (or the file's, or 64 KiB: no header is that long) before counting.
  let delim: number;
  if (delimiter !== undefined) delim = delimiter.charCodeAt(0);
  else if (sep) delim = sep.delim;
  else {
    let found = detectDelimiter(src.buf, src.start, src.end);
    while (!found.ended && src.end - src.start < HEADER_SCAN_BYTES && (await src.fill())) found = detectDelimiter(src.buf, src.start, src.end);
    delim = found.delim;
  }
  const parser = new CsvParser(src.file, delim);
  let sink: CsvSink | null = null;
  const head: CsvSink = {
    row: (buf, nf, line) => {
      const columns: string[] = [];
      for (let i = 0; i < nf; i++) columns.push(parser.text(buf, i));
      parser.names = columns.map((c) => c.trim());
      parser.fields = nf;
      sink = header(columns, parser, line);
      return true;
    },
  };
  for (;;) {
    if (sink === null) {
      if (parser.parse(src, head)) {
        if (sink === null) return parser; // the header's reader wants nothing more
        continue;
      }
    } else {
      const stop = parser.parse(src, sink);
      (sink as CsvSink).flush?.();
      if (stop) return parser;
    }
    if (!(await src.fill())) break;
  }
  if (sink === null && parser.names.length === 0) return null;
  return parser;
}
