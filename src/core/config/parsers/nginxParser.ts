import type { ParseResult } from './parseFailure';

/** One file (or one section of an `nginx -T` dump) that directives point back into. */
export interface NginxSource {
  /** The path nginx knows the file by (include resolution uses it). */
  path: string;
  /** The file the text belongs to: `path` itself, or the dump it was printed in. */
  file: string;
  /** The whole text the offsets index (the dump for a dump section). */
  text: string;
}

export interface NginxArg {
  /** Unquoted value, escapes kept as written. */
  value: string;
  start: number;
  end: number;
  quote: '"' | "'" | '';
}

export interface NginxDirective {
  name: string;
  args: NginxArg[];
  /** From the name to just past `;` or the closing `}`. */
  start: number;
  end: number;
  block?: NginxDirective[];
  /** Offset of `{` and of `}` for block directives. */
  blockOpen?: number;
  blockClose?: number;
  parent?: NginxDirective;
  source: NginxSource;
  /** Files pulled in by an `include` directive, spliced into the parent block. */
  included?: NginxDirective[];
}

interface Token {
  kind: 'word' | ';' | '{' | '}';
  arg?: NginxArg;
  offset: number;
}

/**
 * A position-keeping nginx config parser for text[from, to). It follows nginx's own
 * tokenizer where it matters for real files: `#` starts a comment only where a token could
 * start, `${var}` braces stay inside a word, quotes and backslash escapes.
 */
export function parseNginx(source: NginxSource, from = 0, to = source.text.length): ParseResult<NginxDirective[]> {
  const tokens = tokenize(source.text, from, to);
  if (!Array.isArray(tokens)) return { ok: false, failure: tokens };
  const root: NginxDirective[] = [];
  const stack: { list: NginxDirective[]; owner?: NginxDirective }[] = [{ list: root }];
  let pending: NginxArg[] = [];
  for (const token of tokens) {
    const frame = stack[stack.length - 1];
    if (token.kind === 'word') {
      pending.push(token.arg as NginxArg);
      continue;
    }
    if (token.kind === '}') {
      if (pending.length) return fail(`directive "${pending[0].value}" is not terminated by ";"`, pending[0].start, token.offset);
      if (!frame.owner) return fail('unexpected "}" with no block open', token.offset, token.offset + 1);
      frame.owner.blockClose = token.offset;
      frame.owner.end = token.offset + 1;
      stack.pop();
      continue;
    }
    if (!pending.length) return fail(`unexpected "${token.kind}" with no directive name`, token.offset, token.offset + 1);
    const [name, ...args] = pending;
    pending = [];
    const directive: NginxDirective = { name: name.value, args, start: name.start, end: token.offset + 1, source, parent: frame.owner };
    frame.list.push(directive);
    if (token.kind === '{') {
      directive.block = [];
      directive.blockOpen = token.offset;
      stack.push({ list: directive.block, owner: directive });
    }
  }
  if (pending.length) return fail(`directive "${pending[0].value}" is not terminated by ";" before the end of the file`, pending[0].start, pending[pending.length - 1].end);
  const unclosed = stack[stack.length - 1].owner;
  if (unclosed) return fail(`block "${unclosed.name}" is never closed: "}" missing before the end of the file`, unclosed.start, (unclosed.blockOpen ?? unclosed.start) + 1);
  return { ok: true, value: root };
}

function fail(message: string, offset: number, end?: number): ParseResult<never> {
  return { ok: false, failure: { message, offset, end } };
}

function tokenize(text: string, from: number, to: number): Token[] | { message: string; offset: number; end?: number } {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      i++;
    } else if (ch === '#') {
      while (i < to && text[i] !== '\n') i++;
    } else if (ch === ';' || ch === '{' || ch === '}') {
      tokens.push({ kind: ch, offset: i });
      i++;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < to && text[j] !== ch) j += text[j] === '\\' ? 2 : 1;
      if (j >= to) return { message: `unterminated ${ch === '"' ? 'double' : 'single'}-quoted string`, offset: i, end: i + 1 };
      tokens.push({ kind: 'word', offset: i, arg: { value: text.slice(i + 1, j), start: i, end: j + 1, quote: ch } });
      i = j + 1;
    } else {
      let j = i;
      let inVariableBraces = false;
      while (j < to) {
        const c = text[j];
        if (c === '\\' && j + 1 < to) { j += 2; continue; }
        if (inVariableBraces) { if (c === '}') inVariableBraces = false; j++; continue; }
        if (c === '{' && text[j - 1] === '$') { inVariableBraces = true; j++; continue; }
        if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ';' || c === '{' || c === '}') break;
        j++;
      }
      tokens.push({ kind: 'word', offset: i, arg: { value: text.slice(i, j), start: i, end: j, quote: '' } });
      i = j;
    }
  }
  return tokens;
}
