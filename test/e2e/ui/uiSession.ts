import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../browser';
import { startCodeServer, type CodeServer } from '../codeServer';
import { codeServerEntry, extensionDevelopmentPath, SCREENSHOTS_DIR, TEST_RESULTS_DIR } from '../paths';
import { prepareTestWorkspace, type TestWorkspace } from '../testWorkspace';
import { openWorkbench, waitForWorkbench } from '../workbench';

export interface UiSession {
  readonly page: Page;
  readonly workspace: TestWorkspace;
  readonly server: CodeServer;
}

const SESSION_START_TIMEOUT_MS = 120_000;

/**
 * Registers hooks on the calling `describe` that give its tests a workbench of their own, as a
 * person sees it: the extension loaded in development mode, the demo workspace open, no test
 * runner inside. A failed test leaves a screenshot in test-results/. Call inside `describe`.
 */
export function useUiSession(): () => UiSession {
  let session: (UiSession & { close(): Promise<void> }) | undefined;

  before(async function () {
    this.timeout(SESSION_START_TIMEOUT_MS);
    session = await openUiSession();
    await mkdir(SCREENSHOTS_DIR, { recursive: true });
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (session && test?.state === 'failed') {
      await mkdir(TEST_RESULTS_DIR, { recursive: true });
      const file = path.join(TEST_RESULTS_DIR, `ui-${test.fullTitle().replace(/[^\w-]+/g, '-')}.png`);
      await session.page.screenshot({ path: file }).catch(() => undefined);
      console.log(`    screenshot of the failure: ${path.relative(process.cwd(), file)}`);
      for (const line of await session.server.extensionHostErrors()) {
        console.log(`    [extension host] ${line}`);
      }
    }
  });

  after(async function () {
    this.timeout(SESSION_START_TIMEOUT_MS);
    await session?.close();
  });

  return () => {
    if (!session) {
      throw new Error('the UI session did not start; see the "before all" hook failure');
    }
    return session;
  };
}

async function openUiSession(): Promise<UiSession & { close(): Promise<void> }> {
  const resources: { close(): Promise<void> }[] = [];
  const close = async (): Promise<void> => {
    for (const resource of resources.reverse()) {
      await resource.close();
    }
  };
  try {
    const workspace = await prepareTestWorkspace();
    resources.push(workspace);
    const serverOutput: string[] = [];
    const server: CodeServer = await startCodeServer({ entry: codeServerEntry(), log: (line) => serverOutput.push(line) });
    resources.push({ close: () => server.stop() });
    const browser: Browser = await launchChromium();
    resources.push({ close: () => browser.close() });
    const page = await openWorkbench(browser, {
      authority: server.authority,
      folder: workspace.folder,
      extensionDevelopmentPath: extensionDevelopmentPath(),
    }, {
      // The workbench's own chatter is noise here; errors are worth seeing.
      onLog: (type, text) => { if (type === 'error') console.error(`      [workbench] ${text}`); },
    });
    await waitForWorkbench(page);
    return { page, workspace, server, close };
  } catch (error) {
    await close();
    throw error;
  }
}
