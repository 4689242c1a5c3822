import { latencyScale } from './latencyScale';
import type { ProbeHistoryEntry } from './probeHistoryEntry';

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** Stands for a down probe: it has no latency, and an outage must not read as a fast probe. */
export const DOWN_MARK = '✕';

/**
 * A one-line text sparkline of latencies for tooltips and plain-text reports, one character per
 * value: a block from ▁ to █ (heights from `latencyScale`: zero-based, outliers capped at full
 * height, equal values a flat row) or DOWN_MARK for null. An empty list gives ''.
 */
export function sparkline(values: ReadonlyArray<number | null>): string {
  const scale = latencyScale(values);
  return values.map((value) => (value === null ? DOWN_MARK : BLOCKS[blockIndex(scale(value))])).join('');
}

/** The sparkline of a history (oldest first): each probe's total time, DOWN_MARK for down probes. */
export function historySparkline(entries: readonly ProbeHistoryEntry[]): string {
  return sparkline(historyLatencies(entries));
}

/** Each probe's total time, null for a down probe (whose time says how long it took to fail). */
export function historyLatencies(entries: readonly ProbeHistoryEntry[]): Array<number | null> {
  return entries.map((entry) => (entry.verdict === 'down' ? null : entry.totalMs));
}

function blockIndex(height: number): number {
  return Math.min(BLOCKS.length - 1, Math.max(0, Math.ceil(height * BLOCKS.length) - 1));
}
