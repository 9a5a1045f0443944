/**
 * The analyses thread (see analyses.ts): computes open workspaces' documents with their own
 * per-vendor caches, so the Monte Carlo draws, the sensitivity and the break-even search never hold
 * up the main thread, where edits are committed and the totals computed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readDocument } from '../api/document.js';
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

const open = new Map<string, { ws: Workspace; cache: EngineCache }>();

function handle(m: AnalysesRequest): AnalysesReply | null {
  if (m.type === 'forget') {
    open.delete(m.key);
    return null;
  }
  try {
    let s = open.get(m.key);
    if (m.document !== undefined) {
      // A new version of the document: what did not change keeps its objects, and so its cached results.
      const next = readDocument(m.document);
      s = s ? { ws: reconcile(s.ws, next), cache: s.cache } : { ws: next, cache: new EngineCache() };
      open.set(m.key, s);
    }
    if (!s) throw new Error(`analyses: no document for ${m.key}`);
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
