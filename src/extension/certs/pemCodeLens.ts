import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import { expiryPhrase, shortName } from './expiryWording';
import { blockRange, type PemCertificateIndex } from './pemDocuments';

/** Above each certificate of a PEM file: who it is for and when it expires; a click inspects the file. */
export class PemCodeLensProvider implements vscode.CodeLensProvider {
  constructor(private readonly index: PemCertificateIndex) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return this.index.entries(document).map((entry) => {
      const title = entry.info
        ? `${shortName(entry.info.subject)}, ${expiryPhrase(entry.info.notAfter)}`
        : vscode.l10n.t('Unreadable certificate: {0}', entry.error ?? '');
      const start = blockRange(entry).start;
      return new vscode.CodeLens(new vscode.Range(start, start), {
        title,
        tooltip: vscode.l10n.t('Inspect the certificates of this file'),
        command: Commands.inspectCertificate,
        arguments: [document.uri],
      });
    });
  }
}
