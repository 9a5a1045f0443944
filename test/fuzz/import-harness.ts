/**
 * The importers' fuzz (test/fuzz/importers-csv.test.ts, importers-jsonl.test.ts): 10,000 generated
 * files for each importer: the generic event CSV, its JSON Lines, each vendor preset (Twilio's
 * message log, Twilio BulkExport, SendGrid's Event Webhook) and a custom CSV through a column
 * mapping (whose mapping is itself mutated in one input in five), and JSON documents and nested
 * webhook bodies through the vendor presets (WhatsApp, Postmark's array, AWS's objects run
 * together, SNS logs whose entries are JSON strings). Each input is a valid sample file
 * mutated: bytes flipped, cut, deleted, lines duplicated or swapped, quotes, line ends, BOM, NUL,
 * delimiters and long runs inserted; a CSV field or a JSON Lines value replaced by a nasty one.
 * Every import either gives a whole, consistent result or fails with an ImportError naming the file
 * (and the line and field where there are ones): never a TypeError, a RangeError or anything else,
 * and never slowly. (Two files so that vitest runs them on two workers.)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, expect } from 'vitest';
import { ImportError, importEvents, type ColumnMapping, type ImportResult } from '../../electron/import/index.js';
import { BUILTIN_ERROR_TEXT, applyByteEdits, applyValueEdits, byteEdits, jsonValue, valueEdits, type Json } from './mutate.js';

/** FUZZ_RUNS sets fewer for a quick look; the suite runs 10,000. */
export const IMPORT_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const NOW = Date.UTC(2026, 10, 23, 12);
// In memory where there is a tmpfs (Linux): 60,000 files are written in turn.
const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tco-fuzz-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (name: string) => readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url));
const vendorFixture = (name: string) => fixture(`vendors/${name}`);

const pilotCsv = fixture('pilot.csv');
const pilotJsonl = Buffer.from(
  pilotCsv
    .toString('utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [eventId, messageId, recipient, route, cohort, event, failureReason, timestamp] = l.split(',');
      return JSON.stringify({ eventId, messageId, recipient, route, cohort, event, failureReason, timestamp });
    })
    .join('\n'),
);

const MAPPING: ColumnMapping = {
  columns: { messageId: 'Message ID', recipient: 'Phone', cohort: 'Group', event: 'Status', failureReason: 'Reason', timestamp: 'Time', price: 'Cost' },
  events: { SENT: 'sent', DLVRD: 'delivered', UNDELIV: 'failed', CLICK: 'clicked', CTRL: 'held_out', CONV: 'converted', EXPIRED: null },
  cohorts: { test: 'exposed', control: 'holdout' },
  defaults: { route: 'sms/DE' },
};

export interface Target {
  name: string;
  format: string;
  /** json: a whole JSON document (or objects run together), edited as one value. */
  kind: 'csv' | 'jsonl' | 'json';
  base: Buffer;
  mapping?: ColumnMapping;
}

export const TARGETS: Target[] = [
  { name: 'the generic event CSV', format: 'events-csv', kind: 'csv', base: pilotCsv },
  { name: 'the generic JSON Lines', format: 'events-jsonl', kind: 'jsonl', base: pilotJsonl },
  { name: 'Twilio’s message log (twilio-messages-csv)', format: 'twilio-messages-csv', kind: 'csv', base: fixture('twilio-messages.csv') },
  { name: 'Twilio BulkExport (twilio-bulkexport-jsonl)', format: 'twilio-bulkexport-jsonl', kind: 'jsonl', base: fixture('twilio-bulkexport.jsonl') },
  { name: 'SendGrid’s Event Webhook (sendgrid-events-jsonl)', format: 'sendgrid-events-jsonl', kind: 'jsonl', base: fixture('sendgrid-events.jsonl') },
  { name: 'a custom CSV through a column mapping', format: 'events-csv', kind: 'csv', base: fixture('custom-semicolon.csv'), mapping: MAPPING },
  { name: 'WhatsApp Cloud webhook bodies, records nested in arrays (whatsapp-cloud-statuses)', format: 'whatsapp-cloud-statuses', kind: 'jsonl', base: vendorFixture('whatsapp-cloud-statuses.jsonl') },
  { name: 'Postmark webhooks in one pretty-printed JSON array (postmark-webhooks)', format: 'postmark-webhooks', kind: 'json', base: vendorFixture('postmark-webhooks.json') },
  {
    name: 'AWS End User Messaging SMS events run together as Firehose writes them (aws-eum-sms-events)',
    format: 'aws-eum-sms-events',
    kind: 'json',
    base: vendorFixture('aws-eum-sms-events.src.json'),
  },
  { name: 'SNS SMS delivery logs, entries as JSON strings in a document (sns-sms-delivery-logs)', format: 'sns-sms-delivery-logs', kind: 'json', base: vendorFixture('sns-sms-delivery-logs.json') },
];

