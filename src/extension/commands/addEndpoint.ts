import * as path from 'node:path';
import * as vscode from 'vscode';
import { modify, parse } from 'jsonc-parser';
import type { EndpointConfig } from '../../core/endpoint/endpointConfig';
import { ENDPOINTS_SETTING, type EndpointStore } from '../endpoints/endpointStore';
import type { SecretStorageSource } from '../secretStorageSource';

type ClientCertificateChoice = 'none' | 'pkcs12' | 'pem';

/**
 * Guided input: name, URL, optional client certificate. Passphrases go to SecretStorage and
 * the config only holds a `${secret:…}` reference, so invoice-doctor.json can be committed.
 * Returns the new endpoint's name, or undefined when the user cancelled.
 */
export async function addEndpoint(store: EndpointStore, secrets: SecretStorageSource): Promise<string | undefined> {
  await store.ready();
  const title = vscode.l10n.t('Add Invoice Endpoint');
  const name = await vscode.window.showInputBox({
    title, prompt: vscode.l10n.t('A name for the endpoint, e.g. "Tax gateway (test)"'), ignoreFocusOut: true,
    validateInput: (value) => !value.trim() ? vscode.l10n.t('A name is required.')
      : store.find(value.trim()) ? vscode.l10n.t('An endpoint named "{0}" already exists.', value.trim()) : undefined,
  });
  if (name === undefined) return undefined;
  const url = await vscode.window.showInputBox({
    title, prompt: vscode.l10n.t('The URL to probe, e.g. a health or echo API of the gateway'), placeHolder: 'https://gw.example.com/api/v3/health', ignoreFocusOut: true,
    validateInput: validateUrl,
  });
  if (url === undefined) return undefined;

  const endpoint: EndpointConfig = { name: name.trim(), url: url.trim() };
  if (url.trim().startsWith('https:')) {
    const tls = await askClientCertificate(title, endpoint.name, secrets);
    if (tls === 'cancelled') return undefined;
    if (tls) endpoint.tls = tls;
  }
  const saved = await saveEndpoint(store, endpoint);
  return saved ? endpoint.name : undefined;
}

function validateUrl(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : vscode.l10n.t('Only http and https URLs can be probed.');
  } catch {
    return vscode.l10n.t('This is not a valid URL.');
  }
}

async function askClientCertificate(title: string, endpointName: string, secrets: SecretStorageSource): Promise<EndpointConfig['tls'] | 'cancelled' | undefined> {
  const choice = await vscode.window.showQuickPick<{ label: string; value: ClientCertificateChoice }>([
    { label: vscode.l10n.t('No client certificate'), value: 'none' },
    { label: vscode.l10n.t('PKCS#12 file (.p12, .pfx)'), value: 'pkcs12' },
    { label: vscode.l10n.t('PEM certificate and key'), value: 'pem' },
  ], { title, placeHolder: vscode.l10n.t('Does the gateway require a client certificate (mutual TLS)?'), ignoreFocusOut: true });
  if (!choice) return 'cancelled';
  if (choice.value === 'none') return undefined;

  if (choice.value === 'pkcs12') {
    const pfx = await pickFile(vscode.l10n.t('Select the PKCS#12 file'), { 'PKCS#12': ['p12', 'pfx'] });
    if (!pfx) return 'cancelled';
    const passphrase = await vscode.window.showInputBox({ title, prompt: vscode.l10n.t('Passphrase of {0} (stored in the OS keychain, never in the config)', path.basename(pfx)), password: true, ignoreFocusOut: true });
    if (passphrase === undefined) return 'cancelled';
    const secretName = secretNameFor(endpointName, 'p12');
    await secrets.setSecret(secretName, passphrase);
    return { pfx, passphrase: `\${secret:${secretName}}` };
  }
  const cert = await pickFile(vscode.l10n.t('Select the client certificate (PEM)'), { PEM: ['pem', 'crt', 'cer'] });
  if (!cert) return 'cancelled';
  const key = await pickFile(vscode.l10n.t('Select its private key (PEM)'), { PEM: ['pem', 'key'] });
  if (!key) return 'cancelled';
  return { cert, key };
}

async function pickFile(openLabel: string, filters: Record<string, string[]>): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({ openLabel, filters, canSelectMany: false });
  if (!picked?.[0]) return undefined;
  // Keep paths inside the workspace relative, so the config works on a colleague's machine too.
  const relative = vscode.workspace.asRelativePath(picked[0], false);
  return relative === picked[0].fsPath ? picked[0].fsPath : relative;
}

/** `Tax gateway (test)` + `p12` -> `taxGatewayTest.p12`: readable, and valid in a `${secret:…}` reference. */
export function secretNameFor(endpointName: string, purpose: string): string {
  const words = endpointName.replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  const camel = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('') || 'endpoint';
  return `${camel}.${purpose}`;
}

/** Saves to the workspace's invoice-doctor.json when a trusted folder is open, else to user settings. */
async function saveEndpoint(store: EndpointStore, endpoint: EndpointConfig): Promise<boolean> {
  const fileUri = store.defaultFileUri();
  const targets = [
    ...(fileUri ? [{ label: vscode.l10n.t('Workspace file {0}', vscode.workspace.asRelativePath(fileUri)), target: 'file' as const }] : []),
    { label: vscode.l10n.t('User settings'), target: 'user' as const },
  ];
  const target = targets.length === 1 ? targets[0] : await vscode.window.showQuickPick(targets, { placeHolder: vscode.l10n.t('Where should the endpoint be saved?'), ignoreFocusOut: true });
  if (!target) return false;
  if (target.target === 'user' || !fileUri) {
    const configuration = vscode.workspace.getConfiguration();
    const existing = configuration.inspect<EndpointConfig[]>(ENDPOINTS_SETTING)?.globalValue ?? [];
    await configuration.update(ENDPOINTS_SETTING, [...existing, endpoint], vscode.ConfigurationTarget.Global);
  } else {
    await appendToEndpointsFile(fileUri, endpoint);
  }
  await store.reload();
  return true;
}

/**
 * Appends through a WorkspaceEdit computed by jsonc-parser: the user's formatting and comments
 * stay as they were, and Undo takes the addition back.
 */
async function appendToEndpointsFile(uri: vscode.Uri, endpoint: EndpointConfig): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  let text: string | undefined;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    text = undefined;
  }
  if (text === undefined || text.trim() === '') {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), `${JSON.stringify({ endpoints: [endpoint] }, null, 2)}\n`);
  } else {
    const document = await vscode.workspace.openTextDocument(uri);
    const current = document.getText();
    const parsed = parse(current) as { endpoints?: unknown } | undefined;
    const index = Array.isArray(parsed?.endpoints) ? parsed.endpoints.length : 0;
    const jsonPath = Array.isArray(parsed?.endpoints) ? ['endpoints', index] : ['endpoints'];
    const value = Array.isArray(parsed?.endpoints) ? endpoint : [endpoint];
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    for (const change of modify(current, jsonPath, value, { formattingOptions: { insertSpaces: true, tabSize: 2, eol }, isArrayInsertion: true })) {
      edit.replace(uri, new vscode.Range(document.positionAt(change.offset), document.positionAt(change.offset + change.length)), change.content);
    }
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('Could not update {0}.', uri.fsPath));
  await vscode.workspace.save(uri);
}
