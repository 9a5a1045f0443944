// Load a CommonJS bundle with V8's code cache beside it (scripts/build-cli.mjs: out/cli/run.cjs, the
// app behind every `tco` command but --help). Node 20 has no compile cache for modules, so without
// it every start parses and compiles again the same half megabyte of the app, zod and decimal.js;
// with it V8 reads the bytecode the last run compiled (~100 ms less CPU for `tco compute`).
//
// The cache is written when there is none or V8 refused it (another Node, other V8 flags), once the
// process ends, under a temporary name renamed into place; a folder that cannot be written only
// means no cache. V8 checks a cache against its own version and flags but a source only by its
// length, so the cache's name carries the bundle's build id (its first line): a rebuild never meets
// the cache of another build.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

/** The exports of the CommonJS bundle `file`, run through its code cache when it has a build id. */
export function requireCached(file) {
  const require = createRequire(file);
  const source = readFileSync(file, 'utf8');
  const id = /^\/\/ build ([\w-]+)\n/.exec(source)?.[1];
  if (!id) return require(file);
  const cacheFile = join(dirname(file), `.${id}.code-cache`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // None yet: this run writes it.
  }
  // CommonJS's own wrapper, on the first line, so the bundle's line numbers stay as they are.
  // A script has no loader for import(): the bundle holds none (scripts/build-cli.mjs checks).
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        // A folder the user cannot write (a global install): run without a cache.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, file, dirname(file));
  return module.exports;
}
