/**
 * What is typed is what is stored (issue 14, item 1). In Debian's Chromium with the CPU slowed 4×
 * (Chromium's Emulation.setCPUThrottlingRate), 9-digit values are typed at 5 ms a key into every kind
 * of field of every screen: settings, FX, assumed rates, the volume plan, a vendor's quote, route,
 * tiers, fees, internal costs and pilot counts. Each field must show exactly what was typed, and the
 * document the app stores (exported through the API, workspace.exportDocument) must hold exactly
 * that value: a lost digit (the answer to an earlier keystroke written over the field) fails it.
 * Before the fix, "123456789" typed at 20 ms a key was stored as 156789, 12349 or 1289.
 *
 * The app runs in a process of its own (serveApp), as `npm run web` does, so the keys go at their
 * own pace while the server computes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS as shots, buildRenderer, launchChromium, serveApp, type Served } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-typing-'));
const dataDir = join(dir, 'data');
let served: Served;
let browser: Browser;

beforeAll(async () => {
  const out = join(dir, 'renderer');
  buildRenderer(out);
  served = await serveApp(out, dataDir);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The document as stored in the workspace file, through the API (the session the page has open). */
async function stored(file: string): Promise<any> {
  const opened = await served.call('workspace.open', { path: file });
  expect(opened.ok).toBe(true);
  const to = join(dir, `export-${Date.now()}.json`);
  const r = await served.call('workspace.exportDocument', { handle: opened.value.handle, path: to });
  expect(r.ok).toBe(true);
  return JSON.parse(readFileSync(to, 'utf8'));
}

/** Replace a field's text by typing `text` at 5 ms a key; the field shows exactly what was typed. */
async function type(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(text, { delay: 5 });
  await expect.poll(() => field.inputValue()).toBe(text);
}

