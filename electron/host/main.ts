/**
 * `npm run web`: the app in a browser, where Electron cannot be installed. Builds the renderer if
 * it is not built yet or its sources changed since, serves it and the API on 127.0.0.1 (electron/host/server.ts), prints one
 * line with the URL to open (the launch token is in its fragment), and closes cleanly on Ctrl-C.
 *
 *   npm run web -- [--port N] [--data-dir DIR] [--static DIR]
 *
 * --port      0 (the default) takes a free port.
 * --data-dir  the app's own small state (recent files); default $XDG_CONFIG_HOME or ~/.config,
 *             then /messaging-tco.
 * --static    the page's folder; default out/renderer of the checkout, built first with
 *             `npm run build:renderer` when it has no index.html or one older than the renderer's,
 *             the app's or its resources' files, or renderer/ where there is no such script.
 *
 * Standard output is the one line `Messaging TCO is running at <url>`; everything else goes to
 * standard error. Bad arguments: one line and exit status 2.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../services/app.js';
import { chromiumPrinter } from '../export/chromium-printer.js';
import { createHost } from './server.js';
import { olderThanSources } from '../../scripts/fresh-build.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function fail(message: string, status = 2): never {
  process.stderr.write(`npm run web: ${message}\n`);
  process.exit(status);
}

function parse(): { port: number; dataDir: string; staticDir: string | undefined } {
  let values: { port?: string | undefined; 'data-dir'?: string | undefined; static?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, static: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    fail((e as Error).message.split('\n')[0]!);
  }
  const port = values.port === undefined ? 0 : /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN;
  if (!Number.isInteger(port) || port > 65535) fail(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(values.port)}`);
  if (values['data-dir'] === '') fail('--data-dir must not be empty');
  const dataDir = values['data-dir'] ?? join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'messaging-tco');
  if (values.static !== undefined && !existsSync(join(values.static, 'index.html'))) fail(`--static: no index.html in ${resolve(values.static)}`);
  return { port, dataDir: resolve(dataDir), staticDir: values.static === undefined ? undefined : resolve(values.static) };
}

/**
 * out/renderer, built first when it is missing or older than its sources (the page, and the app's
 * code and files it is built with: a checkout pulled or edited since the last build would otherwise
 * serve the old page); renderer/ where the checkout has no renderer build.
 */
function defaultStatic(): string {
  const built = join(ROOT, 'out', 'renderer');
  const was = existsSync(join(built, 'index.html'));
  if (!olderThanSources(ROOT, 'out/renderer/index.html', ['renderer', 'electron', 'resources', 'package.json'])) return built;
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if (scripts['build:renderer'] === undefined) return was ? built : join(ROOT, 'renderer');
  process.stderr.write(`npm run web: building the renderer (npm run build:renderer), ${was ? 'its sources changed since its last build' : 'once'}...\n`);
  // npm's own script when started by npm (npm run web, npx), else the npm on the PATH. Its
  // standard output is dropped: ours is the one line with the URL.
  const npmCli = process.env.npm_execpath;
  const [cmd, args] = npmCli && /\.[cm]?js$/.test(npmCli) ? [process.execPath, [npmCli]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  const r = spawnSync(cmd, [...args, 'run', '--silent', 'build:renderer'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
  if (r.status !== 0 || !existsSync(join(built, 'index.html'))) fail('could not build the renderer (run `npm run build:renderer` to see why)', 1);
  return built;
}

const { port, dataDir, staticDir = defaultStatic() } = parse();
// export.pdf prints the report page server-side: Chromium loads report.html from the page's folder
// when it has one (a build of this checkout), else from out/renderer (built first if need be).
const printer = chromiumPrinter({
  ...(existsSync(join(staticDir, 'report.html')) ? { staticDir } : {}),
  log: (line) => process.stderr.write(`npm run web: ${line}\n`),
});
const app = createApp({ dataDir, printer, analysesThread: true });
let host: Awaited<ReturnType<typeof createHost>>;
try {
  host = await createHost({ app, staticDir, port });
} catch (e) {
  app.closeAll();
  fail(`cannot listen on 127.0.0.1:${port} (${(e as Error).message})`, 1);
}
process.stdout.write(`Messaging TCO is running at ${host.url}\n`);

// Ctrl-C in a terminal reaches npm, tsx and this process at once, and tsx relays it again: the
// signals after the first change nothing.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void host
    .close()
    .catch(() => undefined)
    .then(() => {
      try {
        app.closeAll();
      } finally {
        process.exit(0);
      }
    });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
