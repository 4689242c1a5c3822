import * as vscode from 'vscode';
import type { LineFinding } from '../../core/logs/logTypes';

/** The core's 1-based, SARIF-style range of a finding as an editor range. */
export function findingRange(finding: Pick<LineFinding, 'range'>): vscode.Range {
  const { start, end } = finding.range;
  return new vscode.Range(start.line - 1, start.column - 1, end.line - 1, end.column - 1);
}

/** Where opening a sample puts the cursor: the matched text, or the start of its line. */
export function sampleSelection(sample: Pick<LineFinding, 'line'> & Partial<Pick<LineFinding, 'range'>>): vscode.Range {
  return sample.range ? findingRange({ range: sample.range }) : new vscode.Range(sample.line - 1, 0, sample.line - 1, 0);
}

export async function openLogLine(file: string, line: number): Promise<void> {
  await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: sampleSelection({ line }), preview: true });
}
