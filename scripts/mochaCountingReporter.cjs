// Mocha's spec output for people, plus a JSON summary for scripts/test.mjs, which adds up the
// counts of every suite. Use: `mocha --reporter scripts/mochaCountingReporter.cjs
// --reporter-option output=test-results/unit-tests.json`. Mocha loads reporters with require(),
// hence CommonJS.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS by necessity, see above */
const { writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_TEST_FAIL } = Mocha.Runner.constants;

class CountingSpecReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const output = options.reporterOptions?.output;
    if (!output) {
      throw new Error('mochaCountingReporter needs --reporter-option output=FILE');
    }
    const failures = [];
    runner.on(EVENT_TEST_FAIL, (test, error) => {
      failures.push({ title: test.fullTitle(), message: String(error?.message ?? error) });
    });
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures: failed, pending } = runner.stats;
      mkdirSync(path.dirname(output), { recursive: true });
      writeFileSync(output, JSON.stringify({ passed: passes, failed, skipped: pending, failures }, null, 2));
    });
  }
}

module.exports = CountingSpecReporter;
