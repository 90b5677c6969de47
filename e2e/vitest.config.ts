import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests on the real clock wait out the demo branch's midnight (Asia/Shanghai) instead of failing.
    setupFiles: ['../apps/server/test/setup-midnight.ts'],
    // CI keeps the end of the log: a one-line-per-failure list there names the first failure too.
    reporters: ['default', '../apps/server/test/failure-summary.ts'],
    include: ['tests/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A screen answering a click can take seconds while CI loads both cores: polls wait up to 10 s
    // (the default 1 s failed a save that showed "已保存。" a moment later). A pass is not slower.
    expect: { poll: { timeout: 10_000 } },
    // One browser and one server at a time: 2 cores.
    fileParallelism: false,
  },
});
