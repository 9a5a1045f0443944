// `npm run build`: bundle the Electron shell into out/ (the renderer's own build, vite, follows it).
//   out/main/index.js     the main process: CommonJS, so the app:// scheme and the single-instance
//                         lock are set up before the app is ready; electron and better-sqlite3 stay
//                         outside the bundle (better-sqlite3 loads its native module at run time).
//   out/preload/index.js  the preload: CommonJS and self-contained, since a sandboxed preload cannot
//                         load other files; it may require nothing but electron (checked here).
//
// `npm run build:sqlite-electron` (`node scripts/build.mjs sqlite-electron`): a copy of
// better-sqlite3's native module for Electron's runtime in out/native/better_sqlite3.node, which
// the main process hands to the Database constructor's nativeBinding option. It needs the network
// (a prebuilt binary from better-sqlite3's releases, else Electron's headers to compile it) and
// leaves node_modules as it is, so the tests keep the Node copy.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

const require = createRequire(import.meta.url);
const ELECTRON_VERSION = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;

/** out/ holds CommonJS under a package.json of "type": "module": say so beside each bundle. */
function commonjs(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
}

async function bundle() {
  const main = await build({
    entryPoints: ['electron/main/index.ts'],
    outfile: 'out/main/index.js',
    bundle: true,
    platform: 'node',
    target: 'node22', // Electron 38's Node
    format: 'cjs',
    sourcemap: true,
    external: ['electron', 'better-sqlite3'],
    // The sources are ESM and find their folder from import.meta.url; in CommonJS it comes from __filename.
    define: { 'import.meta.url': '__tcoImportMetaUrl' },
    banner: { js: "'use strict';\nconst __tcoImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    metafile: true,
    logLevel: 'warning',
  });
  // The analyses thread (electron/services/analyses.ts starts it from beside the main bundle).
  await build({
    entryPoints: ['electron/services/analyses-worker.ts'],
    outfile: 'out/main/analyses-worker.js',
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    sourcemap: true,
    external: ['electron', 'better-sqlite3'],
    define: { 'import.meta.url': '__tcoImportMetaUrl' },
    banner: { js: "'use strict';\nconst __tcoImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
  });
  commonjs('out/main');

  const preload = await build({
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'out/preload/index.js',
    bundle: true,
    platform: 'browser', // a sandboxed preload has no Node built-ins: importing one fails the build
    target: 'chrome140',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['electron'],
    metafile: true,
    logLevel: 'warning',
  });
  commonjs('out/preload');

  const required = Object.values(preload.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  const stray = required.filter((p) => p !== 'electron');
  if (stray.length) throw new Error(`the preload must require nothing but electron, and requires ${stray.join(', ')}`);
  const mainExternals = [...new Set(Object.values(main.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)))];
  const unexpected = mainExternals.filter((p) => !/^(node:|electron$|better-sqlite3$)/.test(p) && !isBuiltin(p));
  if (unexpected.length) throw new Error(`the main bundle left out ${unexpected.join(', ')}, which the packaged app would not find`);
  console.log('built out/main/index.js, out/main/analyses-worker.js and out/preload/index.js');
}

function isBuiltin(name) {
  return builtinModules.includes(name);
}

function run(cmd, args, cwd, env = process.env) {
  const verbose = process.argv.includes('--verbose');
  const r = spawnSync(cmd, args, { cwd, env, stdio: verbose ? 'inherit' : 'pipe', encoding: 'utf8', shell: process.platform === 'win32', timeout: 15 * 60_000 });
  return r.status === 0;
}

/**
 * The module's ABI, read by loading it in this Node: a build for Electron refuses to load and names
 * its NODE_MODULE_VERSION; one that loads was built for Node (null).
 */
function abiOf(file) {
  const r = spawnSync(process.execPath, ['-e', 'try { process.dlopen({ exports: {} }, process.argv[1]); console.log("loads") } catch (e) { console.log(e.message) }', file], { encoding: 'utf8' });
  const m = /NODE_MODULE_VERSION (\d+)/.exec(r.stdout);
  return m ? m[1] : null;
}

function sqliteElectron() {
  const src = dirname(require.resolve('better-sqlite3/package.json'));
  const work = join('out', 'native-build', 'better-sqlite3');
  const target = join('out', 'native', 'better_sqlite3.node');
  const fail = (why) => {
    console.error(
      `build:sqlite-electron: could not make better-sqlite3 for Electron ${ELECTRON_VERSION} (${why}); this needs the network (prebuilt binaries from GitHub, or Electron's headers from electronjs.org). Rerun with --verbose for the tools' output.`,
    );
    process.exit(1);
  };
  try {
    // A copy of the package, so node_modules (and the tests' Node build) stays as it is.
    rmSync(work, { recursive: true, force: true });
    cpSync(src, work, { recursive: true, filter: (p) => !['build', 'node_modules'].includes(relative(src, p).split(sep)[0]) });
  } catch (e) {
    fail(`copying ${src}: ${e.message}`);
  }
  const arch = process.env.npm_config_arch || process.arch;
  const prebuild = join(dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
  const gotPrebuilt = run(process.execPath, [prebuild, '--runtime=electron', `--target=${ELECTRON_VERSION}`, `--arch=${arch}`, `--platform=${process.platform}`], work);
  if (!gotPrebuilt) {
    // npm's node-gyp, run without npm: an npm `nodedir` setting (which npm would pass on) makes it
    // compile against this Node's headers instead of Electron's.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_nodedir'));
    const gypArgs = ['rebuild', '--release', `--target=${ELECTRON_VERSION}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'];
    const gyp = join('node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    const npmGyp = [
      process.env.npm_execpath ? join(dirname(dirname(process.env.npm_execpath)), gyp) : '',
      join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', gyp),
      join(dirname(process.execPath), 'node_modules', 'npm', gyp),
    ].find((p) => p && existsSync(p));
    // (Through npx, npm would hand node-gyp its nodedir again: the ABI check below catches that.)
    const built = npmGyp ? run(process.execPath, [npmGyp, ...gypArgs], work, env) : run('npx', ['--yes', 'node-gyp', ...gypArgs], work, env);
    if (!built) fail("no prebuilt binary could be downloaded, and compiling against Electron's headers failed");
  }
  const out = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(out)) fail(`${out} was not produced`);
  if (arch === process.arch) {
    let want = null;
    try {
      want = require('node-abi').getAbi(ELECTRON_VERSION, 'electron');
    } catch {
      // node-abi (prebuild-install's) not at hand: then any ABI but this Node's.
    }
    const got = abiOf(out);
    if (!got || (want && got !== want)) fail(`the module built is for ${got ? `NODE_MODULE_VERSION ${got}` : 'this Node'}, not Electron's ${want ?? 'ABI'}`);
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(out, target);
  console.log(`built ${target} for Electron ${ELECTRON_VERSION} (${process.platform}-${arch})`);
}

try {
  if (process.argv[2] === 'sqlite-electron') sqliteElectron();
  else await bundle();
} catch (e) {
  console.error(`build: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
