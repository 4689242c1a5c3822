import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Where the e2e runner finds things. Environment variables exist for running it by hand. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const TEST_RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
/**
 * UI tests save their pictures under test-results/ so a test run leaves the tree clean;
 * `npm run screenshots` points this at media/screenshots to refresh the README's pictures.
 */
export const SCREENSHOTS_DIR = path.resolve(process.env.INVOICE_DOCTOR_SCREENSHOTS_DIR ?? path.join(TEST_RESULTS_DIR, 'screenshots'));
/** The bundle esbuild.mjs makes from test/extension/index.ts. */
export const EXTENSION_TESTS_BUNDLE = path.join(REPO_ROOT, 'out', 'test', 'index.js');

/**
 * The extension under test: the repository, or another folder holding an extension with the
 * same id (INVOICE_DOCTOR_EXTENSION_PATH), which is how the harness itself is checked.
 */
export function extensionDevelopmentPath(): string {
  return path.resolve(process.env.INVOICE_DOCTOR_EXTENSION_PATH ?? REPO_ROOT);
}

/**
 * scripts/test.mjs passes the path in CODE_SERVER_ENTRY; started by hand, the runner asks the
 * (idempotent) set-up script, which installs code-server the first time.
 */
export function codeServerEntry(): string {
  if (process.env.CODE_SERVER_ENTRY) {
    return process.env.CODE_SERVER_ENTRY;
  }
  const setupScript = path.join(REPO_ROOT, 'scripts', 'setupTestEnvironment.mjs');
  return execFileSync(process.execPath, [setupScript, '--print-code-server-entry'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' }).trim();
}
