import * as vscode from 'vscode';
import { version } from '../../../package.json';
import { diagnoseEndpoint, type DiagnosisStep } from '../../core/diagnose/diagnoseEndpoint';
import type { DoctorReport } from '../../core/diagnose/doctorReport';
import { historyEvidenceOf } from '../../core/diagnose/historyOfProbes';
import { resolveEndpointSecrets, type SecretSource } from '../../core/endpoint/secretResolver';
import { isDoctorError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { resolveEndpointArgument } from '../commands/endpointArgument';
import type { EndpointHealthModel } from '../endpoints/endpointHealthModel';
import type { EndpointTreeNode } from '../endpoints/endpointTreeNodes';
import type { ProbeHistoryReader } from '../endpoints/probeHistoryStore';

/**
 * Diagnose Endpoint: every source at once behind one cancellable progress notification, then
 * the verdict in the diagnosis panel. Returns the report (tests and other extensions use it),
 * or undefined when the user cancelled or the endpoint could not be set up.
 */
export interface DiagnoseServices {
  model: EndpointHealthModel;
  secrets: SecretSource;
  history: ProbeHistoryReader;
  log: Logger;
}

export async function diagnoseEndpointCommand(services: DiagnoseServices, argument: EndpointTreeNode | string | undefined): Promise<DoctorReport | undefined> {
  const health = await resolveEndpointArgument(services.model, argument, vscode.l10n.t('Endpoint to diagnose'));
  if (!health) return undefined;
  const { config, baseDir } = health.endpoint;
  let resolved;
  try {
    resolved = await resolveEndpointSecrets(config, services.secrets);
  } catch (error) {
    if (!isDoctorError(error)) throw error;
    void vscode.window.showErrorMessage(error.message);
    return undefined;
  }
  const stepText: Record<DiagnosisStep, string> = {
    probe: vscode.l10n.t('probing layer by layer…'),
    'certificates, logs and configs': vscode.l10n.t('reading certificates, logs and configs…'),
    verdict: vscode.l10n.t('correlating…'),
  };
  return vscode.window.withProgress({
    location: vscode.ProgressLocation.Notification,
    title: vscode.l10n.t('Diagnosing "{0}"', config.name),
    cancellable: true,
  }, async (progress, token) => {
    const controller = new AbortController();
    const cancellation = token.onCancellationRequested(() => controller.abort());
    try {
      const report = await diagnoseEndpoint(resolved.endpoint, {
        // Endpoints from user settings have no folder of their own: globs start at the first workspace folder.
        baseDir: baseDir ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd(),
        secrets: resolved.secrets,
        toolVersion: version,
        history: historyEvidenceOf(services.history.entries(config.name)),
        systemProxy: vscode.workspace.getConfiguration('http').get<string>('proxy') || undefined,
        signal: controller.signal,
        log: services.log,
        onStep: (step) => progress.report({ message: stepText[step] }),
      });
      services.log.info(`Diagnosed "${config.name}": ${report.verdict.status}${report.verdict.code ? ` (${report.verdict.code}, confidence ${report.verdict.confidence})` : ''}`);
      return report;
    } catch (error) {
      if (controller.signal.aborted) return undefined;
      throw error;
    } finally {
      cancellation.dispose();
    }
  });
}
