import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS_DIR } from '../paths';
import { useUiSession } from './uiSession';
import { runCommand } from './workbenchActions';

/** The icon itself: its badge carries the same label. */
const ACTIVITY_BAR_ITEM = '.activitybar a.action-label[aria-label^="Invoice Doctor"]';
/** Rows of the Endpoints tree only (the container holds other views too). */
const ENDPOINT_ROW = '.part.sidebar .monaco-list[aria-label="Endpoints"] .monaco-list-row';
/** Wide enough that the screenshot (the README's picture) shows whole diagnoses. */
const SCREENSHOT_SIDEBAR_WIDTH = 560;

describe('Health view (UI)', function () {
  this.timeout(120_000);
  const session = useUiSession();

  it('lists every demo endpoint with a verdict once the Invoice Doctor icon is clicked', async () => {
    const { page, workspace } = session();
    // Demo endpoints going down raise a notification that would cover the picture.
    await runCommand(page, 'Notifications: Toggle Do Not Disturb Mode');
    await page.locator(ACTIVITY_BAR_ITEM).click();
    await moveMouseToEditorArea(page); // a resting pointer would leave a tooltip in the picture
    for (const endpoint of workspace.endpoints) {
      await page.locator(ENDPOINT_ROW, { hasText: endpoint.name }).first().waitFor({ state: 'visible', timeout: 60_000 });
    }
    await waitUntilProbesSettle(page, workspace.endpoints.length);
    await widenSidebar(page, SCREENSHOT_SIDEBAR_WIDTH);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'health-view.png') });
  });

  it('opens a row that a background probe filled in to its layers, the failing one with its reason', async () => {
    // A row has nothing to open until its first probe: the probe's refresh of that row alone
    // must give it its twistie and its children.
    const { page } = session();
    await page.locator(ENDPOINT_ROW, { hasText: 'Refused port' }).first().click();
    await page.locator(ENDPOINT_ROW, { hasText: 'DNS' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator(ENDPOINT_ROW, { hasText: /TCP.*refused/i }).first().waitFor({ state: 'visible', timeout: 30_000 });
  });
});

/** Every row is on screen, has left "probing…" / "not probed yet" behind, and no spinner turns. */
async function waitUntilProbesSettle(page: Page, endpointCount: number): Promise<void> {
  const gone = { state: 'detached', timeout: 60_000 } as const;
  await page.locator(ENDPOINT_ROW).nth(endpointCount - 1).waitFor({ timeout: 60_000 });
  await page.locator(`${ENDPOINT_ROW} .codicon-loading`).first().waitFor(gone);
  await page.locator(ENDPOINT_ROW, { hasText: /probing(…|\.\.\.)|not probed yet/ }).first().waitFor(gone);
}

/** Drags the sidebar's edge, as a person would, so descriptions are not cut off. */
async function widenSidebar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) {
    throw new Error('the sidebar is not on screen');
  }
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
  // Move away and wait for the edge's highlight to fade out (a CSS transition on its ::before,
  // which screenshots do not fast-forward), so the picture shows the view and not the drag.
  // The check runs in the page and is a string because the project has no DOM typings.
  await moveMouseToEditorArea(page);
  await page.waitForFunction(
    `[...document.querySelectorAll('.monaco-sash')].every((sash) => getComputedStyle(sash, '::before').backgroundColor === 'rgba(0, 0, 0, 0)')`,
    undefined,
    { timeout: 10_000, polling: 100 },
  );
}

async function moveMouseToEditorArea(page: Page): Promise<void> {
  const box = await page.locator('.part.editor').boundingBox();
  if (box) {
    await page.mouse.move(box.x + box.width / 2, box.y + 40);
  }
}
