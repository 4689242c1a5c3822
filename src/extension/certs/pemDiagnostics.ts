import * as vscode from 'vscode';
import type { PemCertificateEntry } from '../../core/certs/inspectFile';
import { DIAGNOSTIC_SOURCE } from '../config/findingDiagnostics';
import { Disposable } from '../lifecycle';
import { expiringWithinDays, WARN_DAYS_SETTING } from './certificateSettings';
import { daysLeft, expiryPhrase, isExpired, shortName } from './expiryWording';
import { blockRange, isPemDocument, type PemCertificateIndex } from './pemDocuments';

const DEBOUNCE_MS = 300;

/**
 * Expired and expiring certificates in open PEM files, as diagnostics on their blocks: an error
 * once expired (`cert.expired`), a warning within the largest `warnDays` threshold
 * (`cert.expiring`), and an error on a block that cannot be read, so a damaged file never
 * passes for a clean one. Re-checked after typing settles and when the setting changes.
 */
export class PemDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('invoiceDoctor.certificates'));
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly index: PemCertificateIndex) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((document) => this.update(document)));
    this._register(vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)));
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(WARN_DAYS_SETTING)) this.updateAll();
    }));
    this._register({ dispose: () => this.pending.forEach((timer) => clearTimeout(timer)) });
    this.updateAll();
  }

  private updateAll(): void {
    for (const document of vscode.workspace.textDocuments) this.update(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isPemDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      this.update(document);
    }, DEBOUNCE_MS));
  }

  private update(document: vscode.TextDocument): void {
    if (!isPemDocument(document) || document.isClosed) return;
    const within = expiringWithinDays();
    this.collection.set(document.uri, this.index.entries(document).flatMap((entry) => toDiagnostics(entry, within)));
  }

  private forget(uri: vscode.Uri): void {
    clearTimeout(this.pending.get(uri.toString()));
    this.pending.delete(uri.toString());
    this.collection.delete(uri);
  }
}

function toDiagnostics(entry: PemCertificateEntry, expiringWithin: number): vscode.Diagnostic[] {
  const range = blockRange(entry);
  if (!entry.info) return [diagnostic(range, vscode.l10n.t('This certificate cannot be read: {0}', entry.error ?? ''), vscode.DiagnosticSeverity.Error, 'cert.unreadable')];
  const { subject, notAfter } = entry.info;
  const name = shortName(subject);
  if (isExpired(notAfter)) {
    return [diagnostic(range, vscode.l10n.t('The certificate {0} {1} ({2}).', name, expiryPhrase(notAfter), notAfter), vscode.DiagnosticSeverity.Error, 'cert.expired')];
  }
  if (daysLeft(notAfter) < expiringWithin) {
    return [diagnostic(range, vscode.l10n.t('The certificate {0} {1}: renew it before it does.', name, expiryPhrase(notAfter)), vscode.DiagnosticSeverity.Warning, 'cert.expiring')];
  }
  return [];
}

function diagnostic(range: vscode.Range, message: string, severity: vscode.DiagnosticSeverity, code: string): vscode.Diagnostic {
  const result = new vscode.Diagnostic(range, message, severity);
  result.source = DIAGNOSTIC_SOURCE;
  result.code = code;
  return result;
}
