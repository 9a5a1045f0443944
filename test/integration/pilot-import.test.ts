/**
 * Pilot evidence from event logs (MODEL.md section 8) through the API: counts known by
 * construction, retried webhooks, each anomaly kind, all-or-nothing on every kind of bad file,
 * holdouts reaching the stream, undo.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportOutput, WorkspaceState } from '../../electron/api/operations.js';
import { importEvents, ImportError } from '../../electron/import/index.js';
import { createApp } from '../../electron/services/app.js';
import { runCli } from '../../electron/cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-import-'));
const NOW = new Date('2026-11-23T12:00:00Z');
const app = createApp({ dataDir: null, now: () => NOW });
afterAll(() => {
  app.closeAll();
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
const file = (name: string, body: string | Buffer) => {
  const p = join(dir, `${++n}-${name}`);
  writeFileSync(p, body);
  return p;
};
const PILOT = new URL('../fixtures/events/pilot.csv', import.meta.url).pathname;
const HEADER = 'event_id,message_id,recipient,route,cohort,event,failure_reason,timestamp,segments,price\n';
const importOf = (path: string, format?: 'events-csv' | 'events-jsonl') => importEvents(path, { now: NOW.getTime(), ...(format ? { format } : {}) });

async function workspace(): Promise<{ path: string; handle: string }> {
  const path = join(dir, `${++n}.tcows`);
  const sample = JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8'));
  const r = await app.dispatch('workspace.create', { path, from: sample });
  if (!r.ok) throw new Error(r.error.message);
  return { path, handle: (r.value as WorkspaceState).handle };
}

describe('counting (the fixture pilot.csv, counts worked out by hand)', () => {
  it('counts messages, not events; dedupes a retried webhook; follows cohorts', async () => {
    // m1 sent, delivered, clicked twice with the same event id (one is dropped) → delivered, engaged.
    // m2 sent then failed 30007. m3 only delivered (so it was sent), then converted.
    // h1, h2 held out; h1 converted. m9 only clicked: never sent → unknown message, counted nowhere.
    const r = await importOf(PILOT);
    expect(r).toEqual({
      file: PILOT,
      events: 12,
      duplicates: 1,
      messages: 6,
      anomalies: [{ kind: 'unknown-message', messageId: 'm9', line: 13 }],
      counts: { 'sms/US': { sent: 3, delivered: 2, failed: { '30007': 1 }, engaged: 1, converted: 1, optedOut: 0, complained: 0, holdout: { members: 2, converted: 1 } } },
    });
  });

  it('takes the outcome from the latest delivered or failed event, the later line on a tie', async () => {
    const p = file(
      'outcome.csv',
      HEADER +
        ',a,,sms/US,,failed,30003,2026-10-01T10:00:00Z,,\n' +
        ',a,,sms/US,,delivered,,2026-10-01T10:05:00Z,,\n' + // later: delivered wins, and it is delivered-after-failed
        ',b,,sms/US,,delivered,,2026-10-01T10:00:00Z,,\n' +
        ',b,,sms/US,,failed,30005,2026-10-01T10:00:00Z,,\n' + // same time, later line: failed
        ',c,,email,,delivered,,2026-10-01T10:00:00Z,,\n' +
        ',c,,email,,opened,,2026-10-01T10:01:00Z,,\n', // opened alone is not engagement
    );
    const r = await importOf(p);
    expect(r.counts['sms/US']).toEqual({ sent: 2, delivered: 1, failed: { '30005': 1 }, engaged: 0, converted: 0, optedOut: 0, complained: 0 });
    expect(r.counts['email']).toMatchObject({ sent: 1, delivered: 1, engaged: 0 });
    expect(r.anomalies).toEqual([{ kind: 'delivered-after-failed', messageId: 'a', line: 3 }]);
  });

  it('reports each anomaly kind once per message with the line that shows it', async () => {
    const p = file(
      'anomalies.csv',
      HEADER +
        ',x,,sms/US,,sent,,2026-10-01T10:00:00Z,,\n' +
        ',x,,sms/US,,clicked,,2026-10-01T10:00:01Z,,\n' + // line 3: click before any delivered
        ',x,,sms/US,,clicked,,2026-10-01T10:00:02Z,,\n' +
        ',x,,sms/US,,delivered,,2026-10-01T10:00:05Z,,\n' +
        ',y,,sms/US,,sent,,2026-12-01T10:00:00Z,,\n' + // line 6: after the import (2026-11-23)
        ',z,,sms/US,,replied,,2026-10-01T10:00:00Z,,\n' + // line 7: unknown message
        ',w,,sms/US,,delivered,,2026-10-01T10:00:00Z,,\n' +
        ',w,,sms/US,,replied,,2026-10-01T10:00:00Z,,\n', // at the same time as delivered: fine
    );
    const r = await importOf(p);
    expect(r.anomalies).toEqual([
      { kind: 'engaged-before-delivered', messageId: 'x', line: 3 },
      { kind: 'future-timestamp', messageId: 'y', line: 6 },
      { kind: 'unknown-message', messageId: 'z', line: 7 },
    ]);
    expect(r.counts['sms/US']!.engaged).toBe(2); // x and w: reported, never fixed
  });

  it('dedupes on (message id, event, timestamp) when there is no event id', async () => {
    const p = file(
      'retry.jsonl',
      [
        '{"messageId":"a","route":"sms/US","event":"sent","timestamp":1790000000}',
        '{"messageId":"a","route":"sms/US","event":"sent","timestamp":1790000000}',
        '{"messageId":"a","route":"sms/US","event":"delivered","timestamp":"2026-09-21T10:00:00Z"}',
      ].join('\n'),
    );
    const r = await importOf(p);
    expect(r).toMatchObject({ events: 3, duplicates: 1, messages: 1 });
    expect(r.counts['sms/US']).toMatchObject({ sent: 1, delivered: 1 });
  });

  it('counts generated logs as constructed', async () => {
    // k messages: every third fails (reason R<i%2>), the others are delivered; every fifth delivered one is clicked.
    const k = 3000;
    let body = HEADER;
    let delivered = 0;
    let engaged = 0;
    const failed: Record<string, number> = {};
    for (let i = 0; i < k; i++) {
      const t = `2026-10-01T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`;
      body += `,m${i},,whatsapp/IN/marketing,,sent,,${t},,\n`;
      if (i % 3 === 0) {
        body += `,m${i},,whatsapp/IN/marketing,,failed,R${i % 2},${t},,\n`;
        failed[`R${i % 2}`] = (failed[`R${i % 2}`] ?? 0) + 1;
      } else {
        body += `,m${i},,whatsapp/IN/marketing,,delivered,,${t},,\n`;
        delivered++;
        if (i % 5 === 0) {
          body += `,m${i},,whatsapp/IN/marketing,,clicked,,2026-10-02T00:00:00Z,,\n`;
          engaged++;
        }
      }
    }
    const r = await importOf(file('gen.csv', body));
    expect(r.counts['whatsapp/IN/marketing']).toEqual({ sent: k, delivered, failed, engaged, converted: 0, optedOut: 0, complained: 0 });
    expect(delivered).toBe(2000);
    expect(engaged).toBe(400);
  });
});

describe('bad files: a named error, nothing returned', () => {
  const expectError = async (p: string, text: RegExp, line: number | null, field: string | null) => {
    let e: unknown;
    try {
      await importOf(p);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ImportError);
    expect((e as ImportError).message).toContain(p);
    expect((e as ImportError).message).toMatch(text);
    expect((e as ImportError).line).toBe(line);
    expect((e as ImportError).field).toBe(field);
  };

  it('a missing column', () => expectError(file('nocol.csv', 'message_id,route,event\nm,sms/US,sent\n'), /no timestamp column/, 1, 'timestamp'));
  it('a bad timestamp', () => expectError(file('ts.csv', HEADER + ',m,,sms/US,,sent,,yesterday,,\n'), /not a time/, 2, 'timestamp'));
  it('an unknown event name', () =>
    expectError(file('ev.csv', HEADER + ',m,,sms/US,,sent,,2026-10-01T10:00:00Z,,\n,m,,sms/US,,bounced,,2026-10-01T10:00:00Z,,\n'), /unknown event "bounced"/, 3, 'event'));
  it('a bad route', () => expectError(file('route.csv', HEADER + ',m,,SMS-US,,sent,,2026-10-01T10:00:00Z,,\n'), /not a route/, 2, 'route'));
  it('an empty file', () => expectError(file('empty.csv', ''), /empty/, null, null));
  it('a header and no events', () => expectError(file('header.csv', HEADER), /no events/, null, null));
  it('a binary file', () => expectError(file('bin.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])), /binary/, 1, null));
  it('a file that is not UTF-8', () =>
    expectError(file('latin1.csv', Buffer.concat([Buffer.from(HEADER), Buffer.from(',caf\xe9,,sms/US,,sent,,2026-10-01T10:00:00Z,,\n', 'latin1')])), /not UTF-8/, 2, null));
  it('a JSON Lines file with a broken line', () =>
    expectError(file('broken.jsonl', '{"messageId":"a","route":"sms/US","event":"sent","timestamp":1790000000}\n{oops\n'), /not a JSON object/, 2, null));
  it('a JSON Lines event without its message id names the JSON key', () => expectError(file('nokey.jsonl', '{"route":"sms/US","event":"sent","timestamp":1790000000}\n'), /missing/, 1, 'messageId'));

  it('reads a BOM, CRLF line ends and quoted newlines', async () => {
    const p = file('crlf.csv', '\uFEFF' + HEADER.replace('\n', '\r\n') + ',"m\r\n1",,sms/US,,sent,,2026-10-01T10:00:00Z,,\r\n,m2,,sms/US,,sent,,2026-10-01T10:00:00Z,,\r\n');
    const r = await importOf(p);
    expect(r.counts['sms/US']!.sent).toBe(2);
  });

  it('never crashes on mutated files: an ImportError or a result, nothing else', async () => {
    const base = readFileSync(PILOT);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat(base.length), async (edits, cut) => {
        const bytes = Buffer.from(base.subarray(0, Math.max(1, cut)));
        for (const [i, b] of edits) if (i < bytes.length) bytes[i] = b;
        const p = file('mutant.csv', bytes);
        try {
          const r = await importOf(p);
          expect(r.events).toBeGreaterThan(0);
        } catch (e) {
          expect(e).toBeInstanceOf(ImportError);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('the import operation', () => {
  it('adds the pilot to the vendor and the holdout to the stream in one edit that undo takes back', async () => {
    const w = await workspace();
    const before = ((await app.dispatch('workspace.get', { handle: w.handle })) as any).value as WorkspaceState;
    const r = await app.dispatch('import', { handle: w.handle, path: PILOT, vendorId: 'C' });
    expect(r.ok).toBe(true);
    const out = (r as { value: ImportOutput }).value;
    const c = out.state.document.vendors.find((v) => v.id === 'C')!;
    expect(c.pilots).toEqual([{ channel: 'sms', country: 'US', class: null, sent: 3, delivered: 2, failed: { '30007': 1 }, engaged: 1, converted: 1, optedOut: 0, complained: 0 }]);
    expect(out.state.document.streams[0]!.benefits!.holdout).toEqual({ exposed: [1, 3], holdout: [1, 2], vendor: 'C' });
    expect(out.state.history.undoLabel).toMatch(/^Import .*pilot\.csv into Vendor C \(email \+ SMS, US only\)$/);
    const undone = ((await app.dispatch('history.undo', { handle: w.handle })) as any).value as WorkspaceState;
    expect(undone.document).toEqual(before.document);
  });

  it('changes nothing when the file fails, and names the file and line', async () => {
    const w = await workspace();
    const sha = readFileSync(w.path);
    const bad = file('bad.csv', readFileSync(PILOT, 'utf8') + ',z,,sms/US,,sent,,not-a-time,,\n');
    const r = await app.dispatch('import', { handle: w.handle, path: bad, vendorId: 'A' });
    expect(r.ok).toBe(false);
    expect((r as any).error).toMatchObject({ code: 'INVALID_INPUT', field: 'timestamp' });
    expect((r as any).error.message).toContain(`${bad}: line 14: timestamp`);
    expect(readFileSync(w.path).equals(sha)).toBe(true);
    expect(((await app.dispatch('import', { handle: w.handle, path: PILOT, vendorId: 'Z' })) as any).error).toMatchObject({ code: 'NOT_FOUND', field: 'vendorId' });
  });

  it('tco import prints the FORMAT.md --json keys', async () => {
    const w = await workspace();
    app.closeAll();
    const copy = join(dir, 'cli.tcows');
    copyFileSync(w.path, copy);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['import', copy, PILOT, '--vendor', 'B', '--json'], { out: (t) => out.push(t), err: (t) => err.push(t) });
    expect(code, err.join()).toBe(0);
    const j = JSON.parse(out.join(''));
    // FORMAT.md v1.2's keys, in its order, then ours: `repeated` (routes whose pilots this import repeats; none here).
    expect(Object.keys(j)).toEqual(['file', 'events', 'duplicates', 'messages', 'anomalies', 'counts', 'ignored', 'untimed', 'repeated']);
    expect({ ignored: j.ignored, untimed: j.untimed }).toEqual({ ignored: {}, untimed: 0 }); // pilot.csv: every row an event with a time
    expect(j.repeated).toEqual([]);
    expect(j.counts['sms/US'].holdout).toEqual({ members: 2, converted: 1 });
    const bad = await runCli(['import', copy, PILOT], { out: () => {}, err: (t) => err.push(t) });
    expect(bad).toBe(2);
    expect(err.at(-1)).toMatch(/--vendor/);
  });
});
