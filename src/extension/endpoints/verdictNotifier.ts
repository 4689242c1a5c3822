import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import { Disposable } from '../lifecycle';
import type { EndpointHealthModel, VerdictChange } from './endpointHealthModel';

export const NOTIFICATIONS_SETTING = 'invoiceDoctor.notifications.enabled';
/** One notification per endpoint per window: a flapping gateway must not bury the editor in toasts. */
const MIN_INTERVAL_MS = 5 * 60_000;

/** Tells the user when an endpoint goes down or comes back. */
export class VerdictNotifier extends Disposable {
  private readonly lastShown = new Map<string, number>();

  constructor(model: EndpointHealthModel) {
    super();
    this._register(model.onDidChangeVerdict((change) => this.onChange(change)));
  }

  private onChange({ health, previous }: VerdictChange): void {
    if (!vscode.workspace.getConfiguration().get<boolean>(NOTIFICATIONS_SETTING, true)) return;
    const name = health.endpoint.config.name;
    const current = health.setupProblem ? 'down' : health.result?.verdict;
    const wentDown = current === 'down';
    const cameBack = previous === 'down' && current === 'up';
    if (!wentDown && !cameBack) return;
    const now = Date.now();
    if (now - (this.lastShown.get(name) ?? -Infinity) < MIN_INTERVAL_MS) return;
    this.lastShown.set(name, now);

    if (cameBack) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Invoice endpoint "{0}" is back up.', name));
      return;
    }
    const why = health.setupProblem ?? health.result?.diagnosis?.summary ?? '';
    const show = vscode.l10n.t('Show Details');
    const copy = vscode.l10n.t('Copy Diagnosis');
    void vscode.window.showWarningMessage(vscode.l10n.t('Invoice endpoint "{0}" is down: {1}', name, why), show, copy).then((choice) => {
      if (choice === show) void vscode.commands.executeCommand('invoiceDoctor.endpoints.focus');
      if (choice === copy) void vscode.commands.executeCommand(Commands.copyDiagnosis, name);
    });
  }
}
