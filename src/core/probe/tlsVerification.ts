import * as l10n from '@vscode/l10n';
import { checkServerIdentity, type TLSSocket } from 'node:tls';
import { describeCertificate, isWeakKey, isWeakSignature, type CertificateInfo } from '../certs/certificateInfo';
import type { FailureCode } from '../failureCodes';
import { peerChain } from './peerChain';

/**
 * Judges a handshake that was made without enforcing verification: OpenSSL's chain verdict
 * (socket.authorizationError) mapped onto the taxonomy, plus our own host-name check, which
 * Node skips whenever the chain already failed, so both problems are reported together.
 */
export interface Finding {
  code: FailureCode;
  message: string;
  /** Refines the code where the fix differs (diagnosis.ts). */
  reason?: string;
}

export interface TlsJudgement {
  chain: CertificateInfo[];
  /** Verification failures, most fundamental first; empty when the server would be trusted. */
  problems: Finding[];
  warnings: Finding[];
}

export interface JudgementContext {
  identity: string;
  now: Date;
  certWarnDays: number;
}

const UNTRUSTED_REASONS: Record<string, { reason: string; explain: (chain: CertificateInfo[]) => string }> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: {
    reason: 'missing_intermediate',
    explain: (chain) => l10n.t('the server sent only its own certificate, and its issuer "{0}" is not trusted here: the server most likely does not send its intermediate certificate', chain[0]?.issuer ?? '?'),
  },
  UNABLE_TO_GET_ISSUER_CERT: {
    reason: 'missing_intermediate',
    explain: (chain) => l10n.t('the issuer "{0}" of the last certificate the server sent is missing: an intermediate certificate is probably not served', chain[chain.length - 1]?.issuer ?? '?'),
  },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: {
    reason: 'unknown_ca',
    explain: (chain) => l10n.t('the chain ends at "{0}", a certificate authority that is not in this machine\'s trust store nor in tls.ca', chain[chain.length - 1]?.issuer ?? '?'),
  },
  SELF_SIGNED_CERT_IN_CHAIN: {
    reason: 'unknown_ca',
    explain: (chain) => l10n.t('the chain ends at the root "{0}", which is not trusted here (add it to tls.ca if it is your gateway\'s private CA)', chain[chain.length - 1]?.subject ?? '?'),
  },
  DEPTH_ZERO_SELF_SIGNED_CERT: {
    reason: 'self_signed',
    explain: (chain) => l10n.t('the server certificate "{0}" is self-signed', chain[0]?.subject ?? '?'),
  },
};

export function judgeHandshake(socket: TLSSocket, context: JudgementContext): TlsJudgement {
  const peer = socket.getPeerCertificate(true);
  const chain = peerChain(peer).map((x509) => describeCertificate(x509, context.now));
  const problems: Finding[] = [];
  const authorizationError = socket.authorized ? undefined : errorName(socket.authorizationError);
  if (authorizationError && authorizationError !== 'ERR_TLS_CERT_ALTNAME_INVALID') problems.push(chainProblem(authorizationError, chain, context.now));
  const identityError = peer && Object.keys(peer).length > 0 ? checkServerIdentity(context.identity, peer) : undefined;
  if (identityError) {
    // Node's own wording lists only the SANs of the address's kind (an empty list for an IP
    // against DNS names): name every SAN the certificate has instead.
    const names = chain[0]?.subjectAltNames.length ? chain[0].subjectAltNames.join(', ') : l10n.t('no subject alternative names (subject {0})', chain[0]?.subject ?? 'unknown');
    problems.push({ code: 'tls.cert_hostname', message: l10n.t('the certificate does not cover "{0}"; it is for {1}', context.identity, names) });
  }
  return { chain, problems, warnings: [...certificateWarnings(chain, context.certWarnDays), ...protocolWarnings(socket)] };
}

function chainProblem(name: string, chain: CertificateInfo[], now: Date): Finding {
  if (name === 'CERT_HAS_EXPIRED') {
    const expired = chain.find((cert) => new Date(cert.notAfter) < now) ?? chain[0];
    return { code: 'tls.cert_expired', message: l10n.t('the certificate "{0}" expired on {1}{2}', expired?.subject ?? '?', expired?.notAfter ?? '?', expired === chain[0] ? '' : l10n.t(' (it is part of the chain, not the server certificate itself)')) };
  }
  if (name === 'CERT_NOT_YET_VALID') {
    const early = chain.find((cert) => new Date(cert.notBefore) > now) ?? chain[0];
    return { code: 'tls.cert_not_yet_valid', message: l10n.t('the certificate "{0}" is valid only from {1} (local time is {2})', early?.subject ?? '?', early?.notBefore ?? '?', now.toISOString()) };
  }
  if (name === 'CERT_REVOKED') return { code: 'tls.cert_revoked', message: l10n.t('the certificate has been revoked by its issuer') };
  const untrusted = UNTRUSTED_REASONS[name];
  if (untrusted) return { code: 'tls.cert_untrusted', reason: untrusted.reason, message: `${untrusted.explain(chain)} [${name}]` };
  return { code: 'tls.cert_untrusted', message: l10n.t('the certificate chain failed verification [{0}]', name) };
}

function certificateWarnings(chain: CertificateInfo[], certWarnDays: number): Finding[] {
  const warnings: Finding[] = [];
  for (const cert of chain) {
    if (cert.daysLeft >= 0 && cert.daysLeft < certWarnDays) {
      warnings.push({ code: 'tls.cert_expiring', message: cert.daysLeft === 1
        ? l10n.t('the certificate "{0}" expires in 1 day ({1})', cert.subject, cert.notAfter)
        : l10n.t('the certificate "{0}" expires in {1} days ({2})', cert.subject, cert.daysLeft, cert.notAfter) });
    }
    if (isWeakKey(cert)) warnings.push({ code: 'tls.legacy', reason: 'weak_key', message: l10n.t('the certificate "{0}" has a weak {1} {2}-bit key', cert.subject, cert.keyType, String(cert.keyBits)) });
    // A root's own signature is never checked by clients, so only signatures made by an issuer count.
    if (!cert.selfSigned && isWeakSignature(cert)) warnings.push({ code: 'tls.legacy', reason: 'weak_signature', message: l10n.t('the certificate "{0}" is signed with {1}, which clients are dropping', cert.subject, cert.signatureAlgorithm) });
  }
  return warnings;
}

function protocolWarnings(socket: TLSSocket): Finding[] {
  const protocol = socket.getProtocol();
  return protocol === 'TLSv1' || protocol === 'TLSv1.1'
    ? [{ code: 'tls.legacy', reason: 'legacy_protocol', message: l10n.t('the server negotiated {0}, which is deprecated (RFC 8996): it speaks only legacy TLS with this client', protocol) }]
    : [];
}

function errorName(error: unknown): string | undefined {
  if (!error) return undefined;
  if (typeof error === 'string') return error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : (error as Error).message;
}
