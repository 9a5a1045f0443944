/**
 * End to end in a real browser: Debian's Chromium driven by playwright-core against the browser
 * host serving the built renderer. Never skipped: without Chromium the test fails and says how to
 * install it. Each test leaves a screenshot in test-results/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../electron/host/server.js';
import { ROOT as root, SHOTS as shots, buildRenderer, launchChromium } from './harness.js';
import { compute, computeJson } from '../../electron/engine/index.js';
import { readDocument, type WorkspaceDocument } from '../../electron/api/document.js';
import { createApp, type App } from '../../electron/services/app.js';
import { exact } from '../../renderer/src/format.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-e2e-'));
let app: App;
let host: Host;
let browser: Browser;

beforeAll(async () => {
  const out = join(dir, 'renderer');
  buildRenderer(out);
  app = createApp({ dataDir: join(dir, 'data') });
  host = await createHost({ app, staticDir: out });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  app?.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

/** A page on the host; `slow.edits` ms (0: none) holds each edit on its way to the app. */
async function page(slow: { edits: number } = { edits: 0 }): Promise<{ p: Page; errors: string[] }> {
  const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // The page calls the app over the host's socket (`<id> <operation>\n<input>`, electron/host/socket.ts).
  await p.routeWebSocket(/\/socket$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      if (slow.edits > 0 && / workspace\.edit\n/.test(String(m))) setTimeout(() => server.send(m), slow.edits);
      else server.send(m);
    });
  });
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await p.goto(host.url);
  return { p, errors };
}

/**
 * The steps every hand-entered workspace starts with, as a person takes them: a new empty workspace
 * (answers the screens' navigation), one SMS stream to the US, the assumed SMS rates, and vendor A
 * with one route (answers A's card and that route).
 */
async function newWorkspace(p: Page, name: string): Promise<(screen: string) => Promise<void>> {
  await p.getByLabel('Name').fill(name);
  await p.getByRole('button', { name: 'Create' }).click();
  await p.getByText('No vendors yet').waitFor();
  return (screen) => p.getByRole('navigation').getByRole('button', { name: screen }).click();
}

async function oneStream(p: Page, nav: (screen: string) => Promise<void>, messagesAMonth: string): Promise<Locator> {
  await nav('Volume plan');
  await p.getByRole('button', { name: 'Add stream' }).click();
  const stream = p.locator('[data-stream="stream-1"]');
  await stream.getByLabel('Messages a month').fill(messagesAMonth);
  return stream;
}

async function assumedSmsRates(p: Page, delivery: string, engagement: string): Promise<void> {
  await p.locator('[data-defaults="sms"]').getByLabel('SMS delivery rate').fill(delivery);
  await p.locator('[data-defaults="sms"]').getByLabel('SMS engagement rate').fill(engagement);
}

async function vendorWithRoute(p: Page, nav: (screen: string) => Promise<void>): Promise<{ a: Locator; route: Locator }> {
  await nav('Vendors');
  await p.getByRole('button', { name: 'Add vendor' }).click();
  const a = p.locator('[data-vendor="A"]');
  await a.getByRole('button', { name: 'Add route' }).click();
  return { a, route: a.locator('[data-route="0"]') };
}

