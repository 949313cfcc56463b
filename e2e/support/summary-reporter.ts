import { writeFileSync } from "node:fs";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

/**
 * Playwright's own summary spreads counts over several lines; CI reads one closing line. This prints
 * `playwright: N passed, N failed, N skipped` and writes the counts for the test runner to add up.
 */
export default class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, TestResult["status"]>();

  constructor(private readonly options: { outputFile: string }) {}

  onTestEnd(test: TestCase, result: TestResult): void {
    this.outcomes.set(test.id, result.status);
  }

  onEnd(result: FullResult): void {
    const statuses = [...this.outcomes.values()];
    const counts = {
      passed: statuses.filter((s) => s === "passed").length,
      failed: statuses.filter((s) => s === "failed" || s === "timedOut" || s === "interrupted").length,
      skipped: statuses.filter((s) => s === "skipped").length,
    };
    if (result.status !== "passed" && counts.failed === 0) counts.failed = 1;
    writeFileSync(this.options.outputFile, JSON.stringify(counts));
    console.log(`playwright: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
