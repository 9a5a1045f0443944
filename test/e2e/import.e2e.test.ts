/**
 * The import screen in Chromium against the browser host: a file chosen with the file picker (the
 * host keeps a copy), a preview, a mapping made on screen with statuses in the vendor's words,
 * saved as a preset, the result with counts and anomalies, the pilot under the vendor; a vendor
 * preset matched by the file's columns; an error naming the line and column that changes nothing;
 * and a cancelled import. Every count is worked out by hand from the files written here.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Host } from '../../electron/host/server.js';
import { ROOT as root, SHOTS as shots, startInProcess, type InProcess } from './harness.js';
import { type App } from '../../electron/services/app.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-e2e-import-'));
let app: App;
let host: Host;
let browser: Browser;

let env: InProcess | undefined;
beforeAll(async () => {
  env = await startInProcess(dir, { uploads: true });
  ({ app, host, browser } = env);
}, 120_000);

afterAll(() => env?.stop());

/** A new page on a new workspace made from the sample RFP (vendors A, B, C), on the import screen. */
async function onImportScreen(name: string): Promise<{ p: Page; errors: string[] }> {
  const p = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // The workspace is made from the sample RFP through the API, and opened on the start screen.
  const path = join(dir, `${name}.tcows`);
  const made = await app.dispatch('workspace.create', { path, from: JSON.parse(readFileSync(join(root, 'resources/sample-workspace.json'), 'utf8')) });
  expect(made.ok).toBe(true);
  await p.goto(host.url);
  await p.getByLabel('Workspace file').fill(path);
  await p.getByRole('button', { name: 'Open', exact: true }).click();
  await p.locator('tr[data-vendor="A"]').waitFor();
  await p.getByRole('navigation').getByRole('button', { name: 'Import events' }).click();
  await p.getByRole('heading', { name: 'Import pilot events' }).waitFor();
  return { p, errors };
}

/**
 * A log in a shape no format knows (`;` between fields, statuses in the vendor's words):
 *   m1: OUT, DLV             -> sent, delivered
 *   m2: OUT, ERR (E30)       -> sent, failed E30
 *   m3: OUT, DLV, CLK        -> sent, delivered, engaged
 *   m4: QUE (read past), OUT -> sent
 * On sms/US: sent 4, delivered 2 (50.0%), failed E30 1, engaged 1.
 */
const CUSTOM = [
  'msg;state;when;why',
  'm1;OUT;2026-10-01T10:00:00Z;',
  'm1;DLV;2026-10-01T10:00:03Z;',
  'm2;OUT;2026-10-01T10:01:00Z;',
  'm2;ERR;2026-10-01T10:01:09Z;E30',
  'm3;OUT;2026-10-01T10:02:00Z;',
  'm3;DLV;2026-10-01T10:02:02Z;',
  'm3;CLK;2026-10-01T10:09:00Z;',
  'm4;QUE;2026-10-01T10:03:00Z;',
  'm4;OUT;2026-10-01T10:03:01Z;',
  '',
].join('\n');

