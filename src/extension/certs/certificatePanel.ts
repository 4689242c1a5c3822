import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { CertReport } from '../../core/certs/certReport';
import { Disposable } from '../lifecycle';
import { certificatePageHtml } from './certificatePage';
import { isCertificateViewMessage, type CertificateViewMessage } from './certificateViewProtocol';

export const CERTIFICATE_VIEW_TYPE = 'invoiceDoctor.certificate';
/** True while the certificate view is open: the export command is offered in the palette then. */
export const HAS_CERTIFICATE_CONTEXT = 'invoiceDoctor.certs.hasReport';

export interface ShownCertificate {
  report: CertReport;
  /** What the tab says, e.g. the endpoint's name or the file's name. */
  title: string;
  notices: string[];
}

/**
 * The one place a certificate chain is shown: one panel at a time, replaced by each new
 * inspection. The page is static HTML rendered from the report, so a hidden panel needs no
 * live context: VS Code restores the same HTML when it comes back.
 */
export class CertificatePanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: ShownCertificate | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly exportChain: () => Thenable<unknown>,
  ) {
    super();
    this._register({ dispose: () => this.panel?.dispose() });
  }

  /** The report on screen, if the view is open. */
  get current(): ShownCertificate | undefined {
    return this.shown;
  }

  show(shown: ShownCertificate): vscode.WebviewPanel {
    const panel = this.panel ?? this.createPanel();
    this.shown = shown;
    panel.title = vscode.l10n.t('Certificate: {0}', shown.title);
    panel.webview.html = certificatePageHtml(shown.report, { nonce: randomBytes(16).toString('base64'), notices: shown.notices });
    panel.reveal(undefined, false);
    void vscode.commands.executeCommand('setContext', HAS_CERTIFICATE_CONTEXT, true);
    return panel;
  }

  private createPanel(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(CERTIFICATE_VIEW_TYPE, vscode.l10n.t('Certificate'), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'invoice-doctor.svg');
    const subscriptions = [
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidDispose(() => {
        subscriptions.forEach((subscription) => subscription.dispose());
        this.panel = undefined;
        this.shown = undefined;
        void vscode.commands.executeCommand('setContext', HAS_CERTIFICATE_CONTEXT, false);
      }),
    ];
    this.panel = panel;
    return panel;
  }

  /** Messages come from page script: their shape is checked before anything is done. */
  private async receive(raw: unknown): Promise<void> {
    if (!isCertificateViewMessage(raw) || !this.shown) return;
    const message: CertificateViewMessage = raw;
    if (message.type === 'exportChain') {
      await this.exportChain();
      return;
    }
    const { report } = this.shown;
    const cert = message.list === 'chain' ? report.chain[message.index] : report.fetchedIssuers[message.index];
    if (!cert) return;
    await vscode.env.clipboard.writeText(cert.pem);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the PEM of "{0}".', cert.subject), 3000);
  }
}
