import * as vscode from 'vscode';
import type { LintSettings } from '../../core/config/findings';
import { buildWorkspaceContext, type SourceFile, type WorkspaceConfigContext } from '../../core/config/workspaceContext';
import { Disposable } from '../lifecycle';
import { CONTEXT_GLOB, documentKind, EXCLUDE_GLOB, isContextKind, isContextName, isLintableDocument } from './configFiles';
import { readConfigSource, readConfigSources } from './workspaceFiles';

/**
 * What cross-file rules need from the rest of the workspace: its nginx, database and Spring
 * files, read once and kept current by a file watcher, with open documents' unsaved text
 * taking the place of what is on disk. The context is rebuilt only when one of those changed.
 */
export class WorkspaceConfigIndex extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires when a config file on disk changed, appeared or went away. */
  readonly onDidChange = this.changed.event;
  private loading: Promise<Map<string, SourceFile>> | undefined;
  private generation = 0;
  private cached: { key: string; context: WorkspaceConfigContext } | undefined;
  /** Neighbours of linted documents read by adoptNeighbours, context or not. */
  private readonly neighboursRead = new Set<string>();

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(CONTEXT_GLOB));
    this._register(watcher.onDidCreate((uri) => this.reread(uri)));
    this._register(watcher.onDidChange((uri) => this.reread(uri)));
    this._register(watcher.onDidDelete((uri) => this.forget(uri)));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => {
      this.loading = undefined;
      this.bump();
    }));
  }

  /**
   * The context for linting one document now. Cheap when nothing changed since the last call.
   * `near` is the linted document: its folder's config files are looked up directly.
   */
  async context(settings: LintSettings, near?: vscode.Uri): Promise<WorkspaceConfigContext> {
    const disk = await this.diskFiles();
    if (near) await this.adoptNeighbours(near, disk);
    const open = vscode.workspace.textDocuments.filter((d) => isLintableDocument(d) && (disk.has(d.uri.fsPath) || isContextKind(documentKind(d))));
    const key = [this.generation, settings.instances ?? '', ...open.map((d) => `${d.uri.toString()}@${d.version}`)].join('|');
    if (this.cached?.key !== key) {
      const files = new Map(disk);
      for (const document of open) {
        const kind = documentKind(document);
        if (isContextKind(kind)) files.set(document.uri.fsPath, { path: document.uri.fsPath, text: document.getText(), kind });
        else files.delete(document.uri.fsPath);
      }
      this.cached = { key, context: buildWorkspaceContext([...files.values()], settings) };
    }
    return this.cached.context;
  }

  private diskFiles(): Promise<Map<string, SourceFile>> {
    this.loading ??= this.scan().catch((error: unknown) => {
      // Lint with what is open rather than not at all; the next lint tries the scan again.
      this.log.error('config context: could not search the workspace', error);
      this.loading = undefined;
      return new Map<string, SourceFile>();
    });
    return this.loading;
  }

  private async scan(): Promise<Map<string, SourceFile>> {
    const started = Date.now();
    const uris = await vscode.workspace.findFiles(CONTEXT_GLOB, EXCLUDE_GLOB);
    const sources = (await readConfigSources(uris)).filter((s) => isContextKind(s.kind));
    this.log.debug(`config context: ${sources.length} of ${uris.length} candidate files in ${Date.now() - started} ms`);
    return new Map(sources.map((s) => [s.path, s]));
  }

  /**
   * The files beside a linted document count at once, not only when the watcher reports them:
   * a my.cnf copied next to application.yml belongs to its context, and watchers drop or delay
   * events (remote file systems, busy machines). Each neighbour is read once; later changes
   * come through the watcher. One directory listing per lint.
   */
  private async adoptNeighbours(document: vscode.Uri, disk: Map<string, SourceFile>): Promise<void> {
    const folder = vscode.Uri.joinPath(document, '..');
    const entries = await vscode.workspace.fs.readDirectory(folder).then((list) => list, () => []);
    const unseen = entries
      .filter(([name, type]) => type === vscode.FileType.File && isContextName(name))
      .map(([name]) => vscode.Uri.joinPath(folder, name))
      .filter((uri) => !disk.has(uri.fsPath) && !this.neighboursRead.has(uri.fsPath));
    if (unseen.length === 0) return;
    for (const uri of unseen) this.neighboursRead.add(uri.fsPath);
    const sources = (await readConfigSources(unseen)).filter((source) => isContextKind(source.kind));
    for (const source of sources) disk.set(source.path, source);
    if (sources.length > 0) this.bump();
  }

  private async reread(uri: vscode.Uri): Promise<void> {
    if (!this.loading) return; // the first scan will read it
    const files = await this.loading;
    const source = await readConfigSource(uri);
    if (source && isContextKind(source.kind)) files.set(uri.fsPath, source);
    else files.delete(uri.fsPath);
    this.bump();
  }

  private async forget(uri: vscode.Uri): Promise<void> {
    this.neighboursRead.delete(uri.fsPath); // a file made anew there is a new neighbour
    if (!this.loading) return;
    (await this.loading).delete(uri.fsPath);
    this.bump();
  }

  private bump(): void {
    this.generation++;
    if (!this.isDisposed) this.changed.fire();
  }
}
