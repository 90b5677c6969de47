import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PGlite boots a WebAssembly Postgres per file and migrations run for real: allow time.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
