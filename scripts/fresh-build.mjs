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

/** The bundle's path when it is there and newer than electron/ and package.json, else null. */
export function freshBuild(root, bundle) {
  try {
    const built = statSync(join(root, bundle)).mtimeMs;
    return built >= Math.max(newest(join(root, 'electron')), statSync(join(root, 'package.json')).mtimeMs) ? join(root, bundle) : null;
  } catch {
    return null;
  }
}
