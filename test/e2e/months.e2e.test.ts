/**
 * The compare screen's month-by-month and year-by-year grid and its "Copy as table" (issue 14
 * item 7), end to end in Debian's Chromium against the browser host serving the built renderer,
 * the clipboard read back as a spreadsheet would get it. Never skipped.
 *
 * The workspace is test/unit/months-grid.test.ts's, worked by hand there: 13 months from 2027-01
 * (year 2 has one month), one SMS stream of 1,000 messages a month, delivery 90% and engagement
 * 10% assumed: 900 delivered and 90 effective a month.
 *   Vendor A: 0.01 a message escalated 10% a year, 0.002 pass-through, a once fee of 5, half an hour
 *     a month at 100, 0.10 per failed message: month 1 77.00, months 2–12 72.00, month 13 73.00
 *     (usage 11.00); year 1 869.00, year 2 73.00.
 *   Vendor B "lite", EU: 0.02 a message, nothing else: 20.00 a month; year 1 240.00, year 2 20.00.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Host } from '../../electron/host/server.js';
import { SHOTS as shots, startInProcess, type InProcess } from './harness.js';
import { thirteenMonthsDoc } from '../fixtures/docs.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-e2e-months-'));
let host: Host;
let browser: Browser;

const B = 'Vendor B "lite", EU';
const doc = thirteenMonthsDoc({ name: 'Months by hand', others: [{ id: 'B', name: B, quote: { currency: 'USD', routes: [{ channel: 'sms', country: 'US', price: '0.02' }] } }] });
const path = join(dir, 'months.tcows');

let env: InProcess | undefined;
beforeAll(async () => {
  env = await startInProcess(dir, { files: [[path, doc]] });
  ({ host, browser } = env);
}, 120_000);

afterAll(() => env?.stop());

const HEADER = [
  'Vendor',
  'Year',
  'Sent messages',
  'Delivered messages',
  'Effective messages',
  'Usage (USD)',
  'Pass-through (USD)',
  'Commit true-up (USD)',
  'Fees (USD)',
  'Internal (USD)',
  'Remediation (USD)',
  'Total cost (USD)',
];
const row = (...cells: string[]) => cells.join('\t');

describe('the months grid in a browser', () => {
  it('shows each vendor by year and by month, and copies every vendor as tab-separated text', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await p.goto(host.url);
    await p.getByLabel('Workspace file').fill(path);
    await p.getByRole('button', { name: 'Open', exact: true }).click();

    // The grid comes with the analyses (the months): by year first.
    const grid = p.locator('[data-months-grid]');
    await grid.waitFor({ timeout: 30_000 });
    const rows = grid.locator('table tbody tr');
    const cells = async (i: number) => (await rows.nth(i).locator('th, td').allTextContents()).map((s) => s.trim());
    expect(await rows.count()).toBe(2);
    // Year 1 of A: 12,000 sent, 10,800 delivered, 1,080 effective; 120 + 24 + 5 + 600 + 120 = 869.00.
    expect(await cells(0)).toEqual(['Year 1', '12,000', '10,800', '1,080', '120.00', '24.00', '0.00', '5.00', '600.00', '120.00', '869.00']);
    // Year 2 is one month, and says so.
    expect(await cells(1)).toEqual(['Year 2 (1 month)', '1,000', '900', '90', '11.00', '2.00', '0.00', '0.00', '50.00', '10.00', '73.00']);

    // By month: 13 rows; month 1 carries the once fee.
    await grid.getByLabel('By month').check();
    await expect.poll(() => rows.count()).toBe(13);
    expect(await cells(0)).toEqual(['Jan 2027', '1,000', '900', '90', '10.00', '2.00', '0.00', '5.00', '50.00', '10.00', '77.00']);
    expect(await cells(12)).toEqual(['Jan 2028', '1,000', '900', '90', '11.00', '2.00', '0.00', '0.00', '50.00', '10.00', '73.00']);
    // The other vendor, by its name.
    await grid.getByLabel('Vendor', { exact: true }).selectOption({ label: B });
    await expect.poll(async () => (await cells(0)).at(-1)).toBe('20.00');
    await p.screenshot({ path: join(shots, 'months-grid-by-month.png'), fullPage: true });

    // Copy by year: every vendor, a header row, plain decimals a spreadsheet reads.
    await grid.getByLabel('By year').check();
    await grid.getByRole('button', { name: 'Copy as table' }).click();
    await expect.poll(() => grid.locator('[data-copied]').getAttribute('data-copied')).toBe('yes');
    expect(await grid.locator('[data-copied]').textContent()).toBe(`Copied 4 rows of Vendor A and ${B}, one a year: paste them into a spreadsheet.`);
    const text = await p.evaluate(() => navigator.clipboard.readText());
    expect(text).toBe(
      [
        row(...HEADER),
        row('Vendor A', 'Year 1', '12000.00', '10800.00', '1080.00', '120.00', '24.00', '0.00', '5.00', '600.00', '120.00', '869.00'),
        row('Vendor A', 'Year 2', '1000.00', '900.00', '90.00', '11.00', '2.00', '0.00', '0.00', '50.00', '10.00', '73.00'),
        // B: 12 · 1,000 · 0.02 = 240.00 in year 1; 20.00 in month 13.
        row(B, 'Year 1', '12000.00', '10800.00', '1080.00', '240.00', '0.00', '0.00', '0.00', '0.00', '0.00', '240.00'),
        row(B, 'Year 2', '1000.00', '900.00', '90.00', '20.00', '0.00', '0.00', '0.00', '0.00', '0.00', '20.00'),
      ].join('\r\n') + '\r\n',
    );

    // By month: 13 rows a vendor under a "Month" header.
    await grid.getByLabel('By month').check();
    await grid.getByRole('button', { name: 'Copy as table' }).click();
    await expect.poll(() => grid.locator('[data-copied]').textContent()).toContain('Copied 26 rows');
    const months = (await p.evaluate(() => navigator.clipboard.readText())).split('\r\n');
    expect(months[0]!.split('\t').slice(0, 2)).toEqual(['Vendor', 'Month']);
    expect(months).toHaveLength(1 + 26 + 1);
    expect(months[1]).toBe(row('Vendor A', '2027-01', '1000.00', '900.00', '90.00', '10.00', '2.00', '0.00', '5.00', '50.00', '10.00', '77.00'));
    expect(months[26]).toBe(row(B, '2028-01', '1000.00', '900.00', '90.00', '20.00', '0.00', '0.00', '0.00', '0.00', '0.00', '20.00'));
    await grid.scrollIntoViewIfNeeded();
    await grid.screenshot({ path: join(shots, 'months-grid-copied.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
