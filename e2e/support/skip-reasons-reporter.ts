import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Prints why each skipped test was skipped (its `test.skip(…, reason)`), which the list reporter
 * leaves out, so a run on a machine without e.g. an Electron binary says so plainly.
 */
export default class SkipReasonsReporter implements Reporter {
  private readonly skipped: string[] = [];
  private notRun = 0;

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reasons = [...test.annotations, ...result.annotations]
      .filter((annotation) => annotation.type === 'skip' || annotation.type === 'fixme')
      .map((annotation) => annotation.description ?? '')
      .filter((reason) => reason.length > 0);
    // A serial group stops at its first failure; the tests after it are "skipped" with no reason.
    if (reasons.length === 0) this.notRun += 1;
    else this.skipped.push(`  - ${test.titlePath().filter(Boolean).join(' › ')}: ${[...new Set(reasons)].join('; ')}`);
  }

  onEnd(): void {
    if (this.skipped.length > 0) console.log(`\nSkipped UI tests (${this.skipped.length}):\n${this.skipped.join('\n')}`);
    if (this.notRun > 0) console.log(`\n${this.notRun} UI test(s) did not run because an earlier test in their serial group failed.`);
  }
}
