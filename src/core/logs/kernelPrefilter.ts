import { NeedleKernel } from './needleKernel';
import type { Needle, OnCandidate, Prefilter } from './prefilterNeedles';

/** How many needles the SIMD kernel searches at once. */
export const KERNEL_NEEDLES = 8;
const NEWLINE = 0x0a;

/**
 * Few needles, searched all at once by the SIMD kernel in the window it owns. A line is a
 * candidate once, whatever it holds; a needle's line filter judges the line at the needle's
 * first hit in it.
 */
export function kernelPrefilter(needles: readonly Needle[], windowBytes: number, maxLineBytes: number): Prefilter {
  const kernel = new NeedleKernel(needles.map(({ text }) => text), windowBytes, maxLineBytes);
  const { window } = kernel;
  return {
    window,
    release: () => kernel.release(),
    scan(from: number, to: number, onCandidate: OnCandidate) {
      // Searches for a line end or in a line filter stop at `to`: past it lie bytes of an earlier fill of the window.
      const view = window.subarray(0, to);
      const filters = needles.map(({ lines }) => lines?.());
      // The line last judged by each needle's filter, and the last candidate line.
      const judgedLine = needles.map(() => -1);
      let candidateLine = -1;
      return kernel.scan(from, to, (lineStart, needle, at, linesBefore) => {
        if (lineStart === candidateLine) return;
        const accepts = filters[needle];
        if (accepts && judgedLine[needle] === lineStart) return;
        judgedLine[needle] = lineStart;
        const lineEnd = lineEndOf(view, lineStart);
        if (accepts && !accepts(view, lineStart, lineEnd, at)) return;
        candidateLine = lineStart;
        onCandidate(lineStart, lineEnd, linesBefore);
      });
    },
  };
}

function lineEndOf(view: Buffer, lineStart: number): number {
  const newline = view.indexOf(NEWLINE, lineStart);
  return newline === -1 ? view.length : newline;
}
