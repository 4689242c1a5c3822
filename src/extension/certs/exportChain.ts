import * as vscode from 'vscode';
import type { CertReport } from '../../core/certs/certReport';
import { Commands } from '../commandIds';
import { shortName } from './expiryWording';

/**
 * Writes the shown chain as one PEM file: the certificates in the order they were read, then
 * any issuer downloaded from the AIA URL, so the file is what a server's certificate bundle
 * should hold. Asks where unless the caller gives `target`.
 */
export async function exportCertificateChain(report: CertReport | undefined, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (!report || report.chain.length === 0) {
    const inspect = vscode.l10n.t('Inspect Certificate…');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('There is no certificate chain to export: inspect a certificate first.'), inspect);
    if (choice === inspect) await vscode.commands.executeCommand(Commands.inspectCertificate);
    return undefined;
  }
  const uri = target ?? await vscode.window.showSaveDialog({
    defaultUri: defaultTarget(report),
    filters: { [vscode.l10n.t('PEM certificates')]: ['pem', 'crt'] },
    title: vscode.l10n.t('Export Certificate Chain as PEM'),
  });
  if (!uri) return undefined;
  const pems = [...report.chain, ...report.fetchedIssuers].map((cert) => cert.pem.trimEnd());
  await vscode.workspace.fs.writeFile(uri, Buffer.from(`${pems.join('\n')}\n`, 'utf8'));
  if (!target) void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0} certificates to {1}.', pems.length, uri.fsPath));
  return uri;
}

/** In the workspace folder, named after the first certificate: `api.example.com-chain.pem`. */
function defaultTarget(report: CertReport): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) return undefined;
  const name = shortName(report.chain[0].subject).replace(/^CN=/, '').replace(/[^\w.-]+/g, '-') || 'certificate';
  return vscode.Uri.joinPath(folder, `${name}-chain.pem`);
}
