import * as vscode from 'vscode';
import type { DoctorReport } from '../../core/diagnose/doctorReport';
import { doctorDocument } from '../../core/report/doctorDocument';
import { reportHtml } from '../../core/report/reportHtml';
import { reportMarkdown } from '../../core/report/reportMarkdown';

/**
 * Getting a diagnosis to the platform's support desk: as Markdown on the clipboard (tickets
 * and chat take it as is), or as a Markdown or self-contained HTML file to attach. The report
 * was redacted in core; nothing here adds data to it.
 */
export type DiagnosisFormat = 'markdown' | 'html';

export function diagnosisText(report: DoctorReport, format: DiagnosisFormat): string {
  const document = doctorDocument(report);
  return format === 'markdown' ? reportMarkdown(document) : reportHtml([document], { lang: vscode.env.language, title: document.title });
}

export async function copyForSupportTicket(report: DoctorReport): Promise<void> {
  await vscode.env.clipboard.writeText(diagnosisText(report, 'markdown'));
  void vscode.window.showInformationMessage(vscode.l10n.t('Diagnosis of "{0}" copied as Markdown, secrets redacted: paste it into the support ticket.', report.endpoint.name));
}

export async function exportDiagnosis(report: DoctorReport, format: DiagnosisFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = target ?? await vscode.window.showSaveDialog({
    defaultUri: defaultTarget(report, format),
    filters: format === 'markdown' ? { Markdown: ['md'] } : { HTML: ['html', 'htm'] },
    title: format === 'markdown' ? vscode.l10n.t('Export Diagnosis as Markdown') : vscode.l10n.t('Export Diagnosis as HTML'),
  });
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, Buffer.from(diagnosisText(report, format), 'utf8'));
  if (!target) void announce(uri);
  return uri;
}

/** `diagnosis-tax-gateway-2026-11-21.md` in the first workspace folder. */
function defaultTarget(report: DoctorReport, format: DiagnosisFormat): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) return undefined;
  const slug = report.endpoint.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'endpoint';
  return vscode.Uri.joinPath(folder, `diagnosis-${slug}-${report.generatedAt.slice(0, 10)}.${format === 'markdown' ? 'md' : 'html'}`);
}

async function announce(uri: vscode.Uri): Promise<void> {
  const open = vscode.l10n.t('Open');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Diagnosis saved to {0}.', uri.fsPath), open);
  if (choice === open) await vscode.commands.executeCommand('vscode.open', uri);
}
