/**
 * Fuzzing the JSON Lines importers with 10,000 mutated files each (test/fuzz/import-harness.ts):
 * the generic event JSON Lines, Twilio BulkExport, SendGrid's Event Webhook and WhatsApp Cloud webhook bodies (records nested in arrays). An ImportError
 * naming the file, line and field, or a whole result; nothing else.
 */
import { describe, it } from 'vitest';
import { TARGETS, fuzzImporter } from './import-harness.js';

// Side by side: much of an import is spent waiting on the file system's thread pool.
describe('the JSON Lines importers under 10,000 mutated files each', () => {
  it.concurrent.each(TARGETS.filter((t) => t.kind === 'jsonl').map((t) => [t.name, t] as const))('%s', async (_name, t) => fuzzImporter(t), 300_000);
});
