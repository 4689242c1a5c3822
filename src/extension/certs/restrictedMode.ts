import * as vscode from 'vscode';

/**
 * In Restricted Mode the workspace's key material (PKCS#12 files, private keys) is not read:
 * certificates are public, keys are not, and an untrusted folder may hold anything.
 */
export function isUntrustedWorkspaceFile(uri: vscode.Uri): boolean {
  return !vscode.workspace.isTrusted && vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}

/** Says why nothing happened, with the way out. */
export async function explainRestrictedMode(message: string): Promise<void> {
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const choice = await vscode.window.showWarningMessage(message, manage);
  if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
}
