import * as l10n from '@vscode/l10n';
import type { CertReport } from '../certs/certReport';
import type { DoctorReport, Evidence, LogEvidence, RankedFix, SourceLocation } from '../diagnose/doctorReport';
import { FAILURE_CODES } from '../failureCodes';
import { formatUptime } from '../history/historySummary';
import { formatBytes, reportTime, topTargets } from './logReportSections';
import type { ReportBlock, ReportDocument, ReportSection } from './reportBlocks';
import { categoryColors } from './reportPalette';
import { timelineSeries } from './timelineSeries';
import { timelineSvg } from './timelineSvg';

/**
 * The diagnosis as a report fit for a support ticket with the platform: the verdict and fixes
 * first, then the evidence per source, then the facts a support desk asks for (timings, chain,
 * log lines, config excerpts, environment). Built from an already-redacted DoctorReport.
 */
export function doctorDocument(report: DoctorReport): ReportDocument {
  const { verdict } = report;
  const sections: ReportSection[] = [
    {
      title: l10n.t('Verdict'),
      blocks: [
        { kind: 'paragraph', text: verdict.headline, emphasis: true },
        { kind: 'paragraph', text: l10n.t('Status: {0} · code: {1} · confidence: {2} ({3})', verdict.status, verdict.code ?? '—', verdict.confidence, verdict.confidenceReason) },
      ],
    },
    { title: l10n.t('What to do, in order'), blocks: verdict.fixes.length ? [{ kind: 'list', ordered: true, items: verdict.fixes.map(fixText) }] : [{ kind: 'paragraph', text: l10n.t('Nothing to fix.') }] },
    { title: l10n.t('Evidence'), blocks: [evidenceTable(verdict.evidence)] },
    probeSection(report),
    certificateSection(report),
    logSection(report.logs),
    configSection(report),
    historySection(report),
    environmentSection(report),
  ].filter((section): section is ReportSection => section !== null);
  const problems = [...report.certificates.problems, ...(report.logs?.problems ?? []), ...(report.configs?.problems ?? [])];
  if (problems.length > 0) sections.push({ title: l10n.t('Sources that could not be read'), blocks: [{ kind: 'list', items: problems }] });
  return {
    title: l10n.t('Invoice Doctor diagnosis: {0}', report.endpoint.name),
    subtitle: [report.endpoint.url, l10n.t('Generated {0}', reportTime(report.generatedAt))],
    sections,
    footer: l10n.t('Secrets, passwords and Authorization headers are redacted («redacted»). Made with {0}.', report.environment.tool),
  };
}

function where(location: SourceLocation | undefined): string {
  if (!location) return '';
  return location.line ? `${location.file}:${location.line}` : location.file;
}

function fixText(fix: RankedFix): string {
  const place = [where(fix.location), fix.rule].filter(Boolean).join(', ');
  return place ? `${fix.text} (${place})` : fix.text;
}

function evidenceTable(evidence: Evidence[]): ReportBlock {
  return {
    kind: 'table',
    head: [l10n.t('Source'), l10n.t('Supports the verdict'), l10n.t('Code'), l10n.t('Evidence'), l10n.t('Where')],
    rows: evidence.map((item) => [item.source, item.supports ? l10n.t('yes') : l10n.t('context'), item.code ?? '', item.summary, where(item.location)]),
  };
}

function probeSection({ probe }: DoctorReport): ReportSection {
  return {
    title: l10n.t('Probe'),
    blocks: [
      { kind: 'paragraph', text: l10n.t('{0} at {1}: {2} in {3} ms', probe.verdict, reportTime(probe.startedAt), probe.diagnosis?.code ?? l10n.t('no failure'), Math.round(probe.totalMs)) },
      {
        kind: 'table',
        head: [l10n.t('Layer'), l10n.t('Status'), 'ms', l10n.t('Code'), l10n.t('Message')],
        numeric: [2],
        rows: probe.layers.map((layer) => [layer.layer.toUpperCase(), layer.status, layer.ms === null ? '' : layer.ms.toFixed(1), layer.code ?? '', layer.message]),
      },
      ...(probe.addresses.length > 0 ? [{
        kind: 'table' as const,
        head: [l10n.t('Address'), 'TCP ms', 'TLS ms', l10n.t('Code'), 'SHA-256'],
        numeric: [1, 2],
        rows: probe.addresses.map((a) => [a.address, a.tcpMs?.toFixed(1) ?? '', a.tlsMs?.toFixed(1) ?? '', a.code ?? '', a.certSha256 ?? '']),
      }] : []),
    ],
  };
}

function certificateSection({ certificates }: DoctorReport): ReportSection | null {
  const blocks = [...certificateBlocks(certificates.server, l10n.t('Server chain')), ...certificateBlocks(certificates.client, l10n.t('Client certificate'))];
  return blocks.length > 0 ? { title: l10n.t('Certificates'), blocks } : null;
}

