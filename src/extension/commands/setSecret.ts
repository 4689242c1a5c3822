import * as vscode from 'vscode';
import type { EndpointStore } from '../endpoints/endpointStore';
import type { SecretStorageSource } from '../secretStorageSource';

const SECRET_REFERENCE = /\$\{secret:([A-Za-z0-9_.-]+)\}/g;

/** Stores a value for a `${secret:NAME}` reference in SecretStorage (the OS keychain). */
export async function setSecret(store: EndpointStore, secrets: SecretStorageSource, name?: string): Promise<boolean> {
  await store.ready();
  if (!name) {
    const referenced = [...new Set(store.endpoints.flatMap((e) => [...JSON.stringify(e.config).matchAll(SECRET_REFERENCE)].map((m) => m[1])))];
    const other = vscode.l10n.t('Other name…');
    const picked = referenced.length
      ? await vscode.window.showQuickPick([...referenced, other], { placeHolder: vscode.l10n.t('Which secret (as in ${secret:NAME})?') })
      : other;
    if (!picked) return false;
    name = picked === other
      ? await vscode.window.showInputBox({ prompt: vscode.l10n.t('Secret name, as referenced by ${secret:NAME}'), validateInput: (v) => /^[A-Za-z0-9_.-]+$/.test(v) ? undefined : vscode.l10n.t('Use letters, digits, "_", "-" and "." only.') })
      : picked;
    if (!name) return false;
  }
  const value = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Value of secret "{0}"', name), password: true, ignoreFocusOut: true });
  if (value === undefined) return false;
  await secrets.setSecret(name, value);
  void vscode.window.showInformationMessage(vscode.l10n.t('Secret "{0}" saved in the OS keychain.', name));
  return true;
}
