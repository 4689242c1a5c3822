import * as vscode from 'vscode';
import type { CertificateDetails } from '../../core/certs/certificateDetails';
import type { RevocationStatus } from '../../core/certs/revocation';
import { formatAge } from '../../core/certs/revocation';
import { expiryPhrase } from './expiryWording';

/** One labelled line about a certificate. */
export interface CertificateFact {
  label: string;
  value: string;
  /** Set on facts that need attention (an expired date, a revoked answer): shown emphasised. */
  alert?: boolean;
}

/**
 * What the editor shows about one certificate, in one order, for the hover over a PEM block
 * and for the certificate view alike.
 */
export function certificateFacts(cert: CertificateDetails & { revocation?: RevocationStatus }, now: number = Date.now()): CertificateFact[] {
  const none = vscode.l10n.t('(none)');
  const list = (values: readonly string[]) => (values.length > 0 ? values.join(', ') : none);
  const expired = Date.parse(cert.notAfter) < now;
  const facts: CertificateFact[] = [
    { label: vscode.l10n.t('Subject'), value: cert.subject },
    { label: vscode.l10n.t('Issuer'), value: cert.issuer },
    { label: vscode.l10n.t('Valid from'), value: cert.notBefore, alert: Date.parse(cert.notBefore) > now },
    { label: vscode.l10n.t('Valid until'), value: `${cert.notAfter} (${expiryPhrase(cert.notAfter, now)})`, alert: expired },
    { label: vscode.l10n.t('Subject alternative names'), value: list(cert.subjectAltNames) },
    { label: vscode.l10n.t('Key'), value: cert.keyBits ? vscode.l10n.t('{0}, {1} bits', cert.keyType, cert.keyBits) : cert.keyType },
    { label: vscode.l10n.t('Signature'), value: cert.signatureAlgorithm },
    { label: vscode.l10n.t('Serial number'), value: cert.serialNumber },
    { label: vscode.l10n.t('SHA-256'), value: cert.sha256 },
    { label: vscode.l10n.t('SHA-1'), value: cert.sha1 },
    { label: vscode.l10n.t('Basic constraints'), value: basicConstraints(cert) },
    { label: vscode.l10n.t('Key usage'), value: list(cert.keyUsage) },
    { label: vscode.l10n.t('Extended key usage'), value: list(cert.extendedKeyUsage) },
    { label: vscode.l10n.t('OCSP'), value: list(cert.ocsp) },
    { label: vscode.l10n.t('CRL'), value: list(cert.crl) },
    { label: vscode.l10n.t('CA issuers (AIA)'), value: list(cert.caIssuers) },
  ];
  if (cert.revocation) facts.push({ label: vscode.l10n.t('Revocation'), value: revocationText(cert.revocation), alert: cert.revocation.status === 'revoked' });
  return facts;
}

function basicConstraints(cert: CertificateDetails): string {
  const selfSigned = cert.selfSigned ? vscode.l10n.t(', self-signed') : '';
  if (!cert.basicConstraints) return vscode.l10n.t('not present') + selfSigned;
  if (!cert.basicConstraints.ca) return vscode.l10n.t('not a CA') + selfSigned;
  const length = cert.basicConstraints.pathLength;
  return (length === null ? vscode.l10n.t('CA') : vscode.l10n.t('CA, path length {0}', length)) + selfSigned;
}

/** "good, OCSP http://ocsp.example (answer 5 min old)" */
function revocationText(answer: RevocationStatus): string {
  const status = { good: vscode.l10n.t('not revoked'), revoked: vscode.l10n.t('REVOKED'), unknown: vscode.l10n.t('unknown') }[answer.status];
  const source = answer.method ? `, ${answer.method.toUpperCase()} ${answer.url}` : '';
  const age = answer.ageSeconds !== null ? vscode.l10n.t(' (answer {0} old)', formatAge(answer.ageSeconds)) : '';
  const revoked = answer.revokedAt ? vscode.l10n.t(', revoked on {0}{1}', answer.revokedAt, answer.reason ? ` (${answer.reason})` : '') : '';
  const detail = answer.detail ? `; ${answer.detail}` : '';
  return `${status}${revoked}${source}${age}${detail}`;
}
