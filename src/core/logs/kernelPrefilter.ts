import { NeedleKernel } from './needleKernel';
import type { Needle, OnCandidate, Prefilter } from './prefilterNeedles';

/** How many needles the SIMD kernel searches at once. */
export const KERNEL_NEEDLES = 8;

/**
 * Few needles, searched all at once by the SIMD kernel in the window it owns. A line is a
 * candidate once, whatever it holds; a needle's line filter judges the line at the needle's
 * first hit in it (the only one the kernel reports).
 */
export function kernelPrefilter(needles: readonly Needle[], windowBytes: number, maxLineBytes: number): Prefilter {
  const kernel = new NeedleKernel(needles.map(({ text }) => text), windowBytes, maxLineBytes);
  const { window } = kernel;
  return {
    window,
    release: () => kernel.release(),
    scan(from: number, to: number, onCandidate: OnCandidate) {
      // A line filter's searches stop at `to`: past it lie bytes of an earlier fill of the window.
      const view = window.subarray(0, to);
      const filters = needles.map(({ lines }) => lines?.());
      let candidateLine = -1;
      return kernel.scan(from, to, (lineStart, lineEnd, needle, at, linesBefore) => {
        if (lineStart === candidateLine) return;
        const accepts = filters[needle];
        if (accepts && !accepts(view, lineStart, lineEnd, at)) return;
        candidateLine = lineStart;
        onCandidate(lineStart, lineEnd, linesBefore);
      });
    },
  };
}
