/**
 * Bounded work on any input (issue 18): the limits a document, or an operation's input, must keep
 * before the full validation runs, checked in time and memory proportional to what is read before
 * the first limit is passed, and without recursion (no input can drive a check past the stack).
 *
 * The limits are far above any real RFP (README.md, Reliability): a real comparison has a handful
 * of vendors, tens of streams and a few hundred routes a quote.
 */
import { jsonPath, type PathSegment } from './paths.js';

export const LIMITS = {
  /** The JSON text of a document (a file, an upload, a request's body). */
  documentBytes: 16 * 1024 * 1024,
  /** How deep values nest: a document's deepest value (a tier's price) is 7 levels down. */
  depth: 32,
  /** Every JSON value of a document or an input (objects, arrays, strings, numbers, ...). */
  values: 2_000_000,
  /** Any array or object not named below. */
  entries: 10_000,
  /** Issues reported for one document: the first ones found. */
  issues: 20,
  fx: 300,
  streams: 2_000,
  vendors: 100,
  routes: 5_000,
  routesInAll: 50_000,
  tiers: 200,
  passThroughChanges: 600,
  carriers: 100,
  scenarios: 100,
  scenarioOperations: 10_000,
  fees: 1_000,
  pilots: 10_000,
  failureReasons: 1_000,
  /** A decimal's size: |x| <= 10^15 (a quadrillion, in any currency or unit). */
  decimalMagnitude: 1e15,
  /** A decimal written as a string: at most this many characters. */
  decimalChars: 64,
  /** A count (messages, conversions, group sizes): a whole number from 0 to 10^12. */
  count: 1e12,
  /** A message text: a stream's template, the text `segments` counts (characters, UTF-16 units). */
  textChars: 100_000,
} as const;

/** The arrays (and the one object) of a document with their own limits, by their place ("[]" for any index). */
const PLACES: Readonly<Record<string, { limit: number; what: string; inAll?: { limit: number; key: string } }>> = {
  fx: { limit: LIMITS.fx, what: 'FX rates' },
  streams: { limit: LIMITS.streams, what: 'streams' },
  vendors: { limit: LIMITS.vendors, what: 'vendors' },
  'vendors[].quote.routes': { limit: LIMITS.routes, what: 'routes in one quote', inAll: { limit: LIMITS.routesInAll, key: 'routes' } },
  'vendors[].quote.routes[].tiers': { limit: LIMITS.tiers, what: 'tiers in one route' },
  'vendors[].quote.routes[].passThroughChanges': { limit: LIMITS.passThroughChanges, what: 'pass-through changes in one route' },
  'vendors[].quote.routes[].priceChanges': { limit: LIMITS.passThroughChanges, what: 'dated price changes in one route' },
  'vendors[].quote.routes[].carrierMix': { limit: LIMITS.carriers, what: 'carriers in one route' },
  'vendors[].quote.routes[].priceChanges[].carrierMix': { limit: LIMITS.carriers, what: 'carriers in one price change' },
  'vendors[].quote.routes[].priceChanges[].tiers': { limit: LIMITS.tiers, what: 'tiers in one price change' },
  scenarios: { limit: LIMITS.scenarios, what: 'scenarios' },
  'scenarios[].patch': { limit: LIMITS.scenarioOperations, what: 'changes in one scenario' },
  'vendors[].quote.fees': { limit: LIMITS.fees, what: 'fees in one quote' },
  'vendors[].pilots': { limit: LIMITS.pilots, what: 'pilots of one vendor' },
  'vendors[].pilots[].failed': { limit: LIMITS.failureReasons, what: 'failure reasons in one pilot' },
};

const fmt = (n: number): string => n.toLocaleString('en-US');

/** A limit passed: where (a JSON path), the field, and a sentence naming the limit. */
export interface LimitIssue {
  path: string;
  field: string;
  message: string;
}

