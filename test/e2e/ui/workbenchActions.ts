import type { Page } from 'playwright-core';

/** What a person does in the workbench with the keyboard, shared by the UI tests. */

/** Runs a command from the palette (F1) by its full title, as typed by a person. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  // Fuzzy matching may focus a longer title first: click the row whose label is exactly this one.
  const label = page.locator('.quick-input-list .label-name', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  await label.first().click();
  await input.waitFor({ state: 'hidden' }).catch(() => undefined); // a command may open its own picker
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
