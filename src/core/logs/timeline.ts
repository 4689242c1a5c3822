import type { FailureCode } from '../failureCodes';
import type { TimelineBucket } from './logTypes';

/**
 * Counts per time bucket with a bucket size that follows the span of the data, in constant
 * memory: when the span would need more than MAX_BUCKETS buckets the counts fold into the
 * next coarser size. Each size divides the next and buckets align to the epoch, so folding
 * is exact and the result is the same as if the final size had been chosen up front.
 */
const BUCKET_SECONDS = [1, 10, 60, 300, 900, 3600, 21600, 86400];
const MAX_BUCKETS = 120;

export class Timeline {
  private sizeIndex = 0;
  private readonly buckets = new Map<number, Map<FailureCode, number>>();
  private first = Infinity;
  private last = -Infinity;

  add(time: number, category: FailureCode, count = 1): void {
    this.first = Math.min(this.first, time);
    this.last = Math.max(this.last, time);
    while (this.sizeIndex < BUCKET_SECONDS.length - 1 && this.bucketCount() > MAX_BUCKETS) this.fold();
    const start = this.bucketStart(time);
    let counts = this.buckets.get(start);
    if (!counts) this.buckets.set(start, (counts = new Map()));
    counts.set(category, (counts.get(category) ?? 0) + count);
  }

  result(): { bucketSeconds: number; buckets: TimelineBucket[] } {
    const starts = [...this.buckets.keys()].sort((a, b) => a - b);
    return {
      bucketSeconds: BUCKET_SECONDS[this.sizeIndex],
      buckets: starts.map((start) => ({ start: new Date(start).toISOString(), counts: Object.fromEntries(this.buckets.get(start)!) })),
    };
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
      const target = this.bucketStart(start);
      let merged = this.buckets.get(target);
      if (!merged) this.buckets.set(target, (merged = new Map()));
      for (const [category, count] of counts) merged.set(category, (merged.get(category) ?? 0) + count);
    }
  }
}
