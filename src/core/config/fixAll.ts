import type { Finding, Fix, TextEdit } from './findings';
import { applyEdits, editsOverlap } from './applyEdits';

export interface AppliedFix {
  rule: string;
  title: string;
  line: number;
}

export interface FixAllResult {
  text: string;
  /** The combined edits, for a WorkspaceEdit (source.fixAll) or a preview. */
  edits: TextEdit[];
  applied: AppliedFix[];
}

/** The fix `--fix`/source.fixAll may apply: the preferred one if safe, else the first safe one. Snippets never. */
export function safeFixOf(finding: Finding): Fix | undefined {
  const candidates = finding.fixes.filter((f) => f.safe && !f.snippet);
  return candidates.find((f) => f.isPreferred) ?? candidates[0];
}

/**
 * Applies every safe fix of `findings` (all from this text) in one pass. Two findings about
 * one spot may carry the same edit (e.g. both need a line added after one proxy_pass): it is
 * applied once. A fix that would overlap one already taken waits for the next lint pass.
 */
export function fixAll(text: string, findings: readonly Finding[]): FixAllResult {
  const accepted: TextEdit[] = [];
  const applied: AppliedFix[] = [];
  for (const finding of findings) {
    const fix = safeFixOf(finding);
    if (!fix) continue;
    const fresh = fix.edits.filter((e) => !accepted.some((a) => a.start === e.start && a.end === e.end && a.newText === e.newText));
    if (editsOverlap(fresh, accepted)) continue;
    accepted.push(...fresh);
    applied.push({ rule: finding.rule, title: fix.title, line: finding.range.start.line });
  }
  return { text: accepted.length ? applyEdits(text, accepted) : text, edits: accepted, applied };
}

/** A snippet fix's text with each placeholder replaced by its default (`${1:x}` -> `x`), for previews and tests. */
export function expandSnippet(newText: string): string {
  let result = newText;
  for (let previous = ''; previous !== result;) {
    previous = result;
    result = result.replace(/\$\{\d+:([^{}]*)\}/g, '$1').replace(/\$\{\d+\}|\$\d+/g, '');
  }
  return result.replace(/\\([$}\\])/g, '$1');
}
