import * as path from 'node:path';
import * as vscode from 'vscode';
import { logReportHtml } from '../../core/report/logReportHtml';
import { logReportMarkdown } from '../../core/report/logReportMarkdown';
import type { ExportFormat } from '../../webview/reportProtocol';
import { Commands } from '../commandIds';
import type { LogAnalysisModel } from './logAnalysisModel';

const RENDERERS = { markdown: logReportMarkdown, html: logReportHtml } as const;
const EXTENSIONS: Record<ExportFormat, string> = { markdown: 'md', html: 'html' };

/**
 * Writes the latest analysis as Markdown or as one self-contained HTML file. The core renders
 * (the CLI could reuse it); this asks where, unless the caller gives `target`.
 */
export async function exportLogReport(model: LogAnalysisModel, format: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const analysis = model.latest;
  if (!analysis) {
    const analyze = vscode.l10n.t('Analyze Log File…');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('There is no log analysis to export yet.'), analyze);
    if (choice === analyze) await vscode.commands.executeCommand(Commands.analyzeLogs);
    return undefined;
  }
  const uri = target ?? await vscode.window.showSaveDialog({
    defaultUri: defaultTarget(analysis.paths[0], format),
    filters: format === 'markdown' ? { Markdown: ['md'] } : { HTML: ['html', 'htm'] },
    title: format === 'markdown' ? vscode.l10n.t('Export Log Report as Markdown') : vscode.l10n.t('Export Log Report as HTML'),
  });
  if (!uri) return undefined;
  const text = RENDERERS[format](analysis.result, { generatedAt: analysis.finishedAt });
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  if (!target) void announce(uri);
  return uri;
}

/** Beside the workspace (or the log), named after the first log: `error-report.md`. */
function defaultTarget(firstLog: string, format: ExportFormat): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(path.dirname(firstLog));
  const name = path.basename(firstLog).replace(/\.gz$/i, '').replace(/\.log(\.\d+)?$/i, '');
  return vscode.Uri.joinPath(folder, `${name}-report.${EXTENSIONS[format]}`);
}

async function announce(uri: vscode.Uri): Promise<void> {
  const open = vscode.l10n.t('Open');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Log report saved to {0}.', uri.fsPath), open);
  if (choice === open) await vscode.commands.executeCommand('vscode.open', uri);
}
