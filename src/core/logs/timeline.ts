import { FAILURE_CODES, type FailureCode } from '../failureCodes';
import type { TimelineBucket } from './logTypes';

/**
 * Counts per time bucket with a bucket size that follows the span of the data, in constant
 * memory: when the span would need more than MAX_BUCKETS buckets the counts fold into the
 * next coarser size. Each size divides the next and buckets align to the epoch, so folding
 * is exact and the result is the same as if the final size had been chosen up front; for the
 * same reason timelines of parts of the input merge exactly. Categories inside a bucket are
 * listed in taxonomy order, which does not depend on how the input was split.
 */
const BUCKET_SECONDS = [1, 10, 60, 300, 900, 3600, 21600, 86400];
const MAX_BUCKETS = 120;
const CATEGORY_ORDER = new Map(Object.keys(FAILURE_CODES).map((code, index) => [code, index]));

/** A timeline as plain data, to pass between threads. */
export interface TimelineState {
  sizeIndex: number;
  first: number;
  last: number;
  buckets: [number, [FailureCode, number][]][];
}

export class Timeline {
  private sizeIndex = 0;
  private readonly buckets = new Map<number, Map<FailureCode, number>>();
  private first = Infinity;
  private last = -Infinity;

  add(time: number, category: FailureCode): void {
    this.first = Math.min(this.first, time);
    this.last = Math.max(this.last, time);
    this.foldToFit();
    this.count(this.bucketStart(time), category, 1);
  }

  state(): TimelineState {
    return { sizeIndex: this.sizeIndex, first: this.first, last: this.last, buckets: [...this.buckets].map(([start, counts]) => [start, [...counts]]) };
  }

  /** Adds the counts of a timeline of another part of the input. */
  merge(other: TimelineState): void {
    while (this.sizeIndex < other.sizeIndex) this.fold();
    this.first = Math.min(this.first, other.first);
    this.last = Math.max(this.last, other.last);
    this.foldToFit();
    for (const [start, counts] of other.buckets) {
      for (const [category, count] of counts) this.count(this.bucketStart(start), category, count);
    }
  }

  result(): { bucketSeconds: number; buckets: TimelineBucket[] } {
    const starts = [...this.buckets.keys()].sort((a, b) => a - b);
    const inOrder = (counts: Map<FailureCode, number>) => [...counts].sort(([a], [b]) => CATEGORY_ORDER.get(a)! - CATEGORY_ORDER.get(b)!);
    return {
      bucketSeconds: BUCKET_SECONDS[this.sizeIndex],
      buckets: starts.map((start) => ({ start: new Date(start).toISOString(), counts: Object.fromEntries(inOrder(this.buckets.get(start)!)) })),
    };
  }

  private foldToFit(): void {
    while (this.sizeIndex < BUCKET_SECONDS.length - 1 && this.bucketCount() > MAX_BUCKETS) this.fold();
  }

  private count(start: number, category: FailureCode, count: number): void {
    let counts = this.buckets.get(start);
    if (!counts) this.buckets.set(start, (counts = new Map()));
    counts.set(category, (counts.get(category) ?? 0) + count);
  }

  private bucketCount(): number {
    const size = BUCKET_SECONDS[this.sizeIndex] * 1000;
    return Math.floor(this.last / size) - Math.floor(this.first / size) + 1;
  }

  private bucketStart(time: number): number {
    const size = BUCKET_SECONDS[this.sizeIndex] * 1000;
    return Math.floor(time / size) * size;
  }

  private fold(): void {
    this.sizeIndex++;
    const old = [...this.buckets];
    this.buckets.clear();
    for (const [start, counts] of old) {
      for (const [category, count] of counts) this.count(this.bucketStart(start), category, count);
    }
  }
}
