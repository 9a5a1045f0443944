// `npm start`: launch the Electron app. Electron's binary is not fetched at install time (its
// download script is disabled in package.json's allowScripts so `npm install` works offline); it is
// fetched here on first start. Where it cannot be had, say so in one line and point to `npm run web`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const rel = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const bin = join(dir, 'dist', rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

let bin = electronBinary();
if (!bin) {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  } catch {
    // No electron package at all: reported below.
  }
  bin = electronBinary();
}
const mainBuilt = existsSync('out/main/index.js');
if (!bin || !mainBuilt) {
  console.error(
    bin
      ? 'The desktop shell is not built yet (run `npm run build`); meanwhile the app runs in a browser: `npm run web`.'
      : "Electron's binary could not be downloaded on this machine, so the desktop app cannot start here; run the same app in a browser with `npm run web`.",
  );
  process.exit(1);
}
const child = spawn(bin, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
