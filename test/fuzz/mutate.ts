/**
 * Mutations of valid inputs for the fuzz tests (fast-check arbitraries): byte-level edits of a
 * file (bytes flipped, cut, deleted, lines duplicated or swapped, quotes, line ends, BOM, NUL,
 * delimiters, brackets, long runs inserted) and value-level edits of a JSON value (a random JSON
 * value, or a nasty one, put at a random path; a key deleted or added). The generators pick the
 * edits; applying them is deterministic, so a failure shrinks to a small counterexample.
 */
import fc from 'fast-check';

/** Byte sequences a reader must get right: quotes, line ends, BOM, NUL, delimiters, brackets, bad UTF-8. */
const SPECIAL_BYTES: readonly number[][] = [
  [0x22], // "
  [0x22, 0x22],
  [0x27], // '
  [0x0a],
  [0x0d, 0x0a],
  [0x0d],
  [0xef, 0xbb, 0xbf], // BOM
  [0x00], // NUL
  [0x2c], // ,
  [0x3b], // ;
  [0x09], // tab
  [0x7c], // |
  [0x7b], // {
  [0x7d], // }
  [0x5b], // [
  [0x5d], // ]
  [0x3a], // :
  [0x5c], // backslash
  [0xc3], // a UTF-8 lead byte alone
  [0xff], // never UTF-8
  [0xe2, 0x82], // a cut 3-byte character
  [0xf0, 0x9f, 0x98, 0x80], // 😀
  [0x20],
  [0x2d], // -
  [0x2e], // .
  [0x30], // 0
  [0x39], // 9
  [0x65], // e
  [0x2b], // +
  [0x5a], // Z
];

export type ByteEdit =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'run'; at: number; byte: number; len: number }
  | { kind: 'dupLine'; at: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'cut'; at: number };

const special = fc.constantFrom(...SPECIAL_BYTES);

export const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.oneof(fc.constantFrom(...SPECIAL_BYTES.map((b) => b[0]!)), fc.integer({ min: 0, max: 255 })) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      bytes: fc.oneof(
        special,
        fc.uint8Array({ minLength: 1, maxLength: 6 }).map((a) => [...a]),
      ),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('run' as const), at: fc.nat(), byte: fc.constantFrom(0x61, 0x30, 0x22, 0x2c, 0x20, 0x7b, 0x5b), len: fc.integer({ min: 16, max: 4000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('dupLine' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }) },
);

export const byteEdits = fc.array(byteEdit, { minLength: 1, maxLength: 6 });

function lineBounds(b: Buffer): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x0a) {
      out.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < b.length) out.push([start, b.length]);
  return out;
}

export function applyByteEdits(base: Buffer, edits: readonly ByteEdit[]): Buffer {
  let b = Buffer.from(base);
  for (const e of edits) {
    const at = (x: number) => (b.length ? x % (b.length + 1) : 0);
    switch (e.kind) {
      case 'set':
        if (b.length) b[e.at % b.length] = e.byte;
        break;
      case 'insert': {
        const i = at(e.at);
        b = Buffer.concat([b.subarray(0, i), Buffer.from(e.bytes), b.subarray(i)]);
        break;
      }
      case 'delete': {
        const i = at(e.at);
        b = Buffer.concat([b.subarray(0, i), b.subarray(i + e.len)]);
        break;
      }
      case 'run': {
        const i = at(e.at);
        b = Buffer.concat([b.subarray(0, i), Buffer.alloc(e.len, e.byte), b.subarray(i)]);
        break;
      }
      case 'dupLine': {
        const lines = lineBounds(b);
        if (!lines.length) break;
        const [s, t] = lines[e.at % lines.length]!;
        b = Buffer.concat([b.subarray(0, t), b.subarray(s, t), b.subarray(t)]);
        break;
      }
      case 'swapLines': {
        const lines = lineBounds(b);
        if (lines.length < 2) break;
        const parts = lines.map(([s, t]) => b.subarray(s, t));
        const i = e.a % parts.length;
        const j = e.b % parts.length;
        [parts[i], parts[j]] = [parts[j]!, parts[i]!];
        b = Buffer.concat(parts);
        break;
      }
      case 'cut':
        b = b.subarray(0, at(e.at));
        break;
    }
  }
  return b;
}

