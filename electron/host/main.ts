/**
 * `npm run web`: the app in a browser. Serves the built renderer (or the checkout's renderer/) and
 * the API on 127.0.0.1, prints one line with the URL to open, and closes cleanly on Ctrl-C.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../services/app.js';
import { createHost } from './server.js';

function fail(message: string): never {
  process.stderr.write(`npm run web: ${message}\n`);
  process.exit(2);
}

let values: { port?: string; 'data-dir'?: string; static?: string };
try {
  values = parseArgs({ args: process.argv.slice(2), options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, static: { type: 'string' } }, strict: true, allowPositionals: false }).values;
} catch (e) {
  fail((e as Error).message.split('\n')[0]!);
}
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(values.port)}`);
const dataDir = values['data-dir'] ?? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'messaging-tco');
const built = resolve('out/renderer');
if (values.static === undefined && !existsSync(join(built, 'index.html'))) {
  // Build the renderer once, the first time (`npm run build:renderer`).
  const r = spawnSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) fail('could not build the renderer (run `npm run build:renderer` to see why)');
}
const staticDir = values.static ?? built;
if (!existsSync(join(staticDir, 'index.html'))) fail(`no index.html in ${staticDir}`);

const app = createApp({ dataDir });
try {
  const host = await createHost({ app, staticDir, port });
  process.stdout.write(`Messaging TCO is running at ${host.url}\n`);
  const stop = () => {
    void host.close().then(() => {
      app.closeAll();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  fail(`cannot listen on 127.0.0.1:${port} (${(e as Error).message})`);
}
