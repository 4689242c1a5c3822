// `npm test`: everything CI checks, from a fresh machine to the last UI test.
//   set-up (apt packages, code-server; only the first time) → type-check → lint → build
//   → unit and component tests (mocha) → extension tests inside VS Code → UI tests.
// The last line is `N passed, N failed, N skipped` over all of them; CI reads it. Type-check,
// lint and build count as one test each; mocha suites count their tests; a suite that cannot
// report counts (crash, hang, timeout) counts as one failed test, and a suite that cannot run
// because the build failed counts as one skipped. Exits 1 when anything failed.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTestEnvironment } from './setupTestEnvironment.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
const BIN = path.join(REPO_ROOT, 'node_modules', '.bin');
const COUNTING_REPORTER = ['--reporter', path.join(REPO_ROOT, 'scripts', 'mochaCountingReporter.cjs')];
const MINUTE = 60_000;
/** After a suite has written its results, how long it may take to exit before it counts as hanging. */
const EXIT_GRACE_MS = 15_000;

const checks = [
  { name: 'type-check', command: [path.join(BIN, 'tsc'), '--noEmit', '-p', '.'], timeoutMs: 5 * MINUTE },
  { name: 'type-check (webview)', command: [path.join(BIN, 'tsc'), '--noEmit', '-p', 'src/webview'], timeoutMs: 5 * MINUTE },
  { name: 'lint', command: [path.join(BIN, 'eslint'), '.'], timeoutMs: 5 * MINUTE },
  { name: 'build', command: [process.execPath, 'esbuild.mjs'], timeoutMs: 2 * MINUTE },
];

const suites = [
  {
    name: 'unit and component tests',
    results: 'unit-tests.json',
    command: (results) => [path.join(BIN, 'mocha'), ...COUNTING_REPORTER, '--reporter-option', `output=${results}`],
    timeoutMs: 8 * MINUTE,
  },
  {
    name: 'extension tests (VS Code)',
    results: 'extension-tests.json',
    command: (results) => [process.execPath, '--import', 'tsx', 'test/e2e/runExtensionTests.ts', '--results', results],
    timeoutMs: 6 * MINUTE,
    needsBuild: true,
  },
  {
    name: 'UI tests (VS Code)',
    results: 'ui-tests.json',
    command: (results) => [
      path.join(BIN, 'mocha'), '--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '120000',
      ...COUNTING_REPORTER, '--reporter-option', `output=${results}`, 'test/e2e/ui/**/*.test.ts',
    ],
    timeoutMs: 6 * MINUTE,
    needsBuild: true,
  },
];

async function main() {
  const summary = [];
  const started = performance.now();
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const record = (name, counts, seconds, note = '') => {
    summary.push({ name, counts, seconds, note });
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  };

  heading('set-up');
  const setupStarted = performance.now();
  let environment;
  try {
    environment = await ensureTestEnvironment();
  } catch (error) {
    console.error(`set-up failed: ${error.message}`);
    record('set-up', { passed: 0, failed: 1, skipped: 0 }, elapsed(setupStarted));
    return finish(summary, totals, started);
  }
  summary.push({ name: 'set-up', seconds: elapsed(setupStarted), note: 'done' });
  const env = { ...process.env, CODE_SERVER_ENTRY: environment.codeServerEntry };

  let buildPassed = true;
  for (const check of checks) {
    heading(check.name);
    const stepStarted = performance.now();
    const outcome = await runProcess(check.command, { env, timeoutMs: check.timeoutMs });
    const passed = outcome.code === 0;
    if (check.name === 'build') {
      buildPassed = passed;
    }
    record(check.name, { passed: passed ? 1 : 0, failed: passed ? 0 : 1, skipped: 0 }, elapsed(stepStarted), passed ? '' : outcome.reason);
  }

  for (const suite of suites) {
    if (suite.needsBuild && !buildPassed) {
      record(suite.name, { passed: 0, failed: 0, skipped: 1 }, 0, 'not run: the build failed');
      continue;
    }
    heading(suite.name);
    const stepStarted = performance.now();
    const resultsFile = path.join(RESULTS_DIR, suite.results);
    rmSync(resultsFile, { force: true });
    const outcome = await runProcess(suite.command(resultsFile), { env, timeoutMs: suite.timeoutMs, resultsFile });
    const { counts, note } = suiteCounts(outcome, resultsFile);
    record(suite.name, counts, elapsed(stepStarted), note);
  }
  return finish(summary, totals, started);
}

