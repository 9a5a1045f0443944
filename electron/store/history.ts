/**
 * Undo and redo, kept in the workspace file. An edit is recorded as the smallest changed parts of
 * the document, each with its value before and after (a field, or a whole list when its length
 * changed), so the history stays small however long the session.
 */
import { sameJson } from '../api/document-changes.js';
import { LIMITS } from '../api/limits.js';
import type { Db } from './connection.js';
import { prepared } from './statements.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type PathSeg = string | number;

/** One changed place: `b` is the value before (absent: there was none), `a` the value after. */
export interface Change {
  p: PathSeg[];
  b?: Json;
  a?: Json;
}

const isObject = (x: unknown): x is { [k: string]: Json } => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The changes that turn `before` into `after`. */
export function diff(before: unknown, after: unknown, path: PathSeg[] = []): Change[] {
  if (sameJson(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const out: Change[] = [];
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const has0 = Object.prototype.hasOwnProperty.call(before, k);
      const has1 = Object.prototype.hasOwnProperty.call(after, k);
      if (has0 && has1) out.push(...diff(before[k], after[k], [...path, k]));
      else out.push({ p: [...path, k], ...(has0 ? { b: before[k]! } : {}), ...(has1 ? { a: after[k]! } : {}) });
    }
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((v, i) => diff(v, after[i], [...path, i]));
  }
  return [{ p: path, b: before as Json, a: after as Json }];
}

function setAt(root: Json, path: PathSeg[], present: boolean, value: Json | undefined): Json {
  if (path.length === 0) return structuredClone(value as Json);
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = setAt(copy[head as number]!, rest, present, value);
    return copy;
  }
  const obj = { ...(root as { [k: string]: Json }) };
  if (rest.length === 0 && !present) delete obj[head as string];
  else obj[head as string] = setAt(obj[head as string] ?? null, rest, present, value);
  return obj;
}

/** Apply changes forward (redo: the `a` values in order) or backward (undo: the `b` values in reverse). */
export function apply<T>(doc: T, changes: Change[], direction: 'forward' | 'backward'): T {
  let out = doc as unknown as Json;
  const list = direction === 'forward' ? changes : [...changes].reverse();
  for (const c of list) {
    // A change never reaches deeper than a document's values (limits.ts): a record that does was
    // not written by this app, and is refused before any recursion follows it.
    if (!Array.isArray(c.p) || c.p.length > LIMITS.depth) throw new Error(`a change in the undo history reaches ${Array.isArray(c.p) ? c.p.length : 'no'} levels deep`);
    const key = direction === 'forward' ? 'a' : 'b';
    out = setAt(out, c.p, Object.prototype.hasOwnProperty.call(c, key), c[key]);
  }
  return out as unknown as T;
}

export interface HistoryInfo {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

function applied(db: Db): number {
  const row = prepared(db, 'SELECT applied FROM history_cursor WHERE id = 1').get() as { applied: unknown } | undefined;
  if (!row || typeof row.applied !== 'number') throw new Error('the undo history has no cursor');
  return row.applied;
}

export function historyInfo(db: Db): HistoryInfo {
  const n = applied(db);
  const undo = prepared(db, 'SELECT label FROM history WHERE seq = ?').get(n) as { label: string } | undefined;
  const redo = prepared(db, 'SELECT label FROM history WHERE seq = ?').get(n + 1) as { label: string } | undefined;
  return { canUndo: !!undo, canRedo: !!redo, undoLabel: undo?.label ?? null, redoLabel: redo?.label ?? null };
}

/** Record an edit (inside the caller's transaction): the redo stack is dropped. */
export function record(db: Db, label: string, changes: Change[], at: string): void {
  const n = applied(db);
  prepared(db, 'DELETE FROM history WHERE seq > ?').run(n);
  prepared(db, 'INSERT INTO history (seq, label, at, changes) VALUES (?, ?, ?, ?)').run(n + 1, label, at, JSON.stringify(changes));
  prepared(db, 'UPDATE history_cursor SET applied = ? WHERE id = 1').run(n + 1);
}

/** The entry to undo (and move the cursor back), or null. Inside the caller's transaction. */
export function stepBack(db: Db): { label: string; changes: Change[] } | null {
  const n = applied(db);
  const row = prepared(db, 'SELECT label, changes FROM history WHERE seq = ?').get(n) as { label: string; changes: string } | undefined;
  if (!row) return null;
  prepared(db, 'UPDATE history_cursor SET applied = ? WHERE id = 1').run(n - 1);
  return { label: row.label, changes: JSON.parse(row.changes) as Change[] };
}

/** The entry to redo (and move the cursor forward), or null. Inside the caller's transaction. */
export function stepForward(db: Db): { label: string; changes: Change[] } | null {
  const n = applied(db);
  const row = prepared(db, 'SELECT label, changes FROM history WHERE seq = ?').get(n + 1) as { label: string; changes: string } | undefined;
  if (!row) return null;
  prepared(db, 'UPDATE history_cursor SET applied = ? WHERE id = 1').run(n + 1);
  return { label: row.label, changes: JSON.parse(row.changes) as Change[] };
}

/**
 * Fold an edit into the last one (inside the caller's transaction), so that typing "0.0085" into a
 * price is one step to undo, not six. The last entry must have the same label, be the top of the
 * history (nothing to redo) and change exactly the same places; its `before` values stay and the
 * new `after` values replace its own. When the result changes nothing (typed back to where it
 * was), the entry goes. Returns false, changing nothing, when the edit cannot be folded.
 */
export function amendLast(db: Db, label: string, changes: Change[], at: string): boolean {
  const n = applied(db);
  const row = prepared(db, 'SELECT label, changes FROM history WHERE seq = ?').get(n) as { label: string; changes: string } | undefined;
  if (!row || row.label !== label) return false;
  if (prepared(db, 'SELECT 1 FROM history WHERE seq > ? LIMIT 1').get(n)) return false;
  const last = JSON.parse(row.changes) as Change[];
  if (last.length !== changes.length || !last.every((c, i) => sameJson(c.p, changes[i]!.p))) return false;
  const merged: Change[] = last.map((c, i) => {
    const now = changes[i]!;
    return { p: c.p, ...('b' in c ? { b: c.b! } : {}), ...('a' in now ? { a: now.a! } : {}) };
  });
  if (merged.every((c) => 'a' in c === 'b' in c && sameJson(c.a, c.b))) {
    prepared(db, 'DELETE FROM history WHERE seq = ?').run(n);
    prepared(db, 'UPDATE history_cursor SET applied = ? WHERE id = 1').run(n - 1);
  } else {
    prepared(db, 'UPDATE history SET changes = ?, at = ? WHERE seq = ?').run(JSON.stringify(merged), at, n);
  }
  return true;
}
