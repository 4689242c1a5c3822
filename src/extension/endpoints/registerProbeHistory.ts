import * as vscode from 'vscode';
import { registerCommand } from '../commandBoundary';
import { Commands } from '../commandIds';
import type { EndpointHealthModel } from './endpointHealthModel';
import { ProbeHistoryStore } from './probeHistoryStore';

export interface ProbeHistoryServices {
  log: vscode.LogOutputChannel;
  model: EndpointHealthModel;
}

/**
 * The probe history: the store that records every finished probe in workspace storage, and the
 * Clear Probe History command. Reads nothing at activation; a history is read when first shown.
 */
export function registerProbeHistory(context: vscode.ExtensionContext, { log, model }: ProbeHistoryServices): ProbeHistoryStore {
  const history = new ProbeHistoryStore(context.workspaceState, model, log);
  context.subscriptions.push(
    history,
    registerCommand(log, Commands.clearProbeHistory, () => {
      history.clear();
      // A status-bar note that hides itself, not a toast: the view's rows already show the change.
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Invoice Doctor: probe history cleared'), 3000);
    }),
  );
  return history;
}
