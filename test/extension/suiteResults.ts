/**
 * What the extension-host suite reports and how: one console line, `MARKER {json}`, which the
 * e2e runner (test/e2e/runExtensionTests.ts) picks out of the forwarded console.
 */
export const RESULTS_MARKER = '@@invoice-doctor-results';

export interface TestFailure {
  title: string;
  message: string;
}

export interface SuiteResults {
  passed: number;
  failed: number;
  skipped: number;
  failures: TestFailure[];
}

export function formatResultsLine(results: SuiteResults): string {
  return `${RESULTS_MARKER} ${JSON.stringify(results)}`;
}

/** The results in one console line, or undefined when the line is something else. */
export function parseResultsLine(line: string): SuiteResults | undefined {
  const start = line.indexOf(RESULTS_MARKER);
  if (start === -1) {
    return undefined;
  }
  return JSON.parse(line.slice(start + RESULTS_MARKER.length)) as SuiteResults;
}
