// Is a bundle of scripts/build-cli.mjs newer than every source it is built from? Then bin/tco.mjs and
// scripts/web.mjs run it; otherwise (a source edited since `npm install`) they run the sources
// through tsx, so what runs is always what the sources say.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Whether `file` (a path under root) is missing or older than anything under `sources` (folders
 * or files under root; one that is not there is left out).
 */
export function olderThanSources(root, file, sources) {
  let built;
  try {
    built = statSync(join(root, file)).mtimeMs;
  } catch {
    return true;
  }
  return sources.some((s) => {
    const p = join(root, s);
    let st;
    try {
      st = statSync(p);
    } catch {
      return false;
    }
    return (st.isDirectory() ? newest(p) : st.mtimeMs) > built;
  });
}

/** The bundle's path when it is there and newer than electron/ and package.json, else null. */
export function freshBuild(root, bundle) {
  return olderThanSources(root, bundle, ['electron', 'package.json']) ? null : join(root, bundle);
}
