import * as vscode from 'vscode';
import type { SecretSource } from '../../core/endpoint/secretResolver';
import type { Logger } from '../../core/logger';
import { Commands } from '../commandIds';
import type { EndpointHealthModel } from '../endpoints/endpointHealthModel';
import type { HealthStatusBar } from '../endpoints/healthStatusBar';
import { Disposable } from '../lifecycle';
import { EXPIRY_WATCH_SETTING, isExpiryWatchEnabled, WARN_DAYS_SETTING, warnDaysThresholds } from './certificateSettings';
import { daysLeft, expiryPhrase, isExpired, shortName } from './expiryWording';
import type { InspectCertificateArguments } from './inspectArguments';
import { clientCertificates, merge, serverCertificates, type WatchedCertificate } from './watchedCertificates';

const DAY_MS = 86_400_000;
/** globalState key: the `fingerprint@threshold` pairs already notified, so each is said once. */
const NOTIFIED_KEY = 'invoiceDoctor.certificates.notified';
/** Old pairs are of certificates long renewed; keep the memory small. */
const MAX_REMEMBERED = 500;
const EXPIRED = 'expired';

/**
 * Watches the endpoints' certificates for expiry: the server certificates from the latest
 * probes (re-checked as probes finish) and the client certificates of the endpoint settings
 * (read on start, daily and when the endpoints change). Each certificate gets one warning per
 * `warnDays` threshold it crosses, remembered across sessions; while any is due, the status bar
 * item turns amber.
 */
export class CertificateExpiryWatch extends Disposable {
  private clients: WatchedCertificate[] = [];

  constructor(
    private readonly model: EndpointHealthModel,
    private readonly secrets: SecretSource,
    private readonly statusBar: HealthStatusBar,
    private readonly memory: vscode.Memento,
    private readonly log: Logger,
  ) {
    super();
    this._register(model.onDidFinishProbe(() => void this.evaluate()));
    this._register(model.store.onDidChange(() => void this.check()));
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(EXPIRY_WATCH_SETTING) || event.affectsConfiguration(WARN_DAYS_SETTING)) void this.evaluate();
    }));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.check()));
    // After activation, never in it: the first check reads files.
    const first = setTimeout(() => void this.check(), 0);
    const daily = setInterval(() => void this.check(), DAY_MS);
    this._register({ dispose: () => { clearTimeout(first); clearInterval(daily); } });
  }

  /** Re-reads the client certificates, then evaluates; resolves with the certificates due. */
  async check(): Promise<WatchedCertificate[]> {
    try {
      await this.model.store.ready();
      this.clients = isExpiryWatchEnabled() ? await clientCertificates(this.model.store.endpoints, this.secrets, this.log) : [];
    } catch (error) {
      this.log.error(error instanceof Error ? error : String(error));
    }
    return this.evaluate();
  }

  private async evaluate(): Promise<WatchedCertificate[]> {
    if (this.isDisposed) return [];
    const thresholds = warnDaysThresholds();
    if (!isExpiryWatchEnabled() || thresholds.length === 0) {
      this.statusBar.setCertificateWarning(undefined);
      return [];
    }
    const due = merge([...serverCertificates(this.model), ...this.clients])
      .filter((cert) => isExpired(cert.notAfter) || daysLeft(cert.notAfter) < thresholds[0])
      .sort((a, b) => Date.parse(a.notAfter) - Date.parse(b.notAfter));
    this.statusBar.setCertificateWarning(due.length > 0
      ? vscode.l10n.t('Certificates to renew: {0}', due.map((cert) => `${describe(cert)} ${expiryPhrase(cert.notAfter)}`).join('; '))
      : undefined);
    const remembered = new Set(this.memory.get<string[]>(NOTIFIED_KEY, []));
    const toNotify = due.filter((cert) => !remembered.has(`${cert.fingerprint}@${tightestCrossed(cert, thresholds)}`));
    if (toNotify.length > 0) {
      for (const cert of toNotify) crossedThresholds(cert, thresholds).forEach((key) => remembered.add(`${cert.fingerprint}@${key}`));
      await this.memory.update(NOTIFIED_KEY, [...remembered].slice(-MAX_REMEMBERED));
      toNotify.forEach((cert) => void notify(cert));
    }
    return due;
  }
}

/** Every threshold the certificate is past: `expired`, or each number of days it is within. */
function crossedThresholds(cert: WatchedCertificate, thresholds: readonly number[]): string[] {
  const left = daysLeft(cert.notAfter);
  const crossed = thresholds.filter((days) => left < days).map(String);
  return isExpired(cert.notAfter) ? [...crossed, EXPIRED] : crossed;
}

function tightestCrossed(cert: WatchedCertificate, thresholds: readonly number[]): string {
  return crossedThresholds(cert, thresholds).at(-1) ?? EXPIRED;
}

function describe(cert: WatchedCertificate): string {
  const endpoints = cert.endpoints.map((name) => `"${name}"`).join(', ');
  return cert.role === 'server'
    ? vscode.l10n.t('the server certificate {0} of {1}', shortName(cert.subject), endpoints)
    : vscode.l10n.t('the client certificate {0} of {1}', shortName(cert.subject), endpoints);
}

async function notify(cert: WatchedCertificate): Promise<void> {
  const text = vscode.l10n.t('Invoice Doctor: {0} {1}.', capitalized(describe(cert)), expiryPhrase(cert.notAfter));
  const inspect = vscode.l10n.t('Inspect Certificate');
  const choice = await vscode.window.showWarningMessage(text, inspect);
  if (choice !== inspect) return;
  const argument: InspectCertificateArguments = cert.role === 'client' && cert.file ? { file: cert.file } : { endpoint: cert.endpoints[0] };
  await vscode.commands.executeCommand(Commands.inspectCertificate, argument);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
