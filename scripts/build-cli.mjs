// `npm install` (the prepare script) and `npm run build:cli`: the `tco` command and the browser host
// bundled with esbuild into out/, so they start without compiling TypeScript at every start (tsx
// took 1.6 s before `tco --help` could answer).
//   out/cli/tco.mjs              the `tco` command (bin/tco.mjs runs it while it is newer than the sources)
//   out/host/web.mjs             `npm run web` (scripts/web.mjs runs it on the same terms)
//   out/*/analyses-worker.js     the analyses thread beside each (electron/services/analyses.ts looks there)
// Packages stay outside the bundles (Node finds them in node_modules as before); only the project's
// own sources are bundled. The sources are ESM and find their folders from import.meta.url: out/cli
// and out/host sit two levels below the project, as electron/cli and electron/host do.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// `node scripts/build-cli.mjs [OUT]`: OUT (default out) is where the folders go; a test builds into a
// temporary folder so it never rewrites the bundle other tests are running.
const outRoot = process.argv[2] ?? 'out';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', sourcemap: true, logLevel: 'warning' };

for (const [dir, entry, out] of [
  [join(outRoot, 'cli'), 'electron/cli/main.ts', 'tco.mjs'],
  [join(outRoot, 'host'), 'electron/host/main.ts', 'web.mjs'],
]) {
  mkdirSync(dir, { recursive: true });
  // Split, so what main.ts imports later (the app, for every command but --help) is a chunk of its own
  // with its packages, loaded only then.
  await build({ ...common, entryPoints: { [out.replace(/\.mjs$/, '')]: entry }, outdir: dir, outExtension: { '.js': '.mjs' }, splitting: true, chunkNames: 'chunks/[name]-[hash]' });
  await build({ ...common, entryPoints: ['electron/services/analyses-worker.ts'], outfile: `${dir}/analyses-worker.js` });
  // out/main holds CommonJS for Electron; these folders hold ESM whatever a parent package.json says.
  writeFileSync(`${dir}/package.json`, '{ "type": "module" }\n');
}
console.log(`built ${join(outRoot, 'cli', 'tco.mjs')} and ${join(outRoot, 'host', 'web.mjs')}`);
