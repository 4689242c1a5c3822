import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from '../test/e2e/browser';
import { startCodeServer } from '../test/e2e/codeServer';
import { codeServerEntry, extensionDevelopmentPath } from '../test/e2e/paths';
import { prepareTestWorkspace } from '../test/e2e/testWorkspace';
import { openWorkbench, waitForWorkbench } from '../test/e2e/workbench';

const STARTS = 5;
const ACTIVATED = /Activated in ([\d.]+) ms \(loading ([\d.]+) ms, activate\(\) ([\d.]+) ms; VS Code's context set-up in between ([\d.]+) ms\)/;
const DEADLINE_MS = 60_000;

/**
 * Activation time in a real VS Code (code-server): the extension logs how long evaluating its
 * bundle and running activate() took (VS Code's own work in between is reported apart); each start is a fresh
 * workbench on the demo workspace, where `workspaceContains:invoice-doctor.json` activates it.
 */
export async function benchActivation(): Promise<Record<string, unknown>> {
  const workspace = await prepareTestWorkspace();
  const browser = await launchChromium();
  const runs: { totalMs: number; loadMs: number; activateMs: number; vscodeSetUpMs: number }[] = [];
  try {
    for (let start = 0; start < STARTS; start += 1) {
      const server = await startCodeServer({ entry: codeServerEntry(), log: () => undefined });
      try {
        const page = await openWorkbench(browser, { authority: server.authority, folder: workspace.folder, extensionDevelopmentPath: extensionDevelopmentPath() }, { onLog: () => undefined });
        await waitForWorkbench(page);
        const match = await waitForLogLine(server.logsDir);
        runs.push({ totalMs: Number(match[1]), loadMs: Number(match[2]), activateMs: Number(match[3]), vscodeSetUpMs: Number(match[4]) });
        await page.context().close();
      } finally {
        await server.stop();
      }
    }
  } finally {
    await browser.close();
    await workspace.close();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    starts: runs.length,
    medianMs: {
      total: median(runs.map((r) => r.totalMs)),
      loading: median(runs.map((r) => r.loadMs)),
      activate: median(runs.map((r) => r.activateMs)),
      vscodeSetUpInBetween: median(runs.map((r) => r.vscodeSetUpMs)),
    },
    targetMs: 20,
    runs,
  };
}

async function waitForLogLine(logsDir: string): Promise<RegExpExecArray> {
  const deadline = Date.now() + DEADLINE_MS;
  while (Date.now() < deadline) {
    const files = (await readdir(logsDir, { recursive: true }).catch(() => [] as string[])).filter((f) => path.basename(f) === 'Invoice Doctor.log');
    for (const file of files) {
      const match = ACTIVATED.exec(await readFile(path.join(logsDir, file), 'utf8'));
      if (match) return match;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the extension logged no activation time within ${DEADLINE_MS / 1000} s (looked in ${logsDir})`);
}