function issueAt(path: readonly PathSegment[], message: string): LimitIssue {
  const shown = path.length > LIMITS.depth + 1 ? [...path.slice(0, LIMITS.depth + 1)] : [...path];
  const last = [...shown].reverse().find((p) => typeof p === 'string');
  return { path: jsonPath(shown), field: typeof last === 'string' ? last : '', message };
}

/** The UTF-8 byte count of a text (no Buffer: the renderer reads this file too). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** A limit passed in a JSON text: the character offset, the JSON path and field, and a sentence. */
export interface TextLimitIssue extends LimitIssue {
  offset: number;
}

/**
 * The JSON text before it is parsed: its size, how deep its brackets nest, and how many entries
 * each array and object has (a document's own lists by PLACES when `document` is set, or for a
 * document under one of the keys `documentUnder` of an operation's input; any other list by
 * LIMITS.entries), stopping at the first limit passed. One linear pass, no recursion, nothing
 * allocated per value: a million empty streams are refused before JSON.parse builds them.
 * Returns null when the text keeps every limit (it may still not be JSON: JSON.parse says so).
 */
export function scanJsonText(text: string, options: { maxBytes?: number; document?: boolean; documentUnder?: readonly string[] } = {}): TextLimitIssue | null {
  const maxBytes = options.maxBytes ?? LIMITS.documentBytes;
  // A UTF-16 length is at most the UTF-8 byte count; the exact count only when it could pass.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8Length(text) > maxBytes)) {
    return { offset: 0, path: '$', field: '', message: `is ${fmt(utf8Length(text))} bytes: a workspace document can be at most ${fmt(maxBytes)} bytes (limit: document size)` };
  }
  const isObject: boolean[] = [];
  const commas: number[] = [];
  const keys: string[] = [];
  const places: string[] = [];
  const limits: number[] = [];
  const whats: string[] = [];
  let expectKey = false;
  const path = (): PathSegment[] => isObject.map((o, d) => (o ? keys[d]! : commas[d]!));
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i + 1;
      for (i++; i < n; i++) {
        const x = text.charCodeAt(i);
        if (x === 0x5c) i++;
        else if (x === 0x22) break;
      }
      const d = isObject.length - 1;
      if (expectKey && d >= 0 && isObject[d]) keys[d] = text.slice(start, Math.min(i, start + 200));
      expectKey = false;
    } else if (c === 0x5b || c === 0x7b) {
      const d = isObject.length;
      if (d >= LIMITS.depth) return { offset: i, ...issueAt(path(), `values nest more than ${LIMITS.depth} levels deep (a document's deepest value is 7 levels down) (limit: nesting depth)`) };
      const parent = d === 0 ? null : places[d - 1]!;
      const place = parent === null ? '' : isObject[d - 1] ? (parent === '' ? keys[d - 1]! : `${parent}.${keys[d - 1]!}`) : `${parent}[]`;
      const under = options.documentUnder?.find((k) => place.startsWith(`${k}.`));
      const known = options.document ? PLACES[place] : under !== undefined ? PLACES[place.slice(under.length + 1)] : undefined;
      isObject.push(c === 0x7b);
      commas.push(0);
      keys.push('');
      places.push(place);
      limits.push(known?.limit ?? LIMITS.entries);
      whats.push(known?.what ?? (c === 0x7b ? 'fields in one object' : 'entries in one list'));
      expectKey = c === 0x7b;
    } else if (c === 0x5d || c === 0x7d) {
      isObject.pop();
      commas.pop();
      keys.pop();
      places.pop();
      limits.pop();
      whats.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      const d = isObject.length - 1;
      if (d < 0) continue;
      if (++commas[d]! >= limits[d]!) {
        const at = path().slice(0, d);
        return { offset: i, ...issueAt(at, `has more than ${fmt(limits[d]!)} ${whats[d]}: a document can have at most ${fmt(limits[d]!)} (limit: ${whats[d]})`) };
      }
      expectKey = isObject[d]!;
    }
  }
  return null;
}

