/**
 * A selective JSON reader: the records and fields a mapping reads, taken from one JSON value's
 * bytes without a whole JSON.parse. A webhook body holds far more than an import reads (WhatsApp's
 * metadata, conversation and pricing objects around five fields), and JSON.parse of every body
 * was 40% of a JSON import's time.
 *
 * The mapping's paths (its record paths; the field paths from where each record path ends, or
 * from the value itself without record paths) are compiled once into a tree. The reader walks the
 * value's bytes once: a key the tree does not name has its value skipped (checked, not built); a
 * record path's end opens a record; a field path's end gives the field of the record it was
 * reached from: its bytes where they lie for a string without escapes and for an integer written
 * as `String` writes it (no sign on 0, at most 15 digits), else the value JSON.parse gives (an
 * escaped string, another number, true or false). Null, and a path that finds nothing (a key
 * missing, an array where a name is read), give nothing: what paths.ts `valueAt` and `collect`
 * give on JSON.parse's value.
 *
 * It is strict, and answers only when its answer is sure to be JSON.parse's: the text must be
 * exactly one JSON value (RFC 8259's grammar, as JSON.parse takes it). It gives up (false), and the
 * caller does what it did before (JSON.parse, then paths.ts on the value: its records, or its error
 * message, are the answer), on text that is not JSON, nesting deeper than 256 where the paths go or
 * 4,096 where they do not, a key the tree names written twice in one object (JSON.parse keeps the
 * last), a string where the tree goes on below (it may hold JSON, which paths step into), a
 * record that is not an object, and an object or array where a field is read (an error, worded
 * by JsonRecords). So no error comes from here, and what is read is what JSON.parse would give.
 */
import type { Path } from './paths.js';

/** A field's value: none, its bytes in the buffer (a string's content, an integer), or a JS value. */
export const NONE = 0;
export const BYTES_STRING = 1;
export const BYTES_NUMBER = 2;
export const VALUE = 3;

interface KeyChild {
  name: string;
  /** The name as UTF-8 (null for a name no raw UTF-8 key can be: a lone surrogate). */
  bytes: Uint8Array | null;
  node: Node;
}

interface Node {
  keys: KeyChild[];
  each: Node | null;
  index: Map<number, Node> | null;
  /** The record paths (bits, by their order) that end here. */
  records: number;
  /** Fields that end here: the record node each is read from, and the field's key. */
  fields: { from: Node; key: number }[];
  /** Anything below (a string here may hold JSON that paths step into). */
  below: boolean;
  /** While a record of this node is being read: its number (else -1). */
  open: number;
}

const MAX_DEPTH = 256;
const SKIP_DEPTH = 4096;

function node(): Node {
  return { keys: [], each: null, index: null, records: 0, fields: [], below: false, open: -1 };
}

function insert(from: Node, p: Path): Node {
  let n = from;
  for (const s of p.steps) {
    if ('key' in s) {
      let c = n.keys.find((k) => k.name === s.key);
      if (!c) {
        const bytes = Buffer.from(s.key, 'utf8');
        c = { name: s.key, bytes: bytes.toString('utf8') === s.key ? bytes : null, node: node() };
        n.keys.push(c);
      }
      n = c.node;
    } else if ('index' in s) {
      n.index ??= new Map();
      let c = n.index.get(s.index);
      if (!c) n.index.set(s.index, (c = node()));
      n = c;
    } else n = n.each ??= node();
  }
  return n;
}

export class SelectiveReader {
  /** Records found by the last read, in the order their values start. */
  count = 0;
  /** Per record: the record paths (bits) it was found by. */
  found = new Int32Array(16);
  /** Per record r and key i, at r * keys + i: the field's kind (NONE, BYTES_*, VALUE), bytes, value. */
  kind = new Uint8Array(0);
  start = new Int32Array(0);
  end = new Int32Array(0);
  value: unknown[] = [];

  private readonly root: Node;
  /** The buffer the last read read (where the fields' bytes are). */
  bytes: Buffer = Buffer.alloc(0);
  private b: Buffer = Buffer.alloc(0);
  private i = 0;
  private readonly stack = new Uint8Array(SKIP_DEPTH);
  /** Set by str(): the string had an escape. */
  private esc = false;

