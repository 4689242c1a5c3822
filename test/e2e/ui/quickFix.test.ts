import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, SCREENSHOTS_DIR } from '../paths';
import { waitFor as waitUntil } from '../../extension/waitFor';
import { useUiSession } from './uiSession';
import { runCommand, openWithQuickOpen } from './workbenchActions';

const FIXTURE = path.join(REPO_ROOT, 'test', 'extension', 'fixtures', 'config', 'nginx.conf');
/** ssl_protocols sits on line 13, indented by 8 spaces, in the fixture. */
const SSL_PROTOCOLS = { line: 13, column: 9 };
const FIX_TITLE = 'Set ssl_protocols to TLSv1.2 TLSv1.3';
const QUICK_FIX_MENU = '.action-widget';

describe('Config quick fix (UI)', function () {
  this.timeout(120_000);
  const session = useUiSession();

  it('fixes legacy ssl_protocols in nginx.conf from the Ctrl+. menu, with the keyboard', async () => {
    const { page, workspace } = session();
    // Demo endpoints going down would put notifications over the picture.
    await runCommand(page, 'Notifications: Toggle Do Not Disturb Mode');
    const file = path.join(workspace.folder, 'deploy', 'nginx.conf');
    await mkdir(path.dirname(file), { recursive: true });
    await copyFile(FIXTURE, file);
    await openWithQuickOpen(page, 'nginx.conf');
    await page.locator('.part.editor .squiggly-error').first().waitFor({ state: 'visible', timeout: 60_000 });

    await goToPosition(page, SSL_PROTOCOLS.line, SSL_PROTOCOLS.column);
    await page.keyboard.press('Control+.');
    const menu = page.locator(QUICK_FIX_MENU);
    await menu.waitFor({ state: 'visible' });
    await focusMenuItem(page, FIX_TITLE);
    await page.mouse.move(0, 0); // a resting pointer would leave a tooltip in the picture
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'quick-fix.png') });

    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
    await page.locator('.part.editor .view-line', { hasText: 'ssl_protocols TLSv1.2 TLSv1.3;' }).waitFor({ state: 'visible' });
    await page.keyboard.press('Control+S');
    await waitUntil(async () => (await readFile(file, 'utf8')).includes('        ssl_protocols TLSv1.2 TLSv1.3;\n'), 'the fixed line is saved');
  });
});

/** Moves the cursor with Go to Line/Column (Ctrl+G), as a person would. */
async function goToPosition(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await page.locator('.part.editor .editor-status-selection, .statusbar-item[id="status.editor.selection"]', { hasText: `Ln ${line}, Col ${column}` }).first().waitFor();
}

/** Arrow keys until the menu's focused row is the wanted one: clicks on this menu are intercepted. */
async function focusMenuItem(page: Page, title: string): Promise<void> {
  const rows = page.locator(`${QUICK_FIX_MENU} .monaco-list-row.action`);
  await rows.first().waitFor({ state: 'visible' });
  const count = await rows.count();
  for (let step = 0; step <= count; step++) {
    const focused = await page.locator(`${QUICK_FIX_MENU} .monaco-list-row.focused`).textContent().catch(() => '');
    if (focused?.includes(title)) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`"${title}" is not in the quick fix menu: ${(await rows.allTextContents()).join(' | ')}`);
}
