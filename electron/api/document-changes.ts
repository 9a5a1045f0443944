/**
 * A document as its changes from an earlier one: what `workspace.edit` answers with in place of the
 * whole document when the caller says which document it holds (`since`, the edit's answer's `tag`).
 * A keystroke in one vendor of ten changes one vendor: the answer carries that vendor, not the other
 * nine and the streams (on the 10 vendors × 30 streams bench workspace, 120 KB of a 178 KB answer
 * that the host wrote, the page parsed and walked on every keystroke).
 *
 * The changes are found by identity: the app's next document shares every part an edit left alone
 * with the one before (readDocumentFrom, canonicalDocumentFrom), so a part that is the same object is
 * unchanged; a part that is another object is sent whole, even if it is equal (never wrong, only
 * longer). Pure: no I/O.
 */
import type { WorkspaceDocument } from './document.js';

type Lists = { [K in keyof WorkspaceDocument]-?: NonNullable<WorkspaceDocument[K]> extends readonly unknown[] ? K : never }[keyof WorkspaceDocument];
type Item<K extends Lists> = NonNullable<WorkspaceDocument[K]> extends readonly (infer T)[] ? T : never;

export interface DocumentChanges {
  /** The tag of the document these are the changes of (the edit's `since`). */
  since: number;
  /** Every key of the new document, in its order (a key absent here is gone from it). */
  keys: (keyof WorkspaceDocument)[];
  /** The value of each key that changed, whole (a key not here is unchanged, when listed in `keys`). */
  set: Partial<WorkspaceDocument>;
  /** A list (vendors, streams…) by position: the new item, or null where the item at that position is unchanged. */
  lists: { [K in Lists]?: (Item<K> | null)[] };
}

const isList = (x: unknown): x is readonly unknown[] => Array.isArray(x);

/** The changes from `prev` (tagged `since`) to `next`. */
export function documentChanges(prev: WorkspaceDocument, next: WorkspaceDocument, since: number): DocumentChanges {
  const keys = Object.keys(next) as (keyof WorkspaceDocument)[];
  const set: Record<string, unknown> = {};
  const lists: Record<string, unknown[]> = {};
  for (const k of keys) {
    const p: unknown = prev[k];
    const n: unknown = next[k];
    if (p === n) continue;
    // By position, when no item of the new list is null (null is the mark of an unchanged item).
    if (isList(p) && isList(n) && n.every((x) => x !== null)) lists[k] = n.map((x, i) => (i < p.length && p[i] === x ? null : x));
    else set[k] = n;
  }
  return { since, keys, set: set as Partial<WorkspaceDocument>, lists: lists as DocumentChanges['lists'] };
}

/** The document `changes` describe, from the one they are the changes of (its unchanged parts, the same objects). */
export function withChanges(prev: WorkspaceDocument, changes: DocumentChanges): WorkspaceDocument {
  const out: Record<string, unknown> = {};
  const set: Partial<Record<string, unknown>> = changes.set;
  const lists: Partial<Record<string, unknown[]>> = changes.lists;
  const old: Partial<Record<string, unknown>> = prev;
  for (const k of changes.keys) {
    const list = lists[k];
    if (list) {
      const p = old[k];
      const before = isList(p) ? p : [];
      out[k] = list.map((x, i) => (x === null ? before[i] : x));
    } else out[k] = k in set ? set[k] : old[k];
  }
  return out as WorkspaceDocument;
}
