import * as vscode from 'vscode';
import { registerCommand } from '../commandBoundary';
import { Commands } from '../commandIds';
import { ConfigCodeActionProvider } from './configCodeActions';
import { ConfigDiagnostics } from './configDiagnostics';
import { CANDIDATE_GLOB } from './configFiles';
import { lintWorkspaceConfigs, type WorkspaceLintSummary } from './lintWorkspaceConfigs';
import { WorkspaceConfigIndex } from './workspaceConfigIndex';

/** Every config file the linter may know, by name, plus files a user set to the nginx language. */
const CONFIG_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file', pattern: CANDIDATE_GLOB },
  { scheme: 'file', language: 'nginx' },
];

/**
 * Config diagnostics, their code actions and Lint Workspace Configs. Linting happens in
 * trusted workspaces only: a workspace's config files are its own content, and Restricted Mode
 * promises not to read them; once trust is granted, linting starts without a reload. Builds
 * objects only; the first lint runs after activation, on the open documents.
 */
export function registerConfigDiagnostics(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  let diagnostics: ConfigDiagnostics | undefined;
  const start = () => {
    const index = new WorkspaceConfigIndex(log);
    diagnostics = new ConfigDiagnostics(index, log);
    context.subscriptions.push(
      index,
      diagnostics,
      vscode.languages.registerCodeActionsProvider(CONFIG_DOCUMENTS, new ConfigCodeActionProvider(diagnostics), ConfigCodeActionProvider.metadata),
    );
  };
  context.subscriptions.push(registerCommand(log, Commands.lintWorkspaceConfigs, (): Promise<WorkspaceLintSummary | undefined> => lintWorkspaceConfigs(diagnostics)));
  if (vscode.workspace.isTrusted) start();
  else context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(start));
}
