import Mocha from 'mocha';
import { formatResultsLine, type SuiteResults, type TestFailure } from './suiteResults';

/**
 * The suites, loaded after mocha has defined `describe`/`it`. Dynamic imports of literal paths
 * are bundled by esbuild, so out/test/index.js holds everything but mocha and vscode.
 */
const SUITES = [
  () => import('./smoke.test'),
  () => import('./endpointsView.test'),
  () => import('./history.test'),
  () => import('./config.test'),
  () => import('./logs.test'),
  () => import('./certs.test'),
  () => import('./diagnose.test'),
];

/** Called by the extension host (`extensionTestsPath`); rejecting makes the run fail. */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000 });
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'out/test/index.js', mocha);
  for (const load of SUITES) {
    await load();
  }
  const results = await runMocha(mocha);
  console.log(formatResultsLine(results));
  if (results.failed > 0) {
    throw new Error(`${results.failed} extension test(s) failed`);
  }
}

function runMocha(mocha: Mocha): Promise<SuiteResults> {
  return new Promise((resolve) => {
    const failures: TestFailure[] = [];
    const runner = mocha.run(() => {
      const stats = runner.stats;
      resolve({ passed: stats?.passes ?? 0, failed: stats?.failures ?? 0, skipped: stats?.pending ?? 0, failures });
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, error: Error) => {
      failures.push({ title: test.fullTitle(), message: error.message });
    });
  });
}
