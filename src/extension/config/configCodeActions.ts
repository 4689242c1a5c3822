import * as vscode from 'vscode';
import type { Finding, Fix } from '../../core/config/findings';
import { fixAll } from '../../core/config/fixAll';
import { RULES } from '../../core/config/ruleCatalog';
import { suppressionComment } from '../../core/config/suppression';
import type { ConfigDiagnostics, DocumentLint } from './configDiagnostics';
import { isFindingOf, ruleDocsUri, ruleOf, toTextEdits } from './findingDiagnostics';
import { snippetTextEdit } from './snippetEdits';

/** `source.fixAll.invoiceDoctor`: what `editor.codeActionsOnSave` names to fix on save. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('invoiceDoctor');

/**
 * Quick fixes for config diagnostics, a comment that silences a rule on one line, a link to
 * the rule's page, and "fix all". Every edit comes from core (the CLI's --fix applies the same
 * ones); this class only finds the finding behind a diagnostic and converts its edits.
 */
export class ConfigCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly diagnostics: ConfigDiagnostics) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => ruleOf(d) !== undefined);
    const wantsQuickFixes = ours.length > 0 && (!context.only || context.only.intersects(vscode.CodeActionKind.QuickFix));
    const wantsFixAll = context.only?.intersects(FIX_ALL_KIND) ?? false;
    if (!wantsQuickFixes && !wantsFixAll) return [];
    const lint = await this.diagnostics.lintOf(document);
    if (!lint) return [];
    const actions: vscode.CodeAction[] = [];
    if (wantsQuickFixes) actions.push(...this.quickFixes(document, lint, ours));
    if (wantsFixAll) actions.push(...this.fixAllAction(document, lint));
    return actions;
  }

  private quickFixes(document: vscode.TextDocument, lint: DocumentLint, diagnostics: vscode.Diagnostic[]): vscode.CodeAction[] {
    const fixes: vscode.CodeAction[] = [];
    const others: vscode.CodeAction[] = [];
    const offered = new Set<string>();
    for (const diagnostic of diagnostics) {
      for (const finding of lint.findings.filter((f) => isFindingOf(f, diagnostic, document))) {
        fixes.push(...finding.fixes.map((fix) => fixAction(document, fix, diagnostic)));
        const suppressKey = `suppress ${finding.rule} ${diagnostic.range.start.line}`;
        if (!offered.has(suppressKey)) {
          offered.add(suppressKey);
          const suppress = suppressAction(document, lint, finding, diagnostic);
          if (suppress) others.push(suppress);
        }
        if (!offered.has(`docs ${finding.rule}`)) {
          offered.add(`docs ${finding.rule}`);
          const docs = docsAction(finding.rule, diagnostic);
          if (docs) others.push(docs);
        }
      }
    }
    // Fixes first, so the preferred one is where Ctrl+. puts the selection.
    return [...fixes, ...others];
  }

  private fixAllAction(document: vscode.TextDocument, lint: DocumentLint): vscode.CodeAction[] {
    const result = fixAll(document.getText(), lint.findings);
    if (!result.edits.length) return [];
    const action = new vscode.CodeAction(vscode.l10n.t('Fix all safe Invoice Doctor problems'), FIX_ALL_KIND);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.set(document.uri, toTextEdits(document, result.edits));
    return [action];
  }
}

function fixAction(document: vscode.TextDocument, fix: Fix, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.isPreferred;
  action.edit = new vscode.WorkspaceEdit();
  if (fix.snippet) {
    // Placeholders the user fills in (a resolver address): tab stops in the editor.
    action.edit.set(document.uri, fix.edits.map((edit) => snippetTextEdit(document, edit)));
  } else {
    action.edit.set(document.uri, toTextEdits(document, fix.edits));
  }
  return action;
}

/**
 * A comment on the line before the finding, in the file's comment syntax, indented like that
 * line. Offered only when linting the result shows that it parses and silences the finding: a
 * comment line inside a multi-line XML tag or a continued properties value would break the file.
 */
function suppressAction(document: vscode.TextDocument, lint: DocumentLint, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
  if (finding.rule === RULES.parseError.id) return undefined;
  const line = document.lineAt(diagnostic.range.start.line);
  const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const newText = `${indent}${suppressionComment(lint.kind, finding.rule)}${eol}`;
  const offset = document.offsetAt(line.range.start);
  const text = document.getText();
  const after = lint.lintAgain(text.slice(0, offset) + newText + text.slice(offset));
  const count = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule).length;
  if (count(after, RULES.parseError.id) > count(lint.findings, RULES.parseError.id) || count(after, finding.rule) >= count(lint.findings, finding.rule)) return undefined;
  const action = new vscode.CodeAction(vscode.l10n.t('Disable {0} for this line', finding.rule), vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.edit = new vscode.WorkspaceEdit();
  action.edit.insert(document.uri, line.range.start, newText);
  return action;
}

function docsAction(rule: string, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
  const target = ruleDocsUri(rule);
  if (!target) return undefined;
  const action = new vscode.CodeAction(vscode.l10n.t('Open documentation for {0}', rule), vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.command = { command: 'vscode.open', title: action.title, arguments: [target] };
  return action;
}
