import * as vscode from 'vscode';
import type { EndpointHealth, EndpointHealthModel } from '../endpoints/endpointHealthModel';
import type { EndpointTreeNode } from '../endpoints/endpointTreeNodes';

/**
 * Endpoint commands are invoked from a tree row (the node), from code (a name), or from the
 * palette (nothing): then the user picks one.
 */
export async function resolveEndpointArgument(
  model: EndpointHealthModel,
  argument: EndpointTreeNode | string | undefined,
  placeHolder: string,
): Promise<EndpointHealth | undefined> {
  if (typeof argument === 'string') return model.get(argument);
  if (argument && 'health' in argument) return model.get(argument.health.endpoint.config.name);
  await model.store.ready();
  const all = model.all;
  if (all.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No invoice endpoints are configured yet. Use "Invoice Doctor: Add Endpoint" first.'));
    return undefined;
  }
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((health) => ({ label: health.endpoint.config.name, description: health.endpoint.config.url, detail: health.result?.diagnosis?.summary, health })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.health;
}
