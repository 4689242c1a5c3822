// `npm run test:desktop`: the same extension test suite in desktop VS Code, for developers who
// have it (CI uses code-server, because downloading VS Code is impossible there). Give the
// installed VS Code with VSCODE_EXECUTABLE=/path/to/code; without it @vscode/test-electron
// downloads the stable build. The workspace is the same demo-gateway workspace CI uses.
import { runTests } from '@vscode/test-electron';
import { EXTENSION_TESTS_BUNDLE, REPO_ROOT } from '../e2e/paths';
import { prepareTestWorkspace } from '../e2e/testWorkspace';

async function main(): Promise<void> {
  const workspace = await prepareTestWorkspace();
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: EXTENSION_TESTS_BUNDLE,
      launchArgs: [workspace.folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } finally {
    await workspace.close();
  }
}

main().catch((error: unknown) => {
  console.error(`desktop extension tests failed: ${(error as Error)?.message ?? error}`);
  process.exit(1);
});
