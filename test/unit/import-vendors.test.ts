/**
 * Every vendor format of FORMAT.md v1.2 on its fixture, as the vendor delivers the file (gzip,
 * concatenated JSON, pretty-printed arrays, webhook bodies, SNS-wrapped records, JSON strings
 * inside documents), against the counts worked out by hand for it.
 *
 * The fixtures, their README (sources, paths, status tables) and expected.json with its
 * arithmetic (EXPECTED.md) are the vendor-format research's, in test/fixtures/events/vendors/.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importEvents, type ImportResult } from '../../electron/import/index.js';

const dir = new URL('../fixtures/events/vendors/', import.meta.url);
interface Expected extends Omit<ImportResult, 'file'> {
  format: string;
  now: string;
}
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Record<string, Expected>;

describe('vendor formats on their fixtures (counts by hand in EXPECTED.md)', () => {
  for (const [name, e] of Object.entries(expected)) {
    it(`${e.format}: ${name}`, async () => {
      const file = new URL(name, dir).pathname;
      const r = await importEvents(file, { format: e.format, now: Date.parse(e.now) });
      const want: Partial<Expected> = { ...e };
      delete want.format;
      delete want.now;
      const got: Partial<ImportResult> = { ...r };
      delete got.file;
      // An empty ignored or a zero untimed is the same as none.
      if (want.ignored && Object.keys(want.ignored).length === 0) delete want.ignored;
      if (want.untimed === 0) delete want.untimed;
      expect(got).toEqual(want);
    });
  }

  it('reads the same counts in chunks of 7 bytes (gzip and JSON values cut anywhere)', async () => {
    for (const name of ['aws-eum-sms-events.json.gz', 'postmark-webhooks.json', 'whatsapp-cloud-statuses.jsonl', 'sns-sms-delivery-logs.json']) {
      const e = expected[name]!;
      const file = new URL(name, dir).pathname;
      const whole = await importEvents(file, { format: e.format, now: Date.parse(e.now) });
      expect(await importEvents(file, { format: e.format, now: Date.parse(e.now), chunkBytes: 7 })).toEqual(whole);
    }
  });
});
