/**
 * What the end-to-end tests share: the renderer built as it is now into a folder of the test's own,
 * and Debian's Chromium launched with the flags the report printer uses. Never a skip: without
 * Chromium the test fails and says how to install it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM } from '../../electron/export/chromium-printer.js';
import type { ApiResult } from '../../electron/api/errors.js';
import type { WorkspaceState } from '../../electron/api/operations.js';
import { createHost, type Host } from '../../electron/host/server.js';
import { createApp, type App } from '../../electron/services/app.js';

export const ROOT = new URL('../..', import.meta.url).pathname;
/** Screenshots each test leaves. */
export const SHOTS = join(ROOT, 'test-results');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;

/**
 * Build the renderer into `outDir`. React's development build unless `production` (vitest sets
 * NODE_ENV=test): its warnings are console errors, which the app and import tests fail on; the
 * latency test measures the production build a user gets.
 */
export function buildRenderer(outDir: string, production = false): void {
  const built = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: 'inherit',
    ...(production ? { env: { ...process.env, NODE_ENV: 'production' } } : {}),
  });
  if (built.status !== 0) throw new Error(`the renderer did not build (vite exited ${built.status})`);
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * The app as `npm run web` serves it, in a process of its own (a server sharing the test's event
 * loop would hold up playwright, and so the keys it types, whenever it computes). `call` posts an
 * operation to its API with the token, as the page does.
 */
export interface Served {
  url: string;
  call: (op: string, input: unknown) => Promise<{ ok: boolean; value?: any; error?: any }>;
  stop: () => Promise<void>;
}

export async function serveApp(staticDir: string, dataDir: string): Promise<Served> {
  const script = `
    const { createApp } = await import(${JSON.stringify(join(ROOT, 'electron/services/app.ts'))});
    const { createHost } = await import(${JSON.stringify(join(ROOT, 'electron/host/server.ts'))});
    const app = createApp({ dataDir: process.env.TCO_DATA_DIR, analysesThread: true });
    const host = await createHost({ app, staticDir: process.env.TCO_STATIC_DIR });
    process.on('SIGTERM', () => host.close().then(() => { app.closeAll(); process.exit(0); }));
    console.log(host.url);
  `;
  const server = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, TCO_DATA_DIR: dataDir, TCO_STATIC_DIR: staticDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((ok, fail) => {
    let text = '';
    server.stdout!.on('data', (b: Buffer) => {
      text += b.toString();
      const line = /^(http:\/\/\S+)$/m.exec(text);
      if (line) ok(line[1]!);
    });
    server.once('exit', (code) => fail(new Error(`the server exited (${code}) before printing its address`)));
  });
  const { origin } = new URL(url);
  const token = new URL(url).hash.replace(/^#token=/, '');
  return {
    url,
    call: async (op, input) => {
      const res = await fetch(`${origin}/api/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
      return res.json() as Promise<{ ok: boolean; value?: any; error?: any }>;
    },
    stop: async () => {
      if (server.exitCode !== null) return;
      const gone = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await gone;
    },
  };
}

/**
 * The app in this process behind the browser host, over a fresh build of the renderer in `dir`, and
 * Chromium: what most end-to-end tests start with. `files` are workspace files made first (and
 * closed, for the page to open); `uploadDir` where the host keeps files picked on the page.
 * `stop` closes the browser, the host and the app and removes `dir`.
 */
export interface InProcess {
  app: App;
  host: Host;
  browser: Browser;
  stop: () => Promise<void>;
}

export async function startInProcess(dir: string, o: { files?: [path: string, from: unknown][]; uploads?: boolean } = {}): Promise<InProcess> {
  const out = join(dir, 'renderer');
  buildRenderer(out);
  const app = createApp({ dataDir: join(dir, 'data') });
  for (const [path, from] of o.files ?? []) {
    const made = (await app.dispatch('workspace.create', { path, from })) as ApiResult<WorkspaceState>;
    if (!made.ok) throw new Error(made.error.message);
    await app.dispatch('workspace.close', { handle: made.value.handle });
  }
  const host = await createHost({ app, staticDir: out, ...(o.uploads ? { uploadDir: join(dir, 'uploads') } : {}) });
  const browser = await launchChromium();
  return {
    app,
    host,
    browser,
    stop: async () => {
      await browser.close();
      await host.close();
      app.closeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The app in a process of its own (serveApp, as `npm run web`), over a fresh build in `dir`, and Chromium; `stop` ends all and removes `dir`. */
export async function startServed(dir: string): Promise<{ served: Served; browser: Browser; stop: () => Promise<void> }> {
  const out = join(dir, 'renderer');
  buildRenderer(out);
  const served = await serveApp(out, join(dir, 'data'));
  const browser = await launchChromium();
  return {
    served,
    browser,
    stop: async () => {
      await browser.close();
      await served.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
