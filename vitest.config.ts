import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: true,
    testTimeout: 60_000,
    pool: 'threads',
  },
});
