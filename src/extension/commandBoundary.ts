import * as vscode from 'vscode';
import type { Logger } from '../core/logger';

/**
 * Registers a command behind the one error boundary every command shares: a failure is logged
 * and shown once, with a way to the log; cancellation (an AbortError from core) is no failure
 * and shows nothing.
 */
export function registerCommand<A extends unknown[]>(log: Logger & { show(): void }, id: string, handler: (...args: A) => Promise<unknown> | unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') return undefined;
      log.error(error instanceof Error ? error : String(error));
      const showLog = vscode.l10n.t('Show Log');
      const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Invoice Doctor: {0}', (error as Error)?.message ?? String(error)), showLog);
      if (choice === showLog) log.show();
      return undefined;
    }
  });
}
