import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CPU-bound simulations; on a loaded 2-core machine they can take tens of seconds.
    testTimeout: 60_000,
  },
});
