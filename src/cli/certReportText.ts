import * as l10n from '@vscode/l10n';
import type { CertCheck, CertReport, ChainEntry, CheckSeverity } from '../core/certs/certReport';

/**
 * The human report of `invoice-doctor cert`: the chain readably (who, by whom, until when,
 * for which names, with which key), then the checks, worst first, each with its mark.
 */
export interface ReportStyle {
  /** ANSI colours; only for a terminal, and never when NO_COLOR is set. */
  color: boolean;
}

const MARKS: Record<CheckSeverity, string> = { error: '✖', warning: '▲', info: 'ℹ' };
const MARK_COLORS: Record<CheckSeverity, string> = { error: '31', warning: '33', info: '36' };

export function formatCertReport(report: CertReport, style: ReportStyle): string {
  const paint = (sgr: string, text: string) => (style.color ? `\u001b[${sgr}m${text}\u001b[0m` : text);
  const lines = [paint('1', report.kind === 'server' ? l10n.t('Server {0}', report.source) : l10n.t('File {0}', report.source)) + paint('2', `  (${describeSource(report)})`), ''];
  report.chain.forEach((cert, index) => lines.push(...certificateLines(cert, index, paint), ''));
  for (const fetched of report.fetchedIssuers) lines.push(...certificateLines(fetched, -1, paint).map((line, i) => (i === 0 ? `${line}  ${paint('2', l10n.t('downloaded from {0}', fetched.url))}` : line)), '');
  if (report.chain.length > 0) lines.push(report.trustAnchor ? l10n.t('Trust: leads to the trusted root "{0}"', report.trustAnchor) : l10n.t('Trust: leads to no trusted root'), '');
  if (report.checks.length === 0) lines.push(paint('32', `✔ ${l10n.t('no problems found')}`));
  for (const check of report.checks) lines.push(checkLine(check, paint));
  lines.push('', totals(report.checks));
  return `${lines.join('\n')}\n`;
}

function describeSource(report: CertReport): string {
  const count = report.chain.length === 1 ? l10n.t('1 certificate') : l10n.t('{0} certificates', report.chain.length);
  if (report.kind === 'file') return `${report.format.toUpperCase()}, ${count}`;
  const c = report.connection;
  return [c?.protocol, c?.cipher, c ? l10n.t('address {0}', c.address) : undefined, c?.servername ? `SNI ${c.servername}` : l10n.t('no SNI'), c?.orderAsSent ? l10n.t('{0} as sent', count) : count]
    .filter(Boolean)
    .join(', ');
}

function certificateLines(cert: ChainEntry, index: number, paint: (sgr: string, text: string) => string): string[] {
  const role = index === -1 ? l10n.t('Missing issuer') : index === 0 ? l10n.t('Certificate') : cert.selfSigned ? l10n.t('Root') : l10n.t('Issuer');
  const expired = cert.daysLeft === -1 ? l10n.t('expired 1 day ago') : l10n.t('expired {0} days ago', -cert.daysLeft);
  const days = cert.daysLeft < 0 ? paint('31', expired) : l10n.t('{0} days left', cert.daysLeft);
  const key = `${cert.keyType}${cert.keyBits ? l10n.t(' {0} bits', cert.keyBits) : ''}${cert.sm2 ? l10n.t(' (SM2, not verifiable here)') : ''}`;
  const usage = [...cert.keyUsage, ...cert.extendedKeyUsage].join(', ');
  const rows: [string, string][] = [
    [l10n.t('Issuer'), cert.issuer],
    [l10n.t('Valid'), `${cert.notBefore} → ${cert.notAfter} (${days})`],
    [l10n.t('Names'), cert.subjectAltNames.join(', ') || l10n.t('(no subject alternative names)')],
    [l10n.t('Key'), key],
    [l10n.t('Signature'), cert.signatureAlgorithm],
    [l10n.t('Serial'), cert.serialNumber],
    ['SHA-256', cert.sha256],
    ...(cert.basicConstraints?.ca ? [['CA', cert.basicConstraints.pathLength !== null ? l10n.t('yes, path length {0}', cert.basicConstraints.pathLength) : l10n.t('yes')] as [string, string]] : []),
    ...(usage ? [[l10n.t('Usage'), usage] as [string, string]] : []),
    ...(cert.ocsp.length ? [['OCSP', cert.ocsp.join(', ')] as [string, string]] : []),
    ...(cert.crl.length ? [['CRL', cert.crl.join(', ')] as [string, string]] : []),
    ...(cert.revocation ? [[l10n.t('Revocation'), `${cert.revocation.status}${cert.revocation.method ? ` (${cert.revocation.method.toUpperCase()})` : ''}`] as [string, string]] : []),
  ];
  const heading = `${index >= 0 ? `${index}. ` : ''}${role}: ${cert.subject}`;
  return [paint('1', heading), ...rows.map(([label, value]) => `   ${paint('2', padLabel(label))} ${value}`)];
}

/** Pads to ten columns, counting a CJK character as two (it takes two cells in a terminal). */
function padLabel(label: string): string {
  const width = [...label].reduce((sum, char) => sum + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1), 0);
  return label + ' '.repeat(Math.max(0, 10 - width));
}

function checkLine(check: CertCheck, paint: (sgr: string, text: string) => string): string {
  return `${paint(MARK_COLORS[check.severity], `${MARKS[check.severity]} ${check.code}`)}  ${check.message}`;
}

function totals(checks: readonly CertCheck[]): string {
  const errors = checks.filter((c) => c.severity === 'error').length;
  const warnings = checks.filter((c) => c.severity === 'warning').length;
  const errorText = errors === 1 ? l10n.t('1 error') : l10n.t('{0} errors', errors);
  const warningText = warnings === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', warnings);
  return `${errorText}, ${warningText}`;
}
