import * as l10n from '@vscode/l10n';
import type { DoctorReport, DoctorStatus } from '../core/diagnose/doctorReport';
import type { ReportStyle } from './probeReport';

/**
 * The human report of `invoice-doctor doctor`: per endpoint the verdict, its confidence, the
 * evidence it rests on (✔ supports it, · context) and the fixes in order. `--markdown` gives
 * the full support-ticket report instead.
 */
const MARKS: Record<DoctorStatus, string> = { healthy: '✔', degraded: '▲', intermittent: '▲', failing: '✖' };
const COLORS: Record<DoctorStatus, string> = { healthy: '32', degraded: '33', intermittent: '33', failing: '31' };
const MAX_EVIDENCE = 8;

export function formatDoctorText(reports: readonly DoctorReport[], style: ReportStyle): string {
  const paint = (sgr: string, text: string) => (style.color ? `\u001b[${sgr}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const report of reports) {
    const { verdict } = report;
    lines.push(`${paint(COLORS[verdict.status], MARKS[verdict.status])} ${paint('1', report.endpoint.name)}  ${paint('2', report.endpoint.url)}`);
    lines.push(`  ${verdict.headline}`);
    lines.push(`  ${paint('2', l10n.t('{0} · confidence {1}: {2}', verdict.code ?? verdict.status, verdict.confidence, verdict.confidenceReason))}`);
    const shown = verdict.evidence.slice(0, MAX_EVIDENCE);
    if (shown.length > 0) lines.push(`  ${l10n.t('Evidence')}:`);
    for (const item of shown) {
      const place = item.location ? paint('2', ` (${item.location.file}${item.location.line ? `:${item.location.line}` : ''})`) : '';
      lines.push(`    ${item.supports ? '✔' : '·'} [${item.source}] ${item.summary}${place}`);
    }
    if (verdict.evidence.length > shown.length) lines.push(`    ${l10n.t('… {0} more in --json or --markdown', verdict.evidence.length - shown.length)}`);
    if (verdict.fixes.length > 0) lines.push(`  ${l10n.t('What to do')}:`);
    verdict.fixes.forEach((fix, index) => {
      const place = fix.location ? paint('2', ` (${fix.location.file}${fix.location.line ? `:${fix.location.line}` : ''})`) : '';
      lines.push(`    ${index + 1}. ${fix.text}${place}`);
    });
    lines.push('');
  }
  const failing = reports.filter((r) => r.verdict.status === 'failing' || r.verdict.status === 'intermittent').length;
  lines.push(l10n.t('{0} endpoint(s) diagnosed, {1} with failures.', reports.length, failing));
  return `${lines.join('\n')}\n`;
}
