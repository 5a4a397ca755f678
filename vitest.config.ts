import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // End-to-end suites share one Docker engine on a 2-core machine: run files one at a time.
    fileParallelism: !process.argv.some((a) => a.includes('test/e2e')),
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
