import type { FrameLocator, Page } from 'playwright-core';

/** What a person does in the workbench with the keyboard, shared by the UI tests. */

/**
 * Runs a command from the palette (F1) by its full title, as typed by a person. A command that
 * opens a picker of its own (`opensPicker`) leaves the quick input open, so there is nothing to wait for.
 */
export async function runCommand(page: Page, title: string, options: { opensPicker?: boolean } = {}): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  // Fuzzy matching may focus a longer title first: click the row whose label is exactly this one.
  const label = page.locator('.quick-input-list .label-name', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  await label.first().click();
  if (options.opensPicker) return; // the caller waits for the command's own picker
  await input.waitFor({ state: 'hidden' }).catch(() => undefined);
}

/** Opens a workspace file with Ctrl+P and waits for its tab. */
export async function openWithQuickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab', { hasText: name }).waitFor({ state: 'visible' });
}

/** A resting pointer leaves a tooltip in the picture: rest it on the title bar, and let hovers fade. */
export async function restPointer(page: Page): Promise<void> {
  const box = await page.locator('.part.titlebar').boundingBox();
  await page.mouse.move(box ? box.x + box.width - 300 : 1000, box ? box.y + box.height / 2 : 10, { steps: 5 });
  await page.locator('.monaco-hover').first().waitFor({ state: 'hidden' }).catch(() => undefined);
}

/** The document of the newest webview (a report, a certificate view): its frame, then the frame's active document. */
export function webviewDocument(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}
