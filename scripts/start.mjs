// `npm start`: launch the Electron app. Where Electron's binary cannot be had (it is downloaded at
// install time, and some machines cannot reach its download server), say so in one line.
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const require = createRequire(import.meta.url);
let electronPath = null;
try {
  electronPath = require('electron'); // the package exports the binary's path
} catch {
  electronPath = null;
}
if (typeof electronPath !== 'string' || !existsSync(electronPath) || !existsSync('electron/main/index.ts')) {
  console.error(
    'The Electron app cannot start here: Electron\'s binary is not installed on this machine (or the desktop shell is not built yet); use `npm run tco -- compute resources/sample-workspace.json` (and, once the browser host lands, `npm run web`).',
  );
  process.exit(1);
}
const child = spawn(electronPath, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
