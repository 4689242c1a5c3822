import * as vscode from 'vscode';
import type { Finding, Range, Severity, TextEdit } from '../../core/config/findings';
import { findRule } from '../../core/config/ruleCatalog';
import { DOCS_BASE_URL } from '../../core/config/sarifReport';

export const DIAGNOSTIC_SOURCE = 'Invoice Doctor';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * A rule's page on the repository's web view. The docs/rules pages are not shipped in the
 * .vsix (it carries what runs), and SARIF's helpUri points at the same pages, so the CLI's
 * and the editor's links agree.
 */
export function ruleDocsUri(ruleId: string): vscode.Uri | undefined {
  const rule = findRule(ruleId);
  return rule ? vscode.Uri.parse(`${DOCS_BASE_URL}${rule.docsPath}`) : undefined;
}

/**
 * Where a finding sits. With the document at hand its offsets go through `positionAt`, which
 * keeps CRLF line ends and the end of the text valid; for a closed file, core's 1-based,
 * end-exclusive line/column range becomes VS Code's 0-based one.
 */
export function findingRange(finding: Finding, document?: vscode.TextDocument): vscode.Range {
  if (document) return new vscode.Range(document.positionAt(finding.offsets.start), document.positionAt(finding.offsets.end));
  return toVscodeRange(finding.range);
}

function toVscodeRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line - 1, range.start.column - 1, range.end.line - 1, range.end.column - 1);
}

export function toDiagnostic(finding: Finding, document?: vscode.TextDocument): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(findingRange(finding, document), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  const target = ruleDocsUri(finding.rule);
  diagnostic.code = target ? { value: finding.rule, target } : finding.rule;
  return diagnostic;
}

/** The rule id a diagnostic of ours carries, or undefined for other extensions' diagnostics. */
export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return code === undefined ? undefined : String(code);
}

/** Whether a diagnostic was made from this finding of `document`: same rule, same range. */
export function isFindingOf(finding: Finding, diagnostic: vscode.Diagnostic, document: vscode.TextDocument): boolean {
  return ruleOf(diagnostic) === finding.rule && findingRange(finding, document).isEqual(diagnostic.range);
}

/** Core's offset-based edits against the document they were computed for. */
export function toTextEdits(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.TextEdit[] {
  return edits.map((edit) => new vscode.TextEdit(new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText));
}
