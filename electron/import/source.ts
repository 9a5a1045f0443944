/**
 * The file as a stream of bytes, read in 4 MiB chunks into two buffers in turn: while the parser
 * works on one, the next chunk is being read into the other (the read runs on libuv's thread pool),
 * so the parser does not wait for the disk. Each buffer keeps room before its chunk for the part of
 * the previous one the parser has not finished (a record cut by the chunk's end), which is the only
 * thing copied. New bytes are checked as they arrive (a NUL byte is a binary file; text must be
 * strict UTF-8, a leading BOM is skipped), progress is reported after every chunk, and the cancel
 * signal is looked at between chunks. A LF is kept just past the data as a sentinel, so the
 * parser's inner loop needs no bounds check.
 *
 * A gzip file (told by its first two bytes, 1f 8b, whatever its name) is read the same way through
 * node:zlib: the compressed bytes stream through a Gunzip (on libuv's thread pool too) and the
 * parser sees only the text, a chunk at a time; lines are those of the text. Progress is the
 * compressed bytes read of the file's size.
 *
 * A UTF-16 file (told by its byte order mark, ff fe or fe ff: what Excel's "Unicode Text" and
 * Windows tools write) is decoded as it is read and handed to the parser as UTF-8, so everything
 * after the reading is the same; a surrogate pair cut by a read waits for its second half. One
 * without a mark is named as UTF-16, with what to do, rather than as binary data.
 */
import { isUtf8 } from 'node:buffer';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { createGunzip, type Gunzip } from 'node:zlib';
import { countBreaks, firstBadUtf8, incompleteTail } from './bytes.js';
import { looksLikeUtf16, utf16Of } from './encoding.js';
import { ImportError } from './events.js';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
}

const CHUNK = 4 << 20;
const SNIFF = 8192;
const BINARY = 'the file holds binary data (a NUL byte), not text';
const UTF16_NO_MARK = 'the file looks like UTF-16 text without a byte order mark: save it as UTF-8 (or as UTF-16 with its mark) and import it again';

/** Text handed to the parser a piece at a time, from something other than the file's own bytes (gzip, UTF-16). */
interface TextReader {
  /** Up to n bytes of UTF-8 text into target at offset; 0 at the end. */
  read(target: Buffer, offset: number, n: number): Promise<number>;
  /** Every byte of text handed out. */
  readonly done: boolean;
  /** Bytes of the file read so far (the progress). */
  readonly consumed: number;
  destroy(): void;
}

/** Pieces of text waiting to be handed out, taken in order (GunzipReader's and Utf16Reader's queue). */
function takeInto(pieces: Buffer[], target: Buffer, offset: number, n: number): number {
  let got = 0;
  while (got < n && pieces.length > 0) {
    const p = pieces[0]!;
    const k = Math.min(p.length, n - got);
    p.copy(target, offset + got, 0, k);
    got += k;
    if (k === p.length) pieces.shift();
    else pieces[0] = p.subarray(k);
  }
  return got;
}

/**
 * The text of a UTF-16 file, decoded a megabyte at a time and handed out as UTF-8. TextDecoder
 * drops the byte order mark, keeps a code unit or surrogate pair cut by a read for the next, and
 * (fatal) refuses a lone surrogate.
 */
class Utf16Reader implements TextReader {
  private readonly decoder: TextDecoder;
  private readonly pieces: Buffer[] = [];
  private have = 0;
  private ended = false;
  consumed = 0;

  constructor(
    private readonly fh: FileHandle,
    private readonly size: number,
    encoding: 'utf-16le' | 'utf-16be',
  ) {
    this.decoder = new TextDecoder(encoding, { fatal: true });
  }

  async read(target: Buffer, offset: number, n: number): Promise<number> {
    while (this.have < n && !this.ended) {
      // As much as asked for (a megabyte at most): a small chunk (the tests') cuts code units and pairs.
      const raw = Buffer.allocUnsafe(Math.max(1, Math.min(1 << 20, n, this.size - this.consumed)));
      const { bytesRead } = await this.fh.read(raw, 0, raw.length, this.consumed);
      this.consumed += bytesRead;
      if (bytesRead === 0 || this.consumed >= this.size) this.ended = true;
      const text = this.decoder.decode(raw.subarray(0, bytesRead), { stream: !this.ended });
      if (text.length > 0) {
        const piece = Buffer.from(text, 'utf8');
        this.pieces.push(piece);
        this.have += piece.length;
      }
    }
    const got = takeInto(this.pieces, target, offset, n);
    this.have -= got;
    return got;
  }

