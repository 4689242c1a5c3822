import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOTS_DIR } from '../paths';
import { useUiSession } from './uiSession';
import { restPointer, runCommand, webviewDocument } from './workbenchActions';

const ACTIVITY_BAR_ITEM = '.activitybar a.action-label[aria-label^="Invoice Doctor"]';
const ENDPOINT_ROW = '.part.sidebar .monaco-list[aria-label="Endpoints"] .monaco-list-row';
const CONTEXT_MENU_ITEM = '.context-view .monaco-menu .action-item';
const ENDPOINT = 'Missing intermediate';

describe('Certificate view (UI)', function () {
  this.timeout(120_000);
  const session = useUiSession();

  it('inspects an endpoint from its row\'s context menu and shows the chain with its checks', async () => {
    const { page } = session();
    // Expiry warnings about the demo's expired certificate would cover the view in the picture.
    await runCommand(page, 'Notifications: Toggle Do Not Disturb Mode');
    await page.locator(ACTIVITY_BAR_ITEM).click();
    const row = page.locator(ENDPOINT_ROW, { hasText: ENDPOINT }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    await openContextMenu(page, row, 'Inspect Certificate');
    await clickMenuItem(page, 'Inspect Certificate');

    const view = webviewDocument(page);
    await view.locator('h1', { hasText: /127\.0\.0\.1|localhost/ }).waitFor({ state: 'visible', timeout: 60_000 });
    await view.locator('li', { hasText: 'cert.chain_incomplete' }).waitFor();
    await view.locator('.cert h3', { hasText: 'End entity' }).first().waitFor();
    await page.locator('.tabs-container .tab', { hasText: `Certificate: ${ENDPOINT}` }).waitFor();

    await restPointer(page);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'certificate-view.png') });
  });
});

/**
 * Right-clicks the row until its menu shows `label`: background probes re-render the tree, and a
 * re-rendered row closes the menu opened on it a moment before.
 */
async function openContextMenu(page: Page, row: Locator, label: string, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await row.click({ button: 'right' });
    try {
      await page.locator(CONTEXT_MENU_ITEM, { hasText: label }).first().waitFor({ state: 'visible', timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** Points at the item, then presses and releases the button, as a hand on a mouse does. */
async function clickMenuItem(page: Page, label: string): Promise<void> {
  const box = await page.locator(CONTEXT_MENU_ITEM, { hasText: label }).first().boundingBox();
  if (!box) throw new Error(`the context menu has no "${label}" item`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
  await page.mouse.down();
  await page.mouse.up();
}
