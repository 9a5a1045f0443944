// `npm install` (the prepare script) and `npm run build:cli`: the `tco` command and the browser host
// bundled with esbuild into out/, so they start without compiling TypeScript at every start (tsx
// took 1.6 s before `tco --help` could answer).
//   out/cli/tco.mjs              the `tco` command (bin/tco.mjs runs it while it is newer than the sources):
//                                electron/cli/main.ts, which answers --help alone and otherwise loads
//   out/cli/run.cjs              the app behind the commands (electron/cli/run.ts), CommonJS, run through
//                                V8's code cache beside it (scripts/code-cache.mjs; made here by one
//                                `tco compute` of the sample, and again by any run that finds none)
//   out/host/web.mjs             `npm run web` (scripts/web.mjs runs it on the same terms)
//   out/*/analyses-worker.js     the analyses thread beside each (electron/services/analyses.ts looks there)
// Packages stay outside the bundles (Node finds them in node_modules as before), but for the pure
// JavaScript ones every command loads, inside run.cjs so the code cache holds them too: zod (its 200
// modules alone took ~120 ms of CPU to load), decimal.js and fast-json-patch. The sources are ESM and
// find their folders from import.meta.url: out/cli and out/host sit two levels below the project, as
// electron/cli and electron/host do.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// `node scripts/build-cli.mjs [OUT]`: OUT (default out) is where the folders go; a test builds into a
// temporary folder so it never rewrites the bundle other tests are running.
const outRoot = process.argv[2] ?? 'out';
const root = fileURLToPath(new URL('..', import.meta.url));

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
const INLINE = new Set(['zod', 'decimal.js', 'fast-json-patch']);
const packageOf = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

/** Every package outside the bundle but those of INLINE. */
const packagesOutside = {
  name: 'packages-outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => (INLINE.has(packageOf(a.path)) ? undefined : { external: true }));
  },
};

/** main.ts's import('./run.js') is run.cjs, loaded through its code cache. */
const runThroughCodeCache = {
  name: 'run-through-code-cache',
  setup(b) {
    b.onResolve({ filter: /^\.\/run\.js$/ }, (a) => (a.importer.endsWith(join('electron', 'cli', 'main.ts')) ? { path: 'run.cjs', namespace: 'code-cache' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'code-cache' }, () => ({
      contents: [
        `import { fileURLToPath } from 'node:url';`,
        `import { requireCached } from ${JSON.stringify(join(root, 'scripts', 'code-cache.mjs'))};`,
        `export const { runCli } = requireCached(fileURLToPath(new URL('./run.cjs', import.meta.url)));`,
      ].join('\n'),
      resolveDir: root,
    }));
  },
};

const clean = (dir) => {
  mkdirSync(dir, { recursive: true });
  rmSync(join(dir, 'chunks'), { recursive: true, force: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.code-cache') || f.endsWith('.tmp')) rmSync(join(dir, f), { force: true });
};

// The command.
const cli = join(outRoot, 'cli');
clean(cli);
await build({ ...common, format: 'esm', packages: 'external', entryPoints: ['electron/cli/main.ts'], outfile: join(cli, 'tco.mjs'), plugins: [runThroughCodeCache] });
const app = await build({
  ...common,
  format: 'cjs',
  metafile: true,
  entryPoints: ['electron/cli/run.ts'],
  outfile: join(cli, 'run.cjs'),
  plugins: [packagesOutside],
  // The sources are ESM and find their folder from import.meta.url; in CommonJS it comes from __filename.
  define: { 'import.meta.url': '__tcoImportMetaUrl' },
  banner: { js: `// build ${randomUUID()}\n'use strict';\nconst __tcoImportMetaUrl = require('node:url').pathToFileURL(__filename).href;` },
});
// run.cjs runs as a script (scripts/code-cache.mjs), where import() has no loader: a package or a
// Node module the sources import() would fail only when that line runs. Require it instead.
const late = Object.values(app.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.kind === 'dynamic-import' && i.external).map((i) => i.path));
if (late.length) throw new Error(`${join(cli, 'run.cjs')}: import() of ${late.join(', ')}: run.cjs is run as a script, where import() fails; use a static import or createRequire`);

// The browser host: split, so what its main imports later (the importer, the exports) is a chunk of
// its own with its packages, loaded only then.
const host = join(outRoot, 'host');
clean(host);
await build({
  ...common,
  format: 'esm',
  packages: 'external',
  entryPoints: { web: 'electron/host/main.ts' },
  outdir: host,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});

for (const dir of [cli, host]) {
  await build({ ...common, format: 'esm', packages: 'external', entryPoints: ['electron/services/analyses-worker.ts'], outfile: `${dir}/analyses-worker.js` });
  // out/main holds CommonJS for Electron; these folders hold ESM whatever a parent package.json says.
  writeFileSync(`${dir}/package.json`, '{ "type": "module" }\n');
}

// The code cache, from the command the cache is for: the sample's compute.
const warm = spawnSync(process.execPath, [join(cli, 'tco.mjs'), 'compute', 'resources/sample-workspace.json'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (warm.status !== 0) throw new Error(`${join(cli, 'tco.mjs')} compute resources/sample-workspace.json exited ${warm.status}`);
console.log(`built ${join(outRoot, 'cli', 'tco.mjs')} and ${join(outRoot, 'host', 'web.mjs')}`);
