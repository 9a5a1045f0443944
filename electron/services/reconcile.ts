/**
 * Keep the objects of a workspace that an edit did not change, so the engine's per-vendor cache
 * (which goes by object identity) recomputes only what changed.
 */
import { sameJson } from '../api/document-changes.js';
import type { Workspace } from '../engine/types.js';

export function reconcile(prev: Workspace, next: Workspace): Workspace {
  const keep = <T>(a: T, b: T): T => (sameJson(a, b) ? a : b);
  return {
    ...next,
    fx: keep(prev.fx, next.fx),
    defaults: keep(prev.defaults, next.defaults),
    streams: keep(prev.streams, next.streams),
    vendors: next.vendors.map((v) => {
      const old = prev.vendors.find((p) => p.id === v.id);
      return old && sameJson(old, v) ? old : v;
    }),
  };
}
