/**
 * What the end-to-end tests share: the renderer built as it is now into a folder of the test's own,
 * and Debian's Chromium launched with the flags the report printer uses. Never a skip: without
 * Chromium the test fails and says how to install it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM } from '../../electron/export/chromium-printer.js';

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
