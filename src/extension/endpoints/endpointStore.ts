import * as vscode from 'vscode';
import { parseEndpointsFile, validateEndpoints, type ConfigProblem, type EndpointConfig } from '../../core/endpoint/endpointConfig';
import { Disposable } from '../lifecycle';
import type { Logger } from '../../core/logger';

export const ENDPOINTS_FILE = 'invoice-doctor.json';
export const ENDPOINTS_SETTING = 'invoiceDoctor.endpoints';

export type EndpointSource =
  | { kind: 'setting' }
  | { kind: 'file'; uri: vscode.Uri };

export interface ConfiguredEndpoint {
  config: EndpointConfig;
  source: EndpointSource;
  /** Folder that relative certificate paths are resolved against. */
  baseDir: string | undefined;
}

export interface SourcedProblem extends ConfigProblem {
  source: EndpointSource;
}

/**
 * Collects endpoints from the `invoiceDoctor.endpoints` setting and from `invoice-doctor.json`
 * at the root of each trusted workspace folder, and reloads when either changes.
 * In Restricted Mode the workspace's file is not read and VS Code hides workspace values of
 * the setting (it is a restricted configuration), so only the user's own endpoints remain.
 */
export class EndpointStore extends Disposable {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;

  private current: { endpoints: ConfiguredEndpoint[]; problems: SourcedProblem[] } = { endpoints: [], problems: [] };
  private loaded: Promise<void> | undefined;
  private generation = 0;

  constructor(private readonly log: Logger) {
    super();
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(ENDPOINTS_SETTING)) this.reload();
    }));
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${ENDPOINTS_FILE}`));
    this._register(watcher.onDidChange(() => this.reload()));
    this._register(watcher.onDidCreate(() => this.reload()));
    this._register(watcher.onDidDelete(() => this.reload()));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.reload()));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.reload()));
  }

  get endpoints(): readonly ConfiguredEndpoint[] {
    return this.current.endpoints;
  }

  get problems(): readonly SourcedProblem[] {
    return this.current.problems;
  }

  /** Resolves once the first load has finished; loads lazily so activation does no I/O. */
  ready(): Promise<void> {
    return (this.loaded ??= this.load());
  }

  reload(): Promise<void> {
    this.loaded = this.load();
    return this.loaded;
  }

  find(name: string): ConfiguredEndpoint | undefined {
    return this.current.endpoints.find((e) => e.config.name === name);
  }

  /** The workspace folder file that new endpoints are added to, if a trusted folder is open. */
  defaultFileUri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder && vscode.workspace.isTrusted ? vscode.Uri.joinPath(folder.uri, ENDPOINTS_FILE) : undefined;
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    const endpoints: ConfiguredEndpoint[] = [];
    const problems: SourcedProblem[] = [];
    const names = new Set<string>();
    const add = (parsed: { endpoints: EndpointConfig[]; problems: ConfigProblem[] }, source: EndpointSource, baseDir: string | undefined) => {
      problems.push(...parsed.problems.map((p) => ({ ...p, source })));
      for (const config of parsed.endpoints) {
        if (names.has(config.name)) {
          problems.push({ path: 'name', message: vscode.l10n.t('endpoint "{0}" is defined more than once; the first definition is used', config.name), source });
          continue;
        }
        names.add(config.name);
        endpoints.push({ config, source, baseDir });
      }
    };

    const fromSetting = vscode.workspace.getConfiguration().get<unknown>(ENDPOINTS_SETTING, []);
    add(validateEndpoints(fromSetting, ENDPOINTS_SETTING), { kind: 'setting' }, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);

    if (vscode.workspace.isTrusted) {
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        const uri = vscode.Uri.joinPath(folder.uri, ENDPOINTS_FILE);
        try {
          const text = await readTextIfExists(uri);
          if (text !== undefined) add(parseEndpointsFile(text), { kind: 'file', uri }, folder.uri.fsPath);
        } catch (error) {
          problems.push({ path: '', message: vscode.l10n.t('cannot read {0}: {1}', uri.fsPath, (error as Error).message), source: { kind: 'file', uri } });
        }
      }
    }
    if (generation !== this.generation) return; // a newer load superseded this one
    for (const problem of problems) this.log.warn(`Endpoint configuration: ${problem.path}: ${problem.message}`);
    this.current = { endpoints, problems };
    this.changeEmitter.fire();
  }
}

async function readTextIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}
