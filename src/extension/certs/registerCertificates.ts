import * as vscode from 'vscode';
import type { SecretSource } from '../../core/endpoint/secretResolver';
import { Commands } from '../commandIds';
import type { EndpointHealthModel } from '../endpoints/endpointHealthModel';
import type { HealthStatusBar } from '../endpoints/healthStatusBar';
import { registerCommand } from '../commandBoundary';
import { CertificateExpiryWatch } from './certificateExpiryWatch';
import { CertificateInspector } from './certificateInspector';
import { CertificatePanel } from './certificatePanel';
import { exportCertificateChain } from './exportChain';
import { PemCodeLensProvider } from './pemCodeLens';
import { PemDiagnostics } from './pemDiagnostics';
import { PEM_SELECTOR, PemCertificateIndex } from './pemDocuments';
import { PemHoverProvider } from './pemHover';
import type { WatchedCertificate } from './watchedCertificates';

export interface CertificateServices {
  log: vscode.LogOutputChannel;
  model: EndpointHealthModel;
  secrets: SecretSource;
  statusBar: HealthStatusBar;
}

/** What the extension's API exposes of the certificate features, for tests. */
export interface CertificatesApi {
  /** Runs the expiry watch now; resolves with the certificates due for renewal. */
  checkCertificateExpiry(): Promise<WatchedCertificate[]>;
}

/**
 * Certificates in the editor: the Inspect Certificate command and its view, CodeLenses, hovers
 * and diagnostics on PEM files, and the expiry watch over the endpoints' certificates.
 */
export function registerCertificates(context: vscode.ExtensionContext, { log, model, secrets, statusBar }: CertificateServices): CertificatesApi {
  const panel = new CertificatePanel(context.extensionUri, () => vscode.commands.executeCommand(Commands.exportCertificateChain));
  const inspector = new CertificateInspector(model, secrets, panel);
  const index = new PemCertificateIndex();
  const watch = new CertificateExpiryWatch(model, secrets, statusBar, context.globalState, log);
  context.subscriptions.push(
    panel,
    index,
    watch,
    new PemDiagnostics(index),
    vscode.languages.registerCodeLensProvider(PEM_SELECTOR, new PemCodeLensProvider(index)),
    vscode.languages.registerHoverProvider(PEM_SELECTOR, new PemHoverProvider(index)),
    registerCommand(log, Commands.inspectCertificate, (argument?: unknown) => inspector.inspect(argument)),
    registerCommand(log, Commands.exportCertificateChain, (target?: vscode.Uri) => exportCertificateChain(panel.current?.report, target)),
  );
  return { checkCertificateExpiry: () => watch.check() };
}
