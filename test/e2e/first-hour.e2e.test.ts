/**
 * A buyer's first hour (issue 14), in Debian's Chromium against the app as `npm run web` serves it:
 * a new workspace shows results at once (assumed rates from resources/default-rates.json, marked),
 * and what cannot be computed is said in a sentence naming the vendor and the stream, with the fix
 * at hand; words instead of ids and model field names; the small things (focus after Add, undo in
 * place, a jump list, the scrolling hint). Each test leaves a screenshot in test-results/.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT as root, SHOTS as shots, startServed, type Served } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-first-hour-'));
let served: Served;
let browser: Browser;

let stop: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ served, browser, stop } = await startServed(dir));
}, 120_000);

afterAll(() => stop?.());

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
    await p.locator('[data-defaults="sms"]').getByLabel('SMS delivery rate').fill('');
    await nav(p, 'Compare');
    const problem = p.locator('[data-problem]');
    await problem.waitFor();
    expect(await problem.locator('p.error').textContent()).toBe(
      'Vendor A has no pilot results for the SMS stream “Stream 1”, and no assumed SMS delivery rate is set, so its cost per message cannot be worked out.',
    );
    const text = (await problem.textContent())!;
    for (const raw of ['$.', 'deliveryRate', 'defaults', 'sms/US']) expect(text).not.toContain(raw);
    await p.screenshot({ path: join(shots, 'first-hour-problem.png'), fullPage: true });
    // The fixes: add a pilot (the vendors screen), or set the rate (settings).
    await problem.getByRole('button', { name: 'Add pilot results for Vendor A' }).click();
    await p.getByRole('heading', { name: 'Vendors', exact: true }).waitFor();
    await nav(p, 'Compare');
    await p.locator('[data-problem]').getByRole('button', { name: 'Set the assumed SMS delivery rate' }).click();
    const rate = p.locator('[data-defaults="sms"]').getByLabel('SMS delivery rate');
    await rate.fill('97%');
    await nav(p, 'Compare');
    // 36,000 / (3,600,000 · 0.97 · 0.05 = 174,600) = 0.206185… → $0.2062.
    await expect.poll(() => p.locator('tr[data-vendor="A"] td[data-col="effective"]').textContent()).toBe('$0.2062');
    expect(await p.locator('[data-problem]').count()).toBe(0);
    expect(errors).toEqual([]);
    await p.close();
  }, 90_000);
});

describe('words a person reads', () => {
  it('undo says what changed by names; the compare table says what NPV, the percentiles and P(cheapest) mean', async () => {
    const { p, errors } = await page();
    await streamVendorRoute(p, 'Words');
    await p.locator('[data-vendor="A"]').getByLabel('Monthly commit').fill('5,000');
    const undo = p.getByRole('button', { name: 'Undo' });
    await expect.poll(() => undo.getAttribute('title')).toBe("Change the minimum monthly commit of Vendor A's quote");
    await nav(p, 'Compare');
    await p.locator('tr[data-vendor="A"] td[data-col="tco"]').waitFor();
    expect(await p.locator('table.compare thead').textContent()).toContain('Present value of cost (NPV)');
    const notes = (await p.locator('[data-compare-notes]').textContent())!;
    expect(notes).toContain('in 90 of every 100 draws the cost per effective message falls within this range');
    expect(notes).toContain('P(cheapest): the share of those draws in which this vendor has the lowest cost per effective message');
    await p.screenshot({ path: join(shots, 'compare-words.png'), fullPage: true });
    expect(errors).toEqual([]);
    await p.close();
  }, 90_000);
});

/** WCAG 2 contrast ratio of two CSS colours given as rgb()/rgba() (opaque enough to read). */
function contrast(fg: string, bg: string): number {
  const rgb = (c: string) =>
    (/rgba?\(([^)]+)\)/.exec(c)?.[1] ?? '0,0,0')
      .split(/[ ,/]+/)
      .filter(Boolean)
      .slice(0, 3)
      .map(Number);
  const lum = (c: string) => {
    const [r, g, b] = rgb(c).map((v) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a! + 0.05) / (b! + 0.05);
}