function certificateBlocks(report: CertReport | null, label: string): ReportBlock[] {
  if (!report) return [];
  const connection = report.connection ? ` · ${report.connection.protocol ?? ''} ${report.connection.cipher ?? ''}` : '';
  return [
    { kind: 'paragraph', text: `${label}: ${report.source} (${report.format})${connection}` },
    {
      kind: 'table',
      head: ['#', l10n.t('Subject'), l10n.t('Issuer'), l10n.t('Valid until'), l10n.t('Days left'), l10n.t('Key'), l10n.t('Signature')],
      numeric: [0, 4],
      rows: report.chain.map((cert, index) => [String(index), cert.subject, cert.issuer, cert.notAfter, String(cert.daysLeft), `${cert.keyType}${cert.keyBits ? ` ${cert.keyBits}` : ''}`, cert.signatureAlgorithm]),
    },
    ...(report.checks.length > 0 ? [{ kind: 'list' as const, items: report.checks.map((check) => `${check.severity}: ${check.message} (${check.code})`) }] : []),
  ];
}

function logSection(logs: LogEvidence | null): ReportSection {
  const title = l10n.t('Logs');
  if (!logs) return { title, blocks: [{ kind: 'paragraph', text: l10n.t('No logs are configured for this endpoint. Add "logs": ["/var/log/nginx/error.log", …] to it so the diagnosis can read them.') }] };
  const categories = [...logs.endpoint, ...logs.application];
  const blocks: ReportBlock[] = [
    { kind: 'paragraph', text: l10n.t('From {0} to {1}. Events about other targets, left out: {2}.', reportTime(logs.since), reportTime(logs.until), logs.otherEvents) },
    { kind: 'list', items: logs.files.length ? logs.files.map((file) => `${file.path}: ${file.format}, ${file.lines} ${l10n.t('lines')}, ${formatBytes(file.bytes)}`) : logs.globs },
  ];
  if (categories.length === 0) {
    blocks.push({ kind: 'paragraph', text: l10n.t('No connection failures concerning this endpoint in that window.') });
    return { title, blocks };
  }
  const series = timelineSeries({ files: logs.files, findings: categories, timeline: logs.timeline, truncatedLines: 0 });
  if (series.starts.length > 1) {
    blocks.push({ kind: 'figure', svg: timelineSvg(series, categoryColors(categories.map((c) => c.category))), alt: l10n.t('Timeline of {0} events in buckets of {1} s', categories.reduce((s, c) => s + c.count, 0), logs.timeline.bucketSeconds) });
  }
  blocks.push({
    kind: 'table',
    head: [l10n.t('Category'), l10n.t('Count'), l10n.t('First'), l10n.t('Last'), l10n.t('Targets')],
    numeric: [1],
    rows: categories.map((c) => [`${c.category} (${FAILURE_CODES[c.category].title})`, String(c.count), reportTime(c.first), reportTime(c.last), topTargets(c)]),
  });
  for (const category of categories) {
    blocks.push({ kind: 'code', caption: category.category, lines: category.samples.map((s) => `${s.file}:${s.line}: ${s.text}`) });
  }
  return { title, blocks };
}

function configSection({ configs }: DoctorReport): ReportSection | null {
  if (!configs) return null;
  const blocks: ReportBlock[] = [{ kind: 'list', items: configs.files.length ? configs.files : [l10n.t('No related config files found.')] }];
  if (configs.findings.length > 0) {
    blocks.push({
      kind: 'table',
      head: [l10n.t('Rule'), l10n.t('Severity'), l10n.t('Where'), l10n.t('Message')],
      rows: configs.findings.map((f) => [f.rule, f.severity, `${f.path}:${f.range.start.line}`, f.message]),
    });
  }
  for (const excerpt of configs.excerpts) {
    blocks.push({ kind: 'code', caption: `${excerpt.file}:${excerpt.firstLine}`, lines: excerpt.lines.map((line, i) => `${String(excerpt.firstLine + i).padStart(4)}  ${line}`) });
  }
  return { title: l10n.t('Configs'), blocks };
}

function historySection({ history }: DoctorReport): ReportSection | null {
  if (!history || history.probes === 0) return null;
  const blocks: ReportBlock[] = [{
    kind: 'paragraph',
    text: l10n.t('{0} probes since {1}: {2} up, median {3} ms', history.probes, reportTime(history.since), history.uptimePercent === null ? '—' : formatUptime(history.uptimePercent), history.medianMs ?? '—')
      + (history.sparklineText ? ` · ${history.sparklineText}` : ''),
  }];
  if (history.sparklineSvg) blocks.push({ kind: 'figure', svg: history.sparklineSvg, alt: l10n.t('Latency of the last {0} probes', history.probes) });
  return { title: l10n.t('History'), blocks };
}

function environmentSection({ environment }: DoctorReport): ReportSection {
  return {
    title: l10n.t('Environment'),
    blocks: [{
      kind: 'table',
      head: [l10n.t('Item'), l10n.t('Value')],
      rows: [
        [l10n.t('Operating system'), environment.os],
        ['Node.js', environment.node],
        ['OpenSSL', environment.openssl],
        ['Java', environment.java ?? l10n.t('not found on PATH')],
        [l10n.t('Proxy'), environment.proxy],
        [l10n.t('Time zone'), environment.timeZone],
        [l10n.t('Tool'), environment.tool],
      ],
    }],
  };
}
