import * as path from 'node:path';
import * as vscode from 'vscode';
import { expandPathGlobs } from '../../core/pathGlobs';

interface LogFilePick extends vscode.QuickPickItem {
  file?: string;
}

/**
 * Asks which logs to analyze: the files matching `invoiceDoctor.logs.paths`, several at once,
 * or "Browse…" for any others. Resolves to undefined when the user backs out.
 */
export async function pickLogFiles(): Promise<string[] | undefined> {
  const globs = vscode.workspace.getConfiguration('invoiceDoctor.logs').get<string[]>('paths', []);
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const files = globs.length > 0 ? await expandPathGlobs(globs, folders) : [];
  if (files.length === 0) return browse();

  const browseItem: LogFilePick = { label: `$(folder-opened) ${vscode.l10n.t('Browse…')}`, alwaysShow: true };
  const items: LogFilePick[] = [
    ...files.map((file): LogFilePick => ({ label: path.basename(file), description: path.dirname(file), file })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    browseItem,
  ];
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Analyze Log Files'),
    placeHolder: vscode.l10n.t('Choose one or more logs (they are merged by time), or Browse… for others'),
    matchOnDescription: true,
  });
  if (!picked || picked.length === 0) return undefined;
  const chosen = picked.flatMap((item) => (item.file ? [item.file] : []));
  if (picked.includes(browseItem)) {
    const browsed = await browse();
    if (!browsed) return chosen.length > 0 ? chosen : undefined;
    return [...new Set([...chosen, ...browsed])];
  }
  return chosen;
}

async function browse(): Promise<string[] | undefined> {
  const uris = await vscode.window.showOpenDialog({
    canSelectMany: true,
    canSelectFolders: false,
    openLabel: vscode.l10n.t('Analyze'),
    title: vscode.l10n.t('Analyze Log Files'),
    filters: { [vscode.l10n.t('Logs')]: ['log', 'gz', 'txt'], [vscode.l10n.t('All Files')]: ['*'] },
  });
  return uris?.map((uri) => uri.fsPath);
}
