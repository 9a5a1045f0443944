/**
 * The import screen's mapping on the mapping language v2, in Chromium against the browser host: a
 * WhatsApp Cloud API webhook export (nested JSON bodies, one a line) that no format is chosen for,
 * mapped on screen from the tree of its fields (where the records are, a field for each part of an
 * event), a route rule (the country of the recipient's number, WhatsApp, the pricing category as
 * the class), the status table (each value seen, the unknown ones flagged), the preview of each
 * record beside what it becomes with the counts per route before importing, the mapping saved as
 * the user's own format, the import, and the pilots stored in the workspace. Every count is worked
 * out by hand in test/fixtures/events/vendors/EXPECTED.md (here without the inbound replies,
 * which a mapping of the statuses alone does not read). Then the four parts of a mapping set on
 * screen since issue 13 item 6, on the two files of test/fixtures/events/mapping-controls/ (their
 * README works the counts out): how a message is told (a batch send's recipients), the parts of one
 * SMS, the cohort values with a default cohort, and the class values, each followed by the preview.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Host } from '../../electron/host/server.js';
import { ROOT as root, SHOTS as shots, startInProcess, type InProcess } from './harness.js';
import { type App } from '../../electron/services/app.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-e2e-import-mapping-'));
let app: App;
let host: Host;
let browser: Browser;

let env: InProcess | undefined;
beforeAll(async () => {
  env = await startInProcess(dir, { uploads: true });
  ({ app, host, browser } = env);
}, 120_000);

afterAll(() => env?.stop());

async function onImportScreen(name: string, colorScheme: 'light' | 'dark'): Promise<{ p: Page; errors: string[]; path: string }> {
  const p = await browser.newPage({ viewport: { width: 1400, height: 1000 }, colorScheme });
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const path = join(dir, `${name}.tcows`);
  const made = await app.dispatch('workspace.create', { path, from: JSON.parse(readFileSync(join(root, 'resources/sample-workspace.json'), 'utf8')) });
  expect(made.ok).toBe(true);
  await p.goto(host.url);
  await p.getByLabel('Workspace file').fill(path);
  await p.getByRole('button', { name: 'Open', exact: true }).click();
  await p.locator('tr[data-vendor="A"]').waitFor();
  await p.getByRole('navigation').getByRole('button', { name: 'Import events' }).click();
  await p.getByRole('heading', { name: 'Import pilot events' }).waitFor();
  return { p, errors, path };
}

const cells = (p: Page, sel: string) => p.locator(sel).locator('td').allTextContents();

const AXE = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
/** axe-core's serious and critical violations on the page as it is now (as axe.e2e.test.ts runs it). */
async function seriousViolations(p: Page): Promise<string[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(AXE);
  const violations = (await p.evaluate(async () => (await (window as any).axe.run(document, { resultTypes: ['violations'] })).violations)) as {
    id: string;
    impact: string | null;
    nodes: { target: string[] }[];
  }[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

describe('the mapping built on screen', () => {
  it('a nested WhatsApp webhook export: tree pick, route rule, status table; counts per route before the import; saved as my format; the pilots stored', async () => {
    const { p, errors, path } = await onImportScreen('Import whatsapp', 'light');
    await p.getByLabel('Vendor').selectOption('B');
    const file = join(dir, 'whatsapp-webhooks.jsonl');
    copyFileSync(join(root, 'test/fixtures/events/vendors/whatsapp-cloud-statuses.jsonl'), file);
    await p.locator('input[type="file"]').setInputFiles(file);

    // The tree of the bodies' fields: statuses lie four lists deep, each status with its first value.
    const tree = p.getByRole('list', { name: "The fields of the file's first records" });
    await tree.waitFor();
    expect(await tree.locator('li[data-field="entry[].changes[].value.statuses[].status"]').textContent()).toBe('status sent');
    expect(await tree.locator('li[data-field="entry[].changes[].value.statuses[]"]').textContent()).toContain('list of records');
    // No format is chosen for this file: the user's own mapping.
    expect(await p.getByLabel('Format').inputValue()).toBe('custom');

    // Where the records are, and a field for each part of an event, picked from the tree.
    await p.getByLabel('Where the records are').selectOption('entry[].changes[].value.statuses[]');
    await p.getByLabel('Message id *').selectOption('id');
    await p.getByLabel('Recipient').selectOption('recipient_id');
    await p.getByLabel('Event or status *').selectOption('status');
    await p.getByLabel('Time *').selectOption('timestamp');
    await p.getByLabel('Failure reason or error code').selectOption('errors[0].code');
    // The picker shows each field with its first value: the error code of line 3's failure.
    expect(await p.getByLabel('Failure reason or error code').locator('option:checked').textContent()).toBe('\u2003errors[0].code — 131026'); // under errors[0]: one step in

    // The route: the country of the recipient's number, on WhatsApp, the pricing category as its class.
    await p.getByLabel('How the route is told').selectOption('number');
    await p.getByLabel('Channel', { exact: true }).selectOption('whatsapp');
    await p.getByLabel("Category field (the route's class, optional)").selectOption('pricing.category');

    // The status table: each value seen under status, with its records among the 16 statuses
    // (EXPECTED.md): sent lines 1, 2, 5, 7, 8, 12, 13 = 7; delivered 2, 5, 8, 12, 13 = 5; failed 3, 4 = 2;
    // read 6, 11 = 2. "read" is no event of the model: flagged until it is given one.
    const statuses = p.getByRole('table', { name: "The file's statuses" });
    await expect.poll(async () => (await statuses.locator('tbody th').allTextContents()).join(',')).toBe('sent,delivered,failed,read');
    expect((await cells(p, 'tr[data-status="read"]'))[0]).toBe('2');
    expect(await p.locator('tr[data-status="read"] [data-unknown]').textContent()).toBe('Not in the table yet: the import would stop at it.');
    expect(await p.locator('tr[data-status="sent"] [data-unknown]').count()).toBe(0);
    expect((await cells(p, 'tr[data-status="sent"]'))[0]).toBe('7');
    // Before "read" is in the table its records (lines 6 and 11) stop the import, and the preview says so.
    const trial = p.locator('[data-trial]');
    await expect.poll(async () => (await trial.locator('[data-trial-refused]').textContent()) ?? '').toContain('2 records stop the import (lines 6, 11)');
    await p.screenshot({ path: join(shots, 'import-mapping-unknown-status.png'), fullPage: true });
    await p.getByLabel('read', { exact: true }).selectOption('delivered');
    await p.getByLabel('sent', { exact: true }).selectOption('sent');
    await p.getByLabel('delivered', { exact: true }).selectOption('delivered');
    await p.getByLabel('failed', { exact: true }).selectOption('failed');
    await expect.poll(() => trial.locator('[data-trial-refused]').count()).toBe(0);

    // The counts per route before the import (the whole file: 13 lines, 16 statuses, 2 bodies of
    // inbound messages only). EXPECTED.md without the reply on line 9:
    //   IN/marketing W1, W2: 2 sent, W1 delivered, W2 failed 131026; IN W3 (no pricing anywhere): failed 131049;
    //   BR/utility W4, W5 (read = delivered): 2 of 2; MX/authentication W6 and IN/service W8: 1 of 1.
    await expect.poll(() => cells(p, 'tr[data-trial-route="whatsapp/IN/marketing"]')).toEqual(['2', '1', '131026 1', '0', '—']);
    expect(await cells(p, 'tr[data-trial-route="whatsapp/IN"]')).toEqual(['1', '0', '131049 1', '0', '—']);
    expect(await cells(p, 'tr[data-trial-route="whatsapp/BR/utility"]')).toEqual(['2', '2', '—', '0', '—']);
    expect(await cells(p, 'tr[data-trial-route="whatsapp/MX/authentication"]')).toEqual(['1', '1', '—', '0', '—']);
    expect(await cells(p, 'tr[data-trial-route="whatsapp/IN/service"]')).toEqual(['1', '1', '—', '0', '—']);
    // 16 events (17 of EXPECTED.md less the reply), line 8 repeats line 2's two: 7 messages.
    expect(await trial.textContent()).toContain("What the file's 18 records become");
    expect(await trial.textContent()).toContain('16 events (2 retried duplicates dropped), 7 messages.');
    expect(await trial.locator('[data-trial-ignored]').textContent()).toBe('Ignored (read past, counted apart): values with no records 2 (lines 9, 10).');
    // Each record beside what it becomes: line 3, W2's failure, has no pricing: its route without the class.
    const line3 = trial.locator('tr[data-line="3"]');
    expect(await line3.locator('td.source').textContent()).toContain('"status":"failed"');
    expect(await line3.locator('td.becomes').textContent()).toBe('failed (131026) on whatsapp/IN');
    expect(await trial.locator('tr[data-line="6"] td.becomes').textContent()).toBe('delivered on whatsapp/BR/utility');
    // Words only: no mapping keys, no model file.
    const screen = (await p.locator('section.import').textContent())!;
    expect(screen).not.toMatch(/MODEL\.md|routeFrom|classFrom|columns\.|\$\./);
    await p.screenshot({ path: join(shots, 'import-mapping-whatsapp.png'), fullPage: true });
    // The screen with its mapping, statuses and preview drawn: no serious or critical accessibility violation.
    expect(await seriousViolations(p)).toEqual([]);

    // Saved as my format: it is in the format list, and chosen.
    await p.getByLabel('Save this mapping as').fill('WhatsApp statuses');
    await p.getByRole('button', { name: 'Save as my format' }).click();
    await p.getByText('Saved the mapping as “WhatsApp statuses”').waitFor();
    expect(await p.getByLabel('Format').inputValue()).toBe('WhatsApp statuses');
    expect(await p.getByLabel('Format').locator('option:checked').textContent()).toBe('WhatsApp statuses (saved)');
    // The saved format previews the same counts.
    await expect.poll(() => cells(p, 'tr[data-trial-route="whatsapp/IN/marketing"]')).toEqual(['2', '1', '131026 1', '0', '—']);

    // The import: the same counts, and what was read past said.
    await p.getByRole('button', { name: /^Import into/ }).click();
    const row = p.locator('[data-import-result] tr[data-route="whatsapp/IN/marketing"]');
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['2', '1', '50.0%', '131026 1', '0', '0', '0', '0', '—']);
    expect(await p.locator('[data-result-apart]').textContent()).toBe('Ignored (read past, counted apart): values with no records 2. ');
    await p.screenshot({ path: join(shots, 'import-mapping-result.png'), fullPage: true });

    // The pilots stored in the workspace file, one per route, under vendor B.
    const opened = await app.dispatch('workspace.open', { path });
    expect(opened.ok).toBe(true);
    const vendor = (opened as { ok: true; value: { document: { vendors: { id: string; pilots?: Record<string, unknown>[] }[] } } }).value.document.vendors.find((v) => v.id === 'B')!;
    const pilots = (vendor.pilots ?? []).filter((x) => x.channel === 'whatsapp');
    const key = (x: Record<string, unknown>) => `${String(x.country)}/${String(x.class)}`;
    expect(Object.fromEntries(pilots.map((x) => [key(x), [x.sent, x.delivered, x.failed]]))).toEqual({
      'IN/marketing': [2, 1, { '131026': 1 }],
      'IN/null': [1, 0, { '131049': 1 }],
      'BR/utility': [2, 2, {}],
      'MX/authentication': [1, 1, {}],
      'IN/service': [1, 1, {}],
    });
    expect(errors).toEqual([]);
    await p.close();
  }, 120_000);

  it('the saved format in the dark theme: a built-in or saved format also previews its counts before the import', async () => {
    const { p, errors } = await onImportScreen('Import whatsapp dark', 'dark');
    const file = join(dir, 'whatsapp-again.jsonl');
    copyFileSync(join(root, 'test/fixtures/events/vendors/whatsapp-cloud-statuses.jsonl'), file);
    await p.getByLabel('Event log', { exact: true }).fill(file);
    await p.getByRole('button', { name: 'Preview' }).click();
    await p.getByRole('list', { name: "The fields of the file's first records" }).waitFor();
    // The built-in WhatsApp format reads the replies too (line 9): W1 engaged.
    await p.getByLabel('Format').selectOption('whatsapp-cloud-statuses');
    await expect.poll(() => cells(p, 'tr[data-trial-route="whatsapp/IN/marketing"]')).toEqual(['2', '1', '131026 1', '1', '—']);
    // EXPECTED.md: ignored message/no context 1 (line 10).
    expect(await p.locator('[data-trial-ignored]').textContent()).toBe('Ignored (read past, counted apart): message/no context 1 (line 10).');
    await p.screenshot({ path: join(shots, 'import-mapping-dark.png'), fullPage: true });
    expect(await seriousViolations(p)).toEqual([]);
    // Adjusting the built-in format opens its mapping on screen, in the dark theme too.
    await p.getByRole('button', { name: 'Adjust this mapping' }).click();
    await p.getByRole('table', { name: "The file's statuses" }).waitFor();
    // On a 1024 px laptop the page does not scroll sideways: the long records scroll in their own box.
    await p.setViewportSize({ width: 1024, height: 900 });
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await p.screenshot({ path: join(shots, 'import-mapping-dark-1024.png'), fullPage: true });
    await p.setViewportSize({ width: 1400, height: 1000 });
    // The inbound messages' status "message" is decided by context.id: line 9's answers W1 (any value: replied).
    expect(await p.getByLabel('“message” is decided by the field').inputValue()).toBe('context.id');
    const values = p.getByRole('table', { name: 'Values of context.id when the status is message' });
    expect(await values.locator('tbody th').allTextContents()).toEqual(['wamid.HBgMOTE5ODc2NTQzMjQxFQIAERgSQzdBNTJGM0Q4RTc51AA==', 'any other value']);
    expect(await values.getByLabel('any other value').inputValue()).toBe('replied');
    await p.screenshot({ path: join(shots, 'import-mapping-dark-adjust.png'), fullPage: true });
    expect(await seriousViolations(p)).toEqual([]);
    expect(errors).toEqual([]);
    await p.close();
  }, 120_000);

  it('a Twilio log: records read past and records without a time, counted with their first lines before the import and said after it', async () => {
    const { p, errors } = await onImportScreen('Import twilio untimed', 'light');
    await p.getByLabel('Event log', { exact: true }).fill(join(root, 'test/fixtures/events/vendors/twilio-messages-csv.csv'));
    await p.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => p.getByLabel('Format').inputValue()).toBe('twilio-messages-csv');
    // EXPECTED.md: 15 rows (lines 2–16); queued (8), received (10), canceled (16) read past; SentDate
    // empty on lines 7 and 11 (failed messages that never left). Ignored values are listed by name.
    const trial = p.locator('[data-trial]');
    await expect.poll(async () => (await trial.locator('[data-trial-untimed]').count()) > 0).toBe(true);
    expect(await trial.locator('[data-trial-ignored]').textContent()).toBe('Ignored (read past, counted apart): canceled 1, queued 1, received 1 (lines 8, 10, 16).');
    expect(await trial.locator('[data-trial-untimed]').textContent()).toBe('Without a time: 2 records (lines 7, 11), kept and taken as the earliest of their message.');
    expect(await trial.locator('tr[data-line="7"] td.becomes').textContent()).toBe('failed (63016) on whatsapp/IN, no time');
    // Line 13 exports line 2's delivery again: the retried duplicate is shown dropped.
    expect(await trial.locator('tr[data-line="13"] td.becomes').textContent()).toBe('delivered on sms/US: a retried duplicate, dropped');
    // sms/US: Sids 01, 02, 08, 12, 13 sent; 01, 12, 13 delivered; 02 failed 30003.
    expect(await cells(p, 'tr[data-trial-route="sms/US"]')).toEqual(['5', '3', '30003 1', '0', '—']);
    await p.getByRole('button', { name: /^Import into/ }).click();
    await p.locator('[data-import-result]').waitFor();
    expect(await p.locator('[data-result-apart]').textContent()).toBe(
      'Ignored (read past, counted apart): canceled 1, queued 1, received 1. 2 records without a time, kept as the earliest of their message.',
    );
    await p.screenshot({ path: join(shots, 'import-mapping-untimed.png'), fullPage: true });
    expect(errors).toEqual([]);
    await p.close();
  }, 120_000);

  /** The pilots the import stored under vendor C (which has none in the sample), by route. */
  async function pilotsOfC(path: string): Promise<Record<string, unknown[]>> {
    const opened = await app.dispatch('workspace.open', { path });
    expect(opened.ok).toBe(true);
    const vendor = (opened as { ok: true; value: { handle: string; document: { vendors: { id: string; pilots?: Record<string, unknown>[] }[] } } }).value;
    await app.dispatch('workspace.close', { handle: vendor.handle });
    const c = vendor.document.vendors.find((v) => v.id === 'C')!;
    return Object.fromEntries((c.pilots ?? []).map((x) => [[x.channel, x.country, x.class].filter((k) => k !== null).join('/'), [x.sent, x.delivered, x.failed]]));
  }

  it('an SMS log: a batch send told apart by recipient, the parts of one SMS joined by their reference; the preview and the import count them so', async () => {
    const { p, errors, path } = await onImportScreen('Import sms batch', 'light');
    await p.getByLabel('Vendor').selectOption('C');
    const file = join(dir, 'sms-batch-parts.csv');
    copyFileSync(join(root, 'test/fixtures/events/mapping-controls/sms-batch-parts.csv'), file);
    await p.locator('input[type="file"]').setInputFiles(file);
    await p.getByRole('table', { name: "The file's first rows" }).waitFor();
    expect(await p.getByLabel('Format').inputValue()).toBe('custom');
    // The fields are guessed by name (MessageId, To, Status, Time, Error); the route from the number.
    await p.getByLabel('How the route is told').selectOption('number');
    const trial = p.locator('[data-trial]');
    // The message id alone: b-100 (lines 2–4, its latest receipt failed 30008) is one message, and
    // each part of ref-7 (lines 5–7) its own: 5 messages; GB b-100 and s-300, US 3 parts.
    await expect.poll(() => cells(p, 'tr[data-trial-route="sms/GB"]')).toEqual(['2', '1', '30008 1', '0', '—']);
    expect(await cells(p, 'tr[data-trial-route="sms/US"]')).toEqual(['3', '3', '—', '0', '—']);
    expect(await trial.textContent()).toContain('7 events (0 retried duplicates dropped), 5 messages.');
    expect(await trial.locator('tr[data-line="3"] td.message').textContent()).toBe('b-100');

    // Message id and recipient together: the batch of 3 recipients is 3 messages (2 delivered, 1 failed): 7.
    const identity = p.getByLabel('A message is told by');
    expect(await identity.inputValue()).toBe('id');
    await identity.selectOption({ label: 'Message id and recipient together' });
    await expect.poll(() => cells(p, 'tr[data-trial-route="sms/GB"]')).toEqual(['4', '3', '30008 1', '0', '—']);
    expect(await trial.textContent()).toContain('7 events (0 retried duplicates dropped), 7 messages.');
    expect(await trial.locator('tr[data-line="3"] td.message').textContent()).toBe('b-100 +447400123002');

    // Without a recipient field the composed identity cannot be made: said next to the control.
    await p.getByLabel('Recipient').selectOption('');
    const noRecipient = p.locator('[data-identity-error]');
    expect(await noRecipient.textContent()).toBe(
      'Choose the recipient field above: a message is told here by its message id and its recipient together, and a record without a recipient would stop the import.',
    );
    expect(await identity.getAttribute('aria-invalid')).toBe('true');
    await p.getByLabel('Recipient').selectOption('To');
    await expect.poll(() => noRecipient.count()).toBe(0);

    // The parts of one SMS share ConcatRef: the 3 receipts of ref-7 are 1 message, delivered: 4 + 1 = 5.
    await p.getByLabel('Parts of one SMS share this reference').selectOption('ConcatRef');
    await expect.poll(() => cells(p, 'tr[data-trial-route="sms/US"]')).toEqual(['1', '1', '—', '0', '—']);
    expect(await cells(p, 'tr[data-trial-route="sms/GB"]')).toEqual(['4', '3', '30008 1', '0', '—']);
    expect(await trial.textContent()).toContain('7 events (0 retried duplicates dropped), 5 messages.');
    expect(await trial.locator('tr[data-line="6"] td.message').textContent()).toBe('ref-7 +12025550101');
    const screen = (await p.locator('section.import').textContent())!;
    expect(screen).not.toMatch(/withRecipient|partsOf|messageId|routeFrom|columns\./);
    await p.screenshot({ path: join(shots, 'import-mapping-identity.png'), fullPage: true });
    expect(await seriousViolations(p)).toEqual([]);
    await p.emulateMedia({ colorScheme: 'dark' });
    await p.screenshot({ path: join(shots, 'import-mapping-identity-dark.png'), fullPage: true });
    expect(await seriousViolations(p)).toEqual([]);

    // The import counts the same, and stores them under C.
    await p.getByRole('button', { name: /^Import into/ }).click();
    await p.locator('[data-import-result] tr[data-route="sms/GB"]').waitFor();
    expect(await cells(p, '[data-import-result] tr[data-route="sms/GB"]')).toEqual(['4', '3', '75.0%', '30008 1', '0', '0', '0', '0', '—']);
    expect(await cells(p, '[data-import-result] tr[data-route="sms/US"]')).toEqual(['1', '1', '100.0%', '—', '0', '0', '0', '0', '—']);
    expect(await p.locator('[data-import-result]').textContent()).toContain('7 events (0 retried duplicates dropped), 5 messages.');
    expect(await pilotsOfC(path)).toEqual({ 'sms/GB': [4, 3, { '30008': 1 }], 'sms/US': [1, 1, {}] });
    expect(errors).toEqual([]);
    await p.close();
  }, 120_000);

  it('a WhatsApp pilot with a holdout: cohort values exposed or holdout with a default cohort, category values given classes (one refused in words); the preview and the import count them so', async () => {
    const { p, errors, path } = await onImportScreen('Import cohorts', 'dark');
    await p.getByLabel('Vendor').selectOption('C');
    await p.getByLabel('Event log', { exact: true }).fill(join(root, 'test/fixtures/events/mapping-controls/whatsapp-cohorts.jsonl'));
    await p.getByRole('button', { name: 'Preview' }).click();
    await p.getByRole('list', { name: "The fields of the file's first records" }).waitFor();
    expect(await p.getByLabel('Format').inputValue()).toBe('custom');
    await p.getByLabel('Time *').selectOption('ts');
    for (const [status, event] of [
      ['sent', 'sent'],
      ['delivered', 'delivered'],
      ['withheld', 'held_out'],
      ['converted', 'converted'],
    ] as const) {
      await p.getByLabel(status, { exact: true }).selectOption(event);
    }
    await p.getByLabel('How the route is told').selectOption('number');
    await p.getByLabel('Channel', { exact: true }).selectOption('whatsapp');
    await p.getByLabel("Category field (the route's class, optional)").selectOption('category');

    // The cohort field, guessed by its name (arm): treatment on lines 1–4, control on 5, 6, 7, 10;
    // neither is in the table yet, so their 8 records stop the import.
    expect(await p.getByLabel("The file's cohort field").inputValue()).toBe('arm');
    const cohorts = p.getByRole('table', { name: "The file's cohorts" });
    await expect.poll(async () => (await cohorts.locator('tbody th').allTextContents()).join(',')).toBe('treatment,control');
    expect((await cells(p, 'tr[data-cohort="control"]'))[0]).toBe('4');
    expect(await p.locator('tr[data-cohort="treatment"] [data-unknown]').textContent()).toBe('Not in the table yet: the import would stop at it.');
    const trial = p.locator('[data-trial]');
    await expect.poll(async () => (await trial.locator('[data-trial-refused]').textContent()) ?? '').toContain('8 records stop the import (lines 1, 2, 3, 4, 5, …)');
    expect(await trial.locator('tr[data-line="1"] td.becomes').textContent()).toBe('Stops the import: arm: "treatment" is not in the cohort table: choose whether it is exposed or holdout');

    // treatment exposed, control holdout: w1 exposed on IN/marketing with w3, w4 held out; w5 (control,
    // sent anyway) counted nowhere; w2 IN/utility; w6 (no arm: exposed by default) BR, class as written.
    await p.getByLabel('treatment', { exact: true }).selectOption({ label: 'Exposed (sent the campaign)' });
    await p.getByLabel('control', { exact: true }).selectOption({ label: 'Holdout (withheld from the campaign)' });
    await expect.poll(() => trial.locator('[data-trial-refused]').count()).toBe(0);
    await expect.poll(() => cells(p, 'tr[data-trial-route="whatsapp/IN/marketing"]')).toEqual(['1', '1', '—', '0', '2']);
    expect(await cells(p, 'tr[data-trial-route="whatsapp/IN/utility"]')).toEqual(['1', '1', '—', '0', '—']);
    expect(await cells(p, 'tr[data-trial-route="whatsapp/BR/auth_otp"]')).toEqual(['1', '1', '—', '0', '—']);
    expect(await trial.textContent()).toContain('10 events (0 retried duplicates dropped), 6 messages.');
    // Records with no cohort held out: w6 counts nowhere, BR has no row; then exposed again.
    await p.getByLabel('Records with no cohort are').selectOption({ label: 'Holdout (withheld from the campaign)' });
    await expect.poll(() => p.locator('tr[data-trial-route="whatsapp/BR/auth_otp"]').count()).toBe(0);
    await p.getByLabel('Records with no cohort are').selectOption({ label: 'Exposed (sent the campaign)' });
    await expect.poll(() => p.locator('tr[data-trial-route="whatsapp/BR/auth_otp"]').count()).toBe(1);

    // The class of each category value: as written in lower case until changed. A class with a space
    // is refused next to its value, in words, and the preview keeps the class it had.
    const classes = p.getByRole('table', { name: "The classes of category's values" });
    expect(await classes.locator('tbody th').allTextContents()).toEqual(['MARKETING', 'UTILITY', 'AUTH_OTP']);
    expect(await p.getByLabel('MARKETING', { exact: true }).inputValue()).toBe('marketing');
    const authOtp = p.getByLabel('AUTH_OTP', { exact: true });
    await authOtp.fill('auth otp');
    const classError = p.locator('tr[data-class-value="AUTH_OTP"] [data-class-error]');
    expect(await classError.textContent()).toBe(
      'The class for “AUTH_OTP” cannot be “auth otp”: write it with letters, digits, _ . or - only (such as authentication or marketing_lite), without spaces or other signs.',
    );
    expect(await authOtp.getAttribute('aria-invalid')).toBe('true');
    expect(await authOtp.getAttribute('aria-describedby')).toBe(await classError.getAttribute('id'));
    await p.screenshot({ path: join(shots, 'import-mapping-classes-error-dark.png'), fullPage: true });
    expect(await cells(p, 'tr[data-trial-route="whatsapp/BR/auth_otp"]')).toEqual(['1', '1', '—', '0', '—']);
    await authOtp.fill('authentication');
    await expect.poll(() => classError.count()).toBe(0);
    await expect.poll(() => cells(p, 'tr[data-trial-route="whatsapp/BR/authentication"]')).toEqual(['1', '1', '—', '0', '—']);
    expect(await p.locator('tr[data-trial-route="whatsapp/BR/auth_otp"]').count()).toBe(0);
    const screen = (await p.locator('section.import').textContent())!;
    expect(screen).not.toMatch(/cohorts|classes|classFrom|routeFrom|held_out|columns\./);
    await p.screenshot({ path: join(shots, 'import-mapping-cohorts-dark.png'), fullPage: true });
    expect(await seriousViolations(p)).toEqual([]);
    await p.emulateMedia({ colorScheme: 'light' });
    await p.screenshot({ path: join(shots, 'import-mapping-cohorts.png'), fullPage: true });
    expect(await seriousViolations(p)).toEqual([]);
    // On a 1024 px laptop the new tables do not make the page scroll sideways.
    await p.setViewportSize({ width: 1024, height: 900 });
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await p.setViewportSize({ width: 1400, height: 1000 });

    // The import: the same counts; IN/marketing's holdout, 1 of 2 converted.
    await p.getByRole('button', { name: /^Import into/ }).click();
    await p.locator('[data-import-result] tr[data-route="whatsapp/IN/marketing"]').waitFor();
    expect(await cells(p, '[data-import-result] tr[data-route="whatsapp/IN/marketing"]')).toEqual(['1', '1', '100.0%', '—', '0', '0', '0', '0', '1 of 2']);
    expect(await cells(p, '[data-import-result] tr[data-route="whatsapp/BR/authentication"]')).toEqual(['1', '1', '100.0%', '—', '0', '0', '0', '0', '—']);
    expect(await p.locator('[data-import-result]').textContent()).toContain('10 events (0 retried duplicates dropped), 6 messages.');
    expect(await pilotsOfC(path)).toEqual({ 'whatsapp/IN/marketing': [1, 1, {}], 'whatsapp/IN/utility': [1, 1, {}], 'whatsapp/BR/authentication': [1, 1, {}] });
    expect(errors).toEqual([]);
    await p.close();
  }, 120_000);
});
