import type { FindingDraft, LintSettings } from '../findings';
import type { ParseFailure } from '../parsers/parseFailure';
import type { WorkspaceConfigContext } from '../workspaceContext';

/** A single-file linter for one config kind (nginx, which spans includes, has its own). */
export interface CheckInput {
  text: string;
  path?: string;
  settings: LintSettings;
  context: WorkspaceConfigContext;
}

export type CheckResult = { ok: true; drafts: FindingDraft[] } | { ok: false; failure: ParseFailure };

export type KindChecker = (input: CheckInput) => CheckResult;
