import type { X509Certificate } from 'node:crypto';
import { classifyNetworkError } from '../probe/networkErrors';
import { certificateStructure, formatName } from './certificateStructure';
import type { CertCheck } from './certReport';
import { readDer } from './der';
import type { Tls12Flight } from './tls12Handshake';

/**
 * Mutual-TLS diagnosis: does the server ask for a client certificate, which issuers does it
 * accept (the CertificateRequest's certificate_authorities, visible in TLS 1.2 only), and is
 * the application's certificate issued by one of them; plus the server's actual verdict when
 * we connected with it.
 */
export interface ClientCertDiagnosis {
  /** null when it cannot be seen (TLS 1.3-only server that accepted a connection without one). */
  requested: boolean | null;
  /** Distinguished names; [] means "any issuer I trust" (no hint); null when not visible. */
  acceptedIssuers: string[] | null;
  ours: { source: string; subject: string; issuer: string } | null;
  /** Whether our certificate (or its chain) is issued by an accepted issuer; null when unknowable. */
  oursAccepted: boolean | null;
  /** What the server did on a real handshake (with ours when given). */
  verdict: 'accepted' | 'rejected' | 'required' | 'not_requested' | 'unknown';
  verdictMessage: string | null;
}

export interface ClientCertEvidence {
  /** The TLS 1.2 flight, or why it could not be read (e.g. a TLS 1.3-only server). */
  flight: Tls12Flight | Error;
  /** The error of the Node handshake (made with our certificate when given), or a late alert; null when it went through. */
  handshakeError: Error | null;
  /** TLS 1.3 server hung up right after the handshake without a word (see NodeHandshake). */
  closedEarly: boolean;
  protocol: string | null;
  /** Our certificate chain, leaf first, when one was given. */
  ours: { certificates: X509Certificate[]; source: string } | undefined;
}

export function diagnoseClientCertificate(evidence: ClientCertEvidence): { diagnosis: ClientCertDiagnosis; checks: CertCheck[] } {
  const flight = evidence.flight instanceof Error ? undefined : evidence.flight;
  const request = flight?.certificateRequest;
  const acceptedIssuers = request ? request.authorities.map(nameOf) : null;
  const leaf = evidence.ours?.certificates[0];
  const ours = leaf && evidence.ours ? { source: evidence.ours.source, subject: oneLine(leaf.subject), issuer: oneLine(leaf.issuer) } : null;
  const oursAccepted = request && evidence.ours ? issuedByOneOf(evidence.ours.certificates, request.authorities) : null;
  const classified = evidence.handshakeError
    ? classifyNetworkError(evidence.handshakeError, { phase: 'tls', clientCertSent: ours !== null })
    : evidence.closedEarly ? hangUp(ours !== null) : undefined;
  const verdict: ClientCertDiagnosis['verdict'] = classified?.code === 'tls.client_cert'
    ? (classified.reason === 'rejected' ? 'rejected' : 'required')
    : !flight ? (evidence.handshakeError ? 'unknown' : ours ? 'accepted' : 'unknown')
      : request ? (ours ? 'accepted' : 'unknown') : 'not_requested';
  const requested = request ? true : verdict === 'required' || verdict === 'rejected' ? true : flight ? false : null;
  const diagnosis: ClientCertDiagnosis = { requested, acceptedIssuers, ours, oursAccepted, verdict, verdictMessage: classified?.message ?? null };
  return { diagnosis, checks: clientCertChecks(diagnosis, evidence.protocol) };
}

function clientCertChecks(d: ClientCertDiagnosis, protocol: string | null): CertCheck[] {
  const issuers = d.acceptedIssuers === null ? null : d.acceptedIssuers.length === 0 ? 'any issuer it trusts (the list is empty)' : d.acceptedIssuers.map((name) => `"${name}"`).join(', ');
  const checks: CertCheck[] = [];
  if (d.requested === null) {
    checks.push({ code: 'cert.client_cert', severity: 'info', message: `the server speaks only ${protocol ?? 'TLS 1.3'}, where the request for a client certificate is encrypted: whether it wants one, and from which issuers, is not visible${d.ours ? '' : ' without trying one (give --pfx or --cert/--key)'}` });
  } else if (d.requested) {
    const list = issuers ? `; it accepts certificates issued by ${issuers}` : ' (its accepted issuers are not visible under TLS 1.3)';
    checks.push({ code: 'cert.client_cert', severity: 'info', message: `the server asks for a client certificate${list}` });
  } else if (d.ours) {
    checks.push({ code: 'cert.client_cert', severity: 'info', message: `the server does not ask for a client certificate: "${d.ours.subject}" is never sent` });
  }
  if (d.ours && d.oursAccepted === false && d.acceptedIssuers && d.acceptedIssuers.length > 0) {
    checks.push({ code: 'cert.client_cert_not_accepted', severity: 'error', message: `the client certificate "${d.ours.subject}" (${d.ours.source}) is issued by "${d.ours.issuer}", which is not among the issuers the server accepts (${issuers}): the server will refuse it or the client will not send it` });
  }
  if (d.verdict === 'rejected') {
    checks.push({ code: 'cert.client_cert_not_accepted', severity: 'error', message: `the server rejected the client certificate${d.ours ? ` "${d.ours.subject}"` : ''}: ${d.verdictMessage}` });
  } else if (d.verdict === 'required' && !d.ours) {
    checks.push({ code: 'cert.client_cert', severity: 'info', message: `${d.verdictMessage}; give it with --pfx or --cert/--key to check it` });
  }
  return checks;
}

function hangUp(clientCertSent: boolean): { code: 'tls.client_cert'; reason: string; message: string } {
  return clientCertSent
    ? { code: 'tls.client_cert', reason: 'rejected', message: 'the server closed the connection right after the handshake without a word: it most likely refused the client certificate' }
    : { code: 'tls.client_cert', reason: 'required', message: 'the server closed the connection right after the handshake without a word: it most likely wants a client certificate' };
}

/** The server lists issuer names; ours qualifies when any certificate of its chain was issued by, or is, one of them. */
function issuedByOneOf(chain: readonly X509Certificate[], authorities: readonly Buffer[]): boolean {
  if (authorities.length === 0) return true;
  return chain.some((cert) => {
    const structure = certificateStructure(cert.raw);
    return authorities.some((name) => name.equals(structure.issuerName.bytes) || name.equals(structure.subjectName.bytes));
  });
}

function nameOf(der: Buffer): string {
  try {
    return formatName(readDer(der));
  } catch {
    return `(unreadable name, ${der.length} bytes)`;
  }
}

function oneLine(name: string): string {
  return name.split('\n').join(', ');
}
