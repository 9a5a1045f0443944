/**
 * "Why the winner wins" on the compare screen (issue 14 item 6), end to end in Debian's Chromium
 * against the browser host serving the built renderer: the measure, the sentence, the waterfall's
 * table, where today's volume sits on the break-even line, and the tornado's toggle. Never skipped.
 *
 * The workspace, worked by hand: MODEL.md section 11's vendor A against a vendor B with a higher
 * price list and poorer rates but no fees or internal cost. One SMS stream, 100,000 a month, 12 months.
 *   A: usage 8,400, pass-through 3,600, fees 124, internal 1,000, remediation 6,000 → TCO 19,124;
 *      DR 0.95, ER 0.1: delivered 1,140,000, effective 114,000 → 0.1678 per effective message.
 *   B: 0.012 + pass-through 0.003 → usage 14,400, pass-through 3,600 → TCO 18,000 (lower than A's);
 *      DR 0.8, ER 0.05: delivered 960,000, effective 48,000 → 0.3750.
 * So A wins per effective message only. The gap 0.375 − 19,124/114,000 = 23,626/114,000 = 0.207245…
 * → $0.2072 (4 decimals). Effects at A's 114,000 effective messages:
 *   prices (14,400 − 8,400)/114,000 = +0.05263; fees −124/114,000 = −0.001088; internal
 *   −1,000/114,000 = −0.008772; cost of failed messages −6,000/114,000 = −0.05263;
 *   delivery 18,000·(1,140,000/960,000 − 1)/114,000 = 3,375/114,000 = +0.02961;
 *   engagement 18,000/48,000 − 18,000·1,140,000/(960,000·114,000) = 0.375 − 0.1875 = +0.1875.
 * Shown to 4 decimals by largest remainder: ×10⁴ floors 526, −11, −88, −527, 296, 1,875 = 2,071 of
 * 2,072; the one unit goes to the largest remainder, failed messages (−526.316: 0.684) → −0.0526.
 * Break-even by TCO: A = 2,324 + 16,800k for k ≥ 0.5 (tiers: 100 + 600k usage, 300k pass-through,
 * 10 campaign, 500k remediation a month, + 4 + 1,000), B = 18,000k: equal at k = 2,324/1,200 =
 * 1.93667 → 193,667 a month; below it (and below ×0.5: 1,124 + 19,200k > 18,000k) B is cheaper.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Host } from '../../electron/host/server.js';
import { pilot, route, vendor, workedExampleDoc } from '../fixtures/docs.js';
import { SHOTS as shots, startInProcess, type InProcess } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-e2e-why-'));
let host: Host;
let browser: Browser;

const doc = workedExampleDoc();
doc.vendors.push(vendor('B', { quote: { routes: [route({ price: '0.012', passThrough: '0.003' })], fees: [] }, pilots: [pilot({ sent: 10000, delivered: 8000, engaged: 400 })] }));
const path = join(dir, 'why.tcows');

let env: InProcess | undefined;
beforeAll(async () => {
  env = await startInProcess(dir, { files: [[path, doc]] });
  ({ host, browser } = env);
}, 120_000);

afterAll(() => env?.stop());

async function open(colorScheme: 'light' | 'dark'): Promise<{ p: Page; errors: string[] }> {
  const p = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme });
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await p.goto(host.url);
  await p.getByLabel('Workspace file').fill(path);
  await p.getByRole('button', { name: 'Open', exact: true }).click();
  return { p, errors };
}

describe('why the winner wins, in a browser', () => {
  it('says the measure, the sentence, the waterfall and where today sits on the break-even line; the tornado switches measure', async () => {
    const { p, errors } = await open('light');
    const why = p.locator('[data-why]');
    await expect.poll(() => why.getByRole('heading').textContent()).toBe('Why Vendor A is the cheapest per effective message');
    // A's TCO 19,124 > B's 18,000 (and r = 0, so the same present values): A wins per effective message only.
    await expect
      .poll(() => why.locator('[data-why-measure]').textContent())
      .toBe("Vendor A wins on cost per effective message only: Vendor B has the lower TCO and present value of cost, but more of Vendor A's messages arrive and do their job.");
    // Largest effects first: for A engagement +0.1875, B's prices +0.0526, delivery +0.0296; against:
    // A's cost of failed messages −0.0526, internal −0.0088 (fees −0.0011 left out: "among others").
    await expect
      .poll(() => why.locator('[data-why-sentence]').textContent())
      .toBe(
        "Vendor B costs $0.2072 more per effective message than Vendor A: Vendor A has the better engagement rate (+$0.1875) and delivery rate (+$0.0296), and Vendor B has the higher message prices (+$0.0526); partly offset by Vendor A's higher cost of failed messages (−$0.0526) and internal team cost (−$0.0088), among others.",
      );
    const row = (e: string) => why.locator(`[data-why-table] tr[data-effect="${e}"] td`).first().textContent();
    expect(await row('price')).toBe('+$0.0526');
    expect(await row('passThrough')).toBe('$0.0000');
    expect(await row('fees')).toBe('−$0.0011');
    expect(await row('commits')).toBe('$0.0000');
    expect(await row('internal')).toBe('−$0.0088');
    expect(await row('remediation')).toBe('−$0.0526');
    expect(await row('deliveryRate')).toBe('+$0.0296');
    expect(await row('engagementRate')).toBe('+$0.1875');
    // 0.0526 − 0.0011 − 0.0088 − 0.0526 + 0.0296 + 0.1875 = 0.2072
    expect(await why.locator('[data-why-gap]').textContent()).toBe('$0.2072');
    expect(await why.getByRole('img', { name: /Waterfall of the gap/ }).count()).toBe(1);
    // The break-even line comes with the analyses: B cheaper by TCO until ×1.937 (193,667 a month).
    await expect
      .poll(() => why.locator('[data-why-breakeven]').textContent(), { timeout: 30_000 })
      .toBe("At today's 100,000 messages a month Vendor B has the lower TCO and stays cheaper until 193,667 a month (×1.937), where Vendor A becomes cheaper by TCO.");
    await why.screenshot({ path: join(shots, 'why-panel-light.png') });

    // The tornado: TCO first; per effective message on the toggle, with the capped rate said.
    const tornado = p.locator('figure[data-tornado]');
    await expect.poll(() => tornado.getAttribute('data-tornado')).toBe('tco');
    await expect.poll(() => tornado.locator('figcaption').textContent()).toContain('Sensitivity of the TCO of Vendor A');
    await p.getByRole('radio', { name: 'Cost per effective message' }).check();
    await expect.poll(() => tornado.getAttribute('data-tornado')).toBe('costPerEffective');
    await expect.poll(() => tornado.locator('figcaption').textContent()).toContain('Sensitivity of the cost per effective message of Vendor A');
    await tornado.scrollIntoViewIfNeeded();
    await tornado.screenshot({ path: join(shots, 'why-tornado-per-effective.png') });
    await p.getByRole('radio', { name: 'TCO' }).check();
    await expect.poll(() => tornado.getAttribute('data-tornado')).toBe('tco');
    expect(errors).toEqual([]);
    await p.close();
  });

  it('reads in the dark theme', async () => {
    const { p, errors } = await open('dark');
    const why = p.locator('[data-why]');
    await expect.poll(() => why.locator('[data-why-gap]').textContent()).toBe('$0.2072');
    await expect.poll(() => why.locator('[data-why-breakeven]').textContent(), { timeout: 30_000 }).toContain('193,667');
    // The sentence keeps the page's text colour (#e6e9ed on #15181c in the dark theme).
    expect(await why.locator('[data-why-sentence]').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(230, 233, 237)');
    await why.screenshot({ path: join(shots, 'why-panel-dark.png') });
    await p.getByRole('radio', { name: 'Cost per effective message' }).check();
    const tornado = p.locator('figure[data-tornado]');
    await tornado.scrollIntoViewIfNeeded();
    await tornado.screenshot({ path: join(shots, 'why-tornado-dark.png') });
    expect(errors).toEqual([]);
    await p.close();
  });

  it('on the sample RFP (long vendor names): the table adds up to the gap the sentence states', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(host.url);
    await p.getByRole('button', { name: 'Open the sample' }).click();
    const why = p.locator('[data-why]');
    await expect.poll(() => why.locator('[data-why-gap]').count()).toBe(1);
    const amount = (t: string) => Number(t.replace('−', '-').replace(/[^0-9.+-]/g, ''));
    const gap = (await why.locator('[data-why-gap]').textContent())!;
    const cells = await why.locator('[data-why-table] tbody tr td:nth-of-type(1)').allTextContents();
    expect(cells).toHaveLength(8);
    // The shown parts add up to the shown gap (in ten-thousandths, to keep the sum exact).
    expect(cells.reduce((a, c) => a + Math.round(amount(c) * 1e4), 0)).toBe(Math.round(amount(gap) * 1e4));
    expect(await why.locator('[data-why-sentence]').textContent()).toContain(`costs ${gap} more per effective message than Vendor A (global CPaaS)`);
    await why.screenshot({ path: join(shots, 'why-panel-sample.png') });
    expect(errors).toEqual([]);
    await p.close();
  });
});
