/**
 * Compact keys: the importer never keeps a parser's strings. Keys are hashed straight from the
 * bytes of the file's buffer and, when new, copied into one growing byte arena, so what is kept is
 * a few bytes per distinct key (the key itself, its offset, length and hash, two table slots), and
 * nothing of the buffer they came from. Lookups are exact: equal hashes are confirmed byte by byte.
 */

/**
 * A 32-bit hash of bytes (MurmurHash3's x86_32 body and finaliser, four bytes a step), so the low
 * bits index a table well.
 */
export function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = 0x9747b28c ^ (e - s);
  let i = s;
  for (; i + 4 <= e; i += 4) {
    let k = b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const r = e - i;
  if (r > 0) {
    let k = b[i]!;
    if (r > 1) k |= b[i + 1]! << 8;
    if (r > 2) k |= b[i + 2]! << 16;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * A set of byte strings, each with a dense index (0, 1, 2, … in order of first sight). An open
 * addressing table (linear probing, at most half full) of (hash, key) pairs over an arena where
 * each key is its length, its index and its bytes, then, when the table has one, its payload: a
 * fixed number of 32-bit words, 8-byte aligned, that the caller keeps there (the counter keeps a
 * message's state beside its id, so a message's lookup and its update touch the same place). A
 * lookup that finds its key reads two places in memory (the slot, the key), an insert one (the
 * slot; the arena is written in order). For batches, `slotOf` and `keyAt` read those places ahead
 * of time.
 */
export class ByteTable {
  /** Entries so far (the next index). */
  size = 0;
  /** Whether the last `intern` added its key. */
  added = false;
  /** The word of the payload of the last key interned. */
  payload = 0;
  /** The arena as 32-bit words (a key at word w: length, index, bytes, payload), as doubles and as bytes. */
  words: Int32Array;
  f64: Float64Array;
  private arena: Uint8Array;
  private used = 0; // in words
  /** Per slot: hash, word of the key + 1 (0: empty). */
  private slots: Int32Array;
  private mask: number;
  /** Per entry, the word of its key (kept only when texts or payloads are wanted). */
  private at: Int32Array | null;

  constructor(
    expected = 1024,
    avgKey = 16,
    texts = false,
    /** Words of payload per key (even). */
    private readonly payloadWords = 0,
  ) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(2 * cap);
    this.mask = cap - 1;
    const buf = new ArrayBuffer(Math.max(4096, (cap >> 1) * (avgKey + 12 + 4 * payloadWords)) & ~7);
    this.words = new Int32Array(buf);
    this.f64 = new Float64Array(buf);
    this.arena = new Uint8Array(buf);
    this.at = texts || payloadWords > 0 ? new Int32Array(cap >> 1) : null;
  }

  /** The entry of bytes b[s, e), added when new (`added` tells which). */
  intern(b: Uint8Array, s: number, e: number): number {
    return this.internHashed(b, s, e, hashBytes(b, s, e));
  }

  /** The same, with the bytes' hashBytes given. Sets `payload` when the table has payloads. */
  internHashed(b: Uint8Array, s: number, e: number, h: number): number {
    const len = e - s;
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const v = slots[2 * i + 1]!;
      if (v === 0) break;
      if (slots[2 * i] === h && this.same(v - 1, b, s, len)) {
        this.added = false;
        if (this.payloadWords > 0) this.payload = (v + 1 + ((len + 3) >> 2) + 1) & ~1;
        return this.words[v]!;
      }
      i = (i + 1) & mask;
    }
    const k = this.size;
    const w = this.used;
    const p = (w + 2 + ((len + 3) >> 2) + 1) & ~1;
    const need = this.payloadWords > 0 ? p + this.payloadWords : w + 2 + ((len + 3) >> 2);
    if (need > this.words.length) this.growArena(need);
    const words = this.words;
    words[w] = len;
    words[w + 1] = k;
    const a = this.arena;
    for (let j = s, o = (w + 2) << 2; j < e; j++) a[o++] = b[j]!;
    this.used = need;
    this.payload = p;
    if (this.at) {
      if (k >= this.at.length) {
        const at = new Int32Array(this.at.length * 2);
        at.set(this.at);
        this.at = at;
      }
      this.at[k] = w;
    }
    this.size = k + 1;
    slots[2 * i] = h;
    slots[2 * i + 1] = w + 1;
    if (this.size * 2 > mask + 1) this.rehash();
    this.added = true;
    return k;
  }

  /** The entry of bytes b[s, e), or -1. */
  find(b: Uint8Array, s: number, e: number): number {
    const h = hashBytes(b, s, e);
    const slots = this.slots;
    let i = h & this.mask;
    for (;;) {
      const v = slots[2 * i + 1]!;
      if (v === 0) return -1;
      if (slots[2 * i] === h && this.same(v - 1, b, s, e - s)) return this.words[v]!;
      i = (i + 1) & this.mask;
    }
  }

  /** The first slot a lookup of hash h reads: its key's word + 1, or 0 (a batch's first read-ahead). */
  slotOf(h: number): number {
    return this.slots[2 * (h & this.mask) + 1]!;
  }

  /** Reads the key (and payload) a slot points to (a batch's second read-ahead); returns anything. */
  keyAt(v: number): number {
    const words = this.words;
    return words[v]! ^ words[v + 16]! ^ words[v + 32]!;
  }

  /** The key of an entry, as text (a table made with `texts`). */
  text(k: number): string {
    const w = this.at![k]!;
    return Buffer.from(this.arena.buffer, this.arena.byteOffset + ((w + 2) << 2), this.words[w]!).toString('utf8');
  }

  /** The payload word of an entry (a table with payloads). */
  payloadOf(k: number): number {
    const w = this.at![k]!;
    return (w + 2 + ((this.words[w]! + 3) >> 2) + 1) & ~1;
  }

  /** Whether entry k is the bytes b[s, e) (a table made with `texts`). */
  equals(k: number, b: Uint8Array, s: number, e: number): boolean {
    return this.same(this.at![k]!, b, s, e - s);
  }

  /** Bytes held (arena and tables), for the record. */
  get bytes(): number {
    return this.arena.byteLength + this.slots.byteLength + (this.at?.byteLength ?? 0);
  }

  private same(w: number, b: Uint8Array, s: number, len: number): boolean {
    if (this.words[w] !== len) return false;
    const a = this.arena;
    let o = (w + 2) << 2;
    for (let j = s, e = s + len; j < e; j++) if (a[o++] !== b[j]) return false;
    return true;
  }

  private growArena(need: number): void {
    let n = this.words.length;
    while (n < need) n = Math.ceil(n * 1.5) & ~1;
    const words = new Int32Array(n);
    words.set(this.words.subarray(0, this.used));
    this.words = words;
    this.f64 = new Float64Array(words.buffer);
    this.arena = new Uint8Array(words.buffer);
  }

  private rehash(): void {
    const old = this.slots;
    const cap = old.length; // twice the slots
    const slots = new Int32Array(2 * cap);
    const mask = cap - 1;
    for (let j = 0; j < old.length; j += 2) {
      const v = old[j + 1]!;
      if (v === 0) continue;
      let i = old[j]! & mask;
      while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
      slots[2 * i] = old[j]!;
      slots[2 * i + 1] = v;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/**
 * A set of pairs of numbers (x an integer from 0 to 2^53, y any number but NaN), for keys made of
 * a message, an event and a time: one array of (x, y) slots, x = -1 when empty, so a probe reads
 * one place in memory.
 */
export class PairSet {
  size = 0;
  private kv: Float64Array;
  private mask: number;

  constructor(expected = 1024) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.kv = new Float64Array(2 * cap).fill(-1);
    this.mask = cap - 1;
  }

  private static hash(x: number, y: number): number {
    let h = Math.imul((x | 0) ^ ((x / 4294967296) | 0), 0x9e3779b1) ^ Math.imul((y | 0) ^ ((y / 4294967296) | 0), 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    return h;
  }

  /** Reads the slot an `add` of (x, y) will read first; returns anything. */
  peek(x: number, y: number): number {
    return this.kv[2 * (PairSet.hash(x, y) & this.mask)]!;
  }

  /** Adds (x, y); false when it was there already. */
  add(x: number, y: number): boolean {
    const kv = this.kv;
    let i = PairSet.hash(x, y) & this.mask;
    for (;;) {
      const a = kv[2 * i]!;
      if (a === -1) break;
      if (a === x && kv[2 * i + 1] === y) return false;
      i = (i + 1) & this.mask;
    }
    kv[2 * i] = x;
    kv[2 * i + 1] = y;
    if (++this.size * 2 > this.mask + 1) this.rehash();
    return true;
  }

  private rehash(): void {
    const old = this.kv;
    const cap = old.length; // twice the slots
    const kv = new Float64Array(2 * cap).fill(-1);
    const mask = cap - 1;
    for (let j = 0; j < old.length; j += 2) {
      const x = old[j]!;
      if (x === -1) continue;
      let i = PairSet.hash(x, old[j + 1]!) & mask;
      while (kv[2 * i] !== -1) i = (i + 1) & mask;
      kv[2 * i] = x;
      kv[2 * i + 1] = old[j + 1]!;
    }
    this.kv = kv;
    this.mask = mask;
  }
}

/**
 * A few values that come back on every row (events, routes, cohorts): a ByteTable behind a small
 * direct-mapped cache on the value's length and three of its bytes, so most rows find their value
 * with one comparison and no hash.
 */
export class SmallTable {
  readonly table = new ByteTable(64, 16, true);
  private readonly cache = new Int32Array(256);

  /** The entry of b[s, e) (s < e), or -1. */
  find(b: Uint8Array, s: number, e: number): number {
    const len = e - s;
    const c = (len * 31 + b[s]! * 7 + b[e - 1]! * 13 + b[s + (len >> 1)]!) & 255;
    const k = this.cache[c]! - 1;
    if (k >= 0 && this.table.equals(k, b, s, e)) return k;
    const f = this.table.find(b, s, e);
    if (f >= 0) this.cache[c] = f + 1;
    return f;
  }

  add(b: Uint8Array, s: number, e: number): number {
    return this.table.intern(b, s, e);
  }
}

/** The first byte of b[s, e) that is not part of well-formed UTF-8, or -1. Only for error reports. */
export function firstBadUtf8(b: Uint8Array, s: number, e: number): number {
  let i = s;
  while (i < e) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (n === 0) return i;
    const min = n === 1 ? 0x80 : n === 2 ? 0x800 : 0x10000;
    if (i + n >= e) return i; // truncated at the end
    let cp = c & (0x3f >> n);
    for (let j = 1; j <= n; j++) {
      const d = b[i + j]!;
      if ((d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** How many bytes at the end of b[s, e) start a UTF-8 sequence that continues past e (0 to 3). */
export function incompleteTail(b: Uint8Array, s: number, e: number): number {
  for (let k = 1; k <= 3 && e - k >= s; k++) {
    const c = b[e - k]!;
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

/** Line breaks (LF, CRLF, lone CR) in b[s, e). */
export function countBreaks(b: Uint8Array, s: number, e: number, loneCr = true): number {
  let n = 0;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === 10) n++;
    else if (loneCr && c === 13 && b[i + 1] !== 10) n++;
  }
  return n;
}
