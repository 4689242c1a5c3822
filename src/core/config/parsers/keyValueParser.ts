import type { ParseResult } from './parseFailure';

/**
 * Line-oriented `key = value` formats: my.cnf (sections), postgresql.conf, sysctl.conf and
 * .env. One parser with a dialect, because they differ only in separators, sections, quoting
 * and where comments may start.
 */
export interface KeyValueEntry {
  /** Lower-cased section name, '' outside sections. */
  section: string;
  key: string;
  /** Unquoted value; '' for a bare flag. */
  value: string;
  keyStart: number;
  keyEnd: number;
  /** The value as written, quotes included; keyEnd when the key is a bare flag. */
  valueStart: number;
  valueEnd: number;
  quote: '"' | "'" | '';
  lineStart: number;
}

export interface KeyValueSection {
  name: string;
  /** Offset just past the header line's `]`. */
  headerEnd: number;
}

export interface KeyValueDocument {
  entries: KeyValueEntry[];
  sections: KeyValueSection[];
}

export interface KeyValueDialect {
  sections: boolean;
  /** postgresql.conf accepts `key value` as well as `key = value`. */
  spaceSeparator: boolean;
  /** `#` after a value starts a comment (my.cnf, postgresql.conf, unquoted .env values). */
  inlineComments: boolean;
  /** my.cnf flags such as `skip-name-resolve`. */
  bareKeys: boolean;
  exportPrefix: boolean;
  /** sysctl.d's `-key = value` (ignore errors for this key). */
  sysctlIgnorePrefix: boolean;
}

export const DIALECTS = {
  mysql: { sections: true, spaceSeparator: false, inlineComments: true, bareKeys: true, exportPrefix: false, sysctlIgnorePrefix: false },
  postgres: { sections: false, spaceSeparator: true, inlineComments: true, bareKeys: false, exportPrefix: false, sysctlIgnorePrefix: false },
  sysctl: { sections: false, spaceSeparator: false, inlineComments: false, bareKeys: false, exportPrefix: false, sysctlIgnorePrefix: true },
  dotenv: { sections: false, spaceSeparator: false, inlineComments: true, bareKeys: false, exportPrefix: true, sysctlIgnorePrefix: false },
} as const satisfies Record<string, KeyValueDialect>;

const KEY = /[A-Za-z0-9_.\-/]+/y;

export function parseKeyValue(text: string, dialect: KeyValueDialect): ParseResult<KeyValueDocument> {
  const document: KeyValueDocument = { entries: [], sections: [] };
  let section = '';
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const contentEnd = lineEnd > lineStart && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    let i = skipBlanks(text, lineStart, contentEnd);
    const first = text[i];
    if (i >= contentEnd || first === '#' || first === ';' || (dialect.sections && first === '!')) {
      // blank, comment, or a my.cnf !include/!includedir line
    } else if (dialect.sections && first === '[') {
      const close = text.indexOf(']', i);
      if (close < 0 || close > contentEnd) return failure(`section header "${text.slice(i, contentEnd)}" has no closing "]"`, i, contentEnd);
      section = text.slice(i + 1, close).trim().toLowerCase();
      document.sections.push({ name: section, headerEnd: close + 1 });
    } else {
      if (dialect.exportPrefix && text.startsWith('export ', i)) i = skipBlanks(text, i + 7, contentEnd);
      if (dialect.sysctlIgnorePrefix && text[i] === '-') i++;
      KEY.lastIndex = i;
      const key = KEY.exec(text);
      if (!key || key.index !== i) return failure(`expected a setting name, found "${text.slice(i, contentEnd).slice(0, 40)}"`, i, contentEnd);
      const keyEnd = i + key[0].length;
      let j = skipBlanks(text, keyEnd, contentEnd);
      const entry = { section, key: key[0], keyStart: i, keyEnd, lineStart };
      if (text[j] === '=') {
        j = skipBlanks(text, j + 1, contentEnd);
      } else if (j >= contentEnd || text[j] === '#') {
        if (!dialect.bareKeys) return failure(`setting "${key[0]}" has no "=" and no value`, i, contentEnd);
        document.entries.push({ ...entry, value: '', valueStart: keyEnd, valueEnd: keyEnd, quote: '' });
        lineStart = lineEnd + 1;
        continue;
      } else if (!dialect.spaceSeparator || j === keyEnd) {
        return failure(`expected "=" after "${key[0]}"`, j, contentEnd);
      }
      const value = readValue(text, j, contentEnd, dialect);
      if ('message' in value) return { ok: false, failure: value };
      document.entries.push({ ...entry, ...value });
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return { ok: true, value: document };
}

function readValue(text: string, start: number, end: number, dialect: KeyValueDialect):
  { value: string; valueStart: number; valueEnd: number; quote: '"' | "'" | '' } | { message: string; offset: number; end: number } {
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    let j = start + 1;
    let value = '';
    while (j < end) {
      if (text[j] === '\\' && j + 1 < end) { value += text[j + 1]; j += 2; continue; }
      // postgresql.conf doubles a quote to escape it
      if (text[j] === quote && text[j + 1] === quote) { value += quote; j += 2; continue; }
      if (text[j] === quote) return { value, valueStart: start, valueEnd: j + 1, quote };
      value += text[j++];
    }
    return { message: `unterminated ${quote === '"' ? 'double' : 'single'}-quoted value`, offset: start, end };
  }
  let valueEnd = end;
  if (dialect.inlineComments) {
    const comment = text.slice(start, end).search(/(^|\s)#/);
    if (comment >= 0) valueEnd = start + comment;
  }
  while (valueEnd > start && /\s/.test(text[valueEnd - 1])) valueEnd--;
  return { value: text.slice(start, valueEnd), valueStart: start, valueEnd, quote: '' };
}

function skipBlanks(text: string, i: number, end: number): number {
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function failure(message: string, offset: number, end: number): ParseResult<never> {
  return { ok: false, failure: { message, offset, end } };
}
