// `npm run try`: the demo gateway plus a real VS Code in the browser (code-server on
// 127.0.0.1) with the extension loaded from this checkout and a demo workspace holding the
// gateway's invoice-doctor.json, a misconfigured nginx.conf and Spring config, and an nginx
// error log. Prints the URL and runs until Ctrl+C. It reuses the test harness's pieces, so
// what you try is exactly what the tests drive.
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { startCodeServer } from '../test/e2e/codeServer';
import { codeServerEntry, extensionDevelopmentPath, REPO_ROOT } from '../test/e2e/paths';
import { prepareTestWorkspace } from '../test/e2e/testWorkspace';
import { workbenchUrl } from '../test/e2e/workbench';

const DEMO_FILES: Array<[from: string, to: string]> = [
  ['test/extension/fixtures/config/nginx.conf', 'nginx/nginx.conf'],
  ['test/extension/fixtures/config/app/application.yml', 'app/application.yml'],
  ['test/extension/fixtures/config/app/my.cnf', 'app/my.cnf'],
  ['test/extension/fixtures/logs/error.log', 'logs/error.log'],
];

async function main(): Promise<void> {
  const entry = codeServerEntry();
  const workspace = await prepareTestWorkspace();
  for (const [from, to] of DEMO_FILES) {
    await cp(path.join(REPO_ROOT, from), path.join(workspace.folder, to), { recursive: true });
  }
  const server = await startCodeServer({ entry, log: () => undefined });
  const url = workbenchUrl({ authority: server.authority, folder: workspace.folder, extensionDevelopmentPath: extensionDevelopmentPath() });
  console.log(`Demo gateway: ${workspace.endpoints.length} endpoints on 127.0.0.1`);
  console.log(`Workspace:    ${workspace.folder}`);
  console.log(`\nOpen VS Code with Invoice Doctor: ${url}\n\nPress Ctrl+C to stop.`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    await workspace.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`npm run try: ${(error as Error)?.message ?? error}`);
  process.exit(1);
});