  private constructor(
    root: Node,
    /** Keys (field paths) a record has. */
    readonly keys: number,
  ) {
    this.root = root;
    this.grow(16);
  }

  /**
   * The reader for these record paths (null: each value is a record) and field paths (by key);
   * null where it would not be simpler than JSON.parse: a field path with `[]` (one record, several
   * events), `[]` and `[n]` at one place, more than 30 record paths or named keys in one place.
   */
  static of(records: Path[] | null, fields: Path[]): SelectiveReader | null {
    if (fields.some((f) => f.many) || (records && records.length > 30)) return null;
    const root = node();
    const ends = records ? records.map((r) => insert(root, r)) : [root];
    ends.forEach((r, q) => (r.records |= 1 << q));
    for (const r of new Set(ends)) fields.forEach((f, key) => insert(r, f).fields.push({ from: r, key }));
    let ok = true;
    const visit = (n: Node) => {
      if ((n.each && n.index) || n.keys.length > 30) ok = false;
      n.below = n.keys.length > 0 || n.each !== null || n.index !== null;
      for (const k of n.keys) visit(k.node);
      if (n.each) visit(n.each);
      if (n.index) for (const c of n.index.values()) visit(c);
    };
    visit(root);
    return ok ? new SelectiveReader(root, fields.length) : null;
  }

  /**
   * Reads b[s, e), which must be exactly one JSON value (white space around it allowed): true
   * with its records and fields in `count`, `found`, `kind`, `start`, `end`, `value` (bytes in b);
   * false when the text is not that or is left to JSON.parse (the file's comment).
   */
  read(b: Buffer, s: number, e: number): boolean {
    this.b = this.bytes = b;
    this.i = s;
    this.count = 0;
    // A NUL just past the text (no text read holds one): every loop stops there, as at a byte no JSON has.
    const kept = b[e]!;
    b[e] = 0;
    try {
      this.ws();
      if (!this.walk(this.root, 0)) return false;
      this.ws();
      return this.i === e;
    } finally {
      b[e] = kept;
      this.root.open = -1;
    }
  }

  private grow(records: number): void {
    const n = records * this.keys;
    const kind = new Uint8Array(n);
    kind.set(this.kind);
    this.kind = kind;
    const start = new Int32Array(n);
    start.set(this.start);
    this.start = start;
    const end = new Int32Array(n);
    end.set(this.end);
    this.end = end;
    this.value.length = n;
    if (this.found.length < records) {
      const f = new Int32Array(records);
      f.set(this.found);
      this.found = f;
    }
  }

