#!/usr/bin/env node
// The `tco` command: the bundle `npm install` built (out/cli/tco.mjs, scripts/build-cli.mjs) while it
// is newer than the sources, else the TypeScript sources through tsx's loader.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBuild } from '../scripts/fresh-build.mjs';

const built = freshBuild(fileURLToPath(new URL('..', import.meta.url)), 'out/cli/tco.mjs');
if (built) await import(pathToFileURL(built).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../electron/cli/main.ts');
}
