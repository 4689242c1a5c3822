/**
 * Java .properties with exact positions: comment lines (`#`, `!`), keys ending at the first
 * unescaped `=`, `:` or whitespace, and values continued with a trailing backslash. The
 * format has no syntax errors (java.util.Properties accepts anything), so it never fails.
 */
export interface PropertyEntry {
  key: string;
  /** The value with continuations joined, escapes kept as written. */
  value: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
  lineStart: number;
  /** Offset just past the entry's last line (excluding its line break). */
  entryEnd: number;
}

export function parseProperties(text: string): PropertyEntry[] {
  const entries: PropertyEntry[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    let i = lineStart;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\f')) i++;
    const logicalEnd = logicalLineEnd(text, i);
    if (i < logicalEnd && text[i] !== '#' && text[i] !== '!') {
      const keyStart = i;
      while (i < logicalEnd && !'=: \t\f'.includes(text[i])) i += text[i] === '\\' ? 2 : 1;
      const keyEnd = Math.min(i, logicalEnd);
      while (i < logicalEnd && ' \t\f'.includes(text[i])) i++;
      if (text[i] === '=' || text[i] === ':') i++;
      while (i < logicalEnd && ' \t\f'.includes(text[i])) i++;
      const valueStart = Math.min(i, logicalEnd);
      const raw = text.slice(valueStart, logicalEnd);
      entries.push({
        key: text.slice(keyStart, keyEnd).replace(/\\(.)/g, '$1'),
        value: raw.replace(/\\\r?\n[ \t\f]*/g, ''),
        keyStart, keyEnd, valueStart, valueEnd: logicalEnd, lineStart, entryEnd: logicalEnd,
      });
    }
    const newline = text.indexOf('\n', logicalEnd);
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return entries;
}

/** End of a logical line (before its line break), following backslash continuations. */
function logicalLineEnd(text: string, from: number): number {
  let i = from;
  for (;;) {
    const newline = text.indexOf('\n', i);
    const end = newline < 0 ? text.length : text[newline - 1] === '\r' ? newline - 1 : newline;
    let backslashes = 0;
    for (let j = end - 1; j >= from && text[j] === '\\'; j--) backslashes++;
    if (newline < 0 || backslashes % 2 === 0) return end;
    i = newline + 1;
  }
}
