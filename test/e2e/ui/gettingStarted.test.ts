import { useUiSession } from './uiSession';
import { runCommand, webviewDocument } from './workbenchActions';

const WALKTHROUGH_TITLE = 'Get Started with Invoice Doctor';
/** Step ids are `<publisher>.<name>#<walkthrough>#<step>` in the page. */
const FIRST_STEP = '.getting-started-step[data-step-id$="#gettingStarted#addEndpoint"]';

describe('Getting Started walkthrough (UI)', function () {
  this.timeout(120_000);
  const session = useUiSession();

  it('opens from Help > Open Walkthrough…, shows the first step with its page, and checks it off once its button is used', async () => {
    const { page } = session();
    await runCommand(page, 'Welcome: Open Walkthrough...', { opensPicker: true });
    // The command opens its own picker of walkthroughs, ours among VS Code's.
    const walkthroughs = page.locator('.quick-input-widget input[placeholder="Select a walkthrough to open"]');
    await walkthroughs.waitFor({ state: 'visible' });
    await walkthroughs.fill('Invoice Doctor');
    await page.locator('.quick-input-list .label-name', { hasText: WALKTHROUGH_TITLE }).first().click();

    const firstStep = page.locator(FIRST_STEP);
    await firstStep.locator('h3.step-title', { hasText: 'Add an endpoint' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('h2.category-title[x-category-title-for$="#gettingStarted"]', { hasText: WALKTHROUGH_TITLE }).waitFor({ state: 'visible' });
    // The step's Markdown page (media/walkthrough/add-endpoint.md) is found and rendered beside it.
    await webviewDocument(page).locator('h1', { hasText: 'Add an endpoint' }).waitFor({ state: 'visible', timeout: 30_000 });
    await webviewDocument(page).locator('code', { hasText: '"endpoints"' }).first().waitFor();

    await firstStep.locator('.button-container .monaco-button', { hasText: 'Add Endpoint' }).click();
    const nameInput = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'A name for the endpoint' }).waitFor({ state: 'visible' });
    await nameInput.press('Escape');
    await page.locator(`${FIRST_STEP}[aria-checked="true"]`).waitFor({ state: 'attached' });
  });
});
