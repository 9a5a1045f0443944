/**
 * The importer's counting (MODEL.md section 8): generated logs whose counts are known by
 * construction, retried webhooks, the per-message rules, cohorts, each anomaly kind with its line,
 * and the holdout lift of section 10.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { holdoutStats } from '../../electron/engine/stats.js';
import { holdoutLift, importEvents, type ImportResult } from '../../electron/import/index.js';
import { GEN_NOW, expectedCounts, generateEvents } from '../bench/generate-events.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-import-count-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (name: string, body: string | Buffer) => {
  const p = join(dir, `${++n}-${name}`);
  writeFileSync(p, body);
  return p;
};
const NOW = Date.UTC(2026, 10, 23, 12);
const HEADER = 'event_id,message_id,recipient,route,cohort,event,failure_reason,timestamp,segments,price\n';
const csv = (rows: string[]) => file('log.csv', HEADER + rows.map((r) => `${r}\n`).join(''));
/** A row: event id, message id, route, cohort, event, reason, timestamp. */
const row = (eid: string, mid: string, route: string, cohort: string, event: string, reason: string, ts: string) => `${eid},${mid},,${route},${cohort},${event},${reason},${ts},,`;
const run = (p: string, extra: Partial<Parameters<typeof importEvents>[1]> = {}) => importEvents(p, { format: 'events-csv', now: NOW, ...extra });

function kinds(r: ImportResult): Record<string, number> {
  const k: Record<string, number> = { 'engaged-before-delivered': 0, 'delivered-after-failed': 0, 'unknown-message': 0, 'future-timestamp': 0 };
  for (const a of r.anomalies) k[a.kind]!++;
  return k;
}

