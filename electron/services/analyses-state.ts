/**
 * What the analyses thread holds for an open workspace, and its next version from a posted
 * document or its changes (analyses.ts, analyses-worker.ts). Pure but for the engine's cache.
 */
import { readDocument, readDocumentFrom, type WorkspaceDocument } from '../api/document.js';
import { withChanges, type DocumentChanges } from '../api/document-changes.js';
import { EngineCache } from '../engine/compute.js';
import type { Workspace } from '../engine/types.js';
import { reconcile } from './reconcile.js';

/** A workspace as the thread holds it: the document posted (with its changes applied), its workspace, and the engine's memory. */
export interface HeldWorkspace {
  doc: WorkspaceDocument;
  ws: Workspace;
  cache: EngineCache;
}

/**
 * The next version of a held workspace: from the document whole, or from its changes (the parts
 * they leave alone are the held objects, already read: only the others are read). Either way, what
 * did not change keeps its objects (reconcile: a scenario's document is made afresh each time), and
 * so its results in the engine's cache. Undefined: nothing held and nothing posted. Throws when the
 * document is refused, or when changes come for a workspace not held.
 */
export function nextVersion(held: HeldWorkspace | undefined, posted: { document?: WorkspaceDocument; changes?: DocumentChanges }): HeldWorkspace | undefined {
  if (posted.document !== undefined) {
    const ws = readDocument(posted.document);
    return { doc: posted.document, ws: held ? reconcile(held.ws, ws) : ws, cache: held?.cache ?? new EngineCache() };
  }
  if (posted.changes === undefined) return held;
  if (!held) throw new Error('analyses: changes for a workspace whose document this thread does not hold');
  const doc = withChanges(held.doc, posted.changes);
  return { doc, ws: reconcile(held.ws, readDocumentFrom(held, doc)), cache: held.cache };
}
