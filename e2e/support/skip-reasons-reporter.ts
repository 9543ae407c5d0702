import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Prints why skipped tests were skipped (their `test.skip(…, reason)`), which the list reporter
 * leaves out, so a run on a machine without e.g. an Electron binary says so plainly. Tests that
 * share a file and a reason are listed under one line.
 */
export default class SkipReasonsReporter implements Reporter {
  private readonly byReason = new Map<string, string[]>();
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
    if (reasons.length === 0) {
      this.notRun += 1;
      return;
    }
    const file = test.location.file.split(/[\\/]/).pop() ?? test.location.file;
    const key = `${file}: ${[...new Set(reasons)].join('; ')}`;
    this.byReason.set(key, [...(this.byReason.get(key) ?? []), test.title]);
  }

  onEnd(): void {
    if (this.byReason.size > 0) {
      const lines = [...this.byReason].map(
        ([reason, titles]) => `  - ${reason}\n${titles.map((title) => `      · ${title}`).join('\n')}`,
      );
      console.log(`\nSkipped UI tests, and why:\n${lines.join('\n')}`);
    }
    if (this.notRun > 0)
      console.log(`\n${this.notRun} UI test(s) did not run because an earlier test in their serial group failed.`);
  }
}
