import path from 'node:path';
import { SCREENSHOTS_DIR } from '../paths';
import { useUiSession } from './uiSession';
import { restPointer, runCommand, webviewDocument } from './workbenchActions';

const ACTIVITY_BAR_ITEM = '.activitybar a.action-label[aria-label^="Invoice Doctor"]';
const ENDPOINT_ROW = '.part.sidebar .monaco-list[aria-label="Endpoints"] .monaco-list-row';
/** The demo's slow gateway: its logs show the application's pool running dry while it times out. */
const ENDPOINT = 'Slow (times out)';

describe('Diagnosis report (UI)', function () {
  this.timeout(120_000);
  const session = useUiSession();

  it('diagnoses the slow gateway from its row\'s inline action and shows the verdict with its evidence', async () => {
    const { page } = session();
    // The README's picture is in a dark theme; endpoint notifications would cover the report.
    await runCommand(page, 'Notifications: Toggle Do Not Disturb Mode');
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await page.locator('.monaco-workbench.vs-dark').waitFor();
    await page.locator(ACTIVITY_BAR_ITEM).click();
    await page.locator('.part.sidebar .pane-header', { hasText: 'Findings' }).click(); // room for the endpoints

    // Inline actions appear while the pointer is over the row, as for a person.
    const row = page.locator(ENDPOINT_ROW, { hasText: ENDPOINT }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    await row.hover();
    await row.locator('.actions [aria-label^="Diagnose Endpoint"]').click();

    await page.locator('.tabs-container .tab', { hasText: `Diagnosis: ${ENDPOINT}` }).waitFor({ state: 'visible', timeout: 60_000 });
    const report = webviewDocument(page);
    await report.locator('h1', { hasText: `Invoice Doctor diagnosis: ${ENDPOINT}` }).waitFor({ state: 'visible', timeout: 30_000 });
    // The verdict blames the gateway, not the pool, and says what it rests on.
    await report.locator('p strong', { hasText: 'the gateway is slow, not our pool' }).waitFor({ state: 'visible' });
    await report.locator('p', { hasText: /Status: failing · code: http\.timeout · confidence: \w+/ }).waitFor({ state: 'visible' });
    await report.locator('td', { hasText: 'pool.exhausted' }).first().waitFor();
    await report.locator('button', { hasText: 'Copy for Support Ticket' }).waitFor({ state: 'visible' });

    await restPointer(page);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'diagnosis-report.png') });
  });
});
