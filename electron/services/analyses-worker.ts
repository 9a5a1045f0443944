/**
 * The analyses thread (see analyses.ts): computes open workspaces' documents with their own
 * per-vendor caches, so the Monte Carlo draws, the sensitivity and the break-even search never hold
 * up the main thread, where edits are committed and the totals computed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readDocument, readDocumentFrom, type WorkspaceDocument } from '../api/document.js';
import { withChanges } from '../api/document-changes.js';
import { EngineCache } from '../engine/compute.js';
import { computeJson } from '../engine/result-json.js';
import type { Workspace } from '../engine/types.js';
import type { AnalysesReply, AnalysesRequest, AnalysesWorkerData } from './analyses.js';
import { toApiError } from './dispatch.js';
import { reconcile } from './reconcile.js';
import { computeWithScenarios } from './scenarios.js';
import { lowerThisThreadsPriority } from './thread-priority.js';

// Background work: a keystroke's edit on the main thread comes first (thread-priority.ts).
lowerThisThreadsPriority();

// Holds the id of the computation to stop (analyses.ts): asked between pieces of the engine's work.
const stopFlag = new Int32Array((workerData as AnalysesWorkerData).stop);

/** Each open workspace: the document posted (with its changes applied), its workspace, and the engine's memory. */
const open = new Map<string, { doc: WorkspaceDocument; ws: Workspace; cache: EngineCache }>();

/** The workspace's new version: what did not change keeps its objects, and so its cached results. */
function take(m: Extract<AnalysesRequest, { type: 'compute' }>): { doc: WorkspaceDocument; ws: Workspace; cache: EngineCache } | undefined {
  const s = open.get(m.key);
  if (m.document !== undefined) {
    const ws = readDocument(m.document);
    return { doc: m.document, ws: s ? reconcile(s.ws, ws) : ws, cache: s?.cache ?? new EngineCache() };
  }
  if (m.changes === undefined) return s;
  if (!s) throw new Error(`analyses: changes for ${m.key}, whose document this thread does not hold`);
  // The parts the changes leave alone are this thread's objects already read: only the others are
  // read, and those equal to what the thread held (a scenario's document is made afresh each time)
  // are its objects again.
  const doc = withChanges(s.doc, m.changes);
  return { doc, ws: reconcile(s.ws, readDocumentFrom(s, doc)), cache: s.cache };
}

function handle(m: AnalysesRequest): AnalysesReply | null {
  if (m.type === 'forget') {
    open.delete(m.key);
    return null;
  }
  let s: ReturnType<typeof take>;
  try {
    s = take(m);
    if (!s) throw new Error(`analyses: no document for ${m.key}`);
  } catch (e) {
    // Nothing held for the key from now on: the main thread posts the next document whole.
    open.delete(m.key);
    return { id: m.id, ok: false, error: toApiError(e), dropped: true };
  }
  open.set(m.key, s);
  try {
    const stop = () => Atomics.load(stopFlag, 0) === m.id;
    return { id: m.id, ok: true, value: computeJson(computeWithScenarios(s.ws, { ...m.options, stop }, s.cache, 'alone'), { monthly: m.monthly }) };
  } catch (e) {
    return { id: m.id, ok: false, error: toApiError(e) };
  }
}

parentPort!.on('message', (m: AnalysesRequest) => {
  const reply = handle(m);
  if (reply) parentPort!.postMessage(reply);
});