/** Values a field may be given: edges of times, numbers, ids, routes and statuses. */
const NASTY_FIELD = fc.constantFrom(
  '',
  ' ',
  '"',
  '""',
  '"a,b"',
  'null',
  '0',
  '-1',
  '1e999',
  '99999999999',
  '9999999999999',
  '1791219600.9999999',
  '2026-02-30T00:00:00Z',
  '2026-10-05T24:00:00Z',
  '2026-10-05T10:00:00',
  '2026-10-05T10:00:00+25:00',
  '2026-10-05 10:00:00 UTC',
  'Mon, 05 Oct 2026 17:00:09 +0000',
  'Feb 30 2026',
  '+275760-09-13T00:00:00Z',
  'sms/US',
  'sms//',
  'whatsapp/IN/marketing',
  'email',
  'fax/US',
  'held_out',
  'converted',
  'holdout',
  'HOLDOUT',
  'sent',
  'DELIVERED',
  'queued',
  'x'.repeat(5000),
  '\u00e9\u0301',
  '😀',
);

const csvFieldEdit = fc.record({ line: fc.nat(), field: fc.nat(), value: NASTY_FIELD });
const jsonlLineEdit = fc.record({ line: fc.nat(), edits: valueEdits });
const mappingEdits = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.record({ kind: fc.constant('set' as const), path: fc.array(fc.nat(), { maxLength: 4 }), value: jsonValue }), { minLength: 1, maxLength: 2 }) },
);

/** Replace field `field` of line `line` (split on the file's delimiter, quotes ignored: a fuzz, not a parser). */
function editCsvField(b: Buffer, e: { line: number; field: number; value: string }): Buffer {
  const text = b.toString('latin1');
  const lines = text.split('\n');
  const i = e.line % lines.length;
  const delim = lines[0]!.includes(';') ? ';' : ',';
  const fields = lines[i]!.split(delim);
  fields[e.field % fields.length] = Buffer.from(e.value, 'utf8').toString('latin1');
  lines[i] = fields.join(delim);
  return Buffer.from(lines.join('\n'), 'latin1');
}