describe('generated logs, counts known by construction', () => {
  for (const [label, opts] of [
    ['LF, 30,000 events', { events: 30_000, seed: 3 }],
    ['CRLF, 20,000 events', { events: 20_000, seed: 4, eol: '\r\n' as const }],
    ['LF, 12,000 events read 997 bytes at a time', { events: 12_000, seed: 5 }],
  ] as const) {
    it(label, async () => {
      const p = join(dir, `gen-${++n}.csv`);
      const e = generateEvents(p, opts);
      const r = await run(p, label.includes('997') ? { chunkBytes: 997 } : {});
      expect({ events: r.events, duplicates: r.duplicates, messages: r.messages }).toEqual({ events: e.events, duplicates: e.duplicates, messages: e.messages });
      expect(r.counts).toEqual(expectedCounts(e));
      expect(kinds(r)).toEqual(e.anomalies);
      expect(r.events).toBe(opts.events);
      // anomalies are sorted by line, at most one per message and kind
      const lines = r.anomalies.map((a) => a.line);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
      expect(new Set(r.anomalies.map((a) => `${a.kind} ${a.messageId}`)).size).toBe(r.anomalies.length);
    });
  }

  it('the generator plans what its log says (the same counts read as JSON Lines)', async () => {
    const p = join(dir, `gen-${++n}.csv`);
    const e = generateEvents(p, { events: 5000, seed: 9, now: GEN_NOW });
    const lines = (await import('node:fs')).readFileSync(p, 'utf8').trim().split('\n');
    const keys = lines[0]!.split(',').map((k) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
    const jsonl = lines
      .slice(1)
      .map((l) => JSON.stringify(Object.fromEntries(l.split(',').map((v, i) => [keys[i]!, v === '' ? null : v]))))
      .join('\n');
    const r = await importEvents(file('gen.jsonl', jsonl), { now: GEN_NOW });
    expect(r.counts).toEqual(expectedCounts(e));
    expect(kinds(r)).toEqual(e.anomalies);
  });
});

describe('counting rules', () => {
  it('counts messages, not events; a message is sent when it has sent, delivered or failed', async () => {
    const r = await run(
      csv([
        row('', 'a', 'sms/US', '', 'sent', '', '2026-10-01T10:00:00Z'),
        row('', 'a', 'sms/US', '', 'delivered', '', '2026-10-01T10:00:01Z'),
        row('', 'a', 'sms/US', '', 'clicked', '', '2026-10-01T10:01:00Z'),
        row('', 'a', 'sms/US', '', 'clicked', '', '2026-10-01T10:02:00Z'),
        row('', 'b', 'sms/US', '', 'delivered', '', '2026-10-01T10:00:00Z'), // status-only export: sent
        row('', 'b', 'sms/US', '', 'replied', '', '2026-10-01T10:05:00Z'),
        row('', 'c', 'sms/US', '', 'failed', '', '2026-10-01T10:00:00Z'), // no reason: "unknown"
        row('', 'd', 'sms/US', '', 'sent', '', '2026-10-01T10:00:00Z'), // no outcome
        row('', 'e', 'sms/US', '', 'delivered', '', '2026-10-01T10:00:00Z'),
        row('', 'e', 'sms/US', '', 'opened', '', '2026-10-01T10:00:10Z'), // opened alone is not engagement
        row('', 'e', 'sms/US', '', 'converted', '', '2026-10-02T10:00:00Z'),
        row('', 'e', 'sms/US', '', 'converted', '', '2026-10-03T10:00:00Z'),
        row('', 'e', 'sms/US', '', 'opted_out', '', '2026-10-02T11:00:00Z'),
        row('', 'e', 'sms/US', '', 'complained', '', '2026-10-02T12:00:00Z'),
      ]),
    );
    expect(r).toMatchObject({ events: 14, duplicates: 0, messages: 5, anomalies: [] });
    expect(r.counts).toEqual({ 'sms/US': { sent: 5, delivered: 3, failed: { unknown: 1 }, engaged: 2, converted: 1, optedOut: 1, complained: 1 } });
  });

  it('takes the outcome from the latest delivered or failed event, the later line on a tie, whatever the order of lines', async () => {
    const r = await run(
      csv([
        row('', 'a', 'sms/US', '', 'delivered', '', '2026-10-01T10:05:00Z'),
        row('', 'a', 'sms/US', '', 'failed', '30003', '2026-10-01T10:00:00Z'), // earlier, later line: delivered stays
        row('', 'b', 'sms/US', '', 'failed', '30005', '2026-10-01T10:00:00Z'),
        row('', 'b', 'sms/US', '', 'delivered', '', '2026-10-01T10:00:00Z'), // a tie: the later line, delivered
        row('', 'c', 'sms/US', '', 'delivered', '', '2026-10-01T10:00:00Z'),
        row('', 'c', 'sms/US', '', 'failed', '30006', '2026-10-01T10:00:00Z'), // a tie: failed
        row('', 'd', 'sms/US', '', 'failed', '30007', '2026-10-01T10:00:00Z'),
        row('', 'd', 'sms/US', '', 'failed', '30008', '2026-10-01T11:00:00Z'), // the latest failure's reason
      ]),
    );
    expect(r.counts['sms/US']).toEqual({ sent: 4, delivered: 2, failed: { '30006': 1, '30008': 1 }, engaged: 0, converted: 0, optedOut: 0, complained: 0 });
    // a and b: a delivery later than (or as late as, for b: not later) a failure
    expect(r.anomalies).toEqual([{ kind: 'delivered-after-failed', messageId: 'a', line: 2 }]);
  });

  it('keeps routes apart, a message on its first event’s route', async () => {
    const r = await run(
      csv([
        row('', 'a', 'whatsapp/IN/marketing', '', 'sent', '', '2026-10-01T10:00:00Z'),
        row('', 'a', 'sms/IN', '', 'delivered', '', '2026-10-01T10:00:01Z'),
        row('', 'b', 'email', '', 'delivered', '', '2026-10-01T10:00:01Z'),
        row('', 'c', 'chat//support', '', 'sent', '', '2026-10-01T10:00:01Z'),
      ]),
    );
    expect(Object.keys(r.counts)).toEqual(['whatsapp/IN/marketing', 'email', 'chat//support']);
    expect(r.counts['whatsapp/IN/marketing']).toMatchObject({ sent: 1, delivered: 1 });
  });

  it('cohorts: holdout members enter with held_out and may convert; exposed counts come from exposed messages only', async () => {
    const r = await run(
      csv([
        row('', 'x1', 'sms/US', 'exposed', 'sent', '', '2026-10-01T10:00:00Z'),
        row('', 'x1', 'sms/US', 'exposed', 'converted', '', '2026-10-02T10:00:00Z'),
        row('', 'x2', 'sms/US', '', 'sent', '', '2026-10-01T10:00:00Z'), // empty cohort: exposed
        row('', 'h1', 'sms/US', 'holdout', 'held_out', '', '2026-10-01T10:00:00Z'),
        row('', 'h1', 'sms/US', 'holdout', 'converted', '', '2026-10-02T10:00:00Z'),
        row('', 'h2', 'sms/US', 'holdout', 'held_out', '', '2026-10-01T10:00:00Z'),
        row('', 'h3', 'sms/US', 'HOLDOUT', 'held_out', '', '2026-10-01T10:00:00Z'),
        row('', 'h3', 'sms/US', 'holdout', 'sent', '', '2026-10-01T10:00:00Z'), // held out: not exposed evidence
        row('', 'z', 'sms/US', 'holdout', 'sent', '', '2026-10-01T10:00:00Z'), // sent but marked holdout, never held out: nowhere
        row('', 'h4', 'email', 'holdout', 'held_out', '', '2026-10-01T10:00:00Z'), // a route with only holdout members
      ]),
    );
    expect(r.counts).toEqual({
      'sms/US': { sent: 2, delivered: 0, failed: {}, engaged: 0, converted: 1, optedOut: 0, complained: 0, holdout: { members: 3, converted: 1 } },
      email: { sent: 0, delivered: 0, failed: {}, engaged: 0, converted: 0, optedOut: 0, complained: 0, holdout: { members: 1, converted: 0 } },
    });
    expect(r.messages).toBe(7);
    // Section 10 on the route: exposed converted/sent against holdout converted/members.
    expect(holdoutLift(r)).toEqual({ 'sms/US': holdoutStats(1, 2, 1, 3) });
  });

  it('a route without holdout members has no holdout key', async () => {
    const r = await run(csv([row('', 'a', 'sms/US', '', 'sent', '', '2026-10-01T10:00:00Z')]));
    expect(r.counts['sms/US']).not.toHaveProperty('holdout');
    expect(holdoutLift(r)).toEqual({});
  });
});

describe('retried webhooks', () => {
  it('drops a repeated vendor event id, wherever it comes again', async () => {
    const r = await run(
      csv([
        row('e1', 'a', 'sms/US', '', 'sent', '', '2026-10-01T10:00:00Z'),
        row('e2', 'a', 'sms/US', '', 'delivered', '', '2026-10-01T10:00:05Z'),
        row('e3', 'a', 'sms/US', '', 'clicked', '', '2026-10-01T11:00:00Z'),
        row('e2', 'a', 'sms/US', '', 'delivered', '', '2026-10-01T10:00:05Z'),
        row('e3', 'a', 'sms/US', '', 'clicked', '', '2026-10-01T11:00:00Z'),
        row('e3', 'a', 'sms/US', '', 'clicked', '', '2026-10-01T11:00:00Z'),
      ]),
    );
    expect(r).toMatchObject({ events: 6, duplicates: 3, messages: 1 });
    expect(r.counts['sms/US']).toMatchObject({ sent: 1, delivered: 1, engaged: 1 });
  });

  it('an event id is the vendor’s: the same id on another row is a retry even if the row differs', async () => {
    const r = await run(csv([row('e1', 'a', 'sms/US', '', 'sent', '', '2026-10-01T10:00:00Z'), row('e1', 'b', 'sms/US', '', 'sent', '', '2026-10-01T10:00:00Z')]));
    expect(r).toMatchObject({ events: 2, duplicates: 1, messages: 1 });
  });

  it('without an event id, (message, event, timestamp) is the key; the same instant written two ways is the same time', async () => {
    const r = await run(
      csv([
        row('', 'a', 'sms/US', '', 'sent', '', '2026-10-01T10:00:00Z'),
        row('', 'a', 'sms/US', '', 'sent', '', '2026-10-01T12:00:00+02:00'), // the same instant
        row('', 'a', 'sms/US', '', 'sent', '', '1790848800'), // again, in epoch seconds
        row('', 'a', 'sms/US', '', 'delivered', '', '2026-10-01T10:00:00Z'), // another event at that time
        row('', 'a', 'sms/US', '', 'sent', '', '2026-10-01T10:00:00.001Z'), // another time
        row('', 'b', 'sms/US', '', 'sent', '', '2026-10-01T10:00:00Z'), // another message
        row('x', 'b', 'sms/US', '', 'sent', '', '2026-10-01T10:00:00Z'), // has an event id: not compared by content
      ]),
    );
    expect(r).toMatchObject({ events: 7, duplicates: 2, messages: 2 });
  });
});

describe('anomalies: reported, never fixed, once per message and kind, with the line that shows it', () => {
  it('engaged before delivered', async () => {
    const r = await run(
      csv([
        row('', 'x', 'sms/US', '', 'sent', '', '2026-10-01T10:00:00Z'),
        row('', 'x', 'sms/US', '', 'clicked', '', '2026-10-01T10:00:02Z'),
        row('', 'x', 'sms/US', '', 'replied', '', '2026-10-01T10:00:01Z'), // line 4: the earliest engagement
        row('', 'x', 'sms/US', '', 'delivered', '', '2026-10-01T10:00:05Z'),
        row('', 'w', 'sms/US', '', 'delivered', '', '2026-10-01T10:00:00Z'),
        row('', 'w', 'sms/US', '', 'clicked', '', '2026-10-01T10:00:00Z'), // at the delivery's time: fine
        row('', 'v', 'sms/US', '', 'sent', '', '2026-10-01T10:00:00Z'),
        row('', 'v', 'sms/US', '', 'clicked', '', '2026-10-01T10:00:00Z'), // line 9: never delivered
      ]),
    );
    expect(r.anomalies).toEqual([
      { kind: 'engaged-before-delivered', messageId: 'x', line: 4 },
      { kind: 'engaged-before-delivered', messageId: 'v', line: 9 },
    ]);
    expect(r.counts['sms/US']!.engaged).toBe(3); // counted as the file says
  });

  it('delivered after a terminal failure', async () => {
    const r = await run(
      csv([
        row('', 'a', 'sms/US', '', 'failed', '30003', '2026-10-01T10:00:00Z'),
        row('', 'a', 'sms/US', '', 'delivered', '', '2026-10-01T10:05:00Z'),
        row('', 'a', 'sms/US', '', 'delivered', '', '2026-10-01T10:09:00Z'), // line 4: the latest such delivery
        row('', 'b', 'sms/US', '', 'delivered', '', '2026-10-01T09:00:00Z'),
        row('', 'b', 'sms/US', '', 'failed', '30003', '2026-10-01T10:00:00Z'), // failed after delivered: no anomaly
      ]),
    );
    expect(r.anomalies).toEqual([{ kind: 'delivered-after-failed', messageId: 'a', line: 4 }]);
    expect(r.counts['sms/US']).toMatchObject({ sent: 2, delivered: 1, failed: { '30003': 1 } });
  });

  it('events for unknown messages: one anomaly per message, on its first line, counted nowhere', async () => {
    const r = await run(
      csv([
        row('', 'a', 'sms/US', '', 'sent', '', '2026-10-01T10:00:00Z'),
        row('', 'ghost', 'sms/GB', '', 'clicked', '', '2026-10-01T10:00:00Z'),
        row('', 'ghost', 'sms/GB', '', 'converted', '', '2026-10-01T11:00:00Z'),
        row('', 'ghost', 'sms/GB', '', 'opted_out', '', '2026-10-01T12:00:00Z'),
      ]),
    );
    expect(r.anomalies).toEqual([{ kind: 'unknown-message', messageId: 'ghost', line: 3 }]);
    expect(Object.keys(r.counts)).toEqual(['sms/US']);
    expect(r.messages).toBe(2);
  });

  it('timestamps in the future (later than the import): the first such line of the message', async () => {
    const r = await run(
      csv([
        row('', 'a', 'sms/US', '', 'sent', '', '2026-10-01T10:00:00Z'),
        row('', 'a', 'sms/US', '', 'delivered', '', '2026-11-23T12:00:01Z'), // line 3: one second after the import
        row('', 'a', 'sms/US', '', 'clicked', '', '2026-12-01T00:00:00Z'),
        row('', 'b', 'sms/US', '', 'sent', '', '2026-11-23T12:00:00Z'), // exactly the import's time: fine
      ]),
    );
    expect(r.anomalies).toEqual([{ kind: 'future-timestamp', messageId: 'a', line: 3 }]);
  });

  it('lines count what the file holds: a header after blank lines, quoted line ends, CRLF', async () => {
    const p = file('lines.csv', `\r\n${HEADER.replace('\n', '\r\n')}\r\n,"a\nb",,sms/US,,sent,,2026-10-01T10:00:00Z,,\r\n\r\n,"c",,sms/US,,clicked,,2026-10-01T10:00:00Z,,\r\n`);
    const r = await run(p);
    expect(r.anomalies).toEqual([{ kind: 'unknown-message', messageId: 'c', line: 7 }]);
    expect(r.messages).toBe(2);
  });

  it('a message id in quotes with doubled quotes is the same id as its content', async () => {
    const r = await run(csv([',"a""b",,sms/US,,sent,,2026-10-01T10:00:00Z,,', ',"a""b",,sms/US,,delivered,,2026-10-01T10:00:01Z,,', ',"a""b",,sms/US,,clicked,,2026-10-01T10:00:00Z,,']));
    expect(r).toMatchObject({ messages: 1, anomalies: [{ kind: 'engaged-before-delivered', messageId: 'a"b', line: 4 }] });
    expect(r.counts['sms/US']).toMatchObject({ sent: 1, delivered: 1 });
  });
});

describe('progress', () => {
  it('reports bytes read of the total, rising to the total', async () => {
    const p = join(dir, `gen-${++n}.csv`);
    const e = generateEvents(p, { events: 3000, seed: 11 });
    const seen: { bytesRead: number; totalBytes: number }[] = [];
    await run(p, { chunkBytes: 4096, onProgress: (x) => seen.push(x) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((x) => x.totalBytes === e.bytes)).toBe(true);
    expect(seen.map((x) => x.bytesRead)).toEqual([...seen.map((x) => x.bytesRead)].sort((a, b) => a - b));
    expect(seen.at(-1)!.bytesRead).toBe(e.bytes);
  });
});
