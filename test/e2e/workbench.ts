import { format } from 'node:util';
import type { Browser, Page } from 'playwright-core';

export interface WorkbenchTarget {
  /** `127.0.0.1:PORT` of the code-server serving the workbench. */
  authority: string;
  /** Absolute path of the folder to open. */
  folder: string;
  /** Absolute path of the extension to load in development mode. */
  extensionDevelopmentPath: string;
  /** Absolute path of the bundle whose `run()` the extension host calls; omit to drive the UI. */
  extensionTestsPath?: string;
}

export interface AutomationHooks {
  /** The extension host's console, as forwarded by the workbench. */
  onLog(type: string, text: string): void;
  /** Called once the tests module's `run()` settles, with 0 or 1. */
  onExit?(code: number): void;
}

/** The viewport screenshots are taken at (also the README's pictures). */
const VIEWPORT = { width: 1280, height: 800 };

/**
 * Opens the workbench the way VS Code's own web integration tests do: development paths go in
 * the `payload` query parameter as `vscode-remote://` URIs on the server's authority, and the
 * workbench reports through `codeAutomationLog` / `codeAutomationExit`.
 */
export async function openWorkbench(browser: Browser, target: WorkbenchTarget, hooks: AutomationHooks): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    // Arguments arrive as console.log got them, format string included (mocha's reporters use them).
    hooks.onLog(type, format(...args));
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    hooks.onExit?.(code);
  });
  await page.goto(workbenchUrl(target));
  return page;
}

/** Resolves once the workbench's chrome is on screen. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
}

export function workbenchUrl({ authority, folder, extensionDevelopmentPath, extensionTestsPath }: WorkbenchTarget): string {
  const remote = (absolutePath: string): string => `vscode-remote://${authority}${encodeURI(absolutePath)}`;
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
    ['skipWelcome', 'true'],
  ];
  if (extensionTestsPath) {
    payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  }
  const query = new URLSearchParams({ folder, payload: JSON.stringify(payload) });
  return `http://${authority}/?${query.toString()}`;
}
