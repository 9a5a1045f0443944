/**
 * Scenarios (MODEL.md v1.2 section 7): each is a JSON Patch (RFC 6902) on the canonical document
 * without its scenarios, read back as a workspace. The engine computes them (engine/compute.ts,
 * `scenarios`); this module applies the patches, which needs the document (electron/api), so it
 * lives beside the handlers. A patch that fails, or that leaves a document FORMAT.md refuses, is an
 * input error naming the scenario and the operation.
 *
 * Speed (issue 17): a patch is applied copy-on-write to the base's canonical document, and only
 * the parts it reaches are read and checked again (readDocumentFrom); the rest are the base
 * workspace's own objects. So a scenario that does not change the streams or the settings has the
 * base's volume plan and computes with the base's cache: what it shares with the base is computed
 * once for both. Each scenario also keeps its own cache and the objects of its previous version that
 * did not change, so a keystroke in one vendor recomputes that vendor at most once per scenario.
 * The patched workspace of each scenario is kept per version of the base (a WeakMap on it).
 */
import jsonPatch, { type Operation } from 'fast-json-patch';
import { DocumentError, canonicalDocument, readDocumentFrom, type WorkspaceDocument } from '../api/document.js';
import { sameJson } from '../api/document-changes.js';
import { EngineCache, compute, sharesPlan, type ComputeOptions, type ComputeResult, type ScenarioInput } from '../engine/compute.js';
import type { PatchOperation, Scenario, Workspace } from '../engine/types.js';

/** What a scenario computed last time: its workspace and its own cache. */
export type ScenarioMemory = Map<string, { ws: Workspace; cache: EngineCache }>;

/** What a scenario's patch gives on a base: its workspace, or the input error and the operation to blame. */
type Patched = { ws: Workspace } | { error: DocumentError; operation: number | null };

/**
 * Per base workspace (an immutable value: every edit makes a new one), its canonical document and
 * what each of its scenarios gave, so the totals, the analyses and the screens of one version of
 * the base patch and read each scenario once.
 */
const byBase = new WeakMap<Workspace, { doc: WorkspaceDocument; results: Map<Scenario, Patched> }>();

function baseOf(base: Workspace): { doc: WorkspaceDocument; results: Map<Scenario, Patched> } {
  let b = byBase.get(base);
  if (!b) byBase.set(base, (b = { doc: canonicalDocument({ ...base, scenarios: [] }), results: new Map() }));
  return b;
}

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

const isContainer = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object';
const unescapeKey = (k: string) => k.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * Copy on write: the containers on an operation's path, from the root to the parent of what it
 * changes, become copies of their own (once per patch), so the operation can change them in place
 * and every part it does not reach stays the base document's own object (which is how
 * readDocumentFrom knows what is unchanged).
 */
function own(doc: unknown, path: string, owned: Set<object>): unknown {
  if (!isContainer(doc)) return doc;
  const copy = (x: Record<string, unknown>) => {
    const c = (Array.isArray(x) ? [...x] : { ...x }) as Record<string, unknown>;
    owned.add(c);
    return c;
  };
  const root = owned.has(doc) ? doc : copy(doc);
  const keys = path === '' ? [] : path.slice(1).split('/').map(unescapeKey);
  let parent = root;
  for (let t = 0; t < keys.length - 1; t++) {
    const k = keys[t]!;
    if (k === '__proto__' || k === 'constructor' || k === 'prototype' || !Object.prototype.hasOwnProperty.call(parent, k)) break;
    const child = parent[k];
    if (!isContainer(child)) break;
    parent = owned.has(child) ? child : (parent[k] = copy(child));
  }
  return root;
}

/** Apply a scenario's patch to the base and read the result (once per base and scenario). */
function patched(base: Workspace, sc: Scenario, i: number): Patched {
  const b = baseOf(base);
  const hit = b.results.get(sc);
  if (hit) return hit;
  let result: Patched;
  try {
    result = { ws: apply(base, b.doc, sc, i) };
  } catch (e) {
    if (!(e instanceof DocumentError)) throw e;
    const j = /\.patch\[(\d+)\]$/.exec(e.issues[0]!.path);
    result = { error: e, operation: j ? Number(j[1]) : null };
  }
  b.results.set(sc, result);
  return result;
}

