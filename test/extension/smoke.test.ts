import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'invoice-doctor.invoice-doctor';

/**
 * Commands the workbench itself registers for every contributed view (`<viewId>.focus` …);
 * they share the extension's prefix without being the extension's.
 */
const WORKBENCH_VIEW_COMMAND_SUFFIXES = ['.focus', '.resetViewLocation', '.removeView', '.toggleVisibility', '.open'];

interface ContributedCommand {
  command: string;
}

async function activatedExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded in the test VS Code`);
  await extension.activate();
  return extension;
}

describe('Extension smoke', () => {
  it('activates', async () => {
    const extension = await activatedExtension();
    assert.equal(extension.isActive, true);
  });

  it('registers every contributed command and contributes every registered one', async () => {
    const extension = await activatedExtension();
    const contributes = extension.packageJSON.contributes as { commands?: ContributedCommand[]; views?: Record<string, { id: string }[]> } | undefined;
    const contributed = (contributes?.commands ?? []).map((entry) => entry.command).sort();
    const viewIds = Object.values(contributes?.views ?? {}).flat().map((view) => view.id);
    const isWorkbenchViewCommand = (id: string): boolean =>
      viewIds.some((viewId) => WORKBENCH_VIEW_COMMAND_SUFFIXES.some((suffix) => id === `${viewId}${suffix}`));
    const registered = (await vscode.commands.getCommands(true))
      .filter((id) => id.startsWith('invoiceDoctor.') && !isWorkbenchViewCommand(id))
      .sort();

    assert.deepEqual(contributed.filter((id) => !registered.includes(id)), [], 'contributed in package.json but never registered');
    assert.deepEqual(registered.filter((id) => !contributed.includes(id)), [], 'registered but not contributed in package.json');
  });
});
