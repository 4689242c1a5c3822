import { NeedleKernel, type NeedleSet } from './needleKernel';
import type { OnCandidate, Prefilter } from './prefilterNeedles';

/** How many needles the SIMD kernel searches at once, in its eight buckets, before it is slower than `indexOf`. */
export const KERNEL_NEEDLES = 16;

/** A needle set searched all at once by the SIMD kernel, in the window it owns: the kernel's lines are the candidates. */
export function kernelPrefilter(set: NeedleSet, windowBytes: number, maxLineBytes: number): Prefilter {
  const kernel = new NeedleKernel(set, windowBytes, maxLineBytes);
  return {
    window: kernel.window,
    release: () => kernel.release(),
    scan: (from: number, to: number, onCandidate: OnCandidate) => kernel.scan(from, to, onCandidate),
  };
}
