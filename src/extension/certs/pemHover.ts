import * as vscode from 'vscode';
import { certificateFacts } from './certificateFacts';
import { blockRange, type PemCertificateIndex } from './pemDocuments';

/** Over a BEGIN..END CERTIFICATE block: the certificate's details, read from the block itself. */
export class PemHoverProvider implements vscode.HoverProvider {
  constructor(private readonly index: PemCertificateIndex) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const entry = this.index.entryAt(document, position);
    if (!entry) return undefined;
    const markdown = new vscode.MarkdownString();
    if (!entry.info) {
      markdown.appendMarkdown(`**${vscode.l10n.t('Unreadable certificate')}**\n\n`).appendText(entry.error ?? '');
      return new vscode.Hover(markdown, blockRange(entry));
    }
    markdown.appendMarkdown(`**${escapeMarkdown(entry.info.subject)}**\n\n| | |\n|---|---|\n`);
    for (const fact of certificateFacts(entry.info)) {
      const value = escapeMarkdown(fact.value);
      markdown.appendMarkdown(`| ${escapeMarkdown(fact.label)} | ${fact.alert ? `**${value}**` : value} |\n`);
    }
    return new vscode.Hover(markdown, blockRange(entry));
  }
}

/** Certificate fields are data, not Markdown: `*`, `|` and friends must show as they are. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
