import type { KernelNeedle } from './needleKernel';
import type { OnCandidate, Prefilter } from './prefilterNeedles';

/**
 * Many needles, searched one after another by `Buffer#indexOf` in slices of about SLICE_BYTES,
 * which stay in the CPU cache while every needle is searched in them. `indexOf` runs at memchr
 * speed on its pattern's first byte, so each needle is searched by an anchor, its first
 * ANCHOR_BYTES, and hits are then checked in full.
 */
const SLICE_BYTES = 64 * 1024;
// V8 and Node search longer patterns more slowly.
const ANCHOR_BYTES = 6;
const NEWLINE = 0x0a;

interface SearchNeedle {
  bytes: Buffer;
  anchor: Buffer;
}

export function searchPrefilter(needles: readonly KernelNeedle[], windowBytes: number, maxLineBytes: number): Prefilter {
  const window = Buffer.allocUnsafe(windowBytes);
  const searched = needles.map(({ text }): SearchNeedle => ({ bytes: Buffer.from(text, 'latin1'), anchor: Buffer.from(text.slice(0, ANCHOR_BYTES), 'latin1') }));
  return {
    window,
    release: () => undefined, // the window is an ordinary Buffer, collected with the prefilter
    scan(from: number, to: number, onCandidate: OnCandidate) {
      const view = window.subarray(0, to);
      const counted = { lines: 0, longLines: 0, lineStart: from };
      for (let start = from; start < to;) {
        let end = to;
        if (to - start > SLICE_BYTES) {
          end = view.lastIndexOf(NEWLINE, start + SLICE_BYTES) + 1;
          if (end <= start) end = view.indexOf(NEWLINE, start + SLICE_BYTES) + 1 || to;
        }
        for (const lineStart of candidateLines(view, start, end, searched)) {
          countNewlines(view, lineStart, counted, maxLineBytes);
          const newline = view.indexOf(NEWLINE, lineStart);
          onCandidate(lineStart, newline === -1 ? to : newline, counted.lines);
        }
        start = end;
      }
      countNewlines(view, to, counted, maxLineBytes);
      return { lines: counted.lines, longLines: counted.longLines };
    },
  };
}

/** Starts of the lines of [from, to) that hold a needle, ascending, without repeats. */
function candidateLines(view: Buffer, from: number, to: number, needles: readonly SearchNeedle[]): number[] {
  const slice = view.subarray(from, to);
  const starts: number[] = [];
  for (const { bytes, anchor } of needles) {
    for (let at = slice.indexOf(anchor); at !== -1;) {
      if (slice.compare(bytes, 0, bytes.length, at, Math.min(slice.length, at + bytes.length)) !== 0) {
        at = slice.indexOf(anchor, at + 1);
        continue;
      }
      starts.push(from + slice.lastIndexOf(NEWLINE, at) + 1);
      const newline = slice.indexOf(NEWLINE, at + bytes.length);
      at = newline === -1 ? -1 : slice.indexOf(anchor, newline + 1);
    }
  }
  starts.sort((a, b) => a - b);
  return starts.filter((start, index) => index === 0 || start !== starts[index - 1]);
}

/** Counts the newlines from `counted.lineStart` (a line start) up to `to`, and the long lines they end. */
function countNewlines(view: Buffer, to: number, counted: { lines: number; longLines: number; lineStart: number }, maxLineBytes: number): void {
  for (let newline = view.indexOf(NEWLINE, counted.lineStart); newline !== -1 && newline < to; newline = view.indexOf(NEWLINE, counted.lineStart)) {
    if (newline - counted.lineStart > maxLineBytes) counted.longLines++;
    counted.lines++;
    counted.lineStart = newline + 1;
  }
}
