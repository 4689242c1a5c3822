import * as vscode from 'vscode';
import { detectKind } from '../../core/config/detectKind';
import type { SourceFile } from '../../core/config/workspaceContext';
import { documentKind, MAX_CONFIG_FILE_BYTES, openDocument } from './configFiles';

/** Files read at once: enough to hide latency, few enough not to flood a remote's file system. */
const READ_CONCURRENCY = 8;

/**
 * Reads one file as a config source: the open document's live text when it is open, the
 * disk's otherwise (async, through workspace.fs, so remote workspaces work too). Undefined
 * for files that are unreadable, too large, or of no kind the linter knows.
 */
export async function readConfigSource(uri: vscode.Uri): Promise<SourceFile | undefined> {
  const path = uri.fsPath;
  const open = openDocument(uri);
  if (open) {
    const kind = documentKind(open);
    return kind ? { path, text: open.getText(), kind } : undefined;
  }
  try {
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > MAX_CONFIG_FILE_BYTES) return undefined;
    const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    const kind = detectKind(path, text);
    return kind ? { path, text, kind } : undefined;
  } catch {
    // Deleted between the search and the read, or unreadable: not a config we can lint.
    return undefined;
  }
}

/** Reads many files with bounded concurrency; stops early when cancelled. */
export async function readConfigSources(
  uris: readonly vscode.Uri[],
  options: { token?: vscode.CancellationToken; onRead?: (done: number) => void } = {},
): Promise<SourceFile[]> {
  const sources: SourceFile[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < uris.length && !options.token?.isCancellationRequested) {
      const source = await readConfigSource(uris[next++]);
      if (source) sources.push(source);
      options.onRead?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, uris.length) }, worker));
  return sources.sort((a, b) => a.path.localeCompare(b.path));
}
