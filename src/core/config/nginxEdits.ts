import type { TextEdit } from './findings';
import type { NginxDirective } from './parsers/nginxParser';
import { detectEol, leadingIndent, lineEndOf, lineStartOf } from './textLayout';

/**
 * Text edits for nginx fixes that blend into the file: new directives go on their own line
 * with the neighbour's indentation and the file's line ending; nothing else moves.
 */
const DEFAULT_UNIT = '    ';

/** Adds `line` after directive `d`: on a new line when d ends its line, else right after it. */
export function insertAfter(d: NginxDirective, lines: string[]): TextEdit {
  const text = d.source.text;
  const lineEnd = lineEndOf(text, d.end);
  const rest = text.slice(d.end, lineEnd);
  if (/^\s*(#.*)?$/.test(rest)) {
    const indent = leadingIndent(text, d.start) ?? guessChildIndent(d.parent);
    const eol = detectEol(text);
    return { start: lineEnd, end: lineEnd, newText: lines.map((l) => `${eol}${indent}${l}`).join('') };
  }
  return { start: d.end, end: d.end, newText: lines.map((l) => ` ${l}`).join('') };
}

/** Adds `line` before directive `d`, on its own line when d starts one. */
export function insertBefore(d: NginxDirective, lines: string[]): TextEdit {
  const text = d.source.text;
  const indent = leadingIndent(text, d.start);
  if (indent === undefined) return { start: d.start, end: d.start, newText: lines.map((l) => `${l} `).join('') };
  const eol = detectEol(text);
  const at = lineStartOf(text, d.start);
  return { start: at, end: at, newText: lines.map((l) => `${indent}${l}${eol}`).join('') };
}

/** Appends to a block, after its last directive written in the block's own file. */
export function insertInBlock(block: NginxDirective, lines: string[]): TextEdit {
  const own = (block.block ?? []).filter((d) => d.source === block.source);
  const last = own[own.length - 1];
  if (last) return insertAfter(last, lines);
  const text = block.source.text;
  const open = (block.blockOpen ?? block.start) + 1;
  const blockIndent = leadingIndent(text, block.start) ?? '';
  const eol = detectEol(text);
  const closeOnSameLine = block.blockClose !== undefined && !text.slice(open, block.blockClose).includes('\n');
  return { start: open, end: open, newText: lines.map((l) => `${eol}${blockIndent}${DEFAULT_UNIT}${l}`).join('') + (closeOnSameLine ? `${eol}${blockIndent}` : '') };
}

/** Replaces all arguments of `d` with `newArgs`, keeping the name, spacing before it, and `;`. */
export function replaceArgs(d: NginxDirective, newArgs: string): TextEdit {
  const first = d.args[0];
  const last = d.args[d.args.length - 1];
  return { start: first.start, end: last.end, newText: newArgs };
}

function guessChildIndent(parent: NginxDirective | undefined): string {
  if (!parent) return '';
  return (leadingIndent(parent.source.text, parent.start) ?? '') + DEFAULT_UNIT;
}

/** The raw text of a directive, for copying inherited ones into a block. */
export function directiveText(d: NginxDirective): string {
  return d.source.text.slice(d.start, d.end);
}
