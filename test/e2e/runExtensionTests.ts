/**
 * Runs test/extension (bundled to out/test/index.js) inside a real VS Code: code-server on
 * loopback, its web workbench in headless chromium, the suite in code-server's extension host.
 * Streams the suite's console to stdout and writes the counts to a JSON file for scripts/test.mjs.
 *
 *   node --import tsx test/e2e/runExtensionTests.ts [--results FILE] [--timeout-ms N]
 *
 * Exits 0 only when the suite reported its results and none failed.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { parseResultsLine, type SuiteResults } from '../extension/suiteResults';
import { launchChromium } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { codeServerEntry, extensionDevelopmentPath, EXTENSION_TESTS_BUNDLE, TEST_RESULTS_DIR } from './paths';
import { prepareTestWorkspace, type TestWorkspace } from './testWorkspace';
import { openWorkbench, waitForWorkbench } from './workbench';

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

interface RunReport extends SuiteResults {
  /** Seconds per phase, for the "where does the time go" line. */
  timings: Record<string, number>;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      results: { type: 'string', default: path.join(TEST_RESULTS_DIR, 'extension-tests.json') },
      'timeout-ms': { type: 'string', default: String(DEFAULT_TIMEOUT_MS) },
    },
  });
  const report = await runExtensionTests(Number(values['timeout-ms']));
  await mkdir(path.dirname(values.results), { recursive: true });
  await writeFile(values.results, JSON.stringify(report, null, 2));
  const timings = Object.entries(report.timings).map(([phase, seconds]) => `${phase} ${seconds.toFixed(1)} s`).join(', ');
  console.log(`extension tests: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped (${timings})`);
  return report.failed === 0 ? 0 : 1;
}

async function runExtensionTests(timeoutMs: number): Promise<RunReport> {
  if (!existsSync(EXTENSION_TESTS_BUNDLE)) {
    return failedRun(`${path.relative(process.cwd(), EXTENSION_TESTS_BUNDLE)} is missing: run \`node esbuild.mjs\` first`, {});
  }
  const timings: Record<string, number> = {};
  const clock = phaseClock(timings);
  // The server's own output only matters when something goes wrong.
  const serverOutput: string[] = [];
  let workspace: TestWorkspace | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const deadline = deadlineAfter(timeoutMs);
  try {
    workspace = await prepareTestWorkspace();
    clock('workspace');
    server = await startCodeServer({ entry: codeServerEntry(), log: (line) => serverOutput.push(line) });
    clock('server start');
    browser = await launchChromium();
    let results: SuiteResults | undefined;
    let reportExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => { reportExit = resolve; });
    page = await openWorkbench(browser, {
      authority: server.authority,
      folder: workspace.folder,
      extensionDevelopmentPath: extensionDevelopmentPath(),
      extensionTestsPath: EXTENSION_TESTS_BUNDLE,
    }, {
      onLog: (type, text) => {
        const reported = parseResultsLine(text);
        if (reported) {
          results = reported; // machine-readable; the spec output already said it all
        } else {
          (type === 'error' ? console.error : console.log)(text);
        }
      },
      onExit: (code) => reportExit(code),
    });
    // The suite may finish before this wait does; the render time is only recorded if not.
    void waitForWorkbench(page).then(() => clock('workbench render'), () => undefined);
    const exitCode = await Promise.race([exited, deadline.expired]);
    clock('suite run');
    if (exitCode === 'timeout') {
      const screenshot = await screenshotOnTimeout(page);
      return failedRun(`no result within ${timeoutMs / 1000} s${screenshot ? `; screenshot: ${screenshot}` : ''}`, timings, serverOutput);
    }
    if (!results) {
      return failedRun(`the suite exited with code ${exitCode} without reporting results (did out/test/index.js load?)`, timings, serverOutput);
    }
    return { ...results, timings };
  } catch (error) {
    return failedRun(`the run broke: ${error instanceof Error ? error.stack ?? error.message : String(error)}`, timings, serverOutput);
  } finally {
    deadline.cancel();
    await browser?.close();
    await server?.stop();
    await workspace?.close();
  }
}

/** A run that could not produce per-test counts counts as one failed test. */
function failedRun(message: string, timings: Record<string, number>, serverOutput: string[] = []): RunReport {
  for (const line of serverOutput) {
    console.error(`[code-server] ${line}`);
  }
  console.error(`extension tests: ${message}`);
  return { passed: 0, failed: 1, skipped: 0, failures: [{ title: 'extension test run', message }], timings };
}

async function screenshotOnTimeout(page: Page | undefined): Promise<string | undefined> {
  if (!page) {
    return undefined;
  }
  const file = path.join(TEST_RESULTS_DIR, 'extension-tests-timeout.png');
  await mkdir(TEST_RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: file }).catch(() => undefined);
  return existsSync(file) ? file : undefined;
}

function deadlineAfter(ms: number): { expired: Promise<'timeout'>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), ms); });
  return { expired, cancel: () => clearTimeout(timer) };
}

/** Records the seconds since the previous call under each phase name. */
function phaseClock(timings: Record<string, number>): (phase: string) => void {
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    timings[phase] = (now - last) / 1000;
    last = now;
  };
}

main().then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
