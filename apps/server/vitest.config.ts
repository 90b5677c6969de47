import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests on the real clock wait out the demo branch's midnight (Asia/Shanghai) instead of failing.
    setupFiles: ['test/setup-midnight.ts'],
    // CI keeps the end of the log: a one-line-per-failure list there names the first failure too.
    reporters: ['default', './test/failure-summary.ts'],
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration files each start a whole server; two at a time is what 2 cores carry.
    maxWorkers: 2,
  },
});
