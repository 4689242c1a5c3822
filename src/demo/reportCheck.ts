import type { DemoEndpoint } from './gateway';

/**
 * Checks the human report the demo printed against what each demo endpoint is built to show,
 * so `npm start` fails loudly when the probe and the demo drift apart.
 */
const ANSI = /\u001b\[[0-9;]*m/g;
const ENDPOINT_LINE = /^[✔▲✖] /;

/** One message per endpoint whose part of the report is not what it should be. */
export function reportMismatches(report: string, expectations: readonly DemoEndpoint[]): string[] {
  const lines = report.replace(ANSI, '').split('\n');
  const mismatches: string[] = [];
  for (const { endpoint, expectedCode } of expectations) {
    const start = lines.findIndex((line) => ENDPOINT_LINE.test(line) && line.slice(2).startsWith(`${endpoint.name} `));
    if (start === -1) {
      mismatches.push(`"${endpoint.name}" is missing from the report`);
      continue;
    }
    const end = lines.findIndex((line, index) => index > start && !line.startsWith(' '));
    const block = lines.slice(start, end === -1 ? undefined : end);
    const shown = expectedCode === null ? block[0].startsWith('✔') : block.some((line) => line.split(/\s+/).includes(expectedCode));
    if (!shown) mismatches.push(`"${endpoint.name}" should show ${expectedCode ?? 'up (✔)'}, the report says: ${block.join(' / ').replace(/\s+/g, ' ')}`);
  }
  return mismatches;
}
