import type { ConfigKind } from './findings';
import { LineIndex } from './textLayout';

const DIRECTIVE = /invoice-doctor-disable-next-line\b([^\n]*)/g;

/** Comment openers per format, so a directive inside a value or string does not count. */
export type CommentStyle = 'hash' | 'xml' | 'slash';

export const COMMENT_STYLE: Record<ConfigKind, CommentStyle> = {
  nginx: 'hash', 'spring-properties': 'hash', 'spring-yaml': 'hash', mysql: 'hash', postgres: 'hash',
  sysctl: 'hash', apache: 'hash', dotenv: 'hash', tomcat: 'xml', javascript: 'slash',
};

const COMMENT_TEMPLATE: Record<CommentStyle, (directive: string) => string> = {
  hash: (directive) => `# ${directive}`,
  xml: (directive) => `<!-- ${directive} -->`,
  slash: (directive) => `// ${directive}`,
};

/** The comment line (without indent or line break) that silences `rule` on the line after it. */
export function suppressionComment(kind: ConfigKind, rule: string): string {
  return COMMENT_TEMPLATE[COMMENT_STYLE[kind]](`invoice-doctor-disable-next-line ${rule}`);
}

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