// ---------------------------------------------------------------------------------------------
// JSON values

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Values a reader must refuse or take: wrong types, edges of numbers and strings, prototype keys. */
const NASTY: readonly Json[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  1.5,
  1e308,
  -1e308,
  5e-324,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 31),
  4294967296,
  '',
  ' ',
  '0',
  '-0',
  '1e999',
  '-1e-999',
  'NaN',
  'Infinity',
  '0x10',
  '1_000',
  '١٢٣',
  '.5',
  '5.',
  '1e',
  '00012',
  '2026-02-30',
  '2026-13',
  '9999-12',
  'USD',
  'usd',
  'sms',
  'sms/US',
  'x'.repeat(600),
  '\u0000',
  '\ud800',
  '__proto__',
  [],
  [null],
  [[[[[]]]]],
  {},
  // An object without a prototype (what `{ __proto__: null }` makes).
  Object.create(null) as Json,
  JSON.parse('{"__proto__":{"polluted":1}}') as Json,
  { constructor: { prototype: { polluted: 1 } } },
  Array.from({ length: 13 }, () => 1),
];

export const jsonValue: fc.Arbitrary<Json> = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...NASTY) }, { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> });

export type ValueEdit = { kind: 'set'; path: number[]; value: Json } | { kind: 'delete'; path: number[] } | { kind: 'add'; path: number[]; key: string; value: Json };

export const valueEdit: fc.Arbitrary<ValueEdit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), path: fc.array(fc.nat(), { minLength: 0, maxLength: 7 }), value: jsonValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.array(fc.nat(), { minLength: 1, maxLength: 7 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      path: fc.array(fc.nat(), { minLength: 0, maxLength: 6 }),
      key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'extra', 'id', ''), fc.string({ maxLength: 8 })),
      value: jsonValue,
    }),
  },
);

export const valueEdits = fc.array(valueEdit, { minLength: 1, maxLength: 4 });

/** Walk `path` (each step an index into the children present) as far as it goes: the container and the key reached. */
function walk(root: Json, path: readonly number[]): { parent: Json[] | { [k: string]: Json } | null; key: string | number | null } {
  let parent: Json[] | { [k: string]: Json } | null = null;
  let key: string | number | null = null;
  let node: Json = root;
  for (const step of path) {
    if (Array.isArray(node)) {
      if (node.length === 0) break;
      parent = node;
      key = step % node.length;
      node = node[key]!;
    } else if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      parent = node;
      key = keys[step % keys.length]!;
      node = node[key]!;
    } else break;
  }
  return { parent, key };
}

/** A deep copy of `base` with the edits applied (the root itself may be replaced). */
export function applyValueEdits(base: Json, edits: readonly ValueEdit[]): Json {
  let root = structuredClone(base);
  for (const e of edits) {
    const { parent, key } = walk(root, e.path);
    if (e.kind === 'set') {
      if (parent === null || key === null) root = structuredClone(e.value);
      else if (Array.isArray(parent)) parent[key as number] = structuredClone(e.value);
      else Object.defineProperty(parent, key as string, { value: structuredClone(e.value), enumerable: true, writable: true, configurable: true });
    } else if (e.kind === 'delete') {
      if (parent === null || key === null) continue;
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else {
      const target = parent === null || key === null ? root : (parent as Record<string | number, Json>)[key]!;
      if (Array.isArray(target)) target.push(structuredClone(e.value));
      else if (target !== null && typeof target === 'object') Object.defineProperty(target, e.key, { value: structuredClone(e.value), enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}

/** Built-in errors that mean a bug when they escape a reader, by their messages (a RangeError may be wrapped). */
export const BUILTIN_ERROR_TEXT =
  /Invalid array length|Maximum call stack|Invalid string length|toFixed\(\) digits|Invalid time value|Invalid count value|Cannot read propert|is not a function|is not iterable|is not an object|undefined is not|Cannot convert|out of memory/;
