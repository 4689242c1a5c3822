import * as vscode from 'vscode';

export const WARN_DAYS_SETTING = 'invoiceDoctor.certificates.warnDays';
export const EXPIRY_WATCH_SETTING = 'invoiceDoctor.certificates.expiryWatch';
const DEFAULT_WARN_DAYS = [30, 14, 7, 1];

/** The warning thresholds in days, largest first; nonsense entries (negative, not numbers) are ignored. */
export function warnDaysThresholds(): number[] {
  const configured = vscode.workspace.getConfiguration().get<unknown>(WARN_DAYS_SETTING, DEFAULT_WARN_DAYS);
  const days = Array.isArray(configured) ? configured.filter((d): d is number => typeof d === 'number' && Number.isFinite(d) && d > 0) : DEFAULT_WARN_DAYS;
  return [...new Set(days)].sort((a, b) => b - a);
}

/** A certificate counts as "expiring" within the largest threshold. */
export function expiringWithinDays(): number {
  return warnDaysThresholds()[0] ?? 0;
}

export function isExpiryWatchEnabled(): boolean {
  return vscode.workspace.getConfiguration().get<boolean>(EXPIRY_WATCH_SETTING, true);
}
