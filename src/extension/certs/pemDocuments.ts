import * as vscode from 'vscode';
import { listPemCertificates, type PemCertificateEntry } from '../../core/certs/inspectFile';
import { Disposable } from '../lifecycle';

/**
 * PEM files have no built-in language id (and other extensions assign several), so the
 * certificate providers select documents by file name instead of by language.
 */
export const PEM_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file', pattern: '**/*.{pem,crt,cer}' }];

export function isPemDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(PEM_SELECTOR, document) > 0;
}

/** A PEM block's 1-based range from core as an editor range. */
export function blockRange(entry: PemCertificateEntry): vscode.Range {
  const { start, end } = entry.range;
  return new vscode.Range(start.line - 1, start.column - 1, end.line - 1, end.column - 1);
}

/**
 * The certificates of each open PEM document, parsed once per version: CodeLenses, hovers and
 * diagnostics all ask for the same document right after each edit.
 */
export class PemCertificateIndex extends Disposable {
  private readonly parsed = new Map<string, { version: number; entries: PemCertificateEntry[] }>();

  constructor() {
    super();
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.parsed.delete(document.uri.toString())));
  }

  entries(document: vscode.TextDocument): PemCertificateEntry[] {
    const key = document.uri.toString();
    const cached = this.parsed.get(key);
    if (cached?.version === document.version) return cached.entries;
    const entries = listPemCertificates(document.getText());
    this.parsed.set(key, { version: document.version, entries });
    return entries;
  }

  entryAt(document: vscode.TextDocument, position: vscode.Position): PemCertificateEntry | undefined {
    return this.entries(document).find((entry) => blockRange(entry).contains(position));
  }
}
