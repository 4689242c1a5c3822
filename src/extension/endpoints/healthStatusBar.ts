import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import type { EndpointHealthModel } from './endpointHealthModel';

export const STATUS_BAR_SETTING = 'invoiceDoctor.statusBar.enabled';

/** "3 up · 1 down" in the status bar; red when anything is down, amber when degraded. */
export class HealthStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('invoiceDoctor.health', vscode.StatusBarAlignment.Left, 50));
  private readonly visibilityEmitter = this._register(new vscode.EventEmitter<boolean>());
  /** Fires when the item is shown or hidden: background probing runs while it is shown. */
  readonly onDidChangeVisibility = this.visibilityEmitter.event;
  private shown = false;
  /** Set by the certificate expiry watch while a certificate needs renewal. */
  private certificateWarning: string | undefined;

  constructor(private readonly model: EndpointHealthModel) {
    super();
    this.item.name = vscode.l10n.t('Invoice Doctor Endpoint Health');
    this.item.command = 'invoiceDoctor.endpoints.focus';
    this._register(model.onDidChange(() => this.update()));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(STATUS_BAR_SETTING)) this.update();
    }));
  }

  get isShown(): boolean {
    return this.shown;
  }

  /** Amber, with a shield when nothing is down, and `text` in the tooltip; undefined clears it. */
  setCertificateWarning(text: string | undefined): void {
    this.certificateWarning = text;
    this.update();
  }

  update(): void {
    const enabled = vscode.workspace.getConfiguration().get<boolean>(STATUS_BAR_SETTING, true);
    const total = this.model.all.length;
    this.setShown(enabled && total > 0);
    if (!this.shown) return;

    const counts = this.model.counts();
    const parts = [vscode.l10n.t('{0} up', counts.up)];
    if (counts.degraded) parts.push(vscode.l10n.t('{0} degraded', counts.degraded));
    if (counts.down) parts.push(vscode.l10n.t('{0} down', counts.down));
    if (counts.unknown) parts.push(vscode.l10n.t('{0} unknown', counts.unknown));
    const probing = this.model.all.some((h) => h.probing);
    const icon = probing ? '$(sync~spin)' : counts.down ? '$(error)' : counts.degraded ? '$(warning)' : this.certificateWarning ? '$(shield)' : '$(pulse)';
    this.item.text = `${icon} ${parts.join(' · ')}`;
    this.item.backgroundColor = counts.down
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : counts.degraded || this.certificateWarning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const down = this.model.all.filter((h) => h.setupProblem || h.result?.verdict === 'down').map((h) => h.endpoint.config.name);
    const health = down.length
      ? vscode.l10n.t('Invoice endpoints down: {0}. Click to open the Endpoints view.', down.join(', '))
      : vscode.l10n.t('Invoice endpoint health. Click to open the Endpoints view.');
    this.item.tooltip = this.certificateWarning ? `${health}\n${this.certificateWarning}` : health;
  }

  private setShown(shown: boolean): void {
    if (shown === this.shown) return;
    this.shown = shown;
    if (shown) this.item.show();
    else this.item.hide();
    this.visibilityEmitter.fire(shown);
  }
}