const usd = (s: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(exact(s));

describe('the app in a browser', () => {
  it('on a 1024 px laptop window every header button is on screen and the compare table scrolls sideways, cut nowhere', async () => {
    const p = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(host.url);
    await p.getByRole('button', { name: 'Open the sample' }).click();
    await p.locator('tr[data-vendor="A"] td[data-col="tco"]').waitFor();
    // The analyses (percentiles, P(cheapest)) widen the table when they arrive: measure after them.
    await expect.poll(() => p.locator('tr[data-vendor="A"]').textContent(), { timeout: 30_000 }).not.toContain('…');
    for (const name of ['Compare', 'Volume plan', 'Vendors', 'Evidence', 'Import events', 'Settings', 'Export…', 'Undo', 'Redo']) {
      const box = (await p.locator('header').getByRole('button', { name, exact: true }).boundingBox())!;
      expect(box, name).not.toBeNull();
      expect(box.x, name).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${name} ends within 1024 px`).toBeLessThanOrEqual(1024);
    }
    // The page itself does not scroll sideways; the table's own box does, to its last column.
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    const region = p.getByRole('region', { name: /Vendors compared/ });
    const [scrollWidth, clientWidth] = await region.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    await region.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    const payback = (await p.locator('tr[data-vendor="A"] td[data-col="payback"]').boundingBox())!;
    expect(payback.x + payback.width).toBeLessThanOrEqual(1024);
    await p.screenshot({ path: join(shots, 'compare-1024.png') });
    expect(errors).toEqual([]);
    await p.close();
  });

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
    expect(await p.locator('tr[data-vendor="C"]').textContent()).toContain(
      'does not price “Order alerts SMS, Kenya” (SMS to KE), “Delivery updates on WhatsApp, US” (WhatsApp utility to US): no totals',
    );
    // Why A wins (the waterfall of its gap to B), then TCO by category, cost per effective with its
    // range, cumulative cost and benefit, tornado.
    await expect.poll(() => p.locator('canvas[role="img"]').count()).toBe(5);
    await expect.poll(() => p.locator('.charts canvas[role="img"]').count()).toBe(4);
    await expect.poll(() => p.locator('[data-breakeven]').textContent()).toContain('is cheaper');
    await p.screenshot({ path: join(shots, 'compare-sample.png'), fullPage: true });
    // The sample's v1.2 terms on the vendors screen: A's US SMS carrier mix with its blend, and its dated changes.
    await p.getByRole('navigation').getByRole('button', { name: 'Vendors' }).click();
    const mix = p.locator('[data-vendor="A"] [data-route="0"] [data-route-mix]');
    await mix.waitFor();
    expect(await mix.locator('[data-blended]').textContent()).toMatch(/^Blended: 0\.\d+ USD a segment/);
    await p.screenshot({ path: join(shots, 'vendors-sample.png'), fullPage: true });
    await p.locator('[data-vendor="A"] [data-route="0"]').screenshot({ path: join(shots, 'vendors-sample-route.png') });
    await p.getByRole('navigation').getByRole('button', { name: 'Volume plan' }).click();
    await p.screenshot({ path: join(shots, 'streams-sample.png'), fullPage: true });
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
    expect(await p.locator('#s-horizonMonths-m').textContent()).toBe('Horizon (months) must be at most 600.');
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

  it('enters MODEL.md section 11 by hand and reads 19,124.00 on the compare screen', async () => {
    const { p, errors } = await page();
    const nav = await newWorkspace(p, 'Worked example');
    // Settings: 12 months from 2027-01, labour at 100 an hour.
    await nav('Settings');
    await p.getByLabel('Start month').fill('2027-01');
    await p.getByLabel('Horizon (months)').fill('12');
    await p.getByLabel('Hourly rate').fill('100');
    // One SMS stream to the US: 100,000 messages a month, 1 segment.
    await oneStream(p, nav, '100000');
    // Vendor A: graduated tiers 0.0080 then 0.0060 from 50,000; pass-through 0.0030.
    const { a, route } = await vendorWithRoute(p, nav);
    await route.getByRole('button', { name: 'Use tiers' }).click();
    await route.getByLabel('Tier 1 price').fill('0.0080');
    await route.getByRole('button', { name: 'Add tier' }).click();
    await route.getByLabel('Tier 2 from').fill('50000');
    // As a US price list writes it: 0.60¢ is $0.0060.
    await route.getByLabel('Tier 2 price').fill('0.60¢');
    await route.getByLabel('Pass-through', { exact: true }).fill('0.0030');
    expect(await route.getByLabel('Billed on').locator('option').allTextContents()).toEqual(['messages sent', 'messages delivered', 'effective messages']);
    // Fees: "10DLC brand" 4 once in month 1; "campaign" 10 a month; both compliance.
    await a.getByRole('button', { name: 'Add fee' }).click();
    const f1 = a.locator('[data-fee="0"]');
    await f1.getByLabel('Fee name').fill('10DLC brand');
    await f1.getByLabel('Amount').fill('4');
    // The options read as words, not the document's values (seat-month, failed-message).
    expect(await f1.getByLabel('Per').locator('option').allTextContents()).toEqual(['once', 'month', 'seat a month', 'active contact a month', 'failed message']);
    await f1.getByLabel('Per').selectOption('once');
    await f1.getByLabel('Category').selectOption('compliance');
    await a.getByRole('button', { name: 'Add fee' }).click();
    const f2 = a.locator('[data-fee="1"]');
    await f2.getByLabel('Fee name').fill('campaign');
    await f2.getByLabel('Amount').fill('10');
    await f2.getByLabel('Category').selectOption('compliance');
    // Internal: 10 setup hours, 0.10 per failed message.
    await a.getByLabel('Setup hours').fill('10');
    await a.getByLabel('Cost per failure').fill('0.10');
    // Pilot: 10,000 sent, 9,500 delivered, 950 engaged.
    await a.getByRole('button', { name: 'Add pilot' }).click();
    const pilot = a.locator('[data-pilot="0"]');
    await pilot.getByLabel('Sent').fill('10000');
    await pilot.getByLabel('Delivered').fill('9500');
    await pilot.getByLabel('Engaged').fill('950');
    await p.screenshot({ path: join(shots, 'vendor-a-entered.png'), fullPage: true });
    await nav('Compare');
    // 12 · (700 + 300 + 10 + 500) + 4 + 1,000 = 19,124.00 (MODEL.md section 11).
    const tco = p.locator('tr[data-vendor="A"] td[data-col="tco"]');
    await expect.poll(() => tco.textContent()).toBe('$19,124.00');
    // Cost per effective message 19,124 / 114,000 = 0.167754… shown to 4 significant digits.
    expect(await p.locator('tr[data-vendor="A"] td[data-col="effective"]').textContent()).toBe('$0.1678');
    await p.screenshot({ path: join(shots, 'compare-worked-example.png'), fullPage: true });
    expect(errors).toEqual([]);
    await p.close();
  }, 60_000);

  it('tier 2 "from" and then its price typed before the app answers: both are kept (slow answers, 12 · 700.00 = 8,400.00)', async () => {
    const slow = { edits: 0 };
    const { p, errors } = await page(slow);
    const nav = await newWorkspace(p, 'Slow answers');
    await nav('Settings');
    await p.getByLabel('Horizon (months)').fill('12');
    await oneStream(p, nav, '100000');
    // Every message delivered (no failures to remediate), a tenth engaged.
    await nav('Settings');
    await assumedSmsRates(p, '1', '0.1');
    const { route } = await vendorWithRoute(p, nav);
    await route.getByRole('button', { name: 'Use tiers' }).click();
    await route.getByLabel('Tier 1 price').fill('0.0080');
    await route.getByRole('button', { name: 'Add tier' }).click();
    await route.getByLabel('Tier 2 from').waitFor();
    // Every edit now takes 400 ms to be answered: the price is typed while the "from" is on its way.
    slow.edits = 400;
    await route.getByLabel('Tier 2 from').fill('50000');
    await route.getByLabel('Tier 2 price').fill('0.0060');
    await nav('Compare');
    // 50,000 · 0.0080 + 50,000 · 0.0060 = 700.00 a month, 12 months; nothing else is priced. Had the
    // price's edit been made from the tiers as drawn, tier 2 would start at 1,000 again: 7,224.00.
    await expect.poll(() => p.locator('tr[data-vendor="A"] td[data-col="tco"]').textContent(), { timeout: 10_000 }).toBe('$8,400.00');
    await nav('Vendors');
    expect(await route.getByLabel('Tier 2 from').inputValue()).toBe('50000');
    expect(await route.getByLabel('Tier 2 price').inputValue()).toBe('0.0060');
    expect(errors).toEqual([]);
    await p.close();
  }, 60_000);

  it('a tier price changes the table and the charts; a stream on a route a vendor does not price says so', async () => {
    const { p, errors } = await page();
    await p.getByRole('button', { name: 'Open the sample' }).click();
    const tcoA = p.locator('tr[data-vendor="A"] td[data-col="tco"]');
    await tcoA.waitFor();
    const before = await tcoA.textContent();
    await expect.poll(() => p.locator('.charts canvas[role="img"]').count()).toBe(4);
    const chartBefore = await p.locator('.charts canvas[role="img"]').first().screenshot();
    // Vendor A's first US SMS tier goes from 0.0083 to 0.0093.
    await p.getByRole('navigation').getByRole('button', { name: 'Vendors' }).click();
    await p.locator('[data-vendor="A"] [data-route="0"]').getByLabel('Tier 1 price').fill('0.0093');
    await p.getByRole('navigation').getByRole('button', { name: 'Compare' }).click();
    await expect.poll(() => tcoA.textContent()).not.toBe(before);
    const sample = JSON.parse(readFileSync(join(root, 'resources/sample-workspace.json'), 'utf8'));
    sample.vendors[0].quote.routes[0].tiers[0].price = '0.0093';
    expect(await tcoA.textContent()).toBe(usd(computeJson(compute(readDocument(sample), { draws: 0 })).vendors[0]!.tco!.nominal));
    await expect.poll(async () => (await p.locator('.charts canvas[role="img"]').first().screenshot()).equals(chartBefore), { timeout: 10_000 }).toBe(false);
    // A push stream: no vendor prices push, so every vendor "does not price" it, named.
    await p.getByRole('navigation').getByRole('button', { name: 'Volume plan' }).click();
    await p.getByRole('button', { name: 'Add stream' }).click();
    const added = p.locator('[data-stream="stream-5"]');
    await expect.poll(async () => (await added.getByLabel('Channel').locator('option').allTextContents()).slice(0, 4)).toEqual(['SMS', 'MMS', 'WhatsApp', 'RCS']);
    await added.getByLabel('Channel').selectOption('push');
    await added.getByLabel('Country').fill('');
    await p.getByRole('navigation').getByRole('button', { name: 'Compare' }).click();
    await expect.poll(() => p.locator('tr[data-vendor="A"]').textContent()).toContain('does not price “Stream 5” (push): no totals');
    await p.screenshot({ path: join(shots, 'compare-uncovered.png'), fullPage: true });
    // Undo three times: the stream is gone again and A is priced.
    for (let i = 0; i < 3; i++) await p.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => tcoA.textContent()).toMatch(/^\$/);
    expect(errors).toEqual([]);
    await p.close();
  }, 60_000);

  it("while a change's analyses are computed, the uncertainty before it stays on screen, dimmed, then the new one replaces it", async () => {
    const { p, errors } = await page();
    await p.getByRole('button', { name: 'Open the sample' }).click();
    const rowA = p.locator('tr[data-vendor="A"]');
    const range = rowA.locator('td[data-col="range"]');
    const settled = async () => {
      await expect.poll(() => rowA.textContent(), { timeout: 30_000 }).not.toContain('…');
      await expect.poll(() => rowA.locator('td.stale').count(), { timeout: 30_000 }).toBe(0);
      return range.textContent();
    };
    const first = await settled();
    expect(first).toMatch(/^\$0\.\d{4} – \$0\.\d{4}$/);
    await p.getByRole('navigation').getByRole('button', { name: 'Vendors' }).click();
    await p.locator('[data-vendor="A"] [data-route="0"]').getByLabel('Tier 1 price').fill('0.0093');
    await p.getByRole('navigation').getByRole('button', { name: 'Compare' }).click();
    await expect.poll(() => range.textContent()).not.toBe(first);
    const second = await settled();
    expect(second).not.toBe(first);
    // Undo: the totals come back at once; the range shown meanwhile is the one before, marked.
    await p.getByRole('button', { name: 'Undo' }).click();
    await rowA.locator('td[data-col="range"].stale').waitFor();
    expect(await rowA.locator('td[data-col="range"].stale').textContent()).toBe(second);
    expect(await rowA.locator('td[data-col="range"].stale').getAttribute('title')).toBe('From before the last change: updating');
    expect(await rowA.locator('td[data-col="pCheapest"]').textContent()).not.toBe('…');
    // Then this state's own analyses: the same seed gives the range of the first state again.
    expect(await settled()).toBe(first);
    expect(errors).toEqual([]);
    await p.close();
  }, 60_000);

  it('computes a holdout test and a sample size on the evidence screen', async () => {
    const { p, errors } = await page();
    await p.getByRole('button', { name: 'Open the sample' }).click();
    await p.getByRole('navigation').getByRole('button', { name: 'Evidence' }).click();
    await p.getByLabel('Exposed conversions').fill('56');
    await p.getByLabel('Exposed group').fill('70');
    await p.getByLabel('Holdout conversions').fill('48');
    await p.getByLabel('Holdout group').fill('80');
    // Newcombe (1998) Table II example (a): 56/70 − 48/80 = 0.2000, interval 0.0524 to 0.3339.
    await expect.poll(() => p.locator('[data-stat="lift"]').textContent()).toBe('20.00%');
    expect(await p.locator('[data-stat="ci"]').textContent()).toBe('5.24% to 33.39%');
    // R's power.prop.test(p1 = .50, p2 = .75, power = .90): n = 76.7 → 77 per group.
    await p.getByLabel('Baseline rate').fill('0.5');
    await p.getByLabel('Lift to detect (absolute)').fill('0.25');
    await p.getByLabel('Power').fill('0.9');
    await expect.poll(() => p.locator('[data-stat="sample"]').textContent()).toBe('77 per group, 154 in all');
    await p.getByLabel('Baseline rate').fill('1.5');
    await expect.poll(() => p.locator('#sample-h ~ output').textContent()).toContain('below 1');
    await p.screenshot({ path: join(shots, 'evidence.png'), fullPage: true });
    expect(errors).toEqual([]);
    await p.close();
  });

  it('opening the sample again, even within the same second, opens a new copy under the next free name', async () => {
    const { p, errors } = await page();
    const latest = async () => {
      await p.getByRole('button', { name: '← Workspaces' }).click();
      const first = p.locator('ul.recent li').first();
      await first.waitFor();
      return (await first.textContent())!;
    };
    const number = (file: string) => Number(/Sample RFP(?: (\d+))?\.tcows$/.exec(file)?.[1] ?? 1);
    const opened: string[] = [];
    for (let n = 0; n < 2; n++) {
      await p.getByRole('button', { name: 'Open the sample' }).click();
      await p.locator('tr[data-vendor="B"] td[data-col="tco"]').waitFor();
      opened.push(await latest());
    }
    expect(opened[0]).toMatch(/Sample RFP( \d+)?\.tcows$/);
    expect(number(opened[1]!)).toBe(number(opened[0]!) + 1);
    expect(await p.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
    await p.close();
  });

  it('an FX rate and an assumed rate edited in settings reach the totals', async () => {
    const { p, errors } = await page();
    await p.getByRole('button', { name: 'Open the sample' }).click();
    await p.locator('tr[data-vendor="B"] td[data-col="tco"]').waitFor();
    await p.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    // Vendor B quotes in EUR: 1 EUR = 1.08 USD becomes 1.10; email is assumed at 0.98 delivered, now 0.9.
    await p.locator('[data-fx="EUR"]').getByLabel('1 EUR =').fill('1.10');
    await p.locator('[data-defaults="email"]').getByLabel('Email delivery rate').fill('0.9');
    await p.locator('[data-defaults="email"]').getByLabel('Email delivery rate').fill('1.9');
    await expect.poll(() => p.locator('[data-defaults="email"] [aria-invalid="true"]').count()).toBe(1);
    // The reason beside the field names it as the screen does, the channel in words.
    expect(await p.locator('[data-defaults="email"] .error').textContent()).toMatch(/^Email delivery rate /);
    await p.locator('[data-defaults="email"]').getByLabel('Email delivery rate').fill('0.9');
    await p.getByRole('navigation').getByRole('button', { name: 'Compare' }).click();
    const sample = JSON.parse(readFileSync(join(root, 'resources/sample-workspace.json'), 'utf8'));
    sample.fx[0].rate = '1.10';
    sample.defaults.email.deliveryRate = '0.9';
    const j = computeJson(compute(readDocument(sample), { draws: 0 }));
    await expect.poll(() => p.locator('tr[data-vendor="B"] td[data-col="tco"]').textContent()).toBe(usd(j.vendors[1]!.tco!.nominal));
    expect(await p.locator('tr[data-vendor="A"] td[data-col="tco"]').textContent()).toBe(usd(j.vendors[0]!.tco!.nominal));
    expect(errors).toEqual([]);
    await p.close();
  });

  it('seasonality, a dated pass-through change and assumed rates entered on screen give the hand-worked total', async () => {
    const { p, errors } = await page();
    const nav = await newWorkspace(p, 'Seasons');
    await nav('Settings');
    await p.getByLabel('Start month').fill('2027-01');
    await p.getByLabel('Horizon (months)').fill('12');
    const stream = await oneStream(p, nav, '1000');
    await stream.getByLabel(/Seasonal/).click();
    await stream.getByLabel('Jan', { exact: true }).fill('2');
    await nav('Settings');
    await assumedSmsRates(p, '1', '0.1');
    const { route } = await vendorWithRoute(p, nav);
    await route.getByLabel('Price', { exact: true }).fill('0.01');
    await route.getByRole('button', { name: 'Add a dated change' }).click();
    await route.getByLabel('Change 1: from month').fill('2027-07');
    await route.getByLabel('Change 1: pass-through', { exact: true }).fill('0.002');
    await nav('Compare');
    // Messages: January 2 · 1,000, the other 11 months 1,000: 13,000 · 0.01 = 130.00 usage.
    // Pass-through 0.002 from July: 6 months · 1,000 · 0.002 = 12.00. Delivery 1: no remediation. TCO 142.00.
    await expect.poll(() => p.locator('tr[data-vendor="A"] td[data-col="tco"]').textContent()).toBe('$142.00');
    expect(await p.locator('tr[data-vendor="A"]').textContent()).toContain('assumed rates: SMS to US');
    await p.screenshot({ path: join(shots, 'compare-seasons.png'), fullPage: true });
    expect(errors).toEqual([]);
    await p.close();
  }, 60_000);

  /** The document the app stored for a workspace it has open, read through the service. */
  async function stored(file: string): Promise<WorkspaceDocument> {
    const recent = await app.dispatch('workspace.recent', {});
    if (!recent.ok) throw new Error(recent.error.message);
    const path = (recent.value as { files: string[] }).files.find((f) => f.endsWith(`${file}.tcows`))!;
    const opened = await app.dispatch('workspace.open', { path });
    if (!opened.ok) throw new Error(opened.error.message);
    return (opened.value as { document: WorkspaceDocument }).document;
  }

  it('a free share, a markup, a carrier mix, a dated price change and a fee per failed message entered on a route give the hand-worked total', async () => {
    const { p, errors } = await page();
    const nav = await newWorkspace(p, 'Price rules');
    await oneStream(p, nav, '100000');
    await nav('Settings');
    await p.getByLabel('Start month').fill('2027-01');
    await p.getByLabel('Horizon (months)').fill('12');
    await assumedSmsRates(p, '0.9', '0.1');
    const { a, route } = await vendorWithRoute(p, nav);
    await route.getByLabel('Price', { exact: true }).fill('0.0080');
    // A free share over 100% is refused in place, with a sentence and no field name; 25% is kept.
    const free = route.getByLabel('Free share', { exact: true });
    await free.fill('150%');
    await expect.poll(() => free.getAttribute('aria-invalid')).toBe('true');
    const said = await route.locator('.route-rules [role="alert"]').textContent();
    expect(said).toBe('Type the free share as a percentage from 0% up to 100%, such as 35% (or 0.35).');
    await free.fill('25%');
    await expect.poll(() => free.getAttribute('aria-invalid')).toBe(null);
    await route.getByLabel('Markup on pass-through').fill('10%');
    // The carrier mix: T-Mobile 40% at 0.0045, AT&T the rest (60%) at 0.0030.
    await route.getByRole('button', { name: 'Use a carrier mix' }).click();
    const mix = route.locator('[data-route-mix]');
    await mix.locator('[data-carrier="0"]').getByLabel('Carrier', { exact: true }).fill('T-Mobile');
    await mix.locator('[data-carrier="0"]').getByLabel('Carrier pass-through').fill('0.0045');
    await mix.getByRole('button', { name: 'Add carrier' }).click();
    await mix.locator('[data-carrier="1"]').waitFor();
    await mix.locator('[data-carrier="0"]').getByLabel('Share').fill('40%');
    await mix.locator('[data-carrier="1"]').getByLabel('Carrier', { exact: true }).fill('AT&T');
    await mix.locator('[data-carrier="1"]').getByLabel('Carrier pass-through').fill('0.0030');
    // Blended: 0.4 · 0.0045 + 0.6 · 0.0030 = 0.0018 + 0.0018 = 0.0036 a segment.
    await expect.poll(() => mix.locator('[data-blended]').textContent()).toBe('Blended: 0.0036 USD a segment, inbound 0 USD a message (prices in USD)');
    expect(await mix.locator('[data-carrier="1"] [data-share]').textContent()).toContain('60%');
    // From July 2027 the price is 0.0060.
    await route.getByRole('button', { name: 'Add a dated change' }).click();
    const from = route.getByLabel('Change 1: from month');
    await from.fill('2027-7');
    await expect.poll(() => from.getAttribute('aria-invalid')).toBe('true');
    expect(await route.locator('[data-change="0"][data-field="from"] [role="alert"]').textContent()).toBe('Type the month as year and month, such as 2027-10.');
    await from.fill('2027-07');
    await route.getByLabel('Change 1: price', { exact: true }).fill('0.0060');
    // A processing fee of 0.001 a failed message.
    await a.getByRole('button', { name: 'Add fee' }).click();
    const fee = a.locator('[data-fee="0"]');
    await fee.getByLabel('Fee name').fill('failed-message processing');
    await fee.getByLabel('Amount').fill('0.001');
    await fee.getByLabel('Per').selectOption('failed-message');
    await expect.poll(async () => (await stored('Price rules')).vendors[0]!.quote.fees?.[0]?.per).toBe('failed-message');
    await p.screenshot({ path: join(shots, 'vendor-price-rules.png'), fullPage: true });
    // The stored route, as typed ("25%" is 0.25; 0.0030 and 0.0060 are kept as the same decimals).
    const r = (await stored('Price rules')).vendors[0]!.quote.routes[0]!;
    expect(Number(r.freeShare)).toBe(0.25);
    expect(Number(r.passThroughMarkup)).toBe(0.1);
    expect(r.carrierMix!.map((c) => [c.carrier, Number(c.share), Number(c.passThrough), Number(c.inboundPassThrough ?? 0)])).toEqual([
      ['T-Mobile', 0.4, 0.0045, 0],
      ['AT&T', 0.6, 0.003, 0],
    ]);
    expect(r.priceChanges!.map((c) => ({ ...c, price: Number(c.price) }))).toEqual([{ from: '2027-07', price: 0.006 }]);
    await nav('Compare');
    // Billed: 100,000 segments a month, 25% free: 75,000 charged.
    // Usage: January–June 75,000 · 0.0080 = 600.00, July–December 75,000 · 0.0060 = 450.00: 6 · 600 + 6 · 450 = 6,300.00.
    // Pass-through: 75,000 · 0.0036 · 1.10 = 297.00 a month: 3,564.00.
    // Failed: 100,000 · (1 − 0.9) = 10,000 a month · 0.001 = 10.00: 120.00. No remediation cost entered.
    // TCO = 6,300 + 3,564 + 120 = 9,984.00.
    await expect.poll(() => p.locator('tr[data-vendor="A"] td[data-col="tco"]').textContent()).toBe('$9,984.00');
    expect(errors).toEqual([]);
    await p.close();
  }, 90_000);

  it('growth per month typed as "2%" compounds every month; per year it steps each contract year', async () => {
    const { p, errors } = await page();
    const nav = await newWorkspace(p, 'Monthly growth');
    const stream = await oneStream(p, nav, '1000');
    await nav('Settings');
    await p.getByLabel('Horizon (months)').fill('3');
    await assumedSmsRates(p, '1', '0.1');
    const { route } = await vendorWithRoute(p, nav);
    await route.getByLabel('Price', { exact: true }).fill('0.01');
    await nav('Volume plan');
    await stream.getByLabel('per month').check();
    const g = stream.getByLabel('Growth a month');
    await g.fill('-100%');
    await expect.poll(() => g.getAttribute('aria-invalid')).toBe('true');
    expect(await stream.locator('[role="alert"]').textContent()).toContain('type a fall smaller than 100%');
    await g.fill('2%');
    await expect.poll(() => g.getAttribute('aria-invalid')).toBe(null);
    await expect.poll(async () => (await stored('Monthly growth')).streams[0]!.monthlyGrowth).toBe('0.02');
    expect((await stored('Monthly growth')).streams[0]!.annualGrowth).toBe('0');
    await g.blur();
    await p.screenshot({ path: join(shots, 'streams-growth.png'), fullPage: true });
    await nav('Compare');
    // 1,000 + 1,020 + 1,040.4 = 3,060.4 messages · 0.01 = 30.604 → $30.60.
    await expect.poll(() => p.locator('tr[data-vendor="A"] td[data-col="tco"]').textContent()).toBe('$30.60');
    // Per year instead: the 2% moves to the year, and a 3-month horizon is all year 1: 3,000 · 0.01 = 30.00.
    await nav('Volume plan');
    await stream.getByLabel('per year').check();
    await nav('Compare');
    await expect.poll(() => p.locator('tr[data-vendor="A"] td[data-col="tco"]').textContent()).toBe('$30.00');
    const s = (await stored('Monthly growth')).streams[0]!;
    expect([s.annualGrowth, s.monthlyGrowth]).toEqual(['0.02', '0']);
    expect(errors).toEqual([]);
    await p.close();
  }, 60_000);
});
