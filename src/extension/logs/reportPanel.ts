import * as vscode from 'vscode';
import type { ExportFormat, HostMessage, PageMessage } from '../../webview/reportProtocol';
import { Disposable } from '../lifecycle';
import type { LogAnalysisModel } from './logAnalysisModel';
import { reportData } from './reportData';
import { reportPageHtml, reportResourceRoots } from './reportPage';
import { openLogLine } from './sampleLocation';

export const REPORT_VIEW_TYPE = 'invoiceDoctor.logReport';

/**
 * The log report: at most one panel, shown again (not duplicated) when asked for twice, and
 * updated whenever the model gets a new analysis. Hidden panels are not kept alive; the page
 * keeps its last message with setState and asks again with 'ready' when it comes back.
 */
export class LogReportPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly model: LogAnalysisModel,
    private readonly exportReport: (format: ExportFormat) => Thenable<unknown>,
  ) {
    super();
    this._register(model.onDidChange(() => this.post()));
    this._register({ dispose: () => this.panel?.dispose() });
  }

  static get title(): string {
    return vscode.l10n.t('Invoice Doctor Log Report');
  }

  createOrShow(): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.reveal();
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, LogReportPanel.title, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: reportResourceRoots(this.extensionUri),
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'invoice-doctor.svg');
    panel.webview.html = reportPageHtml(panel.webview, this.extensionUri, LogReportPanel.title);
    const subscriptions = [
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidDispose(() => {
        subscriptions.forEach((s) => s.dispose());
        this.panel = undefined;
      }),
    ];
    this.panel = panel;
    return panel;
  }

  private post(): void {
    if (!this.panel) return;
    const analysis = this.model.latest;
    const message: HostMessage = analysis
      ? { type: 'report', report: reportData(analysis) }
      : { type: 'empty', text: vscode.l10n.t('No log has been analyzed yet. Run "Invoice Doctor: Analyze Log File…".') };
    void this.panel.webview.postMessage(message);
  }

  /** Messages come from page script: check their shape before acting on them. */
  private async receive(raw: unknown): Promise<void> {
    const message = raw as PageMessage;
    switch (message?.type) {
      case 'ready':
        this.post();
        return;
      case 'export':
        if (message.format === 'markdown' || message.format === 'html') await this.exportReport(message.format);
        return;
      case 'openSample':
        if (typeof message.file === 'string' && Number.isInteger(message.line) && this.isAnalyzedFile(message.file)) await openLogLine(message.file, message.line);
        return;
    }
  }

  /** The page may only open files of the current analysis. */
  private isAnalyzedFile(file: string): boolean {
    return this.model.latest?.paths.includes(file) ?? false;
  }
}