/** Counts from the suite's results file, checked against how its process ended. */
function suiteCounts(outcome, resultsFile) {
  if (!existsSync(resultsFile)) {
    return { counts: { passed: 0, failed: 1, skipped: 0 }, note: `no results: ${outcome.reason}` };
  }
  const report = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const counts = { passed: report.passed, failed: report.failed, skipped: report.skipped ?? 0 };
  const phases = report.timings
    ? Object.entries(report.timings).map(([phase, seconds]) => `${phase} ${seconds.toFixed(1)} s`).join(', ')
    : '';
  if (outcome.code !== 0 && counts.failed === 0) {
    // The tests passed but the process did not end cleanly (a leaked server, a crash after the run).
    return { counts: { ...counts, failed: 1 }, note: outcome.reason };
  }
  return { counts, note: phases };
}

function finish(summary, totals, started) {
  heading('summary');
  for (const { name, counts, seconds, note } of summary) {
    const result = counts ? `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}` : '';
    console.log(`${name.padEnd(28)} ${result.padEnd(34)} ${`${seconds.toFixed(1)} s`.padStart(8)}  ${note}`);
  }
  console.log(`${'total'.padEnd(28)} ${''.padEnd(34)} ${`${elapsed(started).toFixed(1)} s`.padStart(8)}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return totals.failed === 0 ? 0 : 1;
}

/**
 * Runs one step as its own process group with the terminal's output, so a timeout (or Ctrl-C)
 * ends everything it started. With `resultsFile`, a process still running EXIT_GRACE_MS after
 * the file appeared is stopped: its tests left something running.
 */
function runProcess([command, ...args], { env, timeoutMs, resultsFile }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    let reason;
    const stop = (why) => {
      reason ??= why;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const onInterrupt = () => {
      stop('interrupted');
      process.exit(130);
    };
    process.once('SIGINT', onInterrupt);
    process.once('SIGTERM', onInterrupt);
    const deadline = setTimeout(() => stop(`timed out after ${timeoutMs / MINUTE} min`), timeoutMs);
    let exitGrace;
    const resultsWatch = resultsFile && setInterval(() => {
      if (existsSync(resultsFile) && !exitGrace) {
        exitGrace = setTimeout(() => stop(`still running ${EXIT_GRACE_MS / 1000} s after its tests ended (a server, timer or socket left open?)`), EXIT_GRACE_MS);
      }
    }, 500);
    const settle = (code, why) => {
      clearTimeout(deadline);
      clearTimeout(exitGrace);
      clearInterval(resultsWatch);
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onInterrupt);
      resolve({ code, reason: reason ?? why });
    };
    child.on('error', (error) => settle(1, error.message));
    child.on('exit', (code, signal) => {
      // The group may still hold grandchildren (servers a test started): end them too.
      stop(undefined);
      settle(reason ? 1 : code ?? 1, signal ? `killed by ${signal}` : `exit code ${code}`);
    });
  });
}

function heading(title) {
  console.log(`\n=== ${title} ===`);
}

function elapsed(since) {
  return (performance.now() - since) / 1000;
}

main().then((code) => {
  process.exitCode = code;
}, (error) => {
  console.error(error);
  console.log('0 passed, 1 failed, 0 skipped');
  process.exitCode = 1;
});
