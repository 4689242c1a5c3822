import * as l10n from '@vscode/l10n';
import type { CertReport } from '../certs/certReport';
import { FAILURE_CODES, type FailureCode } from '../failureCodes';
import { formatUptime } from '../history/historySummary';
import { fixesFor } from '../logs/fixes';
import type { CategorySummary } from '../logs/logTypes';
import type { ProbeResult } from '../probe/probeResult';
import { reportTime } from '../report/logReportSections';
import { corroborates, failureCodeOfCheck } from './codeRelations';
import type { CertificateEvidence, ConfigEvidence, Evidence, HistoryEvidence, LogEvidence } from './doctorReport';

/**
 * Each source's findings as evidence items, marked as supporting the verdict's code or not.
 * One builder per source; correlate.ts decides the verdict and orders them.
 */
const SAMPLE_CHARS = 160;

export function probeEvidence(probe: ProbeResult, code: FailureCode | null): Evidence[] {
  const layers = probe.layers.filter((layer) => layer.status === 'fail' || layer.status === 'warn');
  if (layers.length === 0) {
    return [{ source: 'probe', supports: code === null, code: null, summary: l10n.t('Probe at {0}: every layer works ({1} ms).', reportTime(probe.startedAt), Math.round(probe.totalMs)) }];
  }
  return layers.map((layer) => ({
    source: 'probe',
    supports: corroborates(layer.code, code),
    code: layer.code,
    summary: `${layer.layer.toUpperCase()} ${layer.status === 'fail' ? l10n.t('fails') : l10n.t('warns')}: ${layer.message}`,
  }));
}

export function certificateEvidence(certificates: CertificateEvidence, code: FailureCode | null): Evidence[] {
  return [
    ...checksOf(certificates.server, false, code, l10n.t('Server certificate')),
    ...checksOf(certificates.client, true, code, l10n.t('Client certificate')),
  ];
}

function checksOf(report: CertReport | null, clientSide: boolean, code: FailureCode | null, label: string): Evidence[] {
  if (!report) return [];
  return report.checks
    .filter((check) => check.severity !== 'info')
    .map((check) => {
      const predicted = failureCodeOfCheck(check.code, clientSide);
      return {
        source: 'certificate' as const,
        supports: corroborates(predicted, code),
        code: check.code,
        summary: `${label}: ${check.message}`,
        ...(report.kind === 'file' ? { location: { file: report.source } } : {}),
      };
    });
}

export function logEvidence(logs: LogEvidence | null, code: FailureCode | null): Evidence[] {
  if (!logs) return [];
  return [...logs.endpoint, ...logs.application].map((category) => ({
    source: 'logs',
    supports: corroborates(category.category, code),
    code: category.category,
    summary: describeCategory(category),
    ...(category.samples[0] ? { location: { file: category.samples[0].file, line: category.samples[0].line } } : {}),
  }));
}

/** `1,204 × tls.cert_untrusted (Certificate not trusted) from 09:12 to 11:40: "…sample…"` */
export function describeCategory(category: CategorySummary): string {
  const title = FAILURE_CODES[category.category]?.title ?? category.category;
  const span = category.first ? l10n.t(' from {0} to {1}', reportTime(category.first), reportTime(category.last ?? category.first)) : '';
  const sample = category.samples[0] ? `: "${clip(category.samples[0].text)}"` : '';
  return `${category.count.toLocaleString('en-US')} × ${category.category} (${title})${span}${sample}`;
}

export function configEvidence(configs: ConfigEvidence | null, code: FailureCode | null): Evidence[] {
  if (!configs) return [];
  const rules = new Set(code ? fixesFor(code).rules : []);
  return configs.findings.map((finding) => ({
    source: 'config',
    supports: rules.has(finding.rule),
    code: finding.rule,
    summary: `${finding.rule}: ${finding.message}`,
    location: { file: finding.path!, line: finding.range.start.line },
  }));
}

export function historyEvidence(history: HistoryEvidence | null, code: FailureCode | null): Evidence[] {
  if (!history || history.probes === 0) return [];
  const failure = history.lastFailure;
  const summary = l10n.t('{0} probes since {1}: {2} up', history.probes, reportTime(history.since), formatUptime(history.uptimePercent ?? 0))
    + (failure ? l10n.t('; last failure at {0} ({1})', reportTime(failure.at), failure.code ?? l10n.t('not probed')) : '');
  return [{ source: 'history', supports: failure !== null && corroborates(failure.code, code), code: failure?.code ?? null, summary }];
}

function clip(text: string): string {
  const line = text.split('\n')[0].trim();
  return line.length > SAMPLE_CHARS ? `${line.slice(0, SAMPLE_CHARS - 1)}…` : line;
}
