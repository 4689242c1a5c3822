import * as vscode from 'vscode';
import type { DoctorReport } from '../../core/diagnose/doctorReport';
import { Disposable } from '../lifecycle';
import { DIAGNOSIS_ACTIONS, diagnosisPageHtml, type DiagnosisAction } from './diagnosisPage';

export const DIAGNOSIS_VIEW_TYPE = 'invoiceDoctor.diagnosis';

/**
 * One diagnosis panel, showing the latest diagnosis: a second Diagnose Endpoint replaces the
 * page rather than opening another tab. The page is static HTML (no state to restore), so a
 * hidden panel is simply re-rendered when shown again.
 */
export class DiagnosisPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private report: DoctorReport | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onAction: (action: DiagnosisAction, report: DoctorReport) => Thenable<unknown> | void,
  ) {
    super();
    this._register({ dispose: () => this.panel?.dispose() });
  }

  /** The diagnosis on show, for Copy for Support Ticket and the exports. */
  get latest(): DoctorReport | undefined {
    return this.report;
  }

  show(report: DoctorReport): void {
    this.report = report;
    const title = vscode.l10n.t('Diagnosis: {0}', report.endpoint.name);
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(DIAGNOSIS_VIEW_TYPE, title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'invoice-doctor.svg');
      const panel = this.panel;
      const subscriptions = [
        panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
        panel.onDidDispose(() => {
          subscriptions.forEach((s) => s.dispose());
          this.panel = undefined;
        }),
      ];
    }
    this.panel.title = title;
    this.panel.webview.html = diagnosisPageHtml(this.panel.webview, report);
    this.panel.reveal();
  }

  /** Messages come from page script: only the four toolbar actions are accepted. */
  private receive(raw: unknown): void {
    const message = raw as { type?: unknown; action?: unknown };
    if (message?.type !== 'action' || !DIAGNOSIS_ACTIONS.includes(message.action as DiagnosisAction) || !this.report) return;
    void this.onAction(message.action as DiagnosisAction, this.report);
  }
}
