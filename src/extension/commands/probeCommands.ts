import * as vscode from 'vscode';
import type { EndpointHealthModel } from '../endpoints/endpointHealthModel';
import type { EndpointTreeNode } from '../endpoints/endpointTreeNodes';
import { ENDPOINTS_VIEW_ID } from '../viewIds';
import { resolveEndpointArgument } from './endpointArgument';

/** Manual probes run at once (no debounce) and show progress on the view itself. */
export async function probeAll(model: EndpointHealthModel): Promise<void> {
  await vscode.window.withProgress({ location: { viewId: ENDPOINTS_VIEW_ID } }, () => model.probeAll());
}

export async function probeEndpoint(model: EndpointHealthModel, argument?: EndpointTreeNode | string): Promise<void> {
  const health = await resolveEndpointArgument(model, argument, vscode.l10n.t('Which endpoint should be probed?'));
  if (!health) return;
  await vscode.window.withProgress({ location: { viewId: ENDPOINTS_VIEW_ID } }, () => model.probe(health.endpoint.config.name));
}
