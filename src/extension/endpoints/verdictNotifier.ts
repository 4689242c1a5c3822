import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import { Disposable } from '../lifecycle';
import type { EndpointHealth, EndpointHealthModel, VerdictChange } from './endpointHealthModel';

export const NOTIFICATIONS_SETTING = 'invoiceDoctor.notifications.enabled';
/** One notification per endpoint per window: a flapping gateway must not bury the editor in toasts. */
const MIN_INTERVAL_MS = 5 * 60_000;
/** Changes this close together (a Probe All, an outage of a whole platform) make one notification. */
const BATCH_MS = 1_500;

/** Tells the user when an endpoint goes down or comes back. */
export class VerdictNotifier extends Disposable {
  private readonly lastShown = new Map<string, number>();
  private pending: { down: EndpointHealth[]; up: EndpointHealth[] } = { down: [], up: [] };
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(model: EndpointHealthModel) {
    super();
    this._register(model.onDidChangeVerdict((change) => this.onChange(change)));
    this._register({ dispose: () => clearTimeout(this.flushTimer) });
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
    (wentDown ? this.pending.down : this.pending.up).push(health);
    this.flushTimer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const { down, up } = this.pending;
    this.pending = { down: [], up: [] };
    if (up.length) {
      void vscode.window.showInformationMessage(up.length === 1
        ? vscode.l10n.t('Invoice endpoint "{0}" is back up.', up[0].endpoint.config.name)
        : vscode.l10n.t('{0} invoice endpoints are back up: {1}.', up.length, names(up)));
    }
    if (!down.length) return;
    const show = vscode.l10n.t('Show Details');
    const copy = vscode.l10n.t('Copy Diagnosis');
    const [first] = down;
    const message = down.length === 1
      ? vscode.l10n.t('Invoice endpoint "{0}" is down: {1}', first.endpoint.config.name, first.setupProblem ?? first.result?.diagnosis?.summary ?? '')
      : vscode.l10n.t('{0} invoice endpoints are down: {1}.', down.length, names(down));
    const actions = down.length === 1 ? [show, copy] : [show];
    void vscode.window.showWarningMessage(message, ...actions).then((choice) => {
      if (choice === show) void vscode.commands.executeCommand('invoiceDoctor.endpoints.focus');
      if (choice === copy) void vscode.commands.executeCommand(Commands.copyDiagnosis, first.endpoint.config.name);
    });
  }
}

function names(list: EndpointHealth[]): string {
  return list.map((h) => h.endpoint.config.name).join(', ');
}
