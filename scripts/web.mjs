// `npm run web`: the browser host, from the bundle `npm install` built (out/host/web.mjs) while it is
// newer than the sources, else from the TypeScript sources through tsx.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBuild } from './fresh-build.mjs';

const built = freshBuild(fileURLToPath(new URL('..', import.meta.url)), 'out/host/web.mjs');
if (built) await import(pathToFileURL(built).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../electron/host/main.ts');
}
