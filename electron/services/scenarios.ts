/**
 * Scenarios (MODEL.md v1.2 section 7): each is a JSON Patch (RFC 6902) on the canonical document
 * without its scenarios, read back as a workspace. The engine computes them (engine/compute.ts,
 * `scenarios`); this module applies the patches, which needs the document (electron/api), so it
 * lives beside the handlers. A patch that fails, or that leaves a document FORMAT.md refuses, is an
 * input error naming the scenario and the operation.
 *
 * Each scenario keeps its own engine cache between computations, and its workspace keeps the
 * objects of its previous version that did not change (reconcile), so a keystroke in one vendor
 * recomputes that vendor in every scenario, not the whole scenario.
 */
import jsonPatch, { type Operation } from 'fast-json-patch';
import { DocumentError, canonicalDocument, readDocument } from '../api/document.js';
import { EngineCache, compute, type ComputeOptions, type ComputeResult, type ScenarioInput } from '../engine/compute.js';
import type { PatchOperation, Scenario, Workspace } from '../engine/types.js';
import { reconcile } from './reconcile.js';

/** What a scenario computed last time: its workspace and its cache. */
export type ScenarioMemory = Map<string, { ws: Workspace; cache: EngineCache }>;

const describeOp = (o: PatchOperation, j: number) => `operation ${j + 1} (${o.op} ${o.path || '(the whole document)'})`;

function show(x: unknown): string {
  const s = JSON.stringify(x);
  return s === undefined ? 'nothing' : s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

function at(doc: unknown, pointer: string): unknown {
  try {
    return jsonPatch.getValueByPointer(doc, pointer);
  } catch {
    return undefined;
  }
}

function patchError(sc: Scenario, i: number, j: number, message: string): DocumentError {
  return new DocumentError([{ path: `$.scenarios[${i}].patch[${j}]`, field: 'patch', message: `scenario "${sc.name}": ${message}` }]);
}

/** The document a scenario describes, read as a workspace; throws DocumentError naming the scenario and operation. */
export function scenarioWorkspace(base: Workspace, sc: Scenario, i: number, doc: unknown = canonicalDocument({ ...base, scenarios: [] })): Workspace {
  let patched: unknown;
  try {
    patched = jsonPatch.applyPatch(doc, sc.patch as Operation[], true, false, true).newDocument;
  } catch (e) {
    const j = e instanceof jsonPatch.JsonPatchError && typeof e.index === 'number' ? e.index : 0;
    const o = sc.patch[j]!;
    const name = e instanceof jsonPatch.JsonPatchError ? e.name : '';
    if (name === 'TEST_OPERATION_FAILED') {
      throw patchError(sc, i, j, `${describeOp(o, j)} expects ${show(o.value)} but the workspace holds ${show(at(doc, o.path))}: the workspace has changed since the scenario was written; change or remove that operation`);
    }
    if (name === 'OPERATION_PATH_UNRESOLVABLE' || name === 'OPERATION_PATH_CANNOT_ADD' || name === 'OPERATION_VALUE_OUT_OF_BOUNDS' || name === 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX') {
      throw patchError(sc, i, j, `${describeOp(o, j)}: the workspace has nothing at ${o.path}; change or remove that operation`);
    }
    throw patchError(sc, i, j, `${describeOp(o, j)} cannot be applied (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  if (patched !== null && typeof patched === 'object' && !Array.isArray(patched) && 'scenarios' in patched) {
    const { scenarios: _ignored, ...rest } = patched as Record<string, unknown>;
    if (Array.isArray(_ignored) && _ignored.length > 0) throw patchError(sc, i, 0, 'a scenario cannot add scenarios to the workspace');
    patched = rest;
  }
  try {
    return readDocument(patched);
  } catch (e) {
    if (!(e instanceof DocumentError)) throw e;
    const first = e.issues[0]!;
    throw new DocumentError([{ path: `$.scenarios[${i}].patch`, field: first.field, message: `scenario "${sc.name}": after its changes, ${first.path}: ${first.message}` }]);
  }
}

/** Every scenario of the workspace, ready for compute(); `memory` (per open workspace) keeps their caches. */
export function resolveScenarios(base: Workspace, memory: ScenarioMemory | null = null): ScenarioInput[] {
  const list = base.scenarios ?? [];
  if (list.length === 0) {
    memory?.clear();
    return [];
  }
  const doc = canonicalDocument({ ...base, scenarios: [] });
  const out = list.map((sc, i): ScenarioInput => {
    const next = scenarioWorkspace(base, sc, i, doc);
    const prev = memory?.get(sc.id);
    const ws = prev ? reconcile(prev.ws, next) : reconcile(base, next);
    const cache = prev?.cache ?? new EngineCache();
    memory?.set(sc.id, { ws, cache });
    return { id: sc.id, name: sc.name, workspace: ws, cache };
  });
  if (memory) for (const id of memory.keys()) if (!list.some((sc) => sc.id === id)) memory.delete(id);
  return out;
}

/** Each open workspace's scenario memory, found by its engine cache (one per session or worker entry). */
const memories = new WeakMap<EngineCache, ScenarioMemory>();

/** The memory of an open workspace's scenarios, kept with its engine cache. */
function memoryOf(cache: EngineCache | null): ScenarioMemory | null {
  if (!cache) return null;
  let memory = memories.get(cache);
  if (!memory) memories.set(cache, (memory = new Map()));
  return memory;
}

/**
 * One scenario ready for compute() on its own (the editing screens in a scenario show its totals),
 * with the same memory as computeWithScenarios; null when the workspace has no such scenario.
 */
export function scenarioFor(base: Workspace, id: string, cache: EngineCache | null = null): ScenarioInput | null {
  const list = base.scenarios ?? [];
  const i = list.findIndex((sc) => sc.id === id);
  if (i < 0) return null;
  const sc = list[i]!;
  const next = scenarioWorkspace(base, sc, i);
  const memory = memoryOf(cache);
  const prev = memory?.get(id);
  const ws = prev ? reconcile(prev.ws, next) : reconcile(base, next);
  const own = prev?.cache ?? new EngineCache();
  memory?.set(id, { ws, cache: own });
  return { id, name: sc.name, workspace: ws, cache: own };
}

/** compute() with the workspace's scenarios: what every analysis, export and `tco compute` runs. */
export function computeWithScenarios(ws: Workspace, opts: ComputeOptions, cache: EngineCache | null = null): ComputeResult {
  const memory = memoryOf(cache);
  return compute(ws, { ...opts, scenarios: resolveScenarios(ws, memory) }, cache);
}
