/**
 * A buyer's first hour (issue 14), in Debian's Chromium against the app as `npm run web` serves it:
 * a new workspace shows results at once (assumed rates from resources/default-rates.json, marked),
 * and what cannot be computed is said in a sentence naming the vendor and the stream, with the fix
 * at hand; words instead of ids and model field names; the small things (focus after Add, undo in
 * place, a jump list, the scrolling hint). Each test leaves a screenshot in test-results/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT as root, SHOTS as shots, buildRenderer, launchChromium, serveApp, type Served } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-first-hour-'));
let served: Served;
let browser: Browser;

beforeAll(async () => {
  const out = join(dir, 'renderer');
  buildRenderer(out);
  served = await serveApp(out, join(dir, 'data'));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function page(width = 1400): Promise<{ p: Page; errors: string[] }> {
  const p = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await p.goto(served.url);
  return { p, errors };
}

const nav = (p: Page, name: string) => p.getByRole('navigation').getByRole('button', { name }).click();

/** A new workspace with one SMS stream to the US of 100,000 a month, and Vendor A at 0.01 a message. */
async function streamVendorRoute(p: Page, name: string): Promise<void> {
  await p.getByLabel('Name').fill(name);
  await p.getByRole('button', { name: 'Create' }).click();
  await p.getByText('No vendors yet').waitFor();
  await nav(p, 'Volume plan');
  await p.getByRole('button', { name: 'Add stream' }).click();
  await p.locator('[data-stream="stream-1"]').getByLabel('Messages a month').fill('100,000');
  await nav(p, 'Vendors');
  await p.getByRole('button', { name: 'Add vendor' }).click();
  const a = p.locator('[data-vendor="A"]');
  await a.getByRole('button', { name: 'Add route' }).click();
  await a.locator('[data-route="0"]').getByLabel('Price', { exact: true }).fill('0.01');
}

describe('a new workspace: results, not raw errors', () => {
  it('a stream, a vendor and a route show results at once, on the assumed SMS rates of the sourced table, marked assumed', async () => {
    const { p, errors } = await page();
    await streamVendorRoute(p, 'First hour');
    await nav(p, 'Compare');
    // 36 months (a new workspace's horizon) · 100,000 · 0.01 = 36,000.00; nothing else is priced.
    await expect.poll(() => p.locator('tr[data-vendor="A"] td[data-col="tco"]').textContent()).toBe('$36,000.00');
    // Assumed SMS rates (resources/default-rates.json): delivered 0.95, engaged 0.05 of those.
    // Effective messages 3,600,000 · 0.95 · 0.05 = 171,000; 36,000 / 171,000 = 0.210526… → $0.2105.
    const table = JSON.parse(readFileSync(join(root, 'resources/default-rates.json'), 'utf8'));
    expect([table.channels.sms.deliveryRate, table.channels.sms.engagementRate]).toEqual(['0.95', '0.05']);
    expect(await p.locator('tr[data-vendor="A"] td[data-col="effective"]').textContent()).toBe('$0.2105');
    expect(await p.locator('tr[data-vendor="A"]').textContent()).toContain('assumed rates: SMS to US');
    expect(await p.locator('[data-problem]').count()).toBe(0);
    await p.screenshot({ path: join(shots, 'first-hour-results.png'), fullPage: true });
    // Settings says where each assumed rate comes from.
    await nav(p, 'Settings');
    const source = await p.locator('[data-defaults="sms"] [data-assumed-source]').textContent();
    expect(source).toContain('Delivery: assumed from a public benchmark');
    expect(source).toContain(table.channels.sms.sources.deliveryRate.url);
    await p.screenshot({ path: join(shots, 'first-hour-assumed-rates.png'), fullPage: true });
    expect(errors).toEqual([]);
    await p.close();
  }, 90_000);

  it('with no assumed rate and no pilot, a sentence names the vendor and the stream, with the fixes as buttons; no path, id or field name', async () => {
    const { p, errors } = await page();
    await streamVendorRoute(p, 'No rate');
    await nav(p, 'Settings');
    await p.locator('[data-defaults="sms"]').getByLabel('sms: delivery rate').fill('');
    await nav(p, 'Compare');
    const problem = p.locator('[data-problem]');
    await problem.waitFor();
    expect(await problem.locator('p.error').textContent()).toBe('Vendor A has no pilot results for the SMS stream “Stream 1”, and no assumed SMS delivery rate is set, so its cost per message cannot be worked out.');
    const text = (await problem.textContent())!;
    for (const raw of ['$.', 'deliveryRate', 'defaults', 'sms/US']) expect(text).not.toContain(raw);
    await p.screenshot({ path: join(shots, 'first-hour-problem.png'), fullPage: true });
    // The fixes: add a pilot (the vendors screen), or set the rate (settings).
    await problem.getByRole('button', { name: 'Add pilot results for Vendor A' }).click();
    await p.getByRole('heading', { name: 'Vendors', exact: true }).waitFor();
    await nav(p, 'Compare');
    await p.locator('[data-problem]').getByRole('button', { name: 'Set the assumed SMS delivery rate' }).click();
    const rate = p.locator('[data-defaults="sms"]').getByLabel('sms: delivery rate');
    await rate.fill('97%');
    await nav(p, 'Compare');
    // 36,000 / (3,600,000 · 0.97 · 0.05 = 174,600) = 0.206185… → $0.2062.
    await expect.poll(() => p.locator('tr[data-vendor="A"] td[data-col="effective"]').textContent()).toBe('$0.2062');
    expect(await p.locator('[data-problem]').count()).toBe(0);
    expect(errors).toEqual([]);
    await p.close();
  }, 90_000);
});
