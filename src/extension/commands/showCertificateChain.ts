import * as vscode from 'vscode';
import { formatCertificateChain } from '../../core/certs/chainText';
import type { CertificateInfo } from '../../core/certs/certificateInfo';
import type { EndpointHealthModel } from '../endpoints/endpointHealthModel';
import type { EndpointTreeNode } from '../endpoints/endpointTreeNodes';
import { resolveEndpointArgument } from './endpointArgument';

export const CHAIN_SCHEME = 'invoice-doctor-chain';

/** Serves the read-only chain documents, rendered from the latest probe of each endpoint. */
export class CertificateChainDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly model: EndpointHealthModel) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const name = decodeURIComponent(uri.query);
    const chain = chainOf(this.model, name);
    return chain ? formatCertificateChain(vscode.l10n.t('Certificate chain presented by "{0}"', name), chain) : vscode.l10n.t('No certificate chain is known for "{0}" yet.', name);
  }
}

export async function showCertificateChain(model: EndpointHealthModel, argument?: EndpointTreeNode | string): Promise<void> {
  const health = await resolveEndpointArgument(model, argument, vscode.l10n.t('Show the certificate chain of which endpoint?'));
  if (!health) return;
  const name = health.endpoint.config.name;
  if (!health.endpoint.config.url.startsWith('https:')) {
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" uses plain HTTP: there is no certificate chain.', name));
    return;
  }
  if (!chainOf(model, name)) await model.probe(name);
  if (!chainOf(model, name)) {
    const reason = model.get(name)?.setupProblem ?? model.get(name)?.result?.diagnosis?.summary ?? '';
    void vscode.window.showWarningMessage(vscode.l10n.t('"{0}" presented no certificate chain. {1}', name, reason));
    return;
  }
  const uri = vscode.Uri.from({ scheme: CHAIN_SCHEME, path: `/${name.replace(/[^\w.-]+/g, '-')}.md`, query: encodeURIComponent(name) });
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(document, 'markdown');
  await vscode.window.showTextDocument(document, { preview: true });
}

function chainOf(model: EndpointHealthModel, name: string): CertificateInfo[] | undefined {
  const tls = model.get(name)?.result?.layers.find((l) => l.layer === 'tls');
  const chain = tls?.detail.chain;
  return Array.isArray(chain) && chain.length > 0 ? (chain as CertificateInfo[]) : undefined;
}
