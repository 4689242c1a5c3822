import { LineIndex } from './textLayout';

const DIRECTIVE = /invoice-doctor-disable-next-line\b([^\n]*)/g;

/** Comment openers per format, so a directive inside a value or string does not count. */
export type CommentStyle = 'hash' | 'xml' | 'slash';

const PREFIX: Record<CommentStyle, RegExp> = {
  hash: /(^|[\s;])[#;!]\s*$/,
  xml: /<!--\s*$/,
  slash: /(\/\/|\/\*)\s*$/,
};

/**
 * Lines (1-based) whose findings are suppressed, mapped to the rule ids named (empty set = all
 * rules), from `invoice-doctor-disable-next-line rule-a rule-b` comments on the line before.
 */
export function suppressedLines(text: string, style: CommentStyle): Map<number, Set<string>> {
  const lines = new LineIndex(text);
  const result = new Map<number, Set<string>>();
  for (const match of text.matchAll(DIRECTIVE)) {
    const lineStart = text.lastIndexOf('\n', match.index - 1) + 1;
    if (!PREFIX[style].test(text.slice(lineStart, match.index))) continue;
    const ids = match[1].replace(/-->.*$|\*\/.*$/, '').split(/[\s,]+/).filter((id) => /^[a-z][\w.-]*$/.test(id));
    result.set(lines.position(match.index).line + 1, new Set(ids));
  }
  return result;
}

export function isSuppressed(suppressions: Map<number, Set<string>>, line: number, rule: string): boolean {
  const ids = suppressions.get(line);
  return ids !== undefined && (ids.size === 0 || ids.has(rule));
}
