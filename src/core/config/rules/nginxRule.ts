import type { Fix, FindingDraft, Severity, TextEdit } from '../findings';
import type { NginxDirective } from '../parsers/nginxParser';

/** nginx findings carry their file: one analysis covers a main file and everything it includes. */
export interface NginxDraft extends FindingDraft {
  file: string;
  /** The text offsets index (an include read from disk has no other home in the run). */
  fileText: string;
}

export type NginxRule = (roots: NginxDirective[]) => NginxDraft[];

export function nginxDraft(
  rule: string,
  at: NginxDirective,
  message: string,
  fixes: Fix[] = [],
  options: { start?: number; end?: number; severity?: Severity } = {},
): NginxDraft {
  return { rule, file: at.source.file, fileText: at.source.text, start: options.start ?? at.start, end: options.end ?? at.end, message, fixes, severity: options.severity };
}

/** A one-edit-list fix; an absent edit (no safe place to write) means no fix is offered. */
export function fix(title: string, edits: (TextEdit | undefined)[], options: { safe: boolean; isPreferred?: boolean; snippet?: boolean }): Fix[] {
  if (edits.some((e) => e === undefined)) return [];
  return [{ title, isPreferred: options.isPreferred ?? true, safe: options.safe, edits: edits as TextEdit[], ...(options.snippet ? { snippet: true } : {}) }];
}

/** Range of a block directive's head (`upstream backend`), not its whole body. */
export function headRange(d: NginxDirective): { start: number; end: number } {
  const last = d.args[d.args.length - 1];
  return { start: d.start, end: last ? last.end : d.start + d.name.length };
}
