import * as l10n from '@vscode/l10n';
import type { ConfigKind, Finding, FindingDraft, LintSettings, Severity } from './findings';
import type { ParseFailure } from './parsers/parseFailure';
import type { IncludeLoader } from './parsers/nginxIncludes';
import { findRule, RULES } from './ruleCatalog';
import { LineIndex } from './textLayout';
import { COMMENT_STYLE, isSuppressed, suppressedLines } from './suppression';
import { analyzeNginx } from './nginxAnalysis';
import { buildWorkspaceContext, emptyContext, type SourceFile, type WorkspaceConfigContext } from './workspaceContext';
import type { KindChecker } from './rules/checker';
import { checkSpringProperties, checkSpringYaml } from './rules/springChecker';
import { checkMysql, checkPostgres } from './rules/databaseChecker';
import { checkSysctl } from './rules/sysctlChecker';
import { checkTomcat } from './rules/tomcatChecker';
import { checkApache } from './rules/apacheChecker';
import { checkDotenv, checkJavascript } from './rules/nodeChecker';

export interface LintOptions {
  path?: string;
  settings?: LintSettings;
  /** Other files of the workspace or run, for includes and cross-file rules. */
  context?: WorkspaceConfigContext;
}

const CHECKERS: Record<Exclude<ConfigKind, 'nginx'>, KindChecker> = {
  'spring-properties': checkSpringProperties,
  'spring-yaml': checkSpringYaml,
  mysql: checkMysql,
  postgres: checkPostgres,
  sysctl: checkSysctl,
  tomcat: checkTomcat,
  apache: checkApache,
  dotenv: checkDotenv,
  javascript: checkJavascript,
};

/** Lints one text. With a context, nginx includes and cross-file rules see the rest of the workspace. */
export function lintText(kind: ConfigKind, text: string, options: LintOptions = {}): Finding[] {
  const settings = options.settings ?? {};
  const context = options.context ?? emptyContext();
  if (kind === 'nginx') {
    const path = options.path ?? '<text>';
    const others = context.sources.filter((s) => s.kind === 'nginx' && s.path !== path);
    return lintNginx([...others, { path, text, kind }], settings).filter((f) => f.path === path).map((f) => withPath(f, options.path));
  }
  const result = CHECKERS[kind]({ text, path: options.path, settings, context });
  const drafts = result.ok ? result.drafts : [parseErrorDraft(kind, result.failure)];
  return finalize(kind, text, drafts, settings).map((f) => withPath(f, options.path));
}

/**
 * Lints a set of files together: kinds detected, cross-file context built from all of them,
 * nginx includes resolved among them (then through `includeLoader`, e.g. the disk).
 * Findings carry `path`; files of unknown kind are skipped.
 */
export function lintWorkspace(files: readonly SourceFile[], options: { settings?: LintSettings; includeLoader?: IncludeLoader } = {}): Finding[] {
  const settings = options.settings ?? {};
  const context = buildWorkspaceContext(files, settings);
  const nginx = context.sources.filter((s) => s.kind === 'nginx');
  const findings = lintNginx(nginx, settings, options.includeLoader);
  for (const source of context.sources) {
    if (source.kind === 'nginx' || !source.kind) continue;
    findings.push(...lintText(source.kind, source.text, { path: source.path, settings, context }));
  }
  return findings;
}

function lintNginx(files: readonly SourceFile[], settings: LintSettings, includeLoader?: IncludeLoader): Finding[] {
  if (!files.length) return [];
  const analysis = analyzeNginx(files, includeLoader);
  const byFile = new Map<string, FindingDraft[]>();
  const add = (file: string, draft: FindingDraft) => byFile.set(file, [...(byFile.get(file) ?? []), draft]);
  for (const { file, failure } of analysis.failures) add(file, parseErrorDraft('nginx', failure));
  // A file that failed to parse gets only its parse error: rules on a partial tree would
  // report things that are not there, and fixes could land in the wrong block.
  const failed = new Set(analysis.failures.map((f) => f.file));
  for (const draft of analysis.drafts) if (!failed.has(draft.file)) add(draft.file, draft);
  return [...byFile].flatMap(([file, drafts]) => finalize('nginx', analysis.texts.get(file) ?? '', drafts, settings).map((f) => ({ ...f, path: file })));
}

function parseErrorDraft(kind: ConfigKind, failure: ParseFailure): FindingDraft {
  return {
    rule: RULES.parseError.id, start: failure.offset, end: Math.max(failure.end ?? failure.offset + 1, failure.offset),
    message: l10n.t('Could not parse this {0} file: {1}. No other rule ran on it, so its other problems are unknown.', kind, failure.message),
  };
}

function finalize(kind: ConfigKind, text: string, drafts: FindingDraft[], settings: LintSettings): Finding[] {
  const lines = new LineIndex(text);
  const suppressions = suppressedLines(text, COMMENT_STYLE[kind]);
  const disabled = new Set(settings.disabledRules ?? []);
  const findings: Finding[] = [];
  for (const draft of drafts) {
    const start = lines.position(draft.start);
    if (disabled.has(draft.rule) || isSuppressed(suppressions, start.line, draft.rule)) continue;
    const severity: Severity = settings.severityOverrides?.[draft.rule] ?? draft.severity ?? findRule(draft.rule)?.defaultSeverity ?? 'warning';
    const fixes = draft.fixes ?? [];
    findings.push({
      rule: draft.rule, severity, message: draft.message,
      range: { start, end: lines.position(draft.end) },
      offsets: { start: draft.start, end: draft.end },
      fixable: fixes.length > 0, fixes,
    });
  }
  return findings.sort((a, b) => a.offsets.start - b.offsets.start || a.rule.localeCompare(b.rule));
}

function withPath(finding: Finding, path: string | undefined): Finding {
  if (path === undefined) {
    const { path: _omit, ...rest } = finding;
    return rest;
  }
  return { ...finding, path };
}

