import { Readable } from 'node:stream';
import * as vscode from 'vscode';
import { FAILURE_CODES } from '../../core/failureCodes';
import { analyzeLogs } from '../../core/logs/analyzeLogs';
import { fixesFor } from '../../core/logs/fixes';
import type { LineFinding } from '../../core/logs/logTypes';
import type { Logger } from '../../core/logger';
import { Disposable } from '../lifecycle';
import { findingRange } from './sampleLocation';

/**
 * Information diagnostics on the finding lines of open log files: one collection, set when a
 * log opens, re-analyzed (debounced) when it changes, deleted when it closes. The analysis runs
 * on the editor's text, so unsaved edits and untitled logs count too.
 */
const DEBOUNCE_MS = 500;
/** Text beyond this is not analyzed: a huge open log must not stall the extension host. */
const MAX_ANALYZED_CHARS = 50 * 1024 * 1024;
const SOURCE = 'Invoice Doctor';
const LOG_FILE_NAME = /\.log(\.\d+)?$|(^|[\\/])[^\\/]*error[^\\/]*\.(log|txt)$/i;
/** Output channels are 'log' documents too (this extension's own among them): never analyze them. */
const ANALYZED_SCHEMES = new Set(['file', 'untitled']);

interface Pending {
  timer?: NodeJS.Timeout;
  controller?: AbortController;
}

export class LogDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('invoiceDoctor.logs'));
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly log: Logger) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, DEBOUNCE_MS)));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)));
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('invoiceDoctor.logs')) this.refreshAll();
    }));
    this._register({ dispose: () => [...this.pending.keys()].forEach((key) => this.cancel(key)) });
    this.refreshAll();
  }

  private refreshAll(): void {
    if (!settings().enabled) {
      [...this.pending.keys()].forEach((key) => this.cancel(key));
      this.collection.clear();
      return;
    }
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!isLogDocument(document) || !settings().enabled) return;
    const key = document.uri.toString();
    this.cancel(key);
    this.pending.set(key, { timer: setTimeout(() => void this.analyze(document, key), delayMs) });
  }

  private async analyze(document: vscode.TextDocument, key: string): Promise<void> {
    const controller = new AbortController();
    this.pending.set(key, { controller });
    const text = document.getText();
    if (text.length > MAX_ANALYZED_CHARS) {
      this.log.info(`${document.uri.fsPath}: only the first ${MAX_ANALYZED_CHARS / 1024 / 1024} MB are analyzed for diagnostics; run "Analyze Log File…" for the whole file`);
    }
    const findings: LineFinding[] = [];
    const { maxDiagnostics } = settings();
    try {
      await analyzeLogs([{ name: document.uri.fsPath, stream: Readable.from([Buffer.from(text.slice(0, MAX_ANALYZED_CHARS))]) }], {
        signal: controller.signal,
        onFinding: (finding) => {
          if (findings.length < maxDiagnostics) findings.push(finding);
        },
      });
    } catch (error) {
      if (!controller.signal.aborted) this.log.error(`Log diagnostics for ${document.uri.fsPath} failed: ${(error as Error).message}`);
      return;
    } finally {
      if (this.pending.get(key)?.controller === controller) this.pending.delete(key);
    }
    if (controller.signal.aborted || document.isClosed) return;
    this.collection.set(document.uri, findings.map(toDiagnostic));
  }

  private forget(uri: vscode.Uri): void {
    this.cancel(uri.toString());
    this.collection.delete(uri);
  }

  private cancel(key: string): void {
    const entry = this.pending.get(key);
    clearTimeout(entry?.timer);
    entry?.controller?.abort();
    this.pending.delete(key);
  }
}

function toDiagnostic(finding: LineFinding): vscode.Diagnostic {
  const headline = fixesFor(finding.category).fixes[0];
  const title = FAILURE_CODES[finding.category].title;
  const message = [finding.target ? `${title} (${finding.target})` : title, headline && firstSentence(headline)].filter(Boolean).join(': ');
  const diagnostic = new vscode.Diagnostic(findingRange(finding), message, vscode.DiagnosticSeverity.Information);
  diagnostic.source = SOURCE;
  diagnostic.code = finding.category;
  return diagnostic;
}

/** The headline of a fix: its first sentence (fix texts run on with details). */
function firstSentence(text: string): string {
  const end = text.search(/[.!?](\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}

export function isLogDocument(document: vscode.TextDocument): boolean {
  if (!ANALYZED_SCHEMES.has(document.uri.scheme)) return false;
  return document.languageId === 'log' || LOG_FILE_NAME.test(document.uri.path);
}

function settings(): { enabled: boolean; maxDiagnostics: number } {
  const configuration = vscode.workspace.getConfiguration('invoiceDoctor.logs');
  return {
    enabled: configuration.get<boolean>('diagnostics.enabled', true),
    maxDiagnostics: Math.max(0, configuration.get<number>('maxDiagnostics', 500)),
  };
}