describe('every keystroke kept, with the CPU slowed 4×', () => {
  it('9-digit values typed at 5 ms a key into every kind of field are stored exactly, screen by screen', async () => {
    const p: Page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await p.goto(served.url);
    const cdp = await p.context().newCDPSession(p);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const recent = await served.call('workspace.recent', {});
    const file = join(recent.value.folder, 'Typing.tcows');
    await p.getByLabel('Name').fill('Typing');
    await p.getByRole('button', { name: 'Create' }).click();
    await p.getByText('No vendors yet').waitFor();
    const nav = (name: string) => p.getByRole('navigation').getByRole('button', { name }).click();
    /** Poll the stored document until `pick` of it equals `want` (a lost digit never does). */
    const storedAs = async (pick: (d: any) => unknown, want: unknown) => expect.poll(async () => pick(await stored(file)), { timeout: 20_000 }).toEqual(want);

    // The volume plan: one SMS stream.
    await nav('Volume plan');
    await p.getByRole('button', { name: 'Add stream' }).click();
    const stream = p.locator('[data-stream="stream-1"]');
    await type(stream.getByLabel('Messages a month'), '123456789');
    await type(stream.getByLabel('Growth a year'), '0.12345678');
    await type(stream.getByLabel('Inbound per outbound'), '0.98765432');
    await stream.getByLabel(/Seasonal/).click();
    await type(stream.getByLabel('Mar', { exact: true }), '1.2345678');
    await storedAs(
      (d) => [d.streams[0].monthlyVolume, d.streams[0].annualGrowth, d.streams[0].inboundPerOutbound, d.streams[0].seasonality[2]],
      ['123456789', '0.12345678', '0.98765432', '1.2345678'],
    );
    await p.screenshot({ path: join(shots, 'typing-volume-plan.png'), fullPage: true });

    // Settings: the workspace's own numbers, an FX rate, the assumed rates of the stream's channel.
    await nav('Settings');
    await type(p.getByLabel('Hourly rate'), '123456789');
    await type(p.getByLabel('Discount rate (annual)'), '0.12345678');
    await type(p.getByLabel('Risk adjustment'), '0.98765432');
    await type(p.getByLabel('Horizon (months)'), '599');
    await p.getByLabel('Add a currency').fill('EUR');
    await p.getByRole('button', { name: 'Add rate' }).click();
    await type(p.locator('[data-fx="EUR"]').getByLabel('1 EUR ='), '1.23456789');
    const defaults = p.locator('[data-defaults="sms"]');
    await type(defaults.getByLabel('SMS delivery rate'), '0.98765432');
    await type(defaults.getByLabel('SMS engagement rate'), '0.12345678');
    await storedAs(
      (d) => [d.hourlyRate, d.discountRate, d.riskAdjustment, d.horizonMonths, d.fx[0].rate, d.defaults.sms.deliveryRate, d.defaults.sms.engagementRate],
      ['123456789', '0.12345678', '0.98765432', 599, '1.23456789', '0.98765432', '0.12345678'],
    );
    await p.screenshot({ path: join(shots, 'typing-settings.png'), fullPage: true });

    // A vendor: the quote, a tiered route, a fee, internal costs, a pilot.
    await nav('Vendors');
    await p.getByRole('button', { name: 'Add vendor' }).click();
    const a = p.locator('[data-vendor="A"]');
    await type(a.getByLabel('Monthly commit'), '123456789');
    await type(a.getByLabel('Annual commit'), '987654321');
    await type(a.getByLabel('Escalator a year'), '0.03456789');
    await type(a.getByLabel('Discount', { exact: true }), '0.12345678');
    await a.getByRole('button', { name: 'Add route' }).click();
    const route = a.locator('[data-route="0"]');
    await type(route.getByLabel('Price', { exact: true }), '0.12345678');
    await type(route.getByLabel('Pass-through', { exact: true }), '0.00345678');
    await type(route.getByLabel('Inbound price'), '0.00987654');
    await storedAs(
      (d) => [
        d.vendors[0].quote.minimumMonthlyCommit,
        d.vendors[0].quote.minimumAnnualCommit,
        d.vendors[0].quote.escalator,
        d.vendors[0].quote.discount,
        d.vendors[0].quote.routes[0].price,
        d.vendors[0].quote.routes[0].passThrough,
        d.vendors[0].quote.routes[0].inboundPrice,
      ],
      ['123456789', '987654321', '0.03456789', '0.12345678', '0.12345678', '0.00345678', '0.00987654'],
    );
    await route.getByRole('button', { name: 'Use tiers' }).click();
    await route.getByRole('button', { name: 'Add tier' }).click();
    await type(route.getByLabel('Tier 1 price'), '0.98765432');
    await type(route.getByLabel('Tier 2 from'), '123456789');
    await type(route.getByLabel('Tier 2 price'), '0.12345678');
    await a.getByRole('button', { name: 'Add fee' }).click();
    const fee = a.locator('[data-fee="0"]');
    await type(fee.getByLabel('Amount'), '123456789');
    await type(a.getByLabel('Setup hours'), '123456789');
    await type(a.getByLabel('Hours a month'), '98765.4321');
    await type(a.getByLabel('Other a month'), '987654321');
    await type(a.getByLabel('Cost per failure'), '0.12345678');
    await a.getByRole('button', { name: 'Add pilot' }).click();
    const pilot = a.locator('[data-pilot="0"]');
    await type(pilot.getByLabel('Sent'), '987654321');
    await type(pilot.getByLabel('Delivered'), '123456789');
    await type(pilot.getByLabel('Engaged'), '12345678');
    await storedAs(
      (d) => {
        const v = d.vendors[0];
        const r = v.quote.routes[0];
        return [
          r.tiers.map((t: any) => [String(t.from), t.price]),
          v.quote.fees[0].amount,
          v.internal.setupHours,
          v.internal.monthlyHours,
          v.internal.monthlyOther,
          v.internal.remediationPerFailure,
          v.pilots[0].sent,
          v.pilots[0].delivered,
          v.pilots[0].engaged,
        ];
      },
      [
        [
          ['0', '0.98765432'],
          ['123456789', '0.12345678'],
        ],
        '123456789',
        '123456789',
        '98765.4321',
        '987654321',
        '0.12345678',
        987654321,
        123456789,
        12345678,
      ],
    );
    // Every field still shows what was typed once all the answers are in.
    expect(await route.getByLabel('Tier 2 from').inputValue()).toBe('123456789');
    expect(await pilot.getByLabel('Sent').inputValue()).toBe('987654321');
    await p.screenshot({ path: join(shots, 'typing-vendors.png'), fullPage: true });
    expect(errors).toEqual([]);
    await p.close();
  }, 240_000);

  it('numbers as people write them: "500,000", "2%", "$0.0079" are stored as 500000, 0.02 and 0.0079; "1 234,5" in French; a refusal says why beside the field', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR' });
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(served.url);
    const recent = await served.call('workspace.recent', {});
    const file = join(recent.value.folder, 'Ecrits.tcows');
    await p.getByLabel('Name').fill('Ecrits');
    await p.getByRole('button', { name: 'Create' }).click();
    await p.getByText('No vendors yet').waitFor();
    const nav = (name: string) => p.getByRole('navigation').getByRole('button', { name }).click();
    await nav('Volume plan');
    await p.getByRole('button', { name: 'Add stream' }).click();
    const stream = p.locator('[data-stream="stream-1"]');
    // fr-FR writes 500 000 and 1 234,5; a space of any width groups thousands.
    await type(stream.getByLabel('Messages a month'), '500 000');
    await type(stream.getByLabel('Growth a year'), '26,8 %');
    await type(stream.getByLabel('Inbound per outbound'), '1 234,5');
    // 26,8 % = 26.8 / 100 = 0.268 exactly.
    await expect.poll(async () => (await stored(file)).streams[0], { timeout: 20_000 }).toMatchObject({ monthlyVolume: '500000', annualGrowth: '0.268', inboundPerOutbound: '1234.5' });
    // "0.0079" where "." is not the decimal mark is refused, in words, beside the field; nothing is stored.
    const inbound = stream.getByLabel('Inbound per outbound');
    await inbound.fill('0.0079');
    await expect.poll(() => inbound.getAttribute('aria-invalid')).toBe('true');
    const why = await p.locator(`#${await inbound.getAttribute('aria-describedby')}`).textContent();
    expect(why).toContain('is not written as numbers are here');
    expect(why).toContain('before the decimals');
    await p.screenshot({ path: join(shots, 'numbers-fr-refused.png'), fullPage: true });
    expect((await stored(file)).streams[0].inboundPerOutbound).toBe('1234.5');
    await context.close();

    // en-US: "500,000", "2%" and "$0.0079".
    const q = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    q.on('pageerror', (e) => errors.push(e.message));
    await q.goto(served.url);
    await q.getByRole('button', { name: /Ecrits\.tcows$/ }).click();
    await q.getByRole('navigation').getByRole('button', { name: 'Volume plan' }).click();
    const s2 = q.locator('[data-stream="stream-1"]');
    await type(s2.getByLabel('Messages a month'), '500,000');
    await type(s2.getByLabel('Growth a year'), '2%');
    await q.getByRole('navigation').getByRole('button', { name: 'Vendors' }).click();
    await q.getByRole('button', { name: 'Add vendor' }).click();
    const a = q.locator('[data-vendor="A"]');
    await a.getByRole('button', { name: 'Add route' }).click();
    await type(a.locator('[data-route="0"]').getByLabel('Price', { exact: true }), '$0.0079');
    await expect
      .poll(
        async () => {
          const d = await stored(file);
          return [d.streams[0].monthlyVolume, d.streams[0].annualGrowth, d.vendors[0]?.quote.routes[0]?.price];
        },
        { timeout: 20_000 },
      )
      .toEqual(['500000', '0.02', '0.0079']);
    // A percentage where an amount is asked: refused, said in words.
    const commit = a.getByLabel('Monthly commit');
    await type(commit, '2%');
    const commitHint = q.locator(`#${await commit.getAttribute('aria-describedby')}`);
    await expect.poll(() => commitHint.textContent()).toBe('A percentage does not fit here: enter the amount itself, e.g. 1,234.5.');
    await commit.scrollIntoViewIfNeeded();
    await q.screenshot({ path: join(shots, 'numbers-en-refused.png') });
    expect(errors).toEqual([]);
    await q.close();
  }, 120_000);
});
