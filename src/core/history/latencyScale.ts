/**
 * A probe slower than this many times the median is an outlier: the scale tops out there, so
 * one 10 s timeout among 100 ms probes does not flatten every other probe to the floor.
 */
const OUTLIER_FACTOR = 4;

/**
 * Maps latencies to heights in [0, 1] for the text and SVG sparklines. The scale starts at zero,
 * not at the fastest probe, so that 5 ms of jitter does not look like a spike; it ends at the
 * slowest probe or at OUTLIER_FACTOR × the median, whichever is lower, and anything above that
 * is drawn at full height. Null (a down probe) has no height.
 */
export function latencyScale(values: ReadonlyArray<number | null>): (value: number) => number {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v) && v >= 0).sort((a, b) => a - b);
  if (finite.length === 0) return () => 0;
  const median = finite[Math.floor((finite.length - 1) / 2)];
  const ceiling = Math.min(finite[finite.length - 1], median * OUTLIER_FACTOR);
  if (ceiling <= 0) return () => 0; // every probe took 0 ms: flat at the floor
  return (value) => (value > 0 ? Math.min(1, value / ceiling) : 0); // NaN > 0 is false too
}
