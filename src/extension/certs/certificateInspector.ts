import * as path from 'node:path';
import * as vscode from 'vscode';
import { findPemBlocks } from '../../core/certs/pemBlocks';
import { inspectFile } from '../../core/certs/inspectFile';
import { inspectRemote } from '../../core/certs/inspectRemote';
import { isPkcs12 } from '../../core/certs/pkcs12Reader';
import type { CertReport } from '../../core/certs/certReport';
import type { SecretSource } from '../../core/endpoint/secretResolver';
import type { EndpointHealthModel } from '../endpoints/endpointHealthModel';
import type { CertificatePanel, ShownCertificate } from './certificatePanel';
import { expiringWithinDays } from './certificateSettings';
import { endpointInspection } from './endpointInspection';
import { certificateTargetOf, type CertificateTarget } from './inspectArguments';
import { promptForPassphrase } from './passphrasePrompt';
import { pickCertificateTarget } from './pickCertificateTarget';
import { explainRestrictedMode, isUntrustedWorkspaceFile } from './restrictedMode';

/**
 * "Inspect Certificate…": works out what to inspect, runs core's inspector with progress and
 * cancellation, asks for a passphrase when a file needs one, and shows the result in the
 * certificate view. Returns the report shown (undefined when the user gave up).
 */
export class CertificateInspector {
  constructor(
    private readonly model: EndpointHealthModel,
    private readonly secrets: SecretSource,
    private readonly panel: CertificatePanel,
  ) {}

  async inspect(argument?: unknown): Promise<CertReport | undefined> {
    const target = certificateTargetOf(argument) ?? await pickCertificateTarget(this.model);
    if (!target) return undefined;
    const shown = await this.inspectTarget(target);
    if (!shown) return undefined;
    this.panel.show(shown);
    return shown.report;
  }

  private inspectTarget(target: CertificateTarget): Promise<ShownCertificate | undefined> {
    switch (target.kind) {
      case 'file': return this.inspectFileTarget(target.uri, target.passphrase);
      case 'server': return this.inspectServer(target.target);
      case 'endpoint': return this.inspectEndpoint(target.name);
    }
  }

  private async inspectFileTarget(uri: vscode.Uri, passphrase: string | undefined): Promise<ShownCertificate | undefined> {
    const name = path.posix.basename(uri.path);
    const input = await readCertificateInput(uri);
    if (!input) return undefined;
    const source = uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
    const attempt = (secret: string | undefined) => withProgress(vscode.l10n.t('Inspecting {0}…', name), (signal) =>
      inspectFile(input.data, { source, passphrase: secret, warnDays: expiringWithinDays(), signal }));
    const first = await attempt(passphrase);
    const problem = first && passphraseProblem(first);
    const report = problem === undefined ? first : await promptForPassphrase(
      { title: vscode.l10n.t('Passphrase for {0}', name), problem, wrongAlready: passphrase !== undefined },
      async (secret) => {
        const next = await attempt(secret);
        const wrong = next && passphraseProblem(next);
        return wrong === undefined ? { result: next } : { wrong };
      },
    );
    return report ? { report, title: name, notices: input.notices } : undefined;
  }

  private async inspectServer(target: string): Promise<ShownCertificate | undefined> {
    const report = await withProgress(vscode.l10n.t('Inspecting the certificate of {0}…', target), (signal) =>
      inspectRemote(target, { warnDays: expiringWithinDays(), signal }));
    return report && { report, title: report.source, notices: [] };
  }

  private async inspectEndpoint(name: string): Promise<ShownCertificate | undefined> {
    await this.model.store.ready();
    const configured = this.model.store.find(name);
    if (!configured) throw new Error(vscode.l10n.t('There is no endpoint named "{0}".', name));
    const { url, options, notices } = await endpointInspection(configured, this.secrets);
    const report = await withProgress(vscode.l10n.t('Inspecting the certificate of "{0}"…', name), (signal) => inspectRemote(url, { ...options, signal }));
    return report && { report, title: name, notices };
  }
}

/** Core's message when the passphrase is missing or wrong; undefined when the file was read. */
function passphraseProblem(report: CertReport): string | undefined {
  return report.checks.find((check) => check.code === 'cert.bad_passphrase')?.message;
}

/**
 * The file's bytes. In Restricted Mode a workspace file is read for its certificates only:
 * private keys are left out of a PEM file, and a PKCS#12 file (keys and certificates in one
 * encrypted container) is not opened at all.
 */
async function readCertificateInput(uri: vscode.Uri): Promise<{ data: Buffer; notices: string[] } | undefined> {
  const data = Buffer.from(await vscode.workspace.fs.readFile(uri));
  if (!isUntrustedWorkspaceFile(uri)) return { data, notices: [] };
  const text = data.toString('latin1');
  if (text.includes('-----BEGIN ')) {
    const blocks = findPemBlocks(text);
    const kept = blocks.filter((block) => !block.label.endsWith('PRIVATE KEY'));
    if (kept.length === blocks.length) return { data, notices: [] };
    const notice = vscode.l10n.t('Restricted Mode: the private keys in this file were not read, so they were not checked against the certificate. Trust the workspace to check them.');
    return { data: Buffer.from(kept.map((block) => block.text).join('\n'), 'latin1'), notices: [notice] };
  }
  if (isPkcs12(data)) {
    await explainRestrictedMode(vscode.l10n.t('{0} is a PKCS#12 file, which holds private keys: Invoice Doctor opens key files of this workspace only once you trust it.', path.posix.basename(uri.path)));
    return undefined;
  }
  return { data, notices: [] };
}

/**
 * Runs core work with a cancellable notification. Cancelling is not a failure: whatever core
 * throws once the user cancelled is dropped, and nothing is shown.
 */
async function withProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      return await work(controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return undefined;
      throw error;
    } finally {
      subscription.dispose();
    }
  });
}
