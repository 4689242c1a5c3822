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
    scan(from: number, to: number, onCandidate: OnCandidate) {
      const filters = needles.map(({ lines }) => lines?.());
      // The line last judged by each needle's filter, and the last candidate line.
      const judgedLine = needles.map(() => -1);
      let candidateLine = -1;
      return kernel.scan(from, to, (lineStart, needle, at, linesBefore) => {
        if (lineStart === candidateLine) return;
        const accepts = filters[needle];
        if (accepts && judgedLine[needle] === lineStart) return;
        judgedLine[needle] = lineStart;
        const lineEnd = lineEndOf(window, lineStart, to);
        if (accepts && !accepts(window, lineStart, lineEnd, at)) return;
        candidateLine = lineStart;
        onCandidate(lineStart, lineEnd, linesBefore);
      });
    },
  };
}

function lineEndOf(window: Buffer, lineStart: number, to: number): number {
  const newline = window.indexOf(NEWLINE, lineStart);
  return newline === -1 || newline >= to ? to : newline;
}
