import * as vscode from 'vscode';
import type { ConfigKind, Finding } from '../../core/config/findings';
import { lintText } from '../../core/config/lint';
import { Disposable } from '../lifecycle';
import { documentKind, isContextKind } from './configFiles';
import { toDiagnostic } from './findingDiagnostics';
import { CONFIG_SECTION, readLintSettings } from './lintSettings';
import type { WorkspaceConfigIndex } from './workspaceConfigIndex';

/** Quiet time after the last keystroke before a document is linted again. */
const TYPING_DEBOUNCE_MS = 400;

/** One lint of one version of a document, kept for the code actions on its diagnostics. */
export interface DocumentLint {
  version: number;
  kind: ConfigKind;
  findings: Finding[];
  /** Lints another text as if it were this document's (same settings and workspace context). */
  lintAgain(text: string): Finding[];
}

/**
 * The one diagnostic collection of config findings. Open documents are linted when opened,
 * after typing pauses, when settings change, and when another config file they depend on
 * changes; closing a document removes its diagnostics. `showWorkspaceFindings` adds those of
 * files that are not open (Lint Workspace Configs).
 */
export class ConfigDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('invoiceDoctor.config'));
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lints = new Map<string, DocumentLint>();

  constructor(private readonly index: WorkspaceConfigIndex, private readonly log: vscode.LogOutputChannel) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
      if (!contentChanges.length) return;
      // Another file's findings may depend on this one (a pool on my.cnf, an nginx include).
      if (isContextKind(documentKind(document))) this.lintOpenDocuments(TYPING_DEBOUNCE_MS);
      else this.schedule(document, TYPING_DEBOUNCE_MS);
    }));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)));
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(CONFIG_SECTION)) this.lintOpenDocuments(0);
    }));
    this._register(index.onDidChange(() => this.lintOpenDocuments(TYPING_DEBOUNCE_MS)));
    this._register({ dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) });
    this.lintOpenDocuments(0);
  }

  /** This version's findings for the code actions: from the last lint, or linted now. */
  async lintOf(document: vscode.TextDocument): Promise<DocumentLint | undefined> {
    const last = this.lints.get(document.uri.toString());
    return last?.version === document.version ? last : this.lint(document);
  }

  /** Findings of a workspace-wide run; open documents keep their own, live ones. */
  showWorkspaceFindings(checkedPaths: readonly string[], findings: readonly Finding[]): void {
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    for (const path of checkedPaths) {
      const uri = vscode.Uri.file(path);
      if (open.has(uri.toString())) continue;
      this.collection.set(uri, findings.filter((f) => f.path === path).map((f) => toDiagnostic(f)));
    }
  }

  private lintOpenDocuments(delayMs: number): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, delayMs);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (this.isDisposed) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.lint(document).catch((error: unknown) => this.log.error(`config lint of ${document.uri.fsPath} failed`, error));
    }, delayMs));
  }

  private async lint(document: vscode.TextDocument): Promise<DocumentLint | undefined> {
    const kind = documentKind(document);
    const { enabled, settings } = readLintSettings(document.uri);
    if (!kind || !enabled || document.isClosed) {
      this.forget(document.uri);
      return undefined;
    }
    const version = document.version;
    const context = await this.index.context(settings, document.uri);
    // Closed or edited meanwhile: the close removed it, the edit scheduled a newer lint.
    if (this.isDisposed || document.isClosed || document.version !== version) return undefined;
    const path = document.uri.fsPath;
    const lintAgain = (text: string) => lintText(kind, text, { path, settings, context });
    const lint: DocumentLint = { version, kind, findings: lintAgain(document.getText()), lintAgain };
    this.lints.set(document.uri.toString(), lint);
    this.collection.set(document.uri, lint.findings.map((f) => toDiagnostic(f, document)));
    return lint;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.lints.delete(key);
    if (!this.isDisposed) this.collection.delete(uri);
  }
}
