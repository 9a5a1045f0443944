/**
 * Vendor presets (Twilio's message log CSV and BulkExport, SendGrid's Event Webhook) on sample
 * files shaped as the vendors document them, and a custom CSV through a column mapping (the
 * preview, columns per field, the file's statuses and cohorts mapped, defaults).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_NAMES, FORMAT_NAMES, ImportError, PRESETS, checkMapping, importEvents, parseRoute, previewCsv, type ColumnMapping } from '../../electron/import/index.js';

const fixture = (name: string) => new URL(`../fixtures/events/${name}`, import.meta.url).pathname;
const NOW = Date.UTC(2026, 10, 23, 12);
const zero = { engaged: 0, converted: 0, optedOut: 0, complained: 0 };
const dir = mkdtempSync(join(tmpdir(), 'tco-import-presets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the presets', () => {
  it('are well-formed mappings onto the model, with a source', () => {
    // Every format name of FORMAT.md v1.2 has a preset.
    expect(Object.keys(PRESETS).sort()).toEqual([...FORMAT_NAMES].sort());
    expect(FORMAT_NAMES).toHaveLength(15);
    for (const [name, p] of Object.entries(PRESETS)) {
      expect(checkMapping(p.mapping, name)).toEqual(p.mapping);
      expect(p.source).not.toBe('');
      for (const v of Object.values(p.mapping.events ?? {})) expect(v === null || EVENT_NAMES.includes(v)).toBe(true);
      if (p.mapping.defaults?.route) expect(parseRoute(p.mapping.defaults.route)).not.toBeNull();
    }
  });
});

describe('Twilio message log (Console export CSV)', () => {
  it('maps statuses: delivered and read are delivered; undelivered and failed are failed by ErrorCode; queued, received, canceled are read past', async () => {
    const p = fixture('twilio-messages.csv');
    const r = await importEvents(p, { format: 'twilio-messages-csv', now: NOW });
    expect(r).toEqual({
      file: p,
      events: 8,
      duplicates: 1, // SM…01 exported twice (overlapping exports): the same (message, event, time)
      messages: 7,
      anomalies: [],
      // The route from To: +1 202 (Washington, DC) is US; SM…07 went to whatsapp:+1 202…: WhatsApp.
      // SMS sent: SM01, 02, 03, 04, 08, 09 = 6, delivered SM01 and SM08; WhatsApp: SM07 read = delivered.
      counts: {
        'sms/US': { sent: 6, delivered: 2, failed: { '30003': 1, '30007': 1, unknown: 1 }, ...zero },
        'whatsapp/US': { sent: 1, delivered: 1, failed: {}, ...zero },
      },
      ignored: { canceled: 1, queued: 1, received: 1 },
    });
  });

  it('takes a fixed route from the caller’s mapping instead', async () => {
    const mapping: ColumnMapping = { ...PRESETS['twilio-messages-csv']!.mapping, defaults: { route: 'sms/CA' } };
    delete mapping.routeFrom;
    const r = await importEvents(fixture('twilio-messages.csv'), { format: 'twilio-messages-csv', mapping, now: NOW });
    expect(Object.keys(r.counts)).toEqual(['sms/CA']);
  });

  it('an unknown status names the line and the Status column', async () => {
    const p = join(dir, 'twilio-bad.csv');
    writeFileSync(p, readFileSync(fixture('twilio-messages.csv'), 'utf8').replace('"sent","2026-10-05 17:00:12"', '"lost","2026-10-05 17:00:12"'));
    await expect(importEvents(p, { format: 'twilio-messages-csv', now: NOW })).rejects.toMatchObject({
      code: 'INVALID_FILE',
      line: 5,
      field: 'Status',
      message: expect.stringMatching(/unknown event "lost" \(events: accepted, scheduled, queued/),
    });
  });

  it('a log with no SentDate column is refused on the header', async () => {
    const p = join(dir, 'twilio-nodate.csv');
    writeFileSync(p, 'Sid,Status\nSM1,delivered\n');
    await expect(importEvents(p, { format: 'twilio-messages-csv', now: NOW })).rejects.toMatchObject({
      line: 1,
      field: 'SentDate',
      message: expect.stringMatching(/no SentDate column \(nor DateSent\)/),
    });
  });
});

describe('Twilio BulkExport (JSON Lines)', () => {
  it('reads error codes as numbers; a message whose date_sent is null (it never left) is kept, untimed', async () => {
    const r = await importEvents(fixture('twilio-bulkexport.jsonl'), { format: 'twilio-bulkexport-jsonl', now: NOW });
    // SM…03 failed with 21610 and date_sent null: untimed, still sent and failed.
    expect(r).toMatchObject({ events: 3, duplicates: 0, messages: 3, anomalies: [], ignored: { received: 1 }, untimed: 1 });
    // +44 7400 1234xx: a UK mobile range, GB.
    expect(r.counts).toEqual({ 'sms/GB': { sent: 3, delivered: 1, failed: { '30008': 1, '21610': 1 }, ...zero } });
  });
});

describe('SendGrid Event Webhook (JSON Lines)', () => {
  it('maps processed, delivered, bounce/dropped (failed by status, else reason), open, click, spamreport, unsubscribe; dedupes on sg_event_id', async () => {
    const p = fixture('sendgrid-events.jsonl');
    const r = await importEvents(p, { format: 'sendgrid-events-jsonl', now: NOW });
    expect(r).toEqual({
      file: p,
      events: 22,
      duplicates: 1, // ev-008, the click POSTed again
      messages: 8,
      anomalies: [{ kind: 'unknown-message', messageId: 'm6.filter0001.1.0', line: 16 }], // an open of a message the dump never shows sent
      counts: {
        email: { sent: 5, delivered: 3, failed: { '5.1.1': 1, 'Bounced Address': 1 }, engaged: 1, converted: 0, optedOut: 2, complained: 1, holdout: { members: 1, converted: 1 } },
        'email//newsletter': { sent: 1, delivered: 1, failed: {}, engaged: 1, converted: 0, optedOut: 0, complained: 0 },
      },
      ignored: { deferred: 1 },
    });
  });

  it('a SendGrid event the preset does not know is an error naming the line and the key', async () => {
    const p = join(dir, 'sg-bad.jsonl');
    writeFileSync(
      p,
      '{"email":"a@example.com","timestamp":1791219600,"event":"processed","sg_event_id":"e1","sg_message_id":"m1"}\n{"email":"a@example.com","timestamp":1791219600,"event":"machine_open","sg_event_id":"e2","sg_message_id":"m1"}\n',
    );
    await expect(importEvents(p, { format: 'sendgrid-events-jsonl', now: NOW })).rejects.toMatchObject({ line: 2, field: 'event', message: expect.stringMatching(/unknown event "machine_open"/) });
  });

  it('a timestamp in milliseconds (13 digits) is read as milliseconds; 12 digits are neither and refused', async () => {
    const p = join(dir, 'sg-ms.jsonl');
    // 1791219600000 ms = 1791219600 s = 2026-10-05T17:00:00Z, before NOW (2026-11-23): no future-timestamp.
    writeFileSync(p, '{"timestamp":1791219600000,"event":"processed","sg_event_id":"e1","sg_message_id":"m1"}\n');
    expect(await importEvents(p, { format: 'sendgrid-events-jsonl', now: NOW })).toMatchObject({ events: 1, anomalies: [], counts: { email: { sent: 1 } } });
    writeFileSync(p, '{"timestamp":179121960000,"event":"processed","sg_event_id":"e1","sg_message_id":"m1"}\n');
    await expect(importEvents(p, { format: 'sendgrid-events-jsonl', now: NOW })).rejects.toBeInstanceOf(ImportError);
  });
});

describe('a custom CSV through the mapping step', () => {
  const p = fixture('custom-semicolon.csv');
  const mapping: ColumnMapping = {
    columns: { messageId: 'Message ID', recipient: 'Phone', cohort: 'Group', event: 'Status', failureReason: 'Reason', timestamp: 'Time', price: 'Cost' },
    events: { SENT: 'sent', DLVRD: 'delivered', UNDELIV: 'failed', CLICK: 'clicked', CTRL: 'held_out', CONV: 'converted', EXPIRED: null },
    cohorts: { test: 'exposed', control: 'holdout' },
    defaults: { route: 'sms/DE' },
  };

  it('the preview shows the columns, rows and delimiter to map from', async () => {
    const v = await previewCsv(p, 3);
    expect(v.delimiter).toBe(';');
    expect(v.columns).toEqual(['Message ID', 'Phone', 'Group', 'Status', 'Reason', 'Time', 'Cost']);
    expect(v.rows[0]).toEqual(['A-1', '+4915100000001', 'test', 'SENT', '', '1791219600', '0,07']);
  });

  it('imports with the mapping: statuses, cohorts (any case) and a default route', async () => {
    const r = await importEvents(p, { format: 'events-csv', mapping, now: NOW });
    expect(r).toMatchObject({ events: 10, duplicates: 0, messages: 5, anomalies: [], ignored: { EXPIRED: 1 } });
    expect(r.counts).toEqual({ 'sms/DE': { sent: 3, delivered: 2, failed: { 'absent subscriber': 1 }, engaged: 1, converted: 1, optedOut: 0, complained: 0, holdout: { members: 2, converted: 1 } } });
  });

  it('a mapping is plain JSON: a stored custom preset comes back the same', async () => {
    const stored = JSON.parse(JSON.stringify(mapping)) as ColumnMapping;
    expect(await importEvents(p, { mapping: stored, now: NOW })).toEqual(await importEvents(p, { mapping, now: NOW }));
  });

  it('a column the mapping names but the file lacks is an error on the header', async () => {
    await expect(importEvents(p, { mapping: { ...mapping, columns: { ...mapping.columns, timestamp: 'When' }, delimiter: ';' }, now: NOW })).rejects.toMatchObject({
      code: 'INVALID_FILE',
      line: 1,
      field: 'When',
    });
  });

  it('a status the mapping does not list is an error naming the line', async () => {
    const events = Object.fromEntries(Object.entries(mapping.events!).filter(([k]) => k !== 'EXPIRED'));
    await expect(importEvents(p, { mapping: { ...mapping, events }, now: NOW })).rejects.toMatchObject({
      line: 12,
      field: 'Status',
      message: expect.stringMatching(/unknown event "EXPIRED" \(events: sent, dlvrd, undeliv, click, ctrl, conv\)/),
    });
  });

  it('without a default route, the route column is required', async () => {
    const noRoute: ColumnMapping = { ...mapping, defaults: {} };
    await expect(importEvents(p, { mapping: noRoute, now: NOW })).rejects.toMatchObject({ code: 'INVALID_MAPPING', field: 'mapping.columns.route' });
  });
});
