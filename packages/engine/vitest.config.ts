import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property and simulation tests are CPU-bound; on a loaded 2-core machine 5 s is too tight.
    // Time is never asserted here, so a generous limit only guards against hangs.
    testTimeout: 60_000,
  },
});
