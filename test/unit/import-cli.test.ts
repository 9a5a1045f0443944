/**
 * `tco import` for the formats of FORMAT.md v1.2: `--formats` lists every format name with a line
 * on it; `--time-zone` and `--time-format` name what a file's times leave out; a vendor's gzip
 * export imports as downloaded; the counts' file (route-counts-csv) adds its routes' pilots.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run.js';
import { FORMAT_NAMES } from '../../electron/import/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-import-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SAMPLE = fileURLToPath(new URL('../../resources/sample-workspace.json', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/events/${name}`, import.meta.url));
let n = 0;

async function tco(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
async function workspace(): Promise<string> {
  const p = join(dir, `w${n++}.tcows`);
  expect((await tco('new', p, '--from', SAMPLE)).code).toBe(0);
  return p;
}

describe('tco import (FORMAT.md v1.2 formats)', () => {
  it('--formats lists every format name of FORMAT.md v1.2, each with a label', async () => {
    const r = await tco('import', '--formats', '--json');
    expect(r.code).toBe(0);
    const formats = (JSON.parse(r.out) as { formats: { name: string; label: string; builtIn: boolean }[] }).formats;
    expect(formats.map((f) => f.name).sort()).toEqual([...FORMAT_NAMES].sort());
    for (const f of formats) expect(f.label.length).toBeGreaterThan(10);
    const text = await tco('import', '--formats');
    expect(text.out.split('\n')).toHaveLength(15);
    expect(text.out).toMatch(/^whatsapp-cloud-statuses +WhatsApp Cloud API webhooks/m);
  });

  it('a gzip export as downloaded (AWS End User Messaging through Firehose): its counts (EXPECTED.md)', async () => {
    const r = await tco('import', await workspace(), fixture('vendors/aws-eum-sms-events.json.gz'), '--vendor', 'A', '--format', 'aws-eum-sms-events', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as { events: number; duplicates: number; messages: number; ignored: Record<string, number>; counts: Record<string, { sent: number; delivered: number }> };
    expect({ events: j.events, duplicates: j.duplicates, messages: j.messages, ignored: j.ignored }).toEqual({
      events: 15,
      duplicates: 1,
      messages: 9,
      ignored: { TEXT_QUEUED: 1, 'TEXT_CARRIER_UNREACHABLE/not final': 1 },
    });
    expect(j.counts['sms/US']).toMatchObject({ sent: 4, delivered: 2 });
  });

  it('--time-zone and --time-format name what the file leaves out; without them the error says how', async () => {
    const p = join(dir, 'resaved.csv');
    // A spreadsheet re-save: 3/2/2026 10:00 is March 2nd, 10:00 in New York = 15:00 UTC (EST).
    writeFileSync(p, 'message_id,route,event,timestamp\nm1,sms/US,sent,3/2/2026 10:00\nm1,sms/US,delivered,3/2/2026 10:01\n');
    const ws = await workspace();
    const bad = await tco('import', ws, p, '--vendor', 'A', '--time-format', 'M/D/YYYY H:mm');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/line 2: timestamp: "3\/2\/2026 10:00" has no time zone: set the time zone of the format .*--time-zone/);
    const ok = await tco('import', ws, p, '--vendor', 'A', '--time-format', 'M/D/YYYY H:mm', '--time-zone', 'America/New_York', '--json');
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ events: 2, messages: 1, counts: { 'sms/US': { sent: 1, delivered: 1 } } });
  });

  it('route-counts-csv adds the routes’ pilots from counts made elsewhere', async () => {
    const p = join(dir, 'counts.csv');
    writeFileSync(p, 'route,sent,delivered,failed:30007,engaged\nsms/US,1000,950,30,40\n');
    const r = await tco('import', await workspace(), p, '--vendor', 'A', '--format', 'route-counts-csv', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ events: 1, messages: 1000, counts: { 'sms/US': { sent: 1000, delivered: 950, failed: { '30007': 30 }, engaged: 40 } } });
  });
});
