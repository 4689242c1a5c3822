import * as vscode from 'vscode';
import { formatDiagnosisText } from '../../core/report/diagnosisText';
import type { EndpointHealthModel } from '../endpoints/endpointHealthModel';
import type { EndpointTreeNode } from '../endpoints/endpointTreeNodes';
import { resolveEndpointArgument } from './endpointArgument';

/** Puts a plain-text diagnosis on the clipboard, fit for a chat or a support ticket. Secrets were scrubbed by the probe. */
export async function copyDiagnosis(model: EndpointHealthModel, argument?: EndpointTreeNode | string): Promise<void> {
  const health = await resolveEndpointArgument(model, argument, vscode.l10n.t('Copy the diagnosis of which endpoint?'));
  if (!health) return;
  if (!health.result && !health.setupProblem) await model.probe(health.endpoint.config.name);
  const current = model.get(health.endpoint.config.name);
  if (!current?.result) {
    void vscode.window.showWarningMessage(current?.setupProblem ?? vscode.l10n.t('"{0}" has no probe result to copy.', health.endpoint.config.name));
    return;
  }
  await vscode.env.clipboard.writeText(formatDiagnosisText(current.result));
  void vscode.window.showInformationMessage(vscode.l10n.t('Diagnosis of "{0}" copied to the clipboard.', health.endpoint.config.name));
}
