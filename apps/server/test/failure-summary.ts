import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * One line per failed test, printed after vitest's own summary: file, test, the first line of
 * its first error and where it was thrown. CI keeps only the end of a long log, and a failure
 * that makes the tests after it fail too used to push its own report out of what was kept: the
 * cause was lost and only its consequences were left to read.
 */
export default class FailureSummary implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const mod of testModules) {
      const file = relative(process.cwd(), mod.moduleId);
      for (const test of mod.children.allTests('failed')) {
        const error = test.result().errors?.[0];
        const message = (error?.message ?? 'failed').split('\n')[0]!.slice(0, 300);
        // The first frame in a test file is where the test itself stopped.
        const at = /[^\s(]+\.test\.ts:\d+:\d+/.exec(error?.stack ?? '')?.[0];
        lines.push(`  ${file} > ${test.fullName}\n      ${message}${at ? `  (${relative(process.cwd(), at.replace(/^file:\/\//, ''))})` : ''}`);
      }
    }
    if (lines.length === 0) return;
    process.stdout.write(`\nFailed, in the order they ran (${lines.length}):\n${lines.join('\n')}\n`);
  }
}
