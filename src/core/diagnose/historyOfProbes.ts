import { summarizeHistory } from '../history/historySummary';
import type { ProbeHistoryEntry } from '../history/probeHistoryEntry';
import { historySparkline } from '../history/sparkline';
import { sparklineSvg } from '../history/sparklineSvg';
import type { HistoryEvidence } from './doctorReport';

/** An endpoint's stored probe history as diagnosis evidence; null without any probe. */
export function historyEvidenceOf(entries: readonly ProbeHistoryEntry[]): HistoryEvidence | null {
  if (entries.length === 0) return null;
  const summary = summarizeHistory(entries);
  return {
    probes: summary.count,
    uptimePercent: summary.uptimePercent,
    medianMs: summary.medianMs,
    since: summary.since,
    lastFailure: summary.lastFailure,
    sparklineSvg: sparklineSvg(entries),
    sparklineText: historySparkline(entries),
  };
}
