import * as vscode from 'vscode';
import type { LintSettings, Severity } from '../../core/config/findings';
import { RULES } from '../../core/config/ruleCatalog';

export const CONFIG_SECTION = 'invoiceDoctor.config';

export interface EditorLintSettings {
  /** Whether open config files are checked as they are edited. */
  enabled: boolean;
  settings: LintSettings;
}

type SeveritySetting = Severity | 'off';

/**
 * The `invoiceDoctor.config.*` settings as core's LintSettings, for one file (settings are
 * resource-scoped, so folders of a multi-root workspace may differ). "off" disables the rule.
 * A parse error is never silenced: a linter that says nothing about a file it could not read
 * would look like a clean bill of health.
 */
export function readLintSettings(scope?: vscode.Uri): EditorLintSettings {
  const configuration = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  const overrides = configuration.get<Record<string, SeveritySetting>>('severityOverrides', {});
  const disabledRules = [
    ...configuration.get<string[]>('disabledRules', []),
    ...Object.entries(overrides).filter(([, severity]) => severity === 'off').map(([rule]) => rule),
  ].filter((rule) => rule !== RULES.parseError.id);
  const severityOverrides = Object.fromEntries(
    Object.entries(overrides).filter((entry): entry is [string, Severity] => entry[1] === 'error' || entry[1] === 'warning' || entry[1] === 'info'),
  );
  return {
    enabled: configuration.get<boolean>('enabled', true),
    settings: {
      disabledRules,
      severityOverrides,
      instances: positiveNumber(configuration.get<number>('instances')),
      databaseCores: positiveNumber(configuration.get<number>('databaseCores')),
    },
  };
}

function positiveNumber(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
