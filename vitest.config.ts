import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: true,
    testTimeout: 60_000,
    pool: 'threads',
    // fast-check's seed: fixed unless PROPERTY_RANDOM is set (test/setup/property-seed.ts).
    setupFiles: ['test/setup/property-seed.ts'],
  },
});
