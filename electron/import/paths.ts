/**
 * Paths to values inside a JSON record, as a mapping writes them (README.md, "The mapping
 * language"): names joined by dots (`data.to`, `pricing.category`), a name written as a JSON
 * string in brackets where it holds a dot or a bracket (`headers["message.id"]`), `[n]` for the
 * n-th element of an array (`errors[0].code`) and `[]` for every element (`mail.destination[]`,
 * `entry[].changes[].value.statuses[]`). Dashes and other characters are part of a name
 * (`event-data`, `message.headers.message-id`). `$` alone is the record itself. A step into a
 * string that holds JSON reads that JSON (SNS wraps an SES event in its `Message` string).
 */

export type Step = { key: string } | { index: number } | { each: true };

export interface Path {
  text: string;
  steps: Step[];
  /** Holds `[]`: gives a list. */
  many: boolean;
}

/** The path written in `text`, or an error sentence. */
export function compilePath(text: string): Path | string {
  const steps: Step[] = [];
  if (text === '$') return { text, steps, many: false };
  let i = 0;
  const n = text.length;
  let expectName = true;
  while (i < n) {
    const c = text[i]!;
    if (c === '[') {
      const close = text.indexOf(']', i);
      if (text[i + 1] === '"') {
        // a quoted name: a JSON string up to the closing quote
        let j = i + 2;
        while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        if (j >= n || text[j + 1] !== ']') return `a name in brackets must be a quoted string followed by ] (at character ${i + 1})`;
        let key: string;
        try {
          key = JSON.parse(text.slice(i + 1, j + 1)) as string;
        } catch {
          return `${text.slice(i + 1, j + 1)} is not a quoted name (at character ${i + 1})`;
        }
        steps.push({ key });
        i = j + 2;
      } else {
        if (close < 0) return `a [ is not closed (at character ${i + 1})`;
        const inner = text.slice(i + 1, close);
        if (inner === '') steps.push({ each: true });
        else if (/^\d+$/.test(inner)) steps.push({ index: Number(inner) });
        else return `[${inner}] must be [] (every element), [n] (the n-th, from 0) or ["name"] (at character ${i + 1})`;
        i = close + 1;
      }
      expectName = false;
      continue;
    }
    if (c === '.') {
      if (expectName) return `a name is missing before the dot at character ${i + 1}`;
      expectName = true;
      i++;
      continue;
    }
    if (!expectName) return `a dot or a bracket is missing before character ${i + 1}`;
    let j = i;
    while (j < n && text[j] !== '.' && text[j] !== '[') j++;
    const key = text.slice(i, j);
    if (key === ']') return `a ] with no [ (at character ${i + 1})`;
    steps.push({ key });
    expectName = false;
    i = j;
  }
  if (expectName && n > 0) return 'the path ends with a dot';
  if (steps.length === 0) return 'the path is empty (write $ for the record itself)';
  return { text, steps, many: steps.some((s) => 'each' in s) };
}

// The last string read as JSON and its value: the fields of one record read the same string in turn.
let lastText = '';
let lastValue: unknown = undefined;

/** A string that holds a JSON object or array, read; else undefined. */
function embedded(v: string): unknown {
  if (v === lastText) return lastValue;
  lastText = v;
  lastValue = parseEmbedded(v);
  return lastValue;
}

function parseEmbedded(v: string): unknown {
  let k = 0;
  while (k < v.length && (v.charCodeAt(k) === 32 || v.charCodeAt(k) === 10 || v.charCodeAt(k) === 13 || v.charCodeAt(k) === 9)) k++;
  const c = v[k];
  if (c !== '{' && c !== '[') return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

/** Every value the path reaches from `v` (none when a step finds nothing), into `out`. */
export function collect(v: unknown, steps: readonly Step[], from: number, out: unknown[]): void {
  for (let k = from; k < steps.length; k++) {
    if (v === null || v === undefined) return;
    if (typeof v === 'string') {
      v = embedded(v);
      if (v === undefined) return;
    }
    const s = steps[k]!;
    if ('key' in s) {
      if (typeof v !== 'object' || Array.isArray(v)) return;
      const o = v as Record<string, unknown>;
      v = Object.prototype.hasOwnProperty.call(o, s.key) ? o[s.key] : undefined;
    } else if ('index' in s) {
      if (!Array.isArray(v)) return;
      v = v[s.index];
    } else {
      if (!Array.isArray(v)) return;
      for (const e of v) collect(e, steps, k + 1, out);
      return;
    }
  }
  if (v !== undefined && v !== null) out.push(v);
}

/** The one value a path without `[]` reaches, or undefined. */
export function valueAt(v: unknown, steps: readonly Step[]): unknown {
  for (let k = 0; k < steps.length; k++) {
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'string') {
      v = embedded(v);
      if (v === undefined) return undefined;
    }
    const s = steps[k]!;
    if ('key' in s) {
      if (typeof v !== 'object' || Array.isArray(v)) return undefined;
      const o = v as Record<string, unknown>;
      v = Object.prototype.hasOwnProperty.call(o, s.key) ? o[s.key] : undefined;
    } else if ('index' in s) {
      if (!Array.isArray(v)) return undefined;
      v = v[s.index];
    } else return undefined;
  }
  return v === null ? undefined : v;
}

/** A literal top-level key as a path (v1 mappings name JSON keys as they are, dots and all). */
export function keyPath(key: string): Path {
  return { text: key, steps: [{ key }], many: false };
}
