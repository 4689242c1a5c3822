import * as vscode from 'vscode';
import type { TextEdit } from '../../core/config/findings';
import { expandSnippet } from '../../core/config/fixAll';

/** The first VS Code whose SnippetTextEdit honours `keepWhitespace`. */
const KEEP_WHITESPACE_SINCE = [1, 98];

/**
 * A snippet fix's edit, so that the text lands exactly as core wrote it. Inserted as a snippet,
 * VS Code prefixes every line after the first with the indentation of the line the edit starts
 * on; core's lines are already indented, so nginx would get `resolver` twice as deep (and YAML
 * would break). Newer hosts skip that with `keepWhitespace`; on older ones the prefix is taken
 * off in advance. Where it cannot be (a line indented less than the prefix), the placeholders'
 * defaults go in as plain text: a correct file beats tab stops.
 */
export function snippetTextEdit(document: vscode.TextDocument, edit: TextEdit): vscode.SnippetTextEdit | vscode.TextEdit {
  const range = new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end));
  if (supportsKeepWhitespace(vscode.version)) {
    const snippetEdit = vscode.SnippetTextEdit.replace(range, new vscode.SnippetString(edit.newText));
    (snippetEdit as { keepWhitespace?: boolean }).keepWhitespace = true;
    return snippetEdit;
  }
  const prefix = /^[ \t]*/.exec(document.lineAt(range.start.line).text.slice(0, range.start.character))?.[0] ?? '';
  const [first, ...rest] = edit.newText.split('\n');
  if (rest.every((line) => line.startsWith(prefix))) {
    return vscode.SnippetTextEdit.replace(range, new vscode.SnippetString([first, ...rest.map((line) => line.slice(prefix.length))].join('\n')));
  }
  return new vscode.TextEdit(range, expandSnippet(edit.newText));
}

function supportsKeepWhitespace(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major > KEEP_WHITESPACE_SINCE[0] || (major === KEEP_WHITESPACE_SINCE[0] && minor >= KEEP_WHITESPACE_SINCE[1]);
}
