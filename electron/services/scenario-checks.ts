/**
 * A scenario's patch addresses list entries by position (/vendors/1/...). When the base's lists
 * change (a vendor removed or moved), a position names another entry, and the change would quietly
 * apply to it. So every change an edit made in a scenario writes is preceded by a `test` of what
 * the entries on its path are (a vendor's or a stream's id; a route's or a pilot's channel, country
 * and class; a fee's name; an exchange rate's currency), as the sample's b-at-a-prices tests
 * /vendors/1/id: when the base moves or removes that entry, the test fails and the scenario says it
 * no longer applies, instead of changing something else.
 */
import jsonPatch, { type Operation } from 'fast-json-patch';
import type { PatchOperation } from '../engine/types.js';

/** What identifies an entry of each list of the document, by the entry's path. */
const IDENTITY: [RegExp, string[]][] = [
  [/^\/vendors\/\d+$/, ['id']],
  [/^\/streams\/\d+$/, ['id']],
  [/^\/vendors\/\d+\/quote\/routes\/\d+$/, ['channel', 'country', 'class']],
  [/^\/vendors\/\d+\/pilots\/\d+$/, ['channel', 'country', 'class']],
  [/^\/vendors\/\d+\/quote\/fees\/\d+$/, ['name']],
  [/^\/fx\/\d+$/, ['currency']],
];

/** The paths of the list entries a path goes through (itself included when it is one), outermost first. */
function entriesOn(path: string): string[] {
  const keys = path.split('/');
  const out: string[] = [];
  for (let n = 2; n <= keys.length; n++) {
    const p = keys.slice(0, n).join('/');
    if (IDENTITY.some(([re]) => re.test(p))) out.push(p);
  }
  return out;
}

const fieldsOf = (entry: string) => IDENTITY.find(([re]) => re.test(entry))![1];

/**
 * The patch with a `test` before each change of what identifies the entries on its path, as they
 * are where the change applies (the patch's earlier changes made). An entry the change adds has
 * nothing to test; a test already made stands until a change adds or removes a list entry.
 */
export function withChecks(base: unknown, patch: readonly Operation[]): PatchOperation[] {
  let doc: unknown = structuredClone(base);
  const out: PatchOperation[] = [];
  let made = new Set<string>();
  for (const o of patch) {
    if (o.op !== 'add' && o.op !== 'remove' && o.op !== 'replace') {
      out.push(o as PatchOperation);
      continue;
    }
    for (const entry of entriesOn(o.path)) {
      if (entry === o.path && o.op === 'add') continue;
      let value: unknown;
      try {
        value = jsonPatch.getValueByPointer(doc, entry);
      } catch {
        continue;
      }
      if (value === null || typeof value !== 'object') continue;
      for (const f of fieldsOf(entry)) {
        const v = (value as Record<string, unknown>)[f];
        const path = `${entry}/${f}`;
        if (v === undefined || made.has(path)) continue;
        out.push({ op: 'test', path, value: v });
        made.add(path);
      }
    }
    out.push(o.op === 'remove' ? { op: 'remove', path: o.path } : { op: o.op, path: o.path, value: o.value });
    doc = jsonPatch.applyOperation(doc, o, false, true).newDocument;
    // An entry added or removed moves the ones after it: their tests are made again.
    if ((o.op === 'add' || o.op === 'remove') && /\/(\d+|-)$/.test(o.path)) made = new Set();
  }
  return out;
}

/**
 * The patch without its change at `index` and the tests just before it that check only that
 * change's entries (those a following change also rests on stay).
 */
export function withoutChange(patch: readonly PatchOperation[], index: number): PatchOperation[] {
  const target = patch[index]!;
  let start = index;
  if (target.op !== 'test') {
    const mine = new Set(entriesOn(target.path));
    const next = patch[index + 1];
    const theirs = new Set(next && next.op !== 'test' ? entriesOn(next.path) : []);
    while (start > 0) {
      const o = patch[start - 1]!;
      const entry = o.path.slice(0, o.path.lastIndexOf('/'));
      if (o.op !== 'test' || !mine.has(entry) || theirs.has(entry) || !fieldsOf(entry).some((f) => o.path === `${entry}/${f}`)) break;
      start--;
    }
  }
  return [...patch.slice(0, start), ...patch.slice(index + 1)];
}
