import * as vscode from 'vscode';
import { parseRemoteTarget } from '../../core/certs/remoteChain';
import type { EndpointHealthModel } from '../endpoints/endpointHealthModel';
import type { CertificateTarget } from './inspectArguments';

export const CERTIFICATE_FILE_EXTENSIONS = ['pem', 'crt', 'cer', 'der', 'p12', 'pfx', 'p7b'];

type Choice = vscode.QuickPickItem & { choose?: () => Promise<CertificateTarget | undefined> };

/** From the palette: a file, a server typed in, or one of the configured https endpoints. */
export async function pickCertificateTarget(model: EndpointHealthModel): Promise<CertificateTarget | undefined> {
  await model.store.ready();
  const endpoints = model.all.filter((health) => health.endpoint.config.url.startsWith('https:'));
  const choices: Choice[] = [
    { label: `$(file) ${vscode.l10n.t('Open a certificate file…')}`, detail: vscode.l10n.t('PEM, DER, PKCS#12 or PKCS#7'), choose: pickFile },
    { label: `$(globe) ${vscode.l10n.t('Enter a host:port or https URL…')}`, detail: vscode.l10n.t('The chain the server presents'), choose: askForServer },
    ...(endpoints.length > 0 ? [{ label: vscode.l10n.t('Endpoints'), kind: vscode.QuickPickItemKind.Separator }] : []),
    ...endpoints.map((health): Choice => {
      const name = health.endpoint.config.name;
      return { label: `$(server) ${name}`, description: health.endpoint.config.url, choose: async () => ({ kind: 'endpoint', name }) };
    }),
  ];
  const picked = await vscode.window.showQuickPick(choices, { placeHolder: vscode.l10n.t('Inspect which certificate?'), matchOnDescription: true });
  return picked?.choose?.();
}

async function pickFile(): Promise<CertificateTarget | undefined> {
  const [uri] = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: vscode.l10n.t('Inspect'),
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { [vscode.l10n.t('Certificates')]: CERTIFICATE_FILE_EXTENSIONS, [vscode.l10n.t('All files')]: ['*'] },
  }) ?? [];
  return uri ? { kind: 'file', uri } : undefined;
}

async function askForServer(): Promise<CertificateTarget | undefined> {
  const target = await vscode.window.showInputBox({
    title: vscode.l10n.t('Inspect the Certificate of a Server'),
    prompt: vscode.l10n.t('host, host:port or an https URL; port 443 unless given'),
    placeHolder: 'gateway.example.com:443',
    ignoreFocusOut: true,
    validateInput: (text) => {
      if (!text.trim()) return vscode.l10n.t('Enter a host name, host:port or an https URL.');
      try {
        parseRemoteTarget(text.trim());
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  });
  return target?.trim() ? { kind: 'server', target: target.trim() } : undefined;
}
