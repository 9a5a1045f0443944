/**
 * Scenarios, negotiation and decision risk on screen (issue 17 item 2), end to end in Debian's
 * Chromium against the browser host serving the built renderer. Never skipped.
 *
 * The workspace is test/unit/decisions.test.ts's, worked by hand (USD, 12 months, r = 0, one SMS
 * stream to the US of 100,000 a month, DR = 1 and ER = 0.1 assumed for every vendor, so every
 * draw is the same): sent 1,200,000 and effective 120,000 a vendor;
 *   A: flat 0.01                       TCO 12,000.00  per effective 0.1000
 *   B: flat 0.006, monthly commit 900  TCO 10,800.00  per effective 0.09000   ← cheapest
 *   C: flat 0.005, fee 1,000 a month   TCO 18,000.00  per effective 0.1500
 * Scenario "A cuts its price": A at 0.008 → 12 × 100,000 × 0.008 = 9,600.00, 9,600 / 120,000 = 0.08000
 * per effective message < B's 0.09000: the decision flips to A.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Host } from '../../electron/host/server.js';
import { SHOTS as shots, startInProcess, type InProcess } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-e2e-scenarios-'));
let host: Host;
let browser: Browser;

const quote = (price: string, extra: Record<string, unknown> = {}) => ({ currency: 'USD', routes: [{ channel: 'sms', country: 'US', price }], ...extra });
const doc = {
  format: 'tco-workspace',
  version: 1,
  name: 'Decisions by hand',
  baseCurrency: 'USD',
  startMonth: '2027-01',
  horizonMonths: 12,
  defaults: { sms: { deliveryRate: '1', engagementRate: '0.1' } },
  streams: [{ id: 'us', name: 'US alerts', channel: 'sms', country: 'US', monthlyVolume: '100000', segmentsPerMessage: 1 }],
  vendors: [
    { id: 'A', name: 'Vendor A', quote: quote('0.01') },
    { id: 'B', name: 'Vendor B', quote: quote('0.006', { minimumMonthlyCommit: '900' }) },
    { id: 'C', name: 'Vendor C', quote: quote('0.005', { fees: [{ name: 'platform', amount: '1000', per: 'month', category: 'platform' }] }) },
  ],
};
const path = join(dir, 'decisions.tcows');
// The same workspace without vendor B, with a scenario written when B was the second vendor (its
// check of /vendors/1/id finds C there now) beside one that still applies.
const brokenPath = join(dir, 'broken.tcows');
const brokenDoc = {
  ...doc,
  vendors: [doc.vendors[0]!, doc.vendors[2]!],
  scenarios: [
    // 130,000 a month: A 12 × 1,300 = 15,600.00; C 12 × (650 + 1,000) = 19,800.00.
    {
      id: 'volume',
      name: 'Volume +30%',
      patch: [
        { op: 'test', path: '/streams/0/id', value: 'us' },
        { op: 'replace', path: '/streams/0/monthlyVolume', value: '130000' },
      ],
    },
    {
      id: 'b-commit',
      name: 'B drops its commit',
      patch: [
        { op: 'test', path: '/vendors/1/id', value: 'B' },
        { op: 'replace', path: '/vendors/1/quote/minimumMonthlyCommit', value: '0' },
      ],
    },
  ],
};

let env: InProcess | undefined;
beforeAll(async () => {
  env = await startInProcess(dir, {
    files: [
      [path, doc],
      [brokenPath, brokenDoc],
    ],
  });
  ({ host, browser } = env);
}, 120_000);

afterAll(() => env?.stop());

const cell = (p: Page, vendor: string, scenario: string, col: 'tco' | 'effective') =>
  p.locator(`[data-side-by-side] tr[data-sbs-vendor="${vendor}"] td[data-case="${scenario}"][data-sbs-col="${col}"]`);

describe('scenarios, negotiation and decision risk in a browser', () => {
  it('creates a scenario, edits a price in it, and reads base and scenario side by side with the flip marked', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await p.goto(host.url);
    await p.getByLabel('Workspace file').fill(path);
    await p.getByRole('button', { name: 'Open', exact: true }).click();
    const nav = (name: string) => p.getByRole('navigation').getByRole('button', { name }).click();

    // The base, and what the engine decided, in words.
    await expect.poll(() => p.locator('tr[data-vendor="B"] td[data-col="tco"]').first().textContent()).toBe('$10,800.00');
    const negotiation = p.locator('[data-negotiation]');
    // Price to win comes with the analyses, after the totals.
    // A: 12,000·p ≤ 0.09 × 120,000 = 10,800 → p = 0.9, a 10.0% cut.
    await expect.poll(() => negotiation.locator('li[data-vendor="A"]').textContent(), { timeout: 20_000 }).toBe('Vendor A becomes the cheapest per effective message at a 10.0% lower price list.');
    // B, commit binding: 12 × max(600·p, 900) ≤ 12,000 → p = 5/3, headroom 66.7%.
    expect(await negotiation.locator('li[data-vendor="B"]').textContent()).toBe('Vendor B stays the cheapest up to a 66.7% higher price list (its headroom).');
    // C: at p = 0 still 12 × 1,000 = 12,000, 0.1 an effective message > 0.09.
    expect(await negotiation.locator('li[data-vendor="C"]').textContent()).toBe('Vendor C cannot become the cheapest by price alone.');
    // Every draw is the same (assumed rates): B is the cheapest in all of them; regret A 12,000 − 10,800 = 1,200, C 18,000 − 10,800 = 7,200.
    const risk = p.locator('[data-decision-risk]');
    await expect.poll(() => risk.locator('li[data-vendor="A"]').textContent(), { timeout: 20_000 }).toContain('expected regret $1,200');
    expect(await risk.locator('li[data-vendor="B"]').textContent()).toContain('the cheapest per effective message in 100% of the draws; expected regret $0');
    expect(await risk.locator('li[data-vendor="C"]').textContent()).toContain('in 0% of the draws; expected regret $7,200');
    expect(await risk.locator('li[data-more-messages]').textContent()).toBe('Vendor B is the cheapest in 100% of the draws: the pilot has already said enough to decide (above 90%).');
    expect(await p.locator('tr[data-vendor="A"] td[data-col="regret"]').textContent()).toBe('$1,200.00');
    await p.screenshot({ path: join(shots, 'scenarios-base-decisions.png'), fullPage: true });

    // Create a scenario: the editing screens switch into it, and say so.
    await nav('Scenarios');
    await p.getByLabel('New scenario').fill('A cuts its price');
    await p.getByRole('button', { name: 'Create scenario' }).click();
    const banner = p.locator('[data-scenario-banner]');
    await expect.poll(() => banner.textContent()).toContain('Editing scenario A cuts its price — changes are kept apart from the base.');

    // Edit A's price on the ordinary Vendors screen, in the scenario.
    await nav('Vendors');
    const price = p.locator('[data-vendor="A"] [data-route="0"]').getByLabel('Price', { exact: true });
    expect(await price.inputValue()).toBe('0.01');
    await price.fill('0.008');
    // The editing screens show the scenario's own totals: A 12 × 100,000 × 0.008 = 9,600.00.
    await expect.poll(() => p.locator('[data-vendor="A"] [data-vendor-tco]').textContent()).toContain('$9,600.00');
    await p.screenshot({ path: join(shots, 'scenarios-vendors-in-scenario.png'), fullPage: true });

    // The change, in words (no JSON Pointer), on the Scenarios screen.
    await nav('Scenarios');
    // (One change listed: the checks written before it, that A and its route are still there, are not changes.)
    const change = p.locator('[data-scenario="a-cuts-its-price"] li[data-change]');
    await expect.poll(() => change.textContent()).toContain("Vendor A's price on SMS to the US: 0.008 instead of 0.01");
    expect(await p.locator('[data-scenario="a-cuts-its-price"]').textContent()).not.toMatch(/\/vendors|\/quote/);
    await p.screenshot({ path: join(shots, 'scenarios-screen.png'), fullPage: true });

    // Compare: the base as it was, the scenario beside it, the flip marked.
    await nav('Compare');
    await expect.poll(() => cell(p, 'A', 'a-cuts-its-price', 'tco').textContent()).toBe('$9,600.00');
    expect(await cell(p, 'A', 'a-cuts-its-price', 'effective').textContent()).toBe('$0.08000');
    expect(await cell(p, 'A', 'base', 'tco').textContent()).toBe('$12,000.00');
    expect(await cell(p, 'A', 'base', 'effective').textContent()).toBe('$0.1000');
    expect(await cell(p, 'B', 'base', 'tco').textContent()).toBe('$10,800.00');
    expect(await cell(p, 'B', 'a-cuts-its-price', 'tco').textContent()).toBe('$10,800.00');
    expect(await cell(p, 'C', 'a-cuts-its-price', 'tco').textContent()).toBe('$18,000.00');
    const cheapest = p.locator('[data-side-by-side] tr[data-row="cheapest"]');
    expect(await cheapest.locator('td[data-case="base"]').textContent()).toBe('Vendor B');
    expect(await cheapest.locator('td[data-case="a-cuts-its-price"]').textContent()).toBe('Vendor A — the decision flips (base: Vendor B)');
    expect(await cell(p, 'A', 'a-cuts-its-price', 'tco').getAttribute('class')).toBe('cheapest');
    // The compare table above is the scenario's own, and says so; its negotiation targets too:
    // B against A's 0.08 needs 12 × max(600·p, 900) ≤ 9,600, below its commit: B cannot win by price alone.
    expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe('Compare vendors in scenario A cuts its price');
    expect(await p.locator('table.compare:not([data-side-by-side]) tr[data-vendor="A"] td[data-col="tco"]').textContent()).toBe('$9,600.00');
    await expect.poll(() => negotiation.locator('li[data-vendor="B"]').textContent(), { timeout: 20_000 }).toBe('Vendor B cannot become the cheapest by price alone.');
    await p.locator('[data-side-by-side]').scrollIntoViewIfNeeded();
    await p.screenshot({ path: join(shots, 'scenarios-side-by-side.png'), fullPage: true });

    // Back to the base: the banner goes, the Vendors screen shows the base's price again.
    await banner.getByRole('button', { name: 'Back to the base' }).click();
    await expect.poll(() => banner.count()).toBe(0);
    await expect.poll(() => p.locator('table.compare:not([data-side-by-side]) tr[data-vendor="A"] td[data-col="tco"]').textContent()).toBe('$12,000.00');
    await nav('Vendors');
    expect(await p.locator('[data-vendor="A"] [data-route="0"]').getByLabel('Price', { exact: true }).inputValue()).toBe('0.01');

    // Remove the change: the scenario is the base again (A 12,000.00, B cheapest, no flip).
    await nav('Scenarios');
    await p.getByRole('button', { name: "Remove the change: Vendor A's price on SMS to the US: 0.008 instead of 0.01" }).click();
    await expect.poll(() => p.locator('[data-scenario="a-cuts-its-price"]').textContent()).toContain('No changes yet');
    await expect.poll(() => cell(p, 'A', 'a-cuts-its-price', 'tco').textContent()).toBe('$12,000.00');
    expect(await p.locator('[data-side-by-side] tr[data-row="cheapest"] td[data-case="a-cuts-its-price"]').textContent()).toBe('Vendor B');
    // Undo brings the change back.
    await p.locator('header').getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => cell(p, 'A', 'a-cuts-its-price', 'tco').textContent()).toBe('$9,600.00');
    expect(errors).toEqual([]);
    await p.close();
  }, 90_000);

  it('a scenario that no longer applies says why in its column and on its card; the base and the other scenario are shown', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await p.goto(host.url);
    await p.getByLabel('Workspace file').fill(brokenPath);
    await p.getByRole('button', { name: 'Open', exact: true }).click();
    const nav = (name: string) => p.getByRole('navigation').getByRole('button', { name }).click();

    // The base: A 12,000.00, C 18,000.00, A the cheapest (0.1 against 0.15).
    await expect.poll(() => cell(p, 'A', 'base', 'tco').textContent()).toBe('$12,000.00');
    expect(await cell(p, 'C', 'base', 'tco').textContent()).toBe('$18,000.00');
    // Volume +30% is computed: A 15,600.00, C 19,800.00.
    expect(await cell(p, 'A', 'volume', 'tco').textContent()).toBe('$15,600.00');
    expect(await cell(p, 'C', 'volume', 'tco').textContent()).toBe('$19,800.00');
    // B drops its commit: B is no longer in the base; its column says so, and what to do.
    const words =
      '“B drops its commit” no longer applies: its changes are to vendor B, which was removed from the base. Edit the scenario on the Scenarios screen: remove that change (and make it again in the scenario if it still matters), or remove the scenario.';
    const problem = p.locator('[data-side-by-side] td[data-case="b-commit"][data-scenario-problem]');
    expect(await problem.textContent()).toBe(words);
    expect(await p.locator('[data-side-by-side] tr[data-row="cheapest"] td[data-case="b-commit"]').textContent()).toBe('cannot be computed');
    expect(await p.locator('[data-side-by-side]').textContent()).not.toMatch(/\/vendors|\$\.|patch|operation/);
    await p.locator('[data-side-by-side]').scrollIntoViewIfNeeded();
    await p.screenshot({ path: join(shots, 'scenarios-broken-side-by-side.png'), fullPage: true });

    // Its card on the Scenarios screen says the same; removing the change makes it apply again.
    await nav('Scenarios');
    const card = p.locator('[data-scenario="b-commit"]');
    await expect.poll(() => card.locator('[data-scenario-problem]').textContent()).toBe(words);
    // Its change is named after the vendor it was made on, not the one now in that place (C).
    expect(await card.locator('li[data-change]').textContent()).toContain('A change to vendor B, which is no longer in the base: minimum monthly commit 0');
    await p.screenshot({ path: join(shots, 'scenarios-broken-card.png'), fullPage: true });
    await card.getByRole('button', { name: /^Remove the change:/ }).click();
    await expect.poll(() => card.textContent()).toContain('No changes yet');
    expect(await card.locator('[data-scenario-problem]').count()).toBe(0);
    // Nothing changed in it: A 12,000.00 as in the base.
    await expect.poll(() => cell(p, 'A', 'b-commit', 'tco').textContent()).toBe('$12,000.00');

    // While the editing screens are in a scenario, the import screen says an import goes to the base.
    await p.locator('[data-scenario="volume"]').getByRole('button', { name: 'Edit in this scenario' }).click();
    await expect.poll(() => p.locator('[data-scenario-banner]').count()).toBe(1);
    await nav('Import events');
    await expect
      .poll(() => p.locator('p[data-import-to-base]').textContent())
      .toBe('You are editing scenario Volume +30%: an import goes into the base workspace, not into the scenario, and every scenario sees it too.');
    await p.screenshot({ path: join(shots, 'scenarios-import-to-base.png') });
    expect(errors).toEqual([]);
    await p.close();
  }, 90_000);
});