describe('the import screen', () => {
  it('a file chosen with the picker, mapped on screen, saved as a preset, imported: hand-worked counts, and the pilot under the vendor', async () => {
    const { p, errors } = await onImportScreen('Import custom');
    await p.getByLabel('Vendor').selectOption('C');
    const file = join(dir, 'acme-log.csv');
    writeFileSync(file, CUSTOM);
    await p.locator('input[type="file"]').setInputFiles(file);
    // The preview: the file's columns and first rows, and no format fits, so the own mapping is chosen.
    const preview = p.getByRole('table', { name: "The file's first rows" });
    await preview.waitFor();
    expect(await preview.locator('thead th').allTextContents()).toEqual(['msg', 'state', 'when', 'why']);
    expect(await p.getByLabel('Format').inputValue()).toBe('custom');
    // The mapping, made on screen.
    await p.getByLabel('Message id *').selectOption('msg');
    await p.getByLabel('Event or status *').selectOption('state');
    await p.getByLabel('Time *').selectOption('when');
    await p.getByLabel('Failure reason or error code').selectOption('why');
    await p.getByLabel('How the route is told').selectOption('fixed');
    await p.getByLabel('Route of every record').fill('sms/US');
    const statuses = p.getByRole('table', { name: "The file's statuses" });
    await statuses.waitFor();
    expect((await statuses.locator('tbody th').allTextContents()).sort()).toEqual(['CLK', 'DLV', 'ERR', 'OUT', 'QUE']);
    await p.getByLabel('OUT', { exact: true }).selectOption('sent');
    await p.getByLabel('DLV', { exact: true }).selectOption('delivered');
    await p.getByLabel('ERR', { exact: true }).selectOption('failed');
    await p.getByLabel('CLK', { exact: true }).selectOption('clicked');
    await p.getByLabel('QUE', { exact: true }).selectOption('__skip');
    await p.getByLabel('Save this mapping as').fill('Acme SMS log');
    await p.getByRole('button', { name: 'Save as my format' }).click();
    await p.getByText('Saved the mapping as “Acme SMS log”').waitFor();
    expect(await p.getByLabel('Format').inputValue()).toBe('Acme SMS log');

    await p.getByRole('button', { name: /^Import into/ }).click();
    const row = p.locator('[data-import-result] tr[data-route="sms/US"]');
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['4', '2', '50.0%', 'E30 1', '1', '0', '0', '0', '—']);
    expect(await p.locator('[data-import-result]').textContent()).toContain('8 events (0 retried duplicates dropped), 4 messages');
    await p.screenshot({ path: join(shots, 'import-custom-result.png'), fullPage: true });

    // The pilot is under vendor C, and undo takes it away again.
    await p.getByRole('button', { name: 'Show them' }).click();
    const vendorC = p.locator('[data-vendor="C"]');
    const pilots = vendorC.locator('[data-pilot]');
    const last = pilots.last();
    await last.waitFor();
    expect(await last.getByLabel('Sent').inputValue()).toBe('4');
    expect(await last.getByLabel('Delivered').inputValue()).toBe('2');
    expect(await last.getByLabel('Country').inputValue()).toBe('US');
    const count = await pilots.count();
    await p.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => pilots.count()).toBe(count - 1);
    expect(errors).toEqual([]);
    await p.close();
  });

  it('a Twilio message log typed by path: the Twilio preset matches its columns; duplicates dropped, failures by error code', async () => {
    const { p, errors } = await onImportScreen('Import twilio');
    await p.getByLabel('Vendor').selectOption('A');
    await p.getByLabel('Event log', { exact: true }).fill(join(root, 'test/fixtures/events/twilio-messages.csv'));
    await p.getByRole('button', { name: 'Preview' }).click();
    await p.getByRole('table', { name: "The file's first rows" }).waitFor();
    expect(await p.getByLabel('Format').inputValue()).toBe('twilio-messages-csv');
    expect(await p.locator('.format-summary').textContent()).toContain('Status → event');
    await p.getByRole('button', { name: /^Import into/ }).click();
    // The fixture (test/unit/import-presets.test.ts): 8 events, one exported twice, 7 messages, each
    // routed by its recipient: SMS to +1 202 (US) SM1, SM8 delivered, SM2 30003, SM3 30007, SM9 with no
    // code, SM4 sent: 6 sent, 2 delivered (33.3%); WhatsApp to +1 202, SM7 read: 1 sent, 1 delivered.
    const row = p.locator('[data-import-result] tr[data-route="sms/US"]');
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['6', '2', '33.3%']);
    expect(cells[3]!.split(', ').sort()).toEqual(['30003 1', '30007 1', 'unknown 1']);
    expect((await p.locator('[data-import-result] tr[data-route="whatsapp/US"] td').allTextContents()).slice(0, 3)).toEqual(['1', '1', '100.0%']);
    expect(await p.locator('[data-import-result]').textContent()).toContain('8 events (1 retried duplicate dropped), 7 messages');
    await p.screenshot({ path: join(shots, 'import-twilio-result.png'), fullPage: true });
    // The same log again: its pilot results equal the ones just added, which is said.
    await p.getByRole('button', { name: /^Import into/ }).click();
    await p.getByText('These pilot results are the same as ones the vendor already had').waitFor();
    expect(errors).toEqual([]);
    await p.close();
  });

  it('an anomaly is listed with its line; a bad time is an error naming the file, line and column, and nothing changes', async () => {
    const { p, errors } = await onImportScreen('Import errors');
    // m9 clicked on line 3, delivered only on line 4: engagement before delivery, reported on line 3.
    const anomalous = join(dir, 'anomalous.csv');
    writeFileSync(anomalous, 'message_id,route,event,timestamp\nm9,sms/US,sent,2026-10-01T10:00:00Z\nm9,sms/US,clicked,2026-10-01T10:00:01Z\nm9,sms/US,delivered,2026-10-01T10:00:05Z\n');
    await p.getByLabel('Event log', { exact: true }).fill(anomalous);
    await p.getByRole('button', { name: 'Preview' }).click();
    await p.getByRole('table', { name: "The file's first rows" }).waitFor();
    expect(await p.getByLabel('Format').inputValue()).toBe('events-csv');
    await p.getByRole('button', { name: /^Import into/ }).click();
    const anomalies = p.getByRole('table', { name: 'Anomalies' });
    await anomalies.waitFor();
    expect(await anomalies.locator('tbody td').allTextContents()).toEqual(['3', 'engagement before delivery', 'm9']);
    // Words a person reads: "1 anomaly", and no model file cited.
    const said = (await p.locator('[data-import-result]').textContent())!;
    expect(said).toContain('1 anomaly. The counts take these events as the file gives them');
    expect(said).not.toContain('MODEL.md');
    await p.screenshot({ path: join(shots, 'import-anomaly.png'), fullPage: true });

    const undoBefore = await p.getByRole('button', { name: 'Undo' }).getAttribute('title');
    const bad = join(dir, 'bad-time.csv');
    writeFileSync(bad, 'message_id,route,event,timestamp\nm1,sms/US,sent,2026-10-01T10:00:00Z\nm1,sms/US,delivered,yesterday\n');
    await p.getByLabel('Event log', { exact: true }).fill(bad);
    await p.getByRole('button', { name: 'Preview' }).click();
    await p.getByRole('table', { name: "The file's first rows" }).waitFor();
    await p.getByRole('button', { name: /^Import into/ }).click();
    const alert = p.locator('[data-import-error]');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    // The file by its name (not the folder the host copied it to), the line, the column, what is wrong.
    expect(text).toContain('bad-time.csv, line 3: timestamp: "yesterday" is not a time');
    expect(text).not.toContain(dir);
    // Still the anomalous import as the last edit: the failed one changed nothing.
    expect(await p.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe(undoBefore);
    await p.screenshot({ path: join(shots, 'import-error.png'), fullPage: true });
    expect(errors).toEqual([]);
    await p.close();
  });

  it('exposed and holdout cohorts give the holdout lift of MODEL.md section 10', async () => {
    const { p, errors } = await onImportScreen('Import holdout');
    // Exposed: 10 sent and delivered, 4 converted (40%); holdout: 10 members, 1 converted (10%).
    // Lift 40% - 10% = 30 points.
    const lines = ['message_id,route,cohort,event,timestamp'];
    for (let i = 1; i <= 10; i++) lines.push(`e${i},sms/US,exposed,sent,2026-10-01T10:00:00Z`, `e${i},sms/US,exposed,delivered,2026-10-01T10:00:05Z`);
    for (let i = 1; i <= 4; i++) lines.push(`e${i},sms/US,exposed,converted,2026-10-02T10:00:00Z`);
    for (let i = 1; i <= 10; i++) lines.push(`h${i},sms/US,holdout,held_out,2026-10-01T10:00:00Z`);
    lines.push('h1,sms/US,holdout,converted,2026-10-02T10:00:00Z');
    const f = join(dir, 'holdout.csv');
    writeFileSync(f, lines.join('\n') + '\n');
    await p.getByLabel('Event log', { exact: true }).fill(f);
    await p.getByRole('button', { name: 'Preview' }).click();
    await p.getByRole('table', { name: "The file's first rows" }).waitFor();
    await p.getByRole('button', { name: /^Import into/ }).click();
    const row = p.locator('[data-import-result] tr[data-route="sms/US"]');
    await row.waitFor();
    expect((await row.locator('td').allTextContents()).at(-1)).toBe('1 of 10');
    const lift = p.locator('tr[data-lift="sms/US"] td');
    await lift.first().waitFor();
    // Pooled z-test: p = 5/20 = 0.25, se = sqrt(0.25 × 0.75 × (1/10 + 1/10)) = 0.193649, z = 0.30 / 0.193649 = 1.5492,
    // two-sided p = 2 × (1 − Φ(1.5492)) = 0.1213.
    expect(await lift.allTextContents()).toEqual(['40.00%', '10.00%', '30.00%', expect.stringMatching(/ to /), '0.1213']);
    await p.screenshot({ path: join(shots, 'import-holdout.png'), fullPage: true });
    expect(errors).toEqual([]);
    await p.close();
  });

  it('a long import shows its progress and can be cancelled; the workspace is as it was', async () => {
    const { p, errors } = await onImportScreen('Import cancel');
    // About 100 MB: 2,400,000 rows, read in 4 MiB chunks.
    const big = join(dir, 'big.csv');
    const rows = ['message_id,route,event,timestamp'];
    for (let i = 0; i < 1_200_000; i++) rows.push(`message-${i},sms/US,sent,2026-10-01T10:00:00Z`, `message-${i},sms/US,delivered,2026-10-01T10:00:05Z`);
    writeFileSync(big, rows.join('\n') + '\n');
    rows.length = 0;
    await p.getByLabel('Event log', { exact: true }).fill(big);
    await p.getByRole('button', { name: 'Preview' }).click();
    await p.getByRole('table', { name: "The file's first rows" }).waitFor();
    const undo = p.getByRole('button', { name: 'Undo' });
    const canUndoBefore = await undo.isEnabled();
    await p.getByRole('button', { name: /^Import into/ }).click();
    await p.getByRole('progressbar', { name: 'Bytes read' }).waitFor();
    await p.getByRole('button', { name: 'Cancel' }).click();
    await p.getByText('Import cancelled: the workspace is as it was.').waitFor();
    expect(await p.locator('[data-import-result]').count()).toBe(0);
    expect(await undo.isEnabled()).toBe(canUndoBefore);
    await p.screenshot({ path: join(shots, 'import-cancelled.png'), fullPage: true });
    expect(errors).toEqual([]);
    await p.close();
  }, 120_000);
});

