import * as vscode from 'vscode';
import { lintWorkspace } from '../../core/config/lint';
import type { ConfigDiagnostics } from './configDiagnostics';
import { CANDIDATE_GLOB, EXCLUDE_GLOB } from './configFiles';
import { readLintSettings } from './lintSettings';
import { readConfigSources } from './workspaceFiles';

export interface WorkspaceLintSummary {
  /** Config files checked (known kinds only). */
  files: number;
  findings: number;
  /** Files with at least one finding. */
  filesWithFindings: number;
}

/**
 * Invoice Doctor: Lint Workspace Configs. Every known config file of the workspace, linted
 * together like `invoice-doctor lint .`, so cross-file rules see all of them; findings go to
 * the Problems view. Undefined when cancelled or when the workspace is not trusted.
 */
export async function lintWorkspaceConfigs(diagnostics: ConfigDiagnostics | undefined): Promise<WorkspaceLintSummary | undefined> {
  if (!diagnostics || !vscode.workspace.isTrusted) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Invoice Doctor checks config files only in trusted workspaces.'));
    return undefined;
  }
  const summary = await vscode.window.withProgress({
    location: vscode.ProgressLocation.Notification,
    title: vscode.l10n.t('Invoice Doctor: linting config files'),
    cancellable: true,
  }, async (progress, token) => {
    const uris = await vscode.workspace.findFiles(CANDIDATE_GLOB, EXCLUDE_GLOB, undefined, token);
    const step = uris.length ? 100 / uris.length : 0;
    const sources = await readConfigSources(uris, {
      token,
      onRead: (done) => progress.report({ increment: step, message: vscode.l10n.t('{0} of {1} files', done, uris.length) }),
    });
    if (token.isCancellationRequested) return undefined;
    const findings = lintWorkspace(sources, { settings: readLintSettings().settings });
    diagnostics.showWorkspaceFindings(sources.map((s) => s.path), findings);
    return { files: sources.length, findings: findings.length, filesWithFindings: new Set(findings.map((f) => f.path)).size };
  });
  if (summary) void showSummary(summary);
  return summary;
}

async function showSummary(summary: WorkspaceLintSummary): Promise<void> {
  if (!summary.findings) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Invoice Doctor: no findings in {0} config files.', summary.files));
    return;
  }
  const showProblems = vscode.l10n.t('Show Problems');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Invoice Doctor: {0} findings in {1} files ({2} config files checked).', summary.findings, summary.filesWithFindings, summary.files),
    showProblems,
  );
  if (choice === showProblems) await vscode.commands.executeCommand('workbench.actions.view.problems');
}
