/**
 * Fuzzing the JSON document importers with 10,000 mutated files each (test/fuzz/import-harness.ts):
 * a pretty-printed array of webhook bodies (Postmark), objects run together with no separator
 * (AWS End User Messaging through Firehose) and a document whose records are JSON strings (SNS SMS
 * logs). An ImportError naming the file, line and field, or a whole result; nothing else.
 */
import { describe, it } from 'vitest';
import { TARGETS, fuzzImporter } from './import-harness.js';

// Side by side: much of an import is spent waiting on the file system's thread pool.
describe('the JSON document importers under 10,000 mutated files each', () => {
  it.concurrent.each(TARGETS.filter((t) => t.kind === 'json').map((t) => [t.name, t] as const))('%s', async (_name, t) => fuzzImporter(t), 300_000);
});
