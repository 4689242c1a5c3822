import * as l10n from '@vscode/l10n';
import { FAILURE_CODES, type FailureCode } from '../failureCodes';
import { formatUptime } from '../history/historySummary';
import type { ProbeResult } from '../probe/probeResult';
import { reportTime } from '../report/logReportSections';
import type { CertificateEvidence, Confidence, ConfigEvidence, DoctorStatus, DoctorVerdict, Evidence, EvidenceSource, HistoryEvidence, LogEvidence } from './doctorReport';
import { certificateEvidence, configEvidence, historyEvidence, logEvidence, probeEvidence } from './evidenceItems';
import { rankFixes } from './rankedFixes';
import { poolTimeoutCoincidence } from './slowGateway';

/**
 * Joins the sources into one verdict. The probe speaks for now; logs and history speak for the
 * hours before; certificates and configs explain why. The verdict's code comes from the most
 * direct source that shows a failure, and its confidence from how many sources agree.
 */
export interface Sources {
  probe: ProbeResult;
  certificates: CertificateEvidence;
  logs: LogEvidence | null;
  configs: ConfigEvidence | null;
  history: HistoryEvidence | null;
}

interface Cause {
  status: DoctorStatus;
  code: FailureCode | null;
  headline: string;
  /** The gateway-is-slow case changes which fixes come first. */
  slowGateway: boolean;
}

export function correlate(sources: Sources): DoctorVerdict {
  const cause = findCause(sources);
  const evidence = ordered([
    ...probeEvidence(sources.probe, cause.code),
    ...certificateEvidence(sources.certificates, cause.code),
    // When the gateway is slow, the pool's exhaustion is part of the proof, not a side note.
    ...logEvidence(sources.logs, cause.code).map((item) => (cause.slowGateway && item.code === 'pool.exhausted' ? { ...item, supports: true } : item)),
    ...configEvidence(sources.configs, cause.code),
    ...historyEvidence(sources.history, cause.code),
  ]);
  const { confidence, confidenceReason } = judgeConfidence(cause, evidence, sources);
  return {
    status: cause.status,
    code: cause.code,
    layer: cause.code ? FAILURE_CODES[cause.code].layer : null,
    headline: withCorroboration(cause, sources.logs),
    confidence,
    confidenceReason,
    evidence,
    fixes: rankFixes({ code: cause.code, slowGateway: cause.slowGateway, probe: sources.probe, configs: sources.configs, evidence }),
  };
}

function findCause({ probe, logs, history }: Sources): Cause {
  const diagnosis = probe.diagnosis;
  const pool = poolTimeoutCoincidence(logs);
  if (pool?.coincident) {
    return {
      status: probe.verdict === 'down' ? 'failing' : 'intermittent',
      code: 'http.timeout',
      headline: l10n.t('pool.exhausted spikes coincide with timeouts from the gateway ({0} of {1} intervals): the gateway is slow, not our pool', pool.sharedBuckets, pool.poolBuckets),
      slowGateway: true,
    };
  }
  if (probe.verdict === 'down' && diagnosis) {
    return { status: 'failing', code: diagnosis.code, headline: l10n.t('{0} fails: {1}', diagnosis.layer.toUpperCase(), diagnosis.summary), slowGateway: false };
  }
  const logged = mostFrequent(logs);
  if (logged) {
    const headline = logged.category === 'pool.exhausted'
      ? l10n.t('The application\'s connection pool ran out {0} times while the gateway answered in time: the pool is too small or connections leak', logged.count)
      : l10n.t('Up now, but the logs show {0} × {1} ({2}) for this endpoint, last at {3}', logged.count, logged.category, FAILURE_CODES[logged.category].title, reportTime(logged.last));
    return { status: 'intermittent', code: logged.category, headline, slowGateway: false };
  }
  if (history?.lastFailure && (history.uptimePercent ?? 100) < 100) {
    const failure = history.lastFailure;
    return {
      status: 'intermittent',
      code: failure.code,
      headline: l10n.t('Up now, but {0} of the last {1} probes failed; the last failure was at {2}', formatUptime(100 - (history.uptimePercent ?? 100)), history.probes, reportTime(failure.at)),
      slowGateway: false,
    };
  }
  if (probe.verdict === 'degraded' && diagnosis) {
    return { status: 'degraded', code: diagnosis.code, headline: l10n.t('Works, with a warning: {0}', diagnosis.summary), slowGateway: false };
  }
  return { status: 'healthy', code: null, headline: l10n.t('Healthy: every layer works ({0} ms) and no source shows a failure', Math.round(probe.totalMs)), slowGateway: false };
}

/** The headline of a failure, plus what the logs add: "…; 1,204 matching events since 09:12 in error.log". */
function withCorroboration(cause: Cause, logs: LogEvidence | null): string {
  if (cause.status !== 'failing' || cause.slowGateway || !logs) return cause.headline;
  const matching = logs.endpoint.filter((c) => c.category === cause.code || FAILURE_CODES[c.category].layer === FAILURE_CODES[cause.code!].layer);
  const count = matching.reduce((sum, c) => sum + c.count, 0);
  if (count === 0) return cause.headline;
  const first = matching.map((c) => c.first).filter((t): t is string => t !== null).sort()[0] ?? null;
  const file = matching[0].samples[0]?.file;
  return l10n.t('{0}; {1} matching events since {2} in {3}', cause.headline.replace(/[.。]$/, ''), count.toLocaleString('en-US'), reportTime(first), file ?? l10n.t('the logs'));
}

function mostFrequent(logs: LogEvidence | null) {
  const categories = [...(logs?.endpoint ?? []), ...(logs?.application ?? [])];
  return categories.sort((a, b) => b.count - a.count)[0];
}

/** Supporting evidence first, by source in the order a reader checks them. */
const SOURCE_ORDER: EvidenceSource[] = ['probe', 'certificate', 'logs', 'config', 'history'];

function ordered(evidence: Evidence[]): Evidence[] {
  return evidence
    .map((item, index) => ({ item, index }))
    .sort((a, b) => Number(b.item.supports) - Number(a.item.supports)
      || SOURCE_ORDER.indexOf(a.item.source) - SOURCE_ORDER.indexOf(b.item.source)
      || a.index - b.index)
    .map(({ item }) => item);
}

function judgeConfidence(cause: Cause, evidence: Evidence[], sources: Sources): { confidence: Confidence; confidenceReason: string } {
  const agreeing = [...new Set(evidence.filter((e) => e.supports).map((e) => e.source))];
  const list = agreeing.join(', ');
  const logsLooked = sources.logs !== null && sources.logs.files.length > 0;
  if (cause.status === 'healthy') {
    return logsLooked
      ? { confidence: 'high', confidenceReason: l10n.t('the probe works now and the logs show no failure to this endpoint') }
      : { confidence: 'medium', confidenceReason: l10n.t('only the probe looked: no logs are configured for this endpoint (add "logs" to it)') };
  }
  if (agreeing.length >= 2) return { confidence: 'high', confidenceReason: l10n.t('{0} agree', list) };
  if (agreeing.length === 1) {
    const reason = logsLooked || agreeing[0] === 'logs'
      ? l10n.t('only the {0} show it', agreeing[0])
      : l10n.t('only the {0} shows it; configure "logs" for this endpoint to confirm it', agreeing[0]);
    return { confidence: cause.status === 'failing' || cause.status === 'degraded' ? 'medium' : 'low', confidenceReason: reason };
  }
  return { confidence: 'low', confidenceReason: l10n.t('no source confirms the cause directly') };
}
