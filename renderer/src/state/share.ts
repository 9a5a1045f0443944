/**
 * Structural sharing: the next value with every part equal to the previous one replaced by the
 * previous object, so React skips what did not change (a keystroke in one vendor re-renders that
 * vendor only, not every field of every vendor).
 *
 * A part equal to the previous one costs a walk and no allocation: a new array or object is made
 * only where something differs (the totals of ten vendors are walked on every keystroke).
 */
export function share<T>(prev: T, next: T): T {
  if (prev === next) return prev;
  if (typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null) return next;
  if (Array.isArray(prev) !== Array.isArray(next)) return next;
  return (Array.isArray(prev) ? shareArray(prev, next as unknown[]) : shareObject(prev as Record<string, unknown>, next as Record<string, unknown>)) as T;
}

function shareArray(prev: unknown[], next: unknown[]): unknown[] {
  let out: unknown[] | null = prev.length === next.length ? null : next.slice();
  for (let i = 0; i < next.length; i++) {
    const y = i < prev.length ? share(prev[i], next[i]) : next[i];
    if (out) out[i] = y;
    else if (y !== prev[i]) {
      out = prev.slice(0, i);
      out.push(y);
    }
  }
  return out ?? prev;
}

function shareObject(prev: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(next);
  let out: Record<string, unknown> | null = keys.length === Object.keys(prev).length ? null : {};
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const y = k in prev ? share(prev[k], next[k]) : next[k];
    if (out) out[k] = y;
    else if (y !== prev[k] || !(k in prev)) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]!] = prev[keys[j]!];
      out[k] = y;
    }
  }
  return out ?? prev;
}
