/**
 * Vendors' files as Excel and Windows tools save them.
 * - UTF-16 (Excel's "Unicode Text", tab-separated): read as the same file in UTF-8 is (source.ts
 *   decodes them as they are read), little- and big-endian, CSV and JSON Lines, in chunks of any
 *   size (code units and surrogate pairs cut by a read); one without its byte order mark, or not
 *   UTF-16 throughout, is named as such with what to do.
 * - A first line "sep=;" (Excel's way of naming a CSV's delimiter): the delimiter, not a record;
 *   lines are still counted from the file's first.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { importFailure } from '../fixtures/import-failure.js';
import { ImportError, importEvents, type ImportOptions } from '../../electron/import/index.js';
import { previewFile } from '../../electron/import/preview.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-import-excel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (name: string) => readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url), 'utf8');
let n = 0;
const file = (name: string, bytes: Buffer) => {
  const p = join(dir, `${++n}-${name}`);
  writeFileSync(p, bytes);
  return p;
};
const NOW = Date.UTC(2026, 11, 7, 12);

/** UTF-16 with its byte order mark, as Windows writes it. */
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.from(utf16le(text)).swap16();

/** The CSV as Excel saves it as "Unicode Text": tab-separated, quoted only where a field needs it. */
function asExcelUnicodeText(csv: string): string {
  const rows = parse(csv, { relax_column_count: true }) as string[][];
  return rows.map((r) => r.map((f) => (/[\t"\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join('\t')).join('\r\n') + '\r\n';
}

/** What an import found, without the file's name. */
async function found(p: string, options: Partial<ImportOptions>) {
  const result: Partial<Awaited<ReturnType<typeof importEvents>>> = await importEvents(p, { now: NOW, ...options });
  delete result.file;
  return result;
}

const refusal = (p: string, options: Partial<ImportOptions>): Promise<ImportError> => importFailure(p, { now: NOW, ...options });

const TWILIO = { format: 'twilio-messages-csv' };

describe('UTF-16 files', () => {
  it("Twilio's message log saved by Excel as Unicode Text (UTF-16LE, tabs) counts as the CSV it was", async () => {
    const csv = fixture('twilio-messages.csv');
    const want = await found(file('twilio.csv', Buffer.from(csv)), TWILIO);
    // The fixture's 8 events of 7 messages (one repeated), as the UTF-8 file counts them.
    expect([want.events, want.messages, want.duplicates]).toEqual([8, 7, 1]);
    expect(await found(file('twilio.txt', utf16le(asExcelUnicodeText(csv))), TWILIO)).toEqual(want);
    expect(await found(file('twilio-be.txt', utf16be(csv)), TWILIO)).toEqual(want);
  });

  it('SendGrid events as UTF-16 JSON Lines, and the preview tells JSON from the first character', async () => {
    const text = fixture('sendgrid-events.jsonl');
    const options = { format: 'sendgrid-events-jsonl' };
    const want = await found(file('sg.jsonl', Buffer.from(text)), options);
    const p = file('sg-utf16.txt', utf16le(text));
    expect(await found(p, options)).toEqual(want);
    expect((await previewFile(p, { now: NOW })).kind).toBe('jsonl');
  });

  it('read in chunks of 1 to 40 bytes: code units and surrogate pairs cut by a read, the same counts', async () => {
    // A body with an emoji (a surrogate pair in UTF-16) and accents, in a tab-separated file.
    const csv = fixture('twilio-messages.csv').replace('Your code is 123456', 'Ça marche 😀 — code 123456');
    const want = await found(file('emoji.csv', Buffer.from(csv)), TWILIO);
    const p = file('emoji.txt', utf16le(asExcelUnicodeText(csv)));
    for (let c = 1; c <= 40; c++) expect(await found(p, { ...TWILIO, chunkBytes: c }), `chunks of ${c}`).toEqual(want);
  });

  it('UTF-16 without its byte order mark is named so, not called binary', async () => {
    const e = await refusal(file('nomark.csv', Buffer.from(fixture('twilio-messages.csv'), 'utf16le')), TWILIO);
    expect(e.message).toMatch(/: the file looks like UTF-16 text without a byte order mark: save it as UTF-8/);
  });

  it('a lone surrogate after the mark: not UTF-16 throughout, save it as UTF-8', async () => {
    const bad = Buffer.concat([utf16le('From,To\n'), Buffer.from([0x00, 0xd8]), Buffer.from('x\n', 'utf16le')]);
    const e = await refusal(file('lone.csv', bad), TWILIO);
    expect(e.code).toBe('INVALID_FILE');
    expect(e.message).toMatch(/: the file is not UTF-16 text throughout .*save it again as UTF-8/);
  });
});

describe('a "sep=" line before the header', () => {
  it("Twilio's log with Excel's sep=, line counts as without it", async () => {
    const csv = fixture('twilio-messages.csv');
    const want = await found(file('plain.csv', Buffer.from(csv)), TWILIO);
    expect(await found(file('sep.csv', Buffer.from(`sep=,\r\n${csv}`)), TWILIO)).toEqual(want);
  });

  it('names a delimiter the header alone would not (pipes, with commas in a column name)', async () => {
    // Counted, the comma would win (four commas against three pipes); the sep line says the pipe.
    const text = 'sep=|\nmessage_id|route,a,b,c,d|event|timestamp\nm1|sms/US|sent|2026-10-01T10:00:00Z\n';
    const mapping = { columns: { messageId: 'message_id', route: 'route,a,b,c,d', event: 'event', timestamp: 'timestamp' } };
    const r = await found(file('pipes.csv', Buffer.from(text)), { mapping });
    expect(r.counts).toEqual({ 'sms/US': expect.objectContaining({ sent: 1 }) });
  });

  it('an error after it names the line of the file, in chunks of 1 to 40 bytes', async () => {
    const text = 'sep=;\r\nmessage_id;route;event;timestamp\r\nm1;sms/US;sent;2026-10-01T10:00:00Z\r\nm2;sms/US;sent;yesterday\r\n';
    const mapping = { columns: { messageId: 'message_id', route: 'route', event: 'event', timestamp: 'timestamp' } };
    const p = file('sep-bad.csv', Buffer.from(text));
    for (let c = 1; c <= 40; c++) {
      const e = await refusal(p, { mapping, chunkBytes: c });
      // Line 4: sep=; is line 1, the header 2, the good record 3.
      expect([e.line, e.field], `chunks of ${c}`).toEqual([4, 'timestamp']);
    }
  });
});