/** The place of a path for PLACES: indexes as "[]". */
const placeOf = (path: readonly PathSegment[]): string =>
  path
    .map((p) => (typeof p === 'number' ? '[]' : p))
    .join('.')
    .replace(/\.\[\]/g, '[]');

/**
 * A parsed value's limits, walked without recursion before any schema looks at it: nesting depth,
 * the number of values in all, and the length of every array and object (a document's own by
 * PLACES, any other by LIMITS.entries). `at` is where the value sits in a document (`[]` for the
 * document itself, ['vendors', 0] for a vendor given on its own), so a vendor's fees are counted
 * against the fees limit wherever the vendor comes from. Stops at the first limit passed.
 */
export function checkValueLimits(value: unknown, at: readonly PathSegment[] = [], prefix: readonly PathSegment[] = []): LimitIssue | null {
  const stack: { v: unknown; path: PathSegment[]; depth: number }[] = [{ v: value, path: [...at], depth: 0 }];
  const shown = (path: readonly PathSegment[]) => [...prefix, ...path.slice(at.length)];
  let values = 0;
  const inAll = new Map<string, number>();
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (++values > LIMITS.values) return issueAt(shown(path), `the input holds more than ${fmt(LIMITS.values)} values (limit: values in one document)`);
    // A leaf: a scalar, or bytes (a BLOB read from a crafted file), which the schema refuses as such.
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) continue;
    if (depth >= LIMITS.depth) return issueAt(shown(path), `values nest more than ${LIMITS.depth} levels deep (a document's deepest value is 7 levels down) (limit: nesting depth)`);
    const keys = Array.isArray(v) ? null : Object.keys(v);
    const n = keys === null ? (v as unknown[]).length : keys.length;
    const place = PLACES[placeOf(path)];
    const limit = place?.limit ?? LIMITS.entries;
    if (n > limit) {
      const what = place?.what ?? (keys === null ? 'entries in one list' : 'fields in one object');
      return issueAt(shown(path), `has ${fmt(n)} ${what}: a document can have at most ${fmt(limit)} (limit: ${what})`);
    }
    if (place?.inAll) {
      const total = (inAll.get(place.inAll.key) ?? 0) + n;
      inAll.set(place.inAll.key, total);
      if (total > place.inAll.limit) return issueAt(shown(path), `brings the ${place.inAll.key} of all quotes to more than ${fmt(place.inAll.limit)} (limit: ${place.inAll.key} in one document)`);
    }
    if (keys === null) for (let i = n - 1; i >= 0; i--) stack.push({ v: (v as unknown[])[i], path: [...path, i], depth: depth + 1 });
    else for (let i = n - 1; i >= 0; i--) stack.push({ v: (v as Record<string, unknown>)[keys[i]!], path: [...path, keys[i]!], depth: depth + 1 });
  }
  return null;
}

/**
 * A decimal's bounds (FORMAT.md: a JSON number or a decimal string): finite, |x| <= 10^15, a
 * string of at most 64 characters. Returns why not, or null.
 */
export function decimalOutOfBounds(x: string | number): string | null {
  if (typeof x === 'string' && x.length > LIMITS.decimalChars) return `is written with ${fmt(x.length)} characters: a decimal can have at most ${LIMITS.decimalChars}`;
  const n = Number(x);
  if (!Number.isFinite(n) || Math.abs(n) > LIMITS.decimalMagnitude) {
    const shown = typeof x === 'string' ? x : String(x);
    return `is ${shown.length > 24 ? `${shown.slice(0, 24)}…` : shown}: a number here can be at most 1,000,000,000,000,000 (10^15) in size`;
  }
  return null;
}

/** Minus zero ("-0", "-0.00", -0) is zero: the reader passes it on as "0" (or 0), as the engine reads it. */
export function withoutMinusZero<T extends string | number>(x: T): T {
  if (typeof x === 'number') return (Object.is(x, -0) ? 0 : x) as T;
  return (x.startsWith('-') && Number(x) === 0 ? x.slice(1) : x) as T;
}
