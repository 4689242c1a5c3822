import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import type { InspectCertificateArguments } from '../certs/inspectArguments';
import type { EndpointHealthModel } from '../endpoints/endpointHealthModel';
import type { EndpointTreeNode } from '../endpoints/endpointTreeNodes';
import { resolveEndpointArgument } from './endpointArgument';

/**
 * "Show Certificate Chain" of an endpoint: the certificate inspector on the endpoint, in the
 * certificate view, so a chain is shown one way wherever it is asked for.
 */
export async function showCertificateChain(model: EndpointHealthModel, argument?: EndpointTreeNode | string): Promise<unknown> {
  const health = await resolveEndpointArgument(model, argument, vscode.l10n.t('Show the certificate chain of which endpoint?'));
  if (!health) return undefined;
  const name = health.endpoint.config.name;
  if (!health.endpoint.config.url.startsWith('https:')) {
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" uses plain HTTP: there is no certificate chain.', name));
    return undefined;
  }
  const request: InspectCertificateArguments = { endpoint: name };
  return vscode.commands.executeCommand(Commands.inspectCertificate, request);
}
