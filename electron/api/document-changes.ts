/**
 * A document as its changes from an earlier one: what `workspace.edit` answers with in place of the
 * whole document when the caller says which document it holds (`since`, the edit's answer's `tag`).
 * A keystroke in one vendor of ten changes one vendor: the answer carries that vendor, not the other
 * nine and the streams (on the 10 vendors × 30 streams bench workspace, 120 KB of a 178 KB answer
 * that the host wrote, the page parsed and walked on every keystroke). The totals of the same answer
 * go the same way (`resultChanges`): the vendors whose numbers the edit did not move are left out.
 *
 * A document's changes are found by identity: the app's next document shares every part an edit
 * left alone with the one before (readDocumentFrom, canonicalDocumentFrom), so a part that is the
 * same object is unchanged; a part that is another object is sent whole, even if it is equal (never
 * wrong, only longer). The totals are made afresh by each computation, so theirs are found by value
 * (`sameJson`: the parts result-json.ts keeps are the same objects, and compare at once). Pure: no I/O.
 */
import type { ComputeJson } from '../engine/result-json.js';
import type { WorkspaceDocument } from './document.js';

type Lists<T> = { [K in keyof T]-?: NonNullable<T[K]> extends readonly unknown[] ? K : never }[keyof T];
type Item<T, K extends keyof T> = NonNullable<T[K]> extends readonly (infer I)[] ? I : never;

/** The changes from one value of a JSON object type to the next. */
export interface Changes<T> {
  /** The tag of the value these are the changes of (the edit's `since`). */
  since: number;
  /** Every key of the new value, in its order (a key absent here is gone from it). */
  keys: (keyof T)[];
  /** The value of each key that changed, whole (a key not here is unchanged, when listed in `keys`). */
  set: Partial<T>;
  /** A list (vendors, streams…) by position: the new item, or null where the item at that position is unchanged. */
  lists: { [K in Lists<T>]?: (Item<T, K> | null)[] };
}

export type DocumentChanges = Changes<WorkspaceDocument>;
export type ResultChanges = Changes<ComputeJson>;

const isList = (x: unknown): x is readonly unknown[] => Array.isArray(x);

/** The same JSON value: the same object, or equal scalars, or lists and objects of the same JSON values (keys in any order). The undo history (store/history.ts) and the reconciling of a document read again (services/reconcile.ts, scenarios.ts) compare with it too. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (isList(a) || isList(b)) return isList(a) && isList(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ob = b as Record<string, unknown>;
  const oa = a as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(ob, k) && sameJson(oa[k], ob[k]));
}

function changes<T extends object>(prev: T, next: T, since: number, same: (a: unknown, b: unknown) => boolean): Changes<T> {
  const keys = Object.keys(next) as (keyof T)[];
  const set: Record<string, unknown> = {};
  const lists: Record<string, unknown[]> = {};
  const old = prev as Record<keyof T, unknown>;
  for (const k of keys) {
    const p: unknown = old[k];
    const n: unknown = next[k];
    if (same(p, n)) continue;
    // By position, when no item of the new list is null (null is the mark of an unchanged item).
    if (isList(p) && isList(n) && n.every((x) => x !== null)) lists[k as string] = n.map((x, i) => (i < p.length && same(p[i], x) ? null : x));
    else set[k as string] = n;
  }
  return { since, keys, set: set as Partial<T>, lists: lists as Changes<T>['lists'] };
}

/** The changes from `prev` (tagged `since`) to `next`, by identity. */
export function documentChanges(prev: WorkspaceDocument, next: WorkspaceDocument, since: number): DocumentChanges {
  return changes(prev, next, since, Object.is);
}

/** The changes from the totals `prev` (answered with the tag `since`) to `next` (or any JSON objects), by value. */
export function resultChanges<T extends object = ComputeJson>(prev: T, next: T, since: number): Changes<T> {
  return changes(prev, next, since, sameJson);
}

/** The value `changes` describe, from the one they are the changes of (its unchanged parts, the same objects). */
export function withChanges<T extends object>(prev: T, changes: Changes<T>): T {
  const out: Record<string, unknown> = {};
  const set: Partial<Record<string, unknown>> = changes.set;
  const lists: Partial<Record<string, unknown[]>> = changes.lists;
  const old: Partial<Record<string, unknown>> = prev;
  for (const k of changes.keys as string[]) {
    const list = lists[k];
    if (list) {
      const p = old[k];
      const before = isList(p) ? p : [];
      out[k] = list.map((x, i) => (x === null ? before[i] : x));
    } else out[k] = k in set ? set[k] : old[k];
  }
  return out as T;
}
