import * as vscode from 'vscode';
import type { DoctorReport } from '../../core/diagnose/doctorReport';
import type { SecretSource } from '../../core/endpoint/secretResolver';
import { registerCommand } from '../commandBoundary';
import { Commands } from '../commandIds';
import type { EndpointHealthModel } from '../endpoints/endpointHealthModel';
import type { EndpointTreeNode } from '../endpoints/endpointTreeNodes';
import type { ProbeHistoryReader } from '../endpoints/probeHistoryStore';
import { diagnoseEndpointCommand } from './diagnoseEndpointCommand';
import { copyForSupportTicket, exportDiagnosis } from './diagnosisExport';
import type { DiagnosisAction } from './diagnosisPage';
import { DiagnosisPanel } from './diagnosisPanel';

/** Diagnose Endpoint, its panel, and the commands that hand a diagnosis to a support desk. */
export interface DiagnosisServices {
  log: vscode.LogOutputChannel;
  model: EndpointHealthModel;
  secrets: SecretSource;
  history: ProbeHistoryReader;
}

export function registerDiagnosis(context: vscode.ExtensionContext, services: DiagnosisServices): vscode.Disposable[] {
  const { log } = services;
  const diagnose = async (argument?: EndpointTreeNode | string) => {
    const report = await diagnoseEndpointCommand(services, argument);
    if (report) panel.show(report);
    return report;
  };
  const onAction = (action: DiagnosisAction, report: DoctorReport) => {
    switch (action) {
      case 'copy': return copyForSupportTicket(report);
      case 'markdown': return exportDiagnosis(report, 'markdown');
      case 'html': return exportDiagnosis(report, 'html');
      case 'rerun': return vscode.commands.executeCommand(Commands.diagnoseEndpoint, report.endpoint.name);
    }
  };
  const panel = new DiagnosisPanel(context.extensionUri, onAction);
  /** Commands on "the diagnosis on show"; from the palette without one, diagnose first. */
  const withReport = async <T>(work: (report: DoctorReport) => Promise<T>) => {
    const report = panel.latest ?? await diagnose();
    return report ? work(report) : undefined;
  };
  return [
    panel,
    registerCommand(log, Commands.diagnoseEndpoint, diagnose),
    registerCommand(log, Commands.copyForSupportTicket, () => withReport(copyForSupportTicket)),
    registerCommand(log, Commands.exportDiagnosisMarkdown, (target?: vscode.Uri) => withReport((report) => exportDiagnosis(report, 'markdown', target))),
    registerCommand(log, Commands.exportDiagnosisHtml, (target?: vscode.Uri) => withReport((report) => exportDiagnosis(report, 'html', target))),
  ];
}
