import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT, SCREENSHOTS_DIR } from '../paths';
import { useUiSession } from './uiSession';
import { runCommand, openWithQuickOpen, webviewDocument } from './workbenchActions';

const FIXTURE = path.join(REPO_ROOT, 'test', 'extension', 'fixtures', 'logs', 'error.log');
const LOG_NAME = 'error.log';
/** Rows of the Findings tree only: the Endpoints tree also says "Connection refused". */
const FINDINGS_ROW = '.part.sidebar .monaco-list[aria-label="Findings"] .monaco-list-row';

describe('Findings and log report (UI)', function () {
  this.timeout(120_000);
  const session = useUiSession();

  it('analyzes an open nginx log from the editor title and shows its report with the timeline', async () => {
    const { page, workspace } = session();
    // The README's picture is in a dark theme; endpoint notifications would cover the report.
    await runCommand(page, 'Notifications: Toggle Do Not Disturb Mode');
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await page.locator('.monaco-workbench.vs-dark').waitFor();
    await copyFile(FIXTURE, path.join(workspace.folder, LOG_NAME));
    await openWithQuickOpen(page, LOG_NAME);

    // The editor title's graph button, as a person would find it above an open log.
    await page.locator('.editor-actions [aria-label="Invoice Doctor: Analyze Log File…"], .editor-actions [aria-label="Analyze Log File…"]').first().click();
    const refused = page.locator(FINDINGS_ROW, { hasText: 'Connection refused' });
    await refused.waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator(FINDINGS_ROW, { hasText: 'Certificate expired' }).waitFor({ state: 'visible' });
    await refused.click(); // expand: the targets show under the category
    await page.locator('.part.sidebar .pane-header', { hasText: 'Endpoints' }).click(); // room for the findings

    // A view's title buttons appear while the pointer is over its header.
    const findingsHeader = page.locator('.part.sidebar .pane-header', { hasText: 'Findings' });
    await findingsHeader.hover();
    await findingsHeader.locator('[aria-label^="Show Log Report"]').click();
    const report = webviewDocument(page);
    await report.locator('canvas[data-rendered="true"]').waitFor({ state: 'visible', timeout: 60_000 });
    await report.locator('td', { hasText: 'tls.cert_expired' }).waitFor();

    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.locator('.notification-toast').first().waitFor({ state: 'detached' });
    await page.mouse.move(0, 0); // a resting pointer would leave a tooltip in the picture
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'findings-report.png') });
  });
});
