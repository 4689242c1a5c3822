import { DoctorError } from '../errors';
import type { TextEdit } from './findings';

/**
 * Applies offset-based edits. Edits must not overlap; insertions at the same offset are
 * kept in the order given, so two fixes that both append after one line stay readable.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index);
  let result = '';
  let cursor = 0;
  for (const { edit } of ordered) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) {
      throw new DoctorError('config.invalid', `overlapping or out-of-range edit at offset ${edit.start}`);
    }
    result += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  // Half-open ranges; two insertions at one offset do not conflict, an insertion strictly
  // inside a replaced range does.
  return a.some((x) => b.some((y) => x.start < y.end && y.start < x.end));
}