/** Apply value edits to the JSON of line `line` (left as it is when it does not parse). */
function editJsonlLine(b: Buffer, e: { line: number; edits: Parameters<typeof applyValueEdits>[1] }): Buffer {
  const lines = b.toString('utf8').split('\n');
  const i = e.line % lines.length;
  let v: Json;
  try {
    v = JSON.parse(lines[i]!) as Json;
  } catch {
    return b;
  }
  lines[i] = JSON.stringify(applyValueEdits(v, e.edits));
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** Apply value edits to the whole document (left as it is when it does not parse as one value), pretty-printed again. */
function editJsonDocument(b: Buffer, e: { line: number; edits: Parameters<typeof applyValueEdits>[1] }): Buffer {
  let v: Json;
  try {
    v = JSON.parse(b.toString('utf8')) as Json;
  } catch {
    return b;
  }
  return Buffer.from(JSON.stringify(applyValueEdits(v, e.edits), null, 2), 'utf8');
}

type Outcome = { ok: true; result: ImportResult } | { ok: false; error: ImportError };

async function attempt(path: string, t: Target, mapping: unknown): Promise<Outcome> {
  try {
    const options = { format: t.format, now: NOW, ...(mapping !== undefined ? { mapping: mapping as ColumnMapping } : {}) };
    return { ok: true, result: await importEvents(path, options) };
  } catch (e) {
    if (!(e instanceof ImportError)) throw e; // a crash: the property fails with it
    return { ok: false, error: e };
  }
}

/** A check in the inner loop: plain, since expect() costs more than a small import. */
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

function checkError(e: ImportError, path: string): void {
  const at = `${e.code} ${JSON.stringify(e.message)}`;
  check(['FILE_ERROR', 'INVALID_FILE', 'INVALID_MAPPING'].includes(e.code), `unexpected code: ${at}`);
  check(e.file === path, `the error names another file: ${at}`);
  check(e.message.startsWith(`${path}: `), `the message does not start with the file: ${at}`);
  if (e.line !== null) check(Number.isInteger(e.line) && e.line >= 1 && e.message.includes(`: line ${e.line}: `), `the line is not in the message: ${at}`);
  if (e.field) check(e.message.includes(`: ${e.field}: `), `the field is not in the message: ${at}`);
  check(e.detail.length > 0, `no detail: ${at}`);
  check(!BUILTIN_ERROR_TEXT.test(e.message), `a built-in error's text: ${at}`);
}

function checkWhole(r: ImportResult, path: string, lines: number): void {
  const at = JSON.stringify(r).slice(0, 300);
  check(r.file === path, `the result names another file: ${at}`);
  check(r.events > 0 && r.duplicates < r.events && r.messages > 0 && r.messages <= r.events - r.duplicates, `inconsistent totals: ${at}`);
  for (const c of Object.values(r.counts)) {
    const failed = Object.values(c.failed).reduce((a, b) => a + b, 0);
    check(c.delivered + failed <= c.sent, `more delivered and failed than sent: ${at}`);
    for (const k of ['engaged', 'converted', 'optedOut', 'complained'] as const) check(c[k] <= c.sent, `more ${k} than sent: ${at}`);
    if (c.holdout) check(c.holdout.converted <= c.holdout.members, `more holdout conversions than members: ${at}`);
  }
  for (const a of r.anomalies) check(a.line >= 1 && a.line <= lines, `an anomaly off the file's lines: ${at}`);
}

/** Run the fuzz of one target: 10,000 mutated files, every outcome checked; the counts seen. */
export async function fuzzImporter(t: Target): Promise<void> {
  const path = join(dir, `${t.format}${t.mapping ? '-mapped' : ''}.${t.kind}`);
  writeFileSync(path, t.base);
  expect((await attempt(path, t, t.mapping)).ok, 'the sample file imports').toBe(true);
  const seen = { ok: 0, error: 0, mappingError: 0 };
  let tried = 0;
  let slowest = 0;
  const mutation = fc.record({
    bytes: fc.option(byteEdits, { freq: 3, nil: null }),
    field: t.kind === 'csv' ? fc.option(fc.array(csvFieldEdit, { minLength: 1, maxLength: 3 }), { freq: 2, nil: null }) : fc.constant(null),
    line: t.kind !== 'csv' ? fc.option(fc.array(jsonlLineEdit, { minLength: 1, maxLength: 2 }), { freq: 2, nil: null }) : fc.constant(null),
    mapping: t.mapping ? mappingEdits : fc.constant(null),
  });
  await fc.assert(
    fc.asyncProperty(mutation, async (m) => {
      let b = t.base;
      for (const e of m.field ?? []) b = editCsvField(b, e);
      for (const e of m.line ?? []) b = t.kind === 'json' ? editJsonDocument(b, e) : editJsonlLine(b, e);
      if (m.bytes) b = applyByteEdits(b, m.bytes);
      if (!m.field && !m.line && !m.bytes) b = applyByteEdits(b, [{ kind: 'cut', at: b.length >> 1 }]);
      writeFileSync(path, b);
      const mapping = t.mapping && m.mapping ? applyValueEdits(t.mapping as unknown as Json, m.mapping) : t.mapping;
      const start = performance.now();
      const r = await attempt(path, t, mapping);
      slowest = Math.max(slowest, performance.now() - start);
      tried++;
      if (r.ok) {
        seen.ok++;
        checkWhole(r.result, path, b.toString('latin1').split(/\r\n|\r|\n/).length);
      } else {
        if (r.error.code === 'INVALID_MAPPING') seen.mappingError++;
        else seen.error++;
        checkError(r.error, path);
      }
    }),
    { numRuns: IMPORT_RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261123) },
  );
  expect(tried).toBe(IMPORT_RUNS);
  // (Scaled to the runs: FUZZ_RUNS=1000 for a quick look.)
  expect(seen.ok).toBeGreaterThan(IMPORT_RUNS / 100);
  expect(seen.error).toBeGreaterThan(IMPORT_RUNS / 10);
  if (t.mapping) expect(seen.mappingError).toBeGreaterThan(IMPORT_RUNS / 100);
  expect(slowest).toBeLessThan(2000);
  console.log(`fuzz import ${t.format}${t.mapping ? ' (mapped)' : ''}: ${tried} inputs, ${JSON.stringify(seen)}, slowest ${slowest.toFixed(1)} ms`);
}
