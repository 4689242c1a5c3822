import * as vscode from 'vscode';
import { ENDPOINTS_SETTING, type EndpointStore } from '../endpoints/endpointStore';

/** Opens where endpoints are defined: the workspace's invoice-doctor.json, or the setting. */
export async function editEndpoints(store: EndpointStore): Promise<void> {
  await store.ready();
  const files = [...new Map(store.endpoints.concat()
    .map((e) => e.source)
    .filter((s): s is { kind: 'file'; uri: vscode.Uri } => s.kind === 'file')
    .map((s) => [s.uri.toString(), s.uri])).values()];
  const defaultFile = store.defaultFileUri();
  if (files.length === 0 && defaultFile && await exists(defaultFile)) files.push(defaultFile);

  const choices = [
    ...files.map((uri) => ({ label: `$(json) ${vscode.workspace.asRelativePath(uri)}`, uri })),
    { label: `$(settings-gear) ${vscode.l10n.t('Settings: Invoice Doctor › Endpoints')}`, uri: undefined },
  ];
  const choice = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { placeHolder: vscode.l10n.t('Where are the endpoints you want to edit?') });
  if (!choice) return;
  if (choice.uri) {
    await vscode.window.showTextDocument(choice.uri);
  } else {
    await vscode.commands.executeCommand('workbench.action.openSettings', ENDPOINTS_SETTING);
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
