import * as vscode from 'vscode';

export type PassphraseAttempt<T> = (passphrase: string) => Promise<{ result: T } | { wrong: string }>;

/**
 * Asks for a passphrase and tries it; a wrong one keeps the box open with core's message under
 * it, so the user can type again or press Escape. Never fails silently: the reason is on screen
 * until the right passphrase is given or the user gives up.
 */
export function promptForPassphrase<T>(options: { title: string; problem: string; wrongAlready: boolean }, attempt: PassphraseAttempt<T>): Promise<T | undefined> {
  return new Promise<T | undefined>((resolvePromise, reject) => {
    const input = vscode.window.createInputBox();
    input.title = options.title;
    input.password = true;
    input.ignoreFocusOut = true;
    input.placeholder = vscode.l10n.t('Passphrase');
    input.prompt = options.wrongAlready ? undefined : options.problem;
    input.validationMessage = options.wrongAlready ? options.problem : undefined;
    let settled = false;
    const finish = (value: T | undefined, error?: unknown) => {
      if (settled) return;
      settled = true;
      subscriptions.forEach((subscription) => subscription.dispose());
      input.dispose();
      if (error) reject(error);
      else resolvePromise(value);
    };
    const subscriptions = [
      input.onDidChangeValue(() => { input.validationMessage = undefined; }),
      input.onDidAccept(async () => {
        input.busy = true;
        input.enabled = false;
        try {
          const outcome = await attempt(input.value);
          if ('result' in outcome) return finish(outcome.result);
          input.validationMessage = outcome.wrong;
        } catch (error) {
          return finish(undefined, error);
        }
        input.busy = false;
        input.enabled = true;
      }),
      input.onDidHide(() => finish(undefined)),
    ];
    input.show();
  });
}