function apply(base: Workspace, doc: WorkspaceDocument, sc: Scenario, i: number): Workspace {
  let out: unknown = doc;
  const owned = new Set<object>();
  sc.patch.forEach((o, j) => {
    try {
      if (o.op !== 'test') out = own(out, o.path, owned);
      out = jsonPatch.applyOperation(out, o as Operation, true, true, true, j).newDocument;
    } catch (e) {
      const name = e instanceof jsonPatch.JsonPatchError ? e.name : '';
      if (name === 'TEST_OPERATION_FAILED') {
        throw patchError(
          sc,
          i,
          j,
          `${describeOp(o, j)} expects ${show(o.value)} but the workspace holds ${show(at(out, o.path))}: the workspace has changed since the scenario was written; change or remove that operation`,
        );
      }
      if (name === 'OPERATION_PATH_UNRESOLVABLE' || name === 'OPERATION_PATH_CANNOT_ADD' || name === 'OPERATION_VALUE_OUT_OF_BOUNDS' || name === 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX') {
        throw patchError(sc, i, j, `${describeOp(o, j)}: the workspace has nothing at ${o.path}; change or remove that operation`);
      }
      throw patchError(sc, i, j, `${describeOp(o, j)} cannot be applied (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
    }
  });
  if (out !== null && typeof out === 'object' && !Array.isArray(out) && 'scenarios' in out) {
    const { scenarios: _ignored, ...rest } = out as Record<string, unknown>;
    if (Array.isArray(_ignored) && _ignored.length > 0) throw patchError(sc, i, 0, 'a scenario cannot add scenarios to the workspace');
    out = rest;
  }
  try {
    return readDocumentFrom({ doc, ws: base }, out);
  } catch (e) {
    if (!(e instanceof DocumentError)) throw e;
    const first = e.issues[0]!;
    throw new DocumentError([{ path: `$.scenarios[${i}].patch`, field: first.field, message: `scenario "${sc.name}": after its changes, ${first.path}: ${first.message}` }]);
  }
}

/** The document a scenario describes, read as a workspace; throws DocumentError naming the scenario and operation. */
export function scenarioWorkspace(base: Workspace, sc: Scenario, i: number): Workspace {
  const r = patched(base, sc, i);
  if ('error' in r) throw r.error;
  return r.ws;
}

/**
 * A scenario's workspace as it was last computed where it is the same: what the base gives is
 * kept (shared with the base, computed once for both); what the scenario changed is its previous
 * object when equal, so its own cache finds it.
 */
function keep(base: Workspace, prev: Workspace, next: Workspace): Workspace {
  const one = <T>(b: T, p: T, n: T): T => (n === b || !sameJson(p, n) ? n : p);
  return {
    ...next,
    fx: one(base.fx, prev.fx, next.fx),
    defaults: one(base.defaults, prev.defaults, next.defaults),
    streams: one(base.streams, prev.streams, next.streams),
    vendors: next.vendors.map((v) => (base.vendors.includes(v) ? v : (prev.vendors.find((p) => p.id === v.id && sameJson(p, v)) ?? v))),
  };
}

/** A scenario ready for compute(), its memory kept; the base's cache when both have the same volume plan. */
function ready(base: Workspace, sc: Scenario, ws: Workspace, memory: ScenarioMemory | null, baseCache: EngineCache | null): ScenarioInput & { workspace: Workspace } {
  const prev = memory?.get(sc.id);
  const mine = prev ? keep(base, prev.ws, ws) : ws;
  const cache = prev?.cache ?? new EngineCache();
  memory?.set(sc.id, { ws: mine, cache });
  return { id: sc.id, name: sc.name, workspace: mine, cache: baseCache && sharesPlan(base, mine) ? baseCache : cache };
}

/**
 * How a scenario whose patch does not apply is met: 'refuse' throws its input error (MODEL.md
 * section 7: `tco compute`, the exports); 'alone' computes the base and the other scenarios and
 * answers that one's error in its place (the app's screens).
 */
export type ScenarioFailures = 'refuse' | 'alone';

/** Every scenario of the workspace, ready for compute(); `memory` (per open workspace) keeps their caches. */
export function resolveScenarios(base: Workspace, memory: ScenarioMemory | null = null, failures: ScenarioFailures = 'refuse', baseCache: EngineCache | null = null): ScenarioInput[] {
  const list = base.scenarios ?? [];
  if (list.length === 0) {
    memory?.clear();
    return [];
  }
  const out = list.map((sc, i): ScenarioInput => {
    const r = patched(base, sc, i);
    if ('error' in r) {
      if (failures === 'refuse') throw r.error;
      const first = r.error.issues[0]!;
      return { id: sc.id, name: sc.name, workspace: null, error: { path: first.path, field: first.field, message: first.message, operation: r.operation } };
    }
    return ready(base, sc, r.ws, memory, baseCache);
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
 * Throws its input error when its patch does not apply.
 */
export function scenarioFor(base: Workspace, id: string, cache: EngineCache | null = null): (ScenarioInput & { workspace: Workspace }) | null {
  const list = base.scenarios ?? [];
  const i = list.findIndex((sc) => sc.id === id);
  if (i < 0) return null;
  const sc = list[i]!;
  return ready(base, sc, scenarioWorkspace(base, sc, i), memoryOf(cache), cache);
}

/** compute() with the workspace's scenarios: what every analysis, export and `tco compute` runs. */
export function computeWithScenarios(ws: Workspace, opts: ComputeOptions, cache: EngineCache | null = null, failures: ScenarioFailures = 'refuse'): ComputeResult {
  const memory = memoryOf(cache);
  return compute(ws, { ...opts, scenarios: resolveScenarios(ws, memory, failures, cache) }, cache);
}
