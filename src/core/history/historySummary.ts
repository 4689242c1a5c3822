import type { FailureCode } from '../failureCodes';
import type { ProbeHistoryEntry } from './probeHistoryEntry';

/**
 * What an endpoint's probe history says at a glance, for tooltips and reports.
 *
 * Degraded probes count as up: the endpoint answered and the integration worked (a degraded
 * verdict is a warning such as a certificate that expires soon or legacy TLS). They are counted
 * separately in `degraded` so a report can still say how often a warning was seen.
 */
export interface HistorySummary {
  /** Number of probes in the history. */
  count: number;
  up: number;
  degraded: number;
  down: number;
  /** (up + degraded) / count × 100; null when there is no history. See `formatUptime`. */
  uptimePercent: number | null;
  /** Median and 95th percentile of the total time of the probes that were not down (nearest rank). */
  medianMs: number | null;
  p95Ms: number | null;
  /** Time of the oldest probe in the history. */
  since: string | null;
  /** The newest down probe. `code` is null when a set-up problem stopped the probe. */
  lastFailure: { at: string; code: FailureCode | null } | null;
  /** The longest run of consecutive down probes, from its first to its last probe. */
  longestDownStreak: { count: number; from: string; to: string } | null;
}

/** Summarizes a history given oldest first, as the store keeps it. */
export function summarizeHistory(entries: readonly ProbeHistoryEntry[]): HistorySummary {
  let up = 0;
  let degraded = 0;
  let down = 0;
  let lastFailure: HistorySummary['lastFailure'] = null;
  let longest: HistorySummary['longestDownStreak'] = null;
  let streak: { count: number; from: string } | undefined;
  const answeredMs: number[] = [];

  for (const entry of entries) {
    if (entry.verdict === 'down') {
      down++;
      lastFailure = { at: entry.at, code: entry.code };
      streak = streak ? { count: streak.count + 1, from: streak.from } : { count: 1, from: entry.at };
      if (!longest || streak.count > longest.count) longest = { count: streak.count, from: streak.from, to: entry.at };
      continue;
    }
    streak = undefined;
    if (entry.verdict === 'degraded') degraded++;
    else up++;
    answeredMs.push(entry.totalMs);
  }

  answeredMs.sort((a, b) => a - b);
  const count = entries.length;
  return {
    count,
    up,
    degraded,
    down,
    uptimePercent: count === 0 ? null : ((up + degraded) / count) * 100,
    medianMs: nearestRank(answeredMs, 50),
    p95Ms: nearestRank(answeredMs, 95),
    since: entries[0]?.at ?? null,
    lastFailure,
    longestDownStreak: longest,
  };
}

/**
 * `98%`, `99.5%`, `100%`: whole percent, except that a history with any down probe never
 * rounds up to 100% and one with any successful probe never rounds down to 0%.
 */
export function formatUptime(percent: number): string {
  if (percent >= 100 || percent <= 0) return `${Math.round(percent)}%`;
  if (percent > 99) return `${Math.floor(percent * 10) / 10}%`;
  if (percent < 1) return `${Math.max(0.1, Math.round(percent * 10) / 10)}%`;
  return `${Math.round(percent)}%`;
}

/**
 * Nearest-rank percentile of values sorted ascending: always a time some probe actually took,
 * which reads better in a tooltip than an interpolated one.
 */
function nearestRank(sorted: readonly number[], percentile: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((percentile / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
