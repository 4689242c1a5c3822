import type * as vscode from 'vscode';
import type { SecretSource } from '../core/endpoint/secretResolver';

/** Secret names are namespaced so they never collide with other extensions' keys in the OS keychain. */
const KEY_PREFIX = 'invoiceDoctor.secret.';

/** `${secret:NAME}` placeholders resolve from VS Code's SecretStorage (CONTRACT.md §2). */
export class SecretStorageSource implements SecretSource {
  constructor(private readonly storage: vscode.SecretStorage) {}

  getSecret(name: string): Promise<string | undefined> {
    return Promise.resolve(this.storage.get(KEY_PREFIX + name));
  }

  setSecret(name: string, value: string): Promise<void> {
    return Promise.resolve(this.storage.store(KEY_PREFIX + name, value));
  }
}
