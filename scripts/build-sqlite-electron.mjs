// `npm run build:sqlite-electron`: a copy of better-sqlite3's native module built for Electron's
// runtime, in out/native/, handed to the Database constructor's nativeBinding option under Electron
// (the Node copy in node_modules stays as it is for the tests). Needs Electron's headers: network.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const src = dirname(require.resolve('better-sqlite3/package.json'));
const work = join('out', 'native-build');
mkdirSync(work, { recursive: true });
const r = spawnSync('npx', ['--yes', 'node-gyp', 'rebuild', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers', '--release', `--directory=${src}`, `--devdir=${join(work, 'gyp')}`], { stdio: 'inherit' });
if (r.status !== 0) {
  console.error(`Could not build better-sqlite3 for Electron ${electronVersion} (its headers are downloaded from electronjs.org; is the network reachable?).`);
  process.exit(1);
}
mkdirSync('out/native', { recursive: true });
copyFileSync(join(src, 'build', 'Release', 'better_sqlite3.node'), 'out/native/better_sqlite3.node');
// Put the Node copy back for the tests.
spawnSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit' });
console.log('built out/native/better_sqlite3.node');