  get done(): boolean {
    return this.ended && this.have === 0;
  }

  destroy(): void {}
}

/** The text of a gzip file, pulled a piece at a time from node:zlib (the file is never held whole). */
class GunzipReader implements TextReader {
  private readonly z: Gunzip;
  private pieces: Buffer[] = [];
  private have = 0;
  private ended = false;
  private error: Error | null = null;
  private wake: (() => void) | null = null;
  /** Compressed bytes read so far. */
  compressed = 0;

  constructor(fh: FileHandle) {
    const input = fh.createReadStream({ start: 0, autoClose: false, highWaterMark: 1 << 20 });
    input.on('data', (b: Buffer | string) => (this.compressed += b.length));
    this.z = createGunzip({ chunkSize: 1 << 18 });
    input.on('error', (e) => this.fail(e));
    input.pipe(this.z);
    this.z.on('data', (b: Buffer) => {
      this.pieces.push(b);
      this.have += b.length;
      if (this.have >= 1 << 22) this.z.pause();
      this.poke();
    });
    this.z.on('end', () => {
      this.ended = true;
      this.poke();
    });
    this.z.on('error', (e) => this.fail(e));
  }

  private fail(e: Error): void {
    this.error = e;
    this.poke();
  }

  private poke(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Up to n bytes of text into target at offset; 0 at the end. */
  async read(target: Buffer, offset: number, n: number): Promise<number> {
    while (this.have < n && !this.ended && !this.error) {
      this.z.resume();
      await new Promise<void>((r) => (this.wake = r));
    }
    if (this.error && this.have === 0) throw this.error;
    const got = takeInto(this.pieces, target, offset, n);
    this.have -= got;
    if (this.have < 1 << 21) this.z.resume();
    return got;
  }

  get done(): boolean {
    return this.ended && this.have === 0;
  }

  get consumed(): number {
    return this.compressed;
  }

  destroy(): void {
    this.z.destroy();
  }
}

export class Source {
  /** The data is buf[start, end); buf[end] is a LF sentinel. */
  buf: Buffer;
  start = 0;
  end = 0;
  /** The whole file has been read into the buffer. */
  eof = false;
  /** The line number at `start` (kept by the parser). */
  line = 1;
  readonly total: number;
  private readonly bufs: Buffer[];
  /** Per buffer, where its chunk goes (the room before it is for the unfinished part). */
  private readonly heads: number[];
  private cur = 0;
  private readonly chunk: number;
  /** Bytes of text read (of the file, or of a gzip file's text). */
  private position = 0;
  /** Set for a gzip or UTF-16 file: what turns its bytes into the text the parser reads. */
  private readonly reader: TextReader | null;
  /** Whether the file is gzip-compressed (the text is what the parser sees). */
  readonly gzip: boolean;
  private pending: Promise<number> | null = null;
  private validated = 0;
  /**
   * A UTF-8 character cut by the chunk's end: its first bytes, kept out of buf[start, end) until the
   * next chunk completes (or condemns) them, so a parser never reads a byte not yet checked.
   */
  private held: Buffer | null = null;
  private first = true;
  /** A bad byte found, reported once the data before it has been read. */
  private failure: ImportError | null = null;

  private constructor(
    readonly file: string,
    private readonly fh: FileHandle,
    total: number,
    private readonly signal: AbortSignal | undefined,
    private readonly onProgress: ((p: ImportProgress) => void) | undefined,
    chunk: number,
    /** Whether a CR alone ends a line (CSV), or only LF does (JSON Lines), for the line an error names. */
    private readonly loneCr: boolean,
    gzip: boolean,
    utf16: 'utf-16le' | 'utf-16be' | null,
  ) {
    this.total = total;
    this.textBytes = total;
    this.gzip = gzip;
    this.reader = gzip ? new GunzipReader(fh) : utf16 ? new Utf16Reader(fh, total, utf16) : null;
    this.chunk = this.reader ? chunk : Math.min(chunk, Math.max(total, 16));
    const head = Math.max(256, this.chunk >> 2);
    this.heads = [head, head];
    this.bufs = [Buffer.allocUnsafe(head + this.chunk + 1), Buffer.allocUnsafe(head + this.chunk + 1)];
    this.buf = this.bufs[0]!;
    this.buf[0] = 10;
  }

