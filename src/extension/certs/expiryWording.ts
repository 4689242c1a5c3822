import * as vscode from 'vscode';

const DAY_MS = 86_400_000;

/**
 * How a certificate's end of validity reads everywhere in the editor (CodeLens, hover,
 * diagnostics, notifications, the status bar): "expires 2026-12-01, in 10 days" or
 * "expired 3 days ago". Days are counted from now, so the words stay true as time passes.
 */
export function expiryPhrase(notAfter: string, now: number = Date.now()): string {
  const ms = Date.parse(notAfter) - now;
  const date = notAfter.slice(0, 10);
  if (ms < 0) {
    const ago = Math.floor(-ms / DAY_MS);
    if (ago === 0) return vscode.l10n.t('expired today ({0})', date);
    return ago === 1 ? vscode.l10n.t('expired 1 day ago') : vscode.l10n.t('expired {0} days ago', ago);
  }
  const left = Math.floor(ms / DAY_MS);
  if (left === 0) return vscode.l10n.t('expires {0}, today', date);
  return left === 1 ? vscode.l10n.t('expires {0}, in 1 day', date) : vscode.l10n.t('expires {0}, in {1} days', date, left);
}

/** Whole days left, negative once expired: the same count as core's `daysLeft`, but taken now. */
export function daysLeft(notAfter: string, now: number = Date.now()): number {
  return Math.floor((Date.parse(notAfter) - now) / DAY_MS);
}

export function isExpired(notAfter: string, now: number = Date.now()): boolean {
  return Date.parse(notAfter) < now;
}

/** `CN=api.example.com` out of a full subject; the whole subject when it has no common name. */
export function shortName(subject: string): string {
  const commonName = subject.match(/(?:^|,\s*)CN=([^,]+)/);
  return commonName ? `CN=${commonName[1]}` : subject || vscode.l10n.t('(no subject)');
}
