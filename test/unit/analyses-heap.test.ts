/**
 * The analyses thread's heap (electron/services/analyses.ts): it starts with a young generation of
 * 96 MB, as V8 reports it for the running thread, where Node 20's default would be 48 MB.
 */
import { describe, expect, it } from 'vitest';
import { ANALYSES_YOUNG_GENERATION_MB, startWorker } from '../../electron/services/analyses.js';

describe("the analyses thread's heap", () => {
  it('has a young generation of 96 MB', async () => {
    const w = startWorker();
    try {
      await new Promise<void>((ok, fail) => {
        w.once('online', ok);
        w.once('error', fail);
      });
      expect(ANALYSES_YOUNG_GENERATION_MB).toBe(96);
      expect(w.resourceLimits?.maxYoungGenerationSizeMb).toBe(96);
    } finally {
      await w.terminate();
    }
  }, 60_000);
});
