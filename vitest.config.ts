import { configDefaults, defineConfig } from 'vitest/config';

/** The keystroke latency is measured alone, after every other test file (they run two at a time). */
const LATENCY = 'test/e2e/latency.e2e.test.ts';

export default defineConfig({
  test: {
    fileParallelism: true,
    testTimeout: 60_000,
    pool: 'threads',
    // fast-check's seed: fixed unless PROPERTY_RANDOM is set (test/setup/property-seed.ts).
    setupFiles: ['test/setup/property-seed.ts'],
    projects: [
      { extends: true, test: { name: 'tests', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, LATENCY], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'latency', include: [LATENCY], sequence: { groupOrder: 1 } } },
    ],
  },
});