describe('small things a buyer hits', () => {
  it('focus moves into what Add made; a removed stream or vendor offers Undo in its place; the vendors page has a jump list', async () => {
    const { p, errors } = await page();
    await p.getByLabel('Name').fill('Small things');
    await p.getByRole('button', { name: 'Create' }).click();
    await p.getByText('No vendors yet').waitFor();
    const focusedIn = (attr: string) => p.evaluate((a) => document.activeElement?.closest(`[${a}]`)?.getAttribute(a) ?? null, attr);
    await nav(p, 'Volume plan');
    await p.getByRole('button', { name: 'Add stream' }).click();
    await expect.poll(() => focusedIn('data-stream')).toBe('stream-1');
    // Typing goes straight into the new stream's first field, its name.
    await p.keyboard.press('ControlOrMeta+a');
    await p.keyboard.type('Reminders');
    await expect.poll(() => p.locator('[data-stream="stream-1"]').getByLabel('Name').inputValue()).toBe('Reminders');
    await p.getByRole('button', { name: 'Add stream' }).click();
    await expect.poll(() => focusedIn('data-stream')).toBe('stream-2');
    // Remove the first stream: Undo is offered where it was, before the second.
    await p.getByRole('button', { name: 'Remove stream Reminders' }).click();
    const undoStream = p.locator('[data-undo-removal]');
    await expect.poll(() => undoStream.textContent()).toContain('The stream “Reminders” was removed.');
    expect(await undoStream.evaluate((el) => el.nextElementSibling?.getAttribute('data-stream'))).toBe('stream-2');
    await p.screenshot({ path: join(shots, 'undo-in-place-stream.png'), fullPage: true });
    await undoStream.getByRole('button', { name: 'Undo' }).click();
    await p.locator('[data-stream="stream-1"]').waitFor();
    expect(await p.locator('[data-undo-removal]').count()).toBe(0);

    await nav(p, 'Vendors');
    await p.getByRole('button', { name: 'Add vendor' }).click();
    await expect.poll(() => focusedIn('data-vendor')).toBe('A');
    await p.locator('[data-vendor="A"]').getByRole('button', { name: 'Add route' }).click();
    await expect.poll(() => focusedIn('data-route')).toBe('0');
    await p.getByRole('button', { name: 'Add vendor' }).click();
    await expect.poll(() => focusedIn('data-vendor')).toBe('B');
    await p.getByRole('button', { name: 'Add vendor' }).click();
    await expect.poll(() => focusedIn('data-vendor')).toBe('C');
    // The jump list: one button a vendor; each brings its card and puts the focus in it.
    const jump = p.getByRole('navigation', { name: 'Jump to a vendor' });
    expect(await jump.getByRole('button').allTextContents()).toEqual(['Vendor A', 'Vendor B', 'Vendor C']);
    await jump.getByRole('button', { name: 'Vendor A' }).click();
    await expect.poll(() => focusedIn('data-vendor')).toBe('A');
    await p.screenshot({ path: join(shots, 'vendors-jump-list.png') });
    // Remove Vendor B: Undo in its place, between A and C.
    await p.getByRole('button', { name: 'Remove vendor Vendor B' }).click();
    const undoVendor = p.locator('[data-undo-removal]');
    await expect.poll(() => undoVendor.textContent()).toContain('Vendor B was removed.');
    expect(await undoVendor.evaluate((el) => el.nextElementSibling?.getAttribute('data-vendor'))).toBe('C');
    await undoVendor.getByRole('button', { name: 'Undo' }).click();
    await p.locator('[data-vendor="B"]').waitFor();
    expect(errors).toEqual([]);
    await p.close();
  }, 90_000);

  it('the active tab reads at 4.5:1 or more in both themes; at 1024 px the compare table says it scrolls', async () => {
    const { p, errors } = await page(1024);
    await p.getByRole('button', { name: 'Open the sample' }).click();
    await p.locator('tr[data-vendor="A"] td[data-col="tco"]').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await p.emulateMedia({ colorScheme: scheme });
      const [fg, bg] = await p.locator('header nav button[aria-current="page"]').evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
      expect(contrast(fg!, bg!), `${scheme}: ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
    await expect.poll(() => p.locator('tr[data-vendor="A"]').textContent(), { timeout: 30_000 }).not.toContain('…');
    const hint = p.locator('[data-scroll-hint]');
    await expect.poll(() => hint.isVisible()).toBe(true);
    expect(await hint.textContent()).toContain('scroll it sideways');
    expect(await p.locator('.table-scroll.more-right').count()).toBe(1);
    await p.screenshot({ path: join(shots, 'compare-1024-dark-scrolls.png') });
    // Scrolled to the end: the shadow moves to the left edge.
    await p
      .locator('.table-scroll')
      .first()
      .evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(() => p.locator('.table-scroll.more-left:not(.more-right)').count()).toBe(1);
    await p.emulateMedia({ colorScheme: 'light' });
    await p
      .locator('.table-scroll')
      .first()
      .evaluate((el) => el.scrollTo({ left: 0 }));
    await p.screenshot({ path: join(shots, 'compare-1024-light-scrolls.png') });
    expect(errors).toEqual([]);
    await p.close();
  }, 90_000);
});

describe("evidence is the workspace's own", () => {
  it("the Evidence screen shows each vendor's pilots per route with intervals, the holdout with its vendor, and plans the next test from it", async () => {
    const { p, errors } = await page();
    await p.getByRole('button', { name: 'Open the sample' }).click();
    await p.locator('tr[data-vendor="A"] td[data-col="tco"]').waitFor();
    await nav(p, 'Evidence');
    // Vendor A's SMS pilot to the US: 9,620 of 10,000 delivered = 96.2%; Wilson 95%:
    // centre (9,620 + 1.96²/2)/(10,000 + 1.96²) = 0.96182, half-width 1.96·sqrt(9,620·380/10,000 + 1.96²/4)/(10,003.84) = 0.00375
    // → 95.8% to 96.6%. Engaged 441 of the 9,620 delivered = 4.58% (Wilson 4.18% to 5.02%).
    const a = p.locator('[data-evidence-vendor="A"] [data-route-evidence="sms/US"]');
    expect(await a.locator('[data-col="delivery"]').textContent()).toBe('96.2%');
    expect(await a.locator('[data-col="delivery-ci"]').textContent()).toBe('95.8% to 96.6%');
    expect(await a.locator('[data-col="engagement"]').textContent()).toBe('4.58%');
    expect(await a.locator('[data-col="engagement-ci"]').textContent()).toBe('4.18% to 5.02%');
    // Vendor B's Kenya pilot counted no engagement: said, not shown as 0.
    expect(await p.locator('[data-evidence-vendor="B"] [data-route-evidence="sms/KE"] [data-col="engagement"]').textContent()).toBe('— (assumed)');
    expect(await p.locator('[data-evidence-pilots]').textContent()).toContain('No pilot results for Vendor C (email + SMS, US only): its rates are the assumed ones of Settings.');
    // The holdout of the abandoned-cart stream, measured by Vendor A: 412/9,000 − 31/1,000 = 0.045778 − 0.031 = 1.48%.
    const holdout = p.locator('[data-holdout="cart-us"]');
    expect(await holdout.textContent()).toContain('Vendor A (global CPaaS)');
    expect(await holdout.locator('[data-col="lift"]').textContent()).toBe('1.48%');
    // The planner starts from it: baseline 31/1,000 = 0.031, the lift it measured 0.01478 (4 significant digits).
    expect(await p.getByLabel('Baseline rate').inputValue()).toBe('0.031');
    expect(await p.getByLabel('Lift to detect (absolute)').inputValue()).toBe('0.01478');
    await expect.poll(() => p.locator('[data-stat="sample"]').textContent()).toMatch(/ per group, .* in all$/);
    // The scratch calculator starts empty and says it is not saved.
    expect(await p.getByLabel('Exposed conversions').inputValue()).toBe('');
    expect(await p.locator('#holdout-h').textContent()).toBe('Scratch calculator: a holdout test');
    await p.screenshot({ path: join(shots, 'evidence-own.png'), fullPage: true });
    expect(errors).toEqual([]);
    await p.close();
  }, 90_000);

  it('a new workspace says it has no pilots yet, with the ways to get them', async () => {
    const { p, errors } = await page();
    await p.getByLabel('Name').fill('No evidence');
    await p.getByRole('button', { name: 'Create' }).click();
    await p.getByText('No vendors yet').waitFor();
    await nav(p, 'Evidence');
    expect(await p.locator('[data-evidence-pilots]').textContent()).toContain('No pilot results yet');
    expect(await p.locator('[data-evidence-holdouts]').textContent()).toContain('No holdout test yet');
    expect(await p.locator('body').textContent()).not.toContain('412');
    expect(errors).toEqual([]);
    await p.close();
  }, 60_000);
});

describe('benefits on screen', () => {
  it("a stream's benefits entered on the volume plan give ROI and payback from the user's own numbers, worked by hand", async () => {
    const { p, errors } = await page();
    await streamVendorRoute(p, 'Benefits');
    await nav(p, 'Settings');
    await p.getByLabel('Horizon (months)').fill('12');
    await p.getByLabel('Risk adjustment').fill('50%');
    await nav(p, 'Volume plan');
    const b = p.locator('[data-benefits="stream-1"]');
    await b.getByLabel('Value per conversion').fill('$5');
    await b.getByLabel('Conversions per delivered message').fill('2%');
    await b.getByLabel('Risk reduction a year').fill('1,200');
    await nav(p, 'Compare');
    // Cost: 12 · 100,000 · 0.01 = 12,000.00. Delivered at the assumed 0.95: 95,000 a month.
    // Benefits a month: 95,000 · 0.02 · 5 = 9,500 from conversions + 1,200 / 12 = 100 of risk reduction = 9,600;
    // risk-adjusted at 50%: 4,800 a month, 57,600 in 12 months. ROI = (57,600 − 12,000) / 12,000 = 3.8 = 380%.
    // Payback: month 1 already (4,800 of benefit against 1,000 of cost).
    const row = p.locator('tr[data-vendor="A"]');
    await expect.poll(() => row.locator('td[data-col="tco"]').textContent(), { timeout: 10_000 }).toBe('$12,000.00');
    await expect.poll(() => row.locator('td[data-col="roi"]').textContent(), { timeout: 10_000 }).toBe('380%');
    expect(await row.locator('td[data-col="payback"]').textContent()).toBe('month 1');
    // A holdout test, measured by Vendor A, is entered on the same screen and kept.
    await nav(p, 'Volume plan');
    await b.getByRole('button', { name: 'Add a holdout test' }).click();
    // In the order of the fields: each group, then its conversions (checked against the group).
    await b.getByLabel('Sent the messages: group').fill('9,000');
    await b.getByLabel('Sent the messages: converted').fill('412');
    await b.getByLabel('Held out: group').fill('1,000');
    await b.getByLabel('Held out: converted').fill('31');
    await b.getByLabel('Measured by').selectOption('A');
    await p.screenshot({ path: join(shots, 'benefits.png'), fullPage: true });
    await nav(p, 'Evidence');
    // 412/9,000 − 31/1,000 = 0.045778 − 0.031 = 1.48%.
    await expect.poll(() => p.locator('[data-holdout="stream-1"] [data-col="lift"]').textContent(), { timeout: 10_000 }).toBe('1.48%');
    await expect.poll(() => p.locator('[data-holdout="stream-1"]').textContent(), { timeout: 10_000 }).toContain('Vendor A');
    expect(errors).toEqual([]);
    await p.close();
  }, 90_000);
});
