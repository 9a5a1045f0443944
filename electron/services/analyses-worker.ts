/**
 * The analyses thread (see analyses.ts): computes open workspaces' documents with their own
 * per-vendor caches, so the Monte Carlo draws, the sensitivity and the break-even search never hold
 * up the main thread, where edits are committed and the totals computed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { computeJson } from '../engine/result-json.js';
import type { AnalysesReply, AnalysesRequest, AnalysesWorkerData } from './analyses.js';
import { toApiError } from './dispatch.js';
import { nextVersion, type HeldWorkspace } from './analyses-state.js';
import { computeWithScenarios } from './scenarios.js';
import { lowerThisThreadsPriority } from './thread-priority.js';

// Background work: a keystroke's edit on the main thread comes first (thread-priority.ts).
lowerThisThreadsPriority();

// Holds the id of the computation to stop (analyses.ts): asked between pieces of the engine's work.
const stopFlag = new Int32Array((workerData as AnalysesWorkerData).stop);

/** Each open workspace, by key. */
const open = new Map<string, HeldWorkspace>();

function handle(m: AnalysesRequest): AnalysesReply | null {
  if (m.type === 'forget') {
    open.delete(m.key);
    return null;
  }
  let s: HeldWorkspace | undefined;
  try {
    s = nextVersion(open.get(m.key), m);
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