describe('a read-only workspace', () => {
  it('says so on every screen, with the way out: Save a copy (as root here every file is writable, so the answer of workspace.open is marked read-only on its way to the page)', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    // The page calls the app over the host's socket: `<id> <operation>\n<input>`, answered `<id>\n<result>`.
    await p.routeWebSocket(/\/socket$/, (ws) => {
      const server = ws.connectToServer();
      const opens = new Set<string>();
      ws.onMessage((m) => {
        const head = /^(\d+) workspace\.open\n/.exec(String(m));
        if (head) opens.add(head[1]!);
        server.send(m);
      });
      server.onMessage((m) => {
        const text = String(m);
        const id = text.slice(0, text.indexOf('\n'));
        if (!opens.delete(id)) return ws.send(m);
        const body = JSON.parse(text.slice(id.length + 1)) as { ok: boolean; value?: { readOnly: boolean } };
        if (body.ok && body.value) body.value.readOnly = true;
        ws.send(`${id}\n${JSON.stringify(body)}`);
      });
    });
    const path = join(dir, 'read-only.tcows');
    expect((await app.dispatch('workspace.create', { path, from: JSON.parse(readFileSync(join(root, 'resources/sample-workspace.json'), 'utf8')) })).ok).toBe(true);
    await p.goto(host.url);
    await p.getByLabel('Workspace file').fill(path);
    await p.getByRole('button', { name: 'Open', exact: true }).click();
    const notice = p.locator('[data-readonly]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`Read-only: ${path} cannot be changed here`);
    await p.getByRole('navigation').getByRole('button', { name: 'Import events' }).click();
    expect(await p.locator('[data-readonly]').count()).toBe(1);
    expect(await p.getByText('This workspace is read-only').count()).toBe(1);
    await p.screenshot({ path: join(shots, 'read-only.png') });
    // The way out: a copy, which is writable, and the notice goes.
    const copy = join(dir, 'read-only copy.tcows');
    await p.getByLabel('Save a copy as').fill(copy);
    await p.getByRole('button', { name: 'Save copy' }).click();
    await expect.poll(() => p.locator('[data-readonly]').count()).toBe(0);
    expect(existsSync(copy)).toBe(true);
    expect(errors).toEqual([]);
    await p.close();
  });
});
