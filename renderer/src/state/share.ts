/**
 * Structural sharing: the next value with every part equal to the previous one replaced by the
 * previous object, so React skips what did not change (a keystroke in one vendor re-renders that
 * vendor only, not every field of every vendor).
 */
export function share<T>(prev: T, next: T): T {
  if (prev === next) return prev;
  if (Array.isArray(prev) && Array.isArray(next)) {
    let same = prev.length === next.length;
    const out = next.map((x, i) => {
      const y = i < prev.length ? share(prev[i], x) : x;
      if (y !== prev[i]) same = false;
      return y;
    });
    return (same ? prev : out) as T;
  }
  if (prev && next && typeof prev === 'object' && typeof next === 'object' && !Array.isArray(prev) && !Array.isArray(next)) {
    const p = prev as Record<string, unknown>;
    const n = next as Record<string, unknown>;
    const keys = Object.keys(n);
    let same = keys.length === Object.keys(p).length;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      out[k] = k in p ? share(p[k], n[k]) : n[k];
      if (out[k] !== p[k]) same = false;
    }
    return (same ? prev : out) as T;
  }
  return next;
}
