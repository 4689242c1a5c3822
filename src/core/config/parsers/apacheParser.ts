import type { ParseResult } from './parseFailure';

/**
 * Apache httpd config: one directive per (backslash-continued) line, `<Section>` containers
 * that must close in order, `#` comment lines. Names are case-insensitive in httpd, so they
 * are kept as written and compared lower-cased by the rules.
 */
export interface ApacheArg {
  value: string;
  start: number;
  end: number;
}

export interface ApacheDirective {
  name: string;
  args: ApacheArg[];
  start: number;
  end: number;
  /** Lower-cased names of the enclosing sections, outermost first. */
  sections: string[];
}

export function parseApache(text: string): ParseResult<ApacheDirective[]> {
  const directives: ApacheDirective[] = [];
  const open: { name: string; start: number }[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    const end = logicalEnd(text, lineStart);
    const words = splitWords(text, lineStart, end);
    if ('message' in words) return { ok: false, failure: words };
    const [first, ...args] = words;
    if (first && !first.value.startsWith('#')) {
      if (first.value.startsWith('</')) {
        const name = first.value.slice(2).replace(/>$/, '').toLowerCase();
        const expected = open.pop();
        if (!expected || expected.name !== name) {
          return { ok: false, failure: { message: expected ? `</${name}> does not close <${expected.name}>` : `</${name}> has no matching <${name}>`, offset: first.start, end: first.end } };
        }
      } else if (first.value.startsWith('<')) {
        open.push({ name: first.value.slice(1).replace(/>$/, '').toLowerCase(), start: first.start });
      } else {
        directives.push({ name: first.value, args, start: first.start, end: args.length ? args[args.length - 1].end : first.end, sections: open.map((s) => s.name) });
      }
    }
    const newline = text.indexOf('\n', end);
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  const unclosed = open.pop();
  if (unclosed) return { ok: false, failure: { message: `<${unclosed.name}> is never closed`, offset: unclosed.start, end: unclosed.start + unclosed.name.length + 1 } };
  return { ok: true, value: directives };
}

function logicalEnd(text: string, from: number): number {
  for (let i = from; ;) {
    const newline = text.indexOf('\n', i);
    const end = newline < 0 ? text.length : text[newline - 1] === '\r' ? newline - 1 : newline;
    if (newline < 0 || text[end - 1] !== '\\') return end;
    i = newline + 1;
  }
}

function splitWords(text: string, from: number, to: number): ApacheArg[] | { message: string; offset: number; end: number } {
  const words: ApacheArg[] = [];
  let i = from;
  while (i < to) {
    const ch = text[i];
    if (/\s/.test(ch) || (ch === '\\' && /[\r\n]/.test(text[i + 1] ?? ''))) { i++; continue; }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < to && text[j] !== ch) j += text[j] === '\\' ? 2 : 1;
      if (j >= to) return { message: 'unterminated quoted argument', offset: i, end: to };
      words.push({ value: text.slice(i + 1, j), start: i, end: j + 1 });
      i = j + 1;
    } else {
      let j = i;
      while (j < to && !/\s/.test(text[j])) j++;
      if (ch === '#' && !words.length) return words.concat({ value: text.slice(i, to), start: i, end: to });
      words.push({ value: text.slice(i, j), start: i, end: j });
      i = j;
    }
  }
  return words;
}
