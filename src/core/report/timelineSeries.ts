import { FAILURE_CODES, type FailureCode, type Layer } from '../failureCodes';
import type { AnalysisResult } from '../logs/logTypes';

/**
 * The analysis timeline as one count per bucket and category, gaps filled with zeros, so a
 * chart's x axis is proportional to time. The analysis keeps only non-empty buckets; a span
 * too long to fill (years of daily buckets) stays sparse rather than drawing thousands of bars.
 */
const MAX_FILLED_BUCKETS = 400;

export interface TimelineSeries {
  bucketSeconds: number;
  /** ISO start of every bucket, oldest first. */
  starts: string[];
  categories: { category: FailureCode; title: string; layer: Layer; counts: number[] }[];
}

export function timelineSeries(result: AnalysisResult): TimelineSeries {
  const { bucketSeconds, buckets } = result.timeline;
  const starts = filledStarts(buckets.map((bucket) => Date.parse(bucket.start)), bucketSeconds * 1000);
  const index = new Map(starts.map((start, i) => [start, i]));
  // Categories in the findings' order (most events first), so colours and legends agree everywhere.
  const categories = result.findings
    .map((finding) => finding.category)
    .filter((category) => buckets.some((bucket) => bucket.counts[category]))
    .map((category) => {
      const counts = new Array<number>(starts.length).fill(0);
      for (const bucket of buckets) counts[index.get(Date.parse(bucket.start))!] += bucket.counts[category] ?? 0;
      return { category, title: FAILURE_CODES[category].title, layer: FAILURE_CODES[category].layer as Layer, counts };
    });
  return { bucketSeconds, starts: starts.map((start) => new Date(start).toISOString()), categories };
}

function filledStarts(present: number[], step: number): number[] {
  if (present.length === 0) return [];
  const first = Math.min(...present);
  const last = Math.max(...present);
  if ((last - first) / step + 1 > MAX_FILLED_BUCKETS) return [...new Set(present)].sort((a, b) => a - b);
  const starts: number[] = [];
  for (let start = first; start <= last; start += step) starts.push(start);
  return starts;
}
