/**
 * End to end in a real browser: Debian's Chromium driven by playwright-core against the browser
 * host serving the built renderer. Never skipped: without Chromium the test fails and says how to
 * install it. Each test leaves a screenshot in test-results/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../electron/host/server.js';
import { compute, computeJson } from '../../electron/engine/index.js';
import { readDocument } from '../../electron/api/document.js';
import { createApp, type App } from '../../electron/services/app.js';

const root = new URL('../..', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const shots = join(root, 'test-results');
const dir = mkdtempSync(join(tmpdir(), 'tco-e2e-'));
let app: App;
let host: Host;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  // Build the renderer as it is now, into this run's own folder.
  const out = join(dir, 'renderer');
  const built = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  expect(built.status).toBe(0);
  mkdirSync(shots, { recursive: true });
  app = createApp({ dataDir: join(dir, 'data') });
  host = await createHost({ app, staticDir: out });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  app?.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

async function page(): Promise<{ p: Page; errors: string[] }> {
  const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await p.goto(host.url);
  return { p, errors };
}

const usd = (s: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(s as unknown as number);

describe('the app in a browser', () => {
  it('opens the sample RFP and shows what the engine computes, cheapest marked, uncovered said', async () => {
    const { p, errors } = await page();
    await p.getByRole('button', { name: 'Open the sample' }).click();
    const tcoA = p.locator('tr[data-vendor="A"] td[data-col="tco"]');
    await tcoA.waitFor();
    // The same numbers as the engine on the same document (rounded to the cent for display).
    const sample = JSON.parse(readFileSync(join(root, 'resources/sample-workspace.json'), 'utf8'));
    const j = computeJson(compute(readDocument(sample), { draws: 0 }));
    expect(await tcoA.textContent()).toBe(usd(j.vendors[0]!.tco!.nominal));
    expect(await p.locator('tr[data-vendor="B"] td[data-col="tco"]').textContent()).toBe(usd(j.vendors[1]!.tco!.nominal));
    await expect.poll(() => p.locator('tr.cheapest').getAttribute('data-vendor')).toBe('A');
    expect(await p.locator('tr[data-vendor="C"]').textContent()).toContain('does not cover sms/KE, whatsapp/US/utility');
    expect(await p.locator('canvas[role="img"]').count()).toBe(1);
    await p.screenshot({ path: join(shots, 'compare-sample.png'), fullPage: true });
    expect(errors).toEqual([]);
    await p.close();
  });

  it('marks an invalid entry in place, recomputes a valid one, undoes, redoes, and keeps it after a reload', async () => {
    const { p, errors } = await page();
    await p.getByLabel('Name').fill('Horizon test');
    await p.getByRole('button', { name: 'Create' }).click();
    await p.getByText('No vendors yet').waitFor();
    await p.getByRole('button', { name: 'Settings' }).click();
    const horizon = p.getByLabel('Horizon (months)');
    await horizon.fill('700');
    await expect.poll(() => horizon.getAttribute('aria-invalid')).toBe('true');
    expect(await p.locator('#s-horizonMonths-hint').textContent()).toContain('600');
    await horizon.fill('24');
    await expect.poll(() => horizon.getAttribute('aria-invalid')).toBe(null);
    await expect.poll(() => p.getByRole('button', { name: 'Undo' }).isEnabled()).toBe(true);
    await p.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => horizon.inputValue()).toBe('36');
    await p.keyboard.press('Control+y');
    await expect.poll(() => horizon.inputValue()).toBe('24');
    await p.screenshot({ path: join(shots, 'settings-undo-redo.png') });
    // Reload: the workspace is in the recent list and holds 24 months.
    await p.reload();
    await p.getByRole('button', { name: /Horizon test\.tcows$/ }).click();
    await p.getByRole('button', { name: 'Settings' }).click();
    expect(await p.getByLabel('Horizon (months)').inputValue()).toBe('24');
    expect(errors).toEqual([]);
    await p.close();
  });
});