  static async open(
    file: string,
    options: { signal?: AbortSignal | undefined; onProgress?: ((p: ImportProgress) => void) | undefined; chunk?: number | undefined; kind?: 'csv' | 'jsonl' } = {},
  ): Promise<Source> {
    const loneCr = options.kind !== 'jsonl';
    cancelled(file, options.signal);
    let size: number;
    let fh: FileHandle;
    try {
      const st = await stat(file);
      if (!st.isFile()) throw new ImportError('FILE_ERROR', file, null, null, 'is not a file');
      size = st.size;
      fh = await open(file, 'r');
    } catch (e) {
      if (e instanceof ImportError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new ImportError('FILE_ERROR', file, null, null, code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'cannot be read (permission denied)' : (e as Error).message);
    }
    if (size === 0) {
      await fh.close();
      throw new ImportError('INVALID_FILE', file, null, null, 'the file is empty');
    }
    // A binary file is told by a NUL in its first 8 KiB, before anything else is said about it.
    const head = Buffer.alloc(Math.min(size, SNIFF));
    try {
      await fh.read(head, 0, head.length, 0);
    } catch (e) {
      await fh.close();
      throw new ImportError('FILE_ERROR', file, null, null, `cannot be read: ${(e as Error).message}`);
    }
    const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    const utf16 = gzip ? null : utf16Of(head);
    const nul = gzip || utf16 ? -1 : head.indexOf(0);
    if (nul >= 0) {
      await fh.close();
      if (looksLikeUtf16(head)) throw new ImportError('INVALID_FILE', file, null, null, UTF16_NO_MARK);
      throw new ImportError('INVALID_FILE', file, 1 + countBreaks(head, 0, nul, loneCr), null, BINARY);
    }
    const src = new Source(file, fh, size, options.signal, options.onProgress, Math.max(1, Math.floor(options.chunk ?? CHUNK)), loneCr, gzip, utf16);
    if (gzip && size >= 18) {
      // A gzip file ends with its text's size (mod 4 GiB, of its last member): tables are sized by it.
      const tail = Buffer.alloc(4);
      await fh.read(tail, 0, 4, size - 4).catch(() => null);
      const isize = tail.readUInt32LE(0);
      src.textBytes = isize > size ? isize : size * 6;
    }
    return src;
  }

  /** The size of the text (a gzip file's, as its trailer says; else the file's): for sizing tables. */
  textBytes = 0;

  async close(): Promise<void> {
    if (this.pending) await this.pending.catch(() => 0);
    this.pending = null;
    this.reader?.destroy();
    await this.fh.close().catch(() => {});
  }

  private read(i: number): Promise<number> {
    const b = this.bufs[i]!;
    const h = this.heads[i]!;
    if (this.reader) {
      return this.reader.read(b, h, Math.min(this.chunk, b.length - 1 - h)).catch((e: Error) => {
        if (this.gzip) throw new ImportError('INVALID_FILE', this.file, null, null, `the gzip data is damaged (${e.message}); download the file again, or unzip it to see what it holds`);
        if (e instanceof TypeError)
          throw new ImportError('INVALID_FILE', this.file, null, null, `the file is not UTF-16 text throughout (it starts with a UTF-16 byte order mark): save it again as UTF-8 and import it`);
        throw new ImportError('FILE_ERROR', this.file, null, null, `cannot be read: ${e.message}`);
      });
    }
    return this.fh.read(b, h, Math.min(this.chunk, b.length - 1 - h), this.position).then(
      (r) => r.bytesRead,
      (e: Error) => {
        throw new ImportError('FILE_ERROR', this.file, null, null, `cannot be read: ${e.message}`);
      },
    );
  }

  /** Keeps buf[start, end), appends the next chunk and checks it. False at the end of the file. */
  async fill(): Promise<boolean> {
    if (this.failure) throw this.failure;
    if (this.eof) return false;
    cancelled(this.file, this.signal);
    const next = 1 - this.cur;
    this.pending ??= this.read(next);
    const n = await this.pending;
    this.pending = null;
    cancelled(this.file, this.signal);
    const held = this.held;
    this.held = null;
    const tail = this.end - this.start + (held ? held.length : 0);
    let b = this.bufs[next]!;
    let h = this.heads[next]!;
    if (tail > h) {
      // An unfinished record longer than the room: a bigger buffer with room for it.
      const h2 = 2 * tail;
      const bigger = Buffer.allocUnsafe(h2 + this.chunk + 1);
      b.copy(bigger, h2, h, h + n);
      this.bufs[next] = b = bigger;
      this.heads[next] = h = h2;
    }
    this.buf.copy(b, h - tail, this.start, this.end);
    if (held) held.copy(b, h - held.length);
    this.validated = h - (held ? held.length : 0) - (this.end - this.validated);
    this.buf = b;
    this.cur = next;
    this.start = h - tail;
    this.end = h + n;
    this.position += n;
    if (this.reader ? n === 0 || this.reader.done : n === 0 || this.position >= this.total) this.eof = true;
    b[this.end] = 10;
    this.check();
    if (this.first && (this.end - this.start >= 3 || this.eof)) {
      // The file's first bytes (nothing has been parsed before three have arrived: no line end yet).
      this.first = false;
      const s = this.start;
      const atFileStart = this.position - (this.end - s) === 0;
      if (atFileStart && this.end - s >= 3 && b[s] === 0xef && b[s + 1] === 0xbb && b[s + 2] === 0xbf) this.start = s + 3;
    }
    this.onProgress?.({ bytesRead: Math.min(this.reader ? this.reader.consumed : this.position, this.total), totalBytes: this.total });
    // The next chunk is read while this one is parsed (into the other buffer, whose data is done with).
    if (!this.eof && !this.failure) this.pending = this.read(1 - next);
    return true;
  }

  /** Rows the file likely holds: its size times the line ends per byte of what the buffer holds. */
  estimateRows(): number {
    const { buf, start, end } = this;
    if (end <= start) return 0;
    let n = 0;
    for (let i = buf.indexOf(10, start); i >= 0 && i < end; i = buf.indexOf(10, i + 1)) n++;
    return Math.ceil(((n + 1) * this.textBytes) / (end - start));
  }

  /**
   * The new bytes: no NUL, strict UTF-8 (a character cut by the chunk's end waits for the next).
   * At a bad byte the data is cut short there and the error waits for the next fill: the records
   * before it are read first, so a file's first error (by position) is the one reported, however
   * the file is cut into chunks.
   */
  private check(): void {
    const { buf, validated } = this;
    const nul = buf.subarray(validated, this.end).indexOf(0);
    let bad = nul >= 0 ? validated + nul : -1;
    let what = BINARY;
    const tail = incompleteTail(buf, validated, this.end);
    const upto = this.eof ? this.end : this.end - tail;
    if (!isUtf8(buf.subarray(validated, upto))) {
      const at = firstBadUtf8(buf, validated, upto);
      if (at >= 0 && (bad < 0 || at < bad)) {
        bad = at;
        what = this.eof && tail > 0 && at === this.end - tail ? 'the file ends inside a UTF-8 character' : `the file is not UTF-8 text (byte 0x${buf[at]!.toString(16).padStart(2, '0')})`;
      }
    }
    if (bad >= 0) {
      this.failure = this.at(bad, what);
      this.end = bad;
      this.eof = false;
      buf[bad] = 10;
      return;
    }
    this.validated = upto;
    if (upto < this.end) {
      // Hold the cut character back: the parser sees the data up to it, the next fill completes it.
      this.held = Buffer.from(buf.subarray(upto, this.end));
      this.end = upto;
      buf[upto] = 10;
    }
  }

  private at(pos: number, what: string): ImportError {
    return new ImportError('INVALID_FILE', this.file, this.line + countBreaks(this.buf, this.start, pos, this.loneCr), null, what);
  }
}

export function cancelled(file: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportError('CANCELLED', file, null, null, 'the import was cancelled; nothing was written');
}