  private ws(): number {
    const b = this.b;
    let i = this.i;
    let c = b[i]!;
    while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++i]!;
    this.i = i;
    return c;
  }

  /** The value at this.i, where the tree's node n is: false to give up. */
  private walk(n: Node, depth: number): boolean {
    if (depth >= MAX_DEPTH) return false;
    const b = this.b;
    const c = b[this.i]!;
    if (n.records !== 0) {
      // A record: an object (where a field ends too, an object where a field is read: given up);
      // null is none; anything else is given up (a string may hold JSON, another value is an error).
      if (c === 123) return n.fields.length === 0 && this.record(n, depth);
      return c === 110 && this.literal(c);
    }
    if (n.fields.length > 0) return this.field(n, c);
    if (c === 123) return n.keys.length > 0 ? this.object(n, depth) : this.skip();
    if (c === 91) return n.each || n.index ? this.array(n, depth) : this.skip();
    if (c === 34) return this.string(n);
    return this.skip();
  }

  /** A record at node n: its fields start empty; read below. */
  private record(n: Node, depth: number): boolean {
    const r = this.count++;
    if (r * this.keys >= this.kind.length || r >= this.found.length) this.grow(2 * (r + 1));
    this.found[r] = n.records;
    this.kind.fill(NONE, r * this.keys, (r + 1) * this.keys);
    const outer = n.open;
    n.open = r;
    const ok = this.object(n, depth);
    n.open = outer;
    return ok;
  }

  /** Where a field ends: its value, for each record it is read from (anything below is a string's). */
  private field(n: Node, c: number): boolean {
    const b = this.b;
    let kind = VALUE;
    let s = this.i;
    let v: unknown = null;
    if (c === 34) {
      s++;
      const e = this.str();
      if (e < 0) return false;
      if (this.esc) {
        try {
          v = JSON.parse(b.toString('utf8', s - 1, e + 1));
        } catch {
          return false;
        }
        if (n.below && holdsJson(v as string)) return false;
      } else {
        if (n.below && startsJson(b, s, e)) return false;
        kind = BYTES_STRING;
      }
      return this.set(n, kind, s, e, v);
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      const e = this.num();
      if (e < 0) return false;
      // An integer String() writes the same way: at most 15 digits, no leading zero, not -0.
      let plain = e - s <= 15 && c !== 45 && (c !== 48 || e - s === 1);
      for (let k = s; plain && k < e; k++) plain = b[k]! >= 48 && b[k]! <= 57;
      if (plain) return this.set(n, BYTES_NUMBER, s, e, null);
      return this.set(n, VALUE, s, e, Number(b.toString('latin1', s, e)));
    }
    if (!this.literal(c)) return false; // an object or array (an error, JsonRecords's to word), or not JSON
    if (c === 110) return true; // null: none
    return this.set(n, VALUE, s, this.i, c === 116);
  }

  private set(n: Node, kind: number, s: number, e: number, v: unknown): boolean {
    for (const f of n.fields) {
      const r = f.from.open;
      if (r < 0) continue;
      const at = r * this.keys + f.key;
      this.kind[at] = kind;
      this.start[at] = s;
      this.end[at] = e;
      if (kind === VALUE) this.value[at] = v;
    }
    return true;
  }

  /** A string where paths go on below: none, unless it may hold JSON (paths.ts reads it): give up. */
  private string(n: Node): boolean {
    const s = this.i + 1;
    const e = this.str();
    if (e < 0) return false;
    if (!this.esc) return !(n.below && startsJson(this.b, s, e));
    let v: unknown;
    try {
      v = JSON.parse(this.b.toString('utf8', s - 1, e + 1));
    } catch {
      return false;
    }
    return !holdsJson(v as string);
  }

  private literal(c: number): boolean {
    const b = this.b;
    const i = this.i;
    if (c === 116 ? b[i + 1] === 114 && b[i + 2] === 117 && b[i + 3] === 101 : c === 110 && b[i + 1] === 117 && b[i + 2] === 108 && b[i + 3] === 108) {
      this.i = i + 4;
      return true;
    }
    if (c === 102 && b[i + 1] === 97 && b[i + 2] === 108 && b[i + 3] === 115 && b[i + 4] === 101) {
      this.i = i + 5;
      return true;
    }
    return false;
  }

  private object(n: Node, depth: number): boolean {
    const b = this.b;
    this.i++;
    let c = this.ws();
    if (c === 125) {
      this.i++;
      return true;
    }
    const keys = n.keys;
    let seen = 0;
    for (;;) {
      if (c !== 34) return false;
      const s = this.i + 1;
      const e = this.str();
      if (e < 0) return false;
      let k = keys.length - 1;
      if (this.esc) {
        let name: unknown;
        try {
          name = JSON.parse(b.toString('utf8', s - 1, e + 1));
        } catch {
          return false;
        }
        while (k >= 0 && keys[k]!.name !== name) k--;
      } else {
        const len = e - s;
        for (; k >= 0; k--) {
          const nb = keys[k]!.bytes;
          if (nb === null || nb.length !== len) continue;
          let j = 0;
          while (j < len && nb[j] === b[s + j]) j++;
          if (j === len) break;
        }
      }
      if (this.ws() !== 58) return false;
      this.i++;
      this.ws();
      if (k >= 0) {
        if (seen & (1 << k)) return false; // a key written twice: JSON.parse keeps the last
        seen |= 1 << k;
        if (!this.walk(keys[k]!.node, depth + 1)) return false;
      } else if (!this.skip()) return false;
      c = this.ws();
      if (c === 44) {
        this.i++;
        c = this.ws();
        continue;
      }
      if (c === 125) {
        this.i++;
        return true;
      }
      return false;
    }
  }

  private array(n: Node, depth: number): boolean {
    this.i++;
    let c = this.ws();
    if (c === 93) {
      this.i++;
      return true;
    }
    for (let k = 0; ; k++) {
      const child = n.each ?? n.index!.get(k);
      if (!(child ? this.walk(child, depth + 1) : this.skip())) return false;
      c = this.ws();
      if (c === 44) {
        this.i++;
        this.ws();
        continue;
      }
      if (c === 93) {
        this.i++;
        return true;
      }
      return false;
    }
  }

  /**
   * Past the string at this.i (its opening quote): the index of its closing quote, or -1 when it is
   * not a JSON string. Sets esc (it has escapes).
   */
  private str(): number {
    const b = this.b;
    let i = this.i + 1;
    let c = b[i]!;
    // The common string: no escape, no control character.
    while (c !== 34 && c !== 92 && c >= 32) c = b[++i]!;
    if (c === 34) {
      this.esc = false;
      this.i = i + 1;
      return i;
    }
    return this.escaped(i);
  }

  /** str() from an escape or a control character at i. */
  private escaped(i: number): number {
    const b = this.b;
    for (;;) {
      const c = b[i]!;
      if (c === 34) break;
      if (c === 92) {
        const d = b[i + 1]!;
        if (d === 117) {
          if (!(hex(b[i + 2]!) && hex(b[i + 3]!) && hex(b[i + 4]!) && hex(b[i + 5]!))) return -1;
          i += 6;
        } else if (d === 34 || d === 92 || d === 47 || d === 98 || d === 102 || d === 110 || d === 114 || d === 116) i += 2;
        else return -1;
        continue;
      }
      if (c < 32) return -1;
      i++;
    }
    this.esc = true;
    this.i = i + 1;
    return i;
  }

  /** Past the number at this.i: its end, or -1 when it is not a JSON number. */
  private num(): number {
    const b = this.b;
    let i = this.i;
    if (b[i] === 45) i++;
    let c = b[i]!;
    if (c === 48) c = b[++i]!;
    else if (c >= 49 && c <= 57) {
      do c = b[++i]!;
      while (c >= 48 && c <= 57);
    } else return -1;
    if (c === 46) {
      c = b[++i]!;
      if (!(c >= 48 && c <= 57)) return -1;
      do c = b[++i]!;
      while (c >= 48 && c <= 57);
    }
    if (c === 101 || c === 69) {
      c = b[++i]!;
      if (c === 43 || c === 45) c = b[++i]!;
      if (!(c >= 48 && c <= 57)) return -1;
      do c = b[++i]!;
      while (c >= 48 && c <= 57);
    }
    this.i = i;
    return i;
  }

  /** Past the value at this.i, checked as JSON.parse checks it, nothing kept; false when it is not JSON. */
  private skip(): boolean {
    const stack = this.stack;
    let depth = 0;
    for (;;) {
      // A value.
      let c = this.b[this.i]!;
      if (c === 34) {
        if (this.str() < 0) return false;
      } else if (c === 123 || c === 91) {
        this.i++;
        const close = c === 123 ? 125 : 93;
        c = this.ws();
        if (c === close) this.i++;
        else {
          if (depth >= SKIP_DEPTH) return false;
          stack[depth++] = close;
          if (close === 125 && !this.key()) return false;
          continue;
        }
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        if (this.num() < 0) return false;
      } else if (!this.literal(c)) return false;
      // After a value: a comma, or the end of its containers.
      for (;;) {
        if (depth === 0) return true;
        c = this.ws();
        if (c === 44) {
          this.i++;
          this.ws();
          if (stack[depth - 1] === 125 && !this.key()) return false;
          break;
        }
        if (c !== stack[depth - 1]) return false;
        this.i++;
        depth--;
      }
    }
  }

  /** A key and its colon (at this.i), then white space: false when they are not. */
  private key(): boolean {
    if (this.b[this.i] !== 34 || this.str() < 0) return false;
    if (this.ws() !== 58) return false;
    this.i++;
    this.ws();
    return true;
  }
}

function hex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Whether the string's content b[s, e) starts (after white space) as JSON a path steps into does (paths.ts). */
function startsJson(b: Buffer, s: number, e: number): boolean {
  while (s < e && b[s] === 32) s++; // (raw tab, CR and LF cannot be in a JSON string)
  return b[s] === 123 || b[s] === 91;
}

function holdsJson(v: string): boolean {
  let k = 0;
  while (k < v.length && (v.charCodeAt(k) === 32 || v.charCodeAt(k) === 10 || v.charCodeAt(k) === 13 || v.charCodeAt(k) === 9)) k++;
  return v[k] === '{' || v[k] === '[';
}
