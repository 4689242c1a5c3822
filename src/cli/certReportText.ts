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
  const lines = [paint('1', `${report.kind === 'server' ? 'Server' : 'File'} ${report.source}`) + paint('2', `  (${describeSource(report)})`), ''];
  report.chain.forEach((cert, index) => lines.push(...certificateLines(cert, index, paint), ''));
  for (const fetched of report.fetchedIssuers) lines.push(...certificateLines(fetched, -1, paint).map((line, i) => (i === 0 ? `${line}  ${paint('2', `downloaded from ${fetched.url}`)}` : line)), '');
  if (report.chain.length > 0) lines.push(`Trust: ${report.trustAnchor ? `leads to the trusted root "${report.trustAnchor}"` : 'leads to no trusted root'}`, '');
  if (report.checks.length === 0) lines.push(paint('32', '✔ no problems found'));
  for (const check of report.checks) lines.push(checkLine(check, paint));
  lines.push('', totals(report.checks));
  return `${lines.join('\n')}\n`;
}

function describeSource(report: CertReport): string {
  const count = `${report.chain.length} certificate${report.chain.length === 1 ? '' : 's'}`;
  if (report.kind === 'file') return `${report.format.toUpperCase()}, ${count}`;
  const c = report.connection;
  return [c?.protocol, c?.cipher, c ? `address ${c.address}` : undefined, c?.servername ? `SNI ${c.servername}` : 'no SNI', `${count}${c?.orderAsSent ? ' as sent' : ''}`]
    .filter(Boolean)
    .join(', ');
}

function certificateLines(cert: ChainEntry, index: number, paint: (sgr: string, text: string) => string): string[] {
  const role = index === -1 ? 'Missing issuer' : index === 0 ? 'Certificate' : cert.selfSigned ? 'Root' : 'Issuer';
  const days = cert.daysLeft < 0 ? paint('31', `expired ${-cert.daysLeft} day${cert.daysLeft === -1 ? '' : 's'} ago`) : `${cert.daysLeft} days left`;
  const key = `${cert.keyType}${cert.keyBits ? ` ${cert.keyBits} bits` : ''}${cert.sm2 ? ' (SM2, not verifiable here)' : ''}`;
  const usage = [...cert.keyUsage, ...cert.extendedKeyUsage].join(', ');
  const rows: [string, string][] = [
    ['Issuer', cert.issuer],
    ['Valid', `${cert.notBefore} → ${cert.notAfter} (${days})`],
    ['Names', cert.subjectAltNames.join(', ') || '(no subject alternative names)'],
    ['Key', key],
    ['Signature', cert.signatureAlgorithm],
    ['Serial', cert.serialNumber],
    ['SHA-256', cert.sha256],
    ...(cert.basicConstraints?.ca ? [['CA', `yes${cert.basicConstraints.pathLength !== null ? `, path length ${cert.basicConstraints.pathLength}` : ''}`] as [string, string]] : []),
    ...(usage ? [['Usage', usage] as [string, string]] : []),
    ...(cert.ocsp.length ? [['OCSP', cert.ocsp.join(', ')] as [string, string]] : []),
    ...(cert.crl.length ? [['CRL', cert.crl.join(', ')] as [string, string]] : []),
    ...(cert.revocation ? [['Revocation', `${cert.revocation.status}${cert.revocation.method ? ` (${cert.revocation.method.toUpperCase()})` : ''}`] as [string, string]] : []),
  ];
  const heading = `${index >= 0 ? `${index}. ` : ''}${role}: ${cert.subject}`;
  return [paint('1', heading), ...rows.map(([label, value]) => `   ${paint('2', label.padEnd(10))} ${value}`)];
}

function checkLine(check: CertCheck, paint: (sgr: string, text: string) => string): string {
  return `${paint(MARK_COLORS[check.severity], `${MARKS[check.severity]} ${check.code}`)}  ${check.message}`;
}

function totals(checks: readonly CertCheck[]): string {
  const errors = checks.filter((c) => c.severity === 'error').length;
  const warnings = checks.filter((c) => c.severity === 'warning').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
