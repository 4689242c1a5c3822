import * as vscode from 'vscode';
import type { ExportFormat } from '../../webview/reportProtocol';
import { Commands } from '../commandIds';
import { analyzeLogCommand } from './analyzeLogCommand';
import { registerCommand } from '../commandBoundary';
import { exportLogReport } from './exportLogReport';
import type { FindingsTreeNode } from './findingsTreeNodes';
import { FindingsTreeProvider } from './findingsTreeProvider';
import { FINDINGS_VIEW_ID } from './findingsViewId';
import { LogAnalysisModel } from './logAnalysisModel';
import { LogDiagnostics } from './logDiagnostics';
import { LogReportPanel } from './reportPanel';

/**
 * Log analysis in the editor: the Findings view, the report page, exports and diagnostics on
 * open logs. Registers everything with `context` and returns what the extension's API exposes.
 */
export function registerLogAnalysis(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): { findingsTree: vscode.TreeDataProvider<FindingsTreeNode> } {
  const model = new LogAnalysisModel(log);
  const findingsTree = new FindingsTreeProvider(model);
  const exportCommand = (format: ExportFormat) => vscode.commands.executeCommand(format === 'markdown' ? Commands.exportLogReportMarkdown : Commands.exportLogReportHtml);
  const report = new LogReportPanel(context.extensionUri, model, exportCommand);

  context.subscriptions.push(
    model,
    findingsTree,
    report,
    vscode.window.createTreeView(FINDINGS_VIEW_ID, { treeDataProvider: findingsTree, showCollapseAll: true }),
    new LogDiagnostics(log),
    registerCommand(log, Commands.analyzeLogs, (uri?: vscode.Uri | vscode.Uri[], uris?: vscode.Uri[]) => analyzeLogCommand(model, uri, uris)),
    registerCommand(log, Commands.showLogReport, () => void report.createOrShow()),
    registerCommand(log, Commands.exportLogReportMarkdown, (target?: vscode.Uri) => exportLogReport(model, 'markdown', target)),
    registerCommand(log, Commands.exportLogReportHtml, (target?: vscode.Uri) => exportLogReport(model, 'html', target)),
  );
  return { findingsTree };
}
