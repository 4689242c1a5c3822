import type { X509Certificate } from 'node:crypto';
import type { CertificateDetails } from './certificateDetails';
import type { CertCheck } from './certReport';
import { lookUpInCrl } from './crl';
import { fetchBytes } from './httpFetch';
import { buildOcspRequest, ocspCertId, parseOcspResponse } from './ocsp';

/**
 * Asks whether a certificate was revoked: OCSP first (small, fresh), the CRL when OCSP gives no
 * answer. Anything short of a verified answer is "unknown", never "good": a check that could
 * not run must not read as a pass.
 */
export interface RevocationStatus {
  status: 'good' | 'revoked' | 'unknown';
  method: 'ocsp' | 'crl' | null;
  url: string | null;
  thisUpdate: string | null;
  nextUpdate: string | null;
  /** Seconds between the answer's thisUpdate and now. */
  ageSeconds: number | null;
  revokedAt: string | null;
  reason: string | null;
  /** Why the answer is unknown, or notes about a good one. */
  detail: string;
}

export interface RevocationOptions {
  now: Date;
  timeoutMs: number;
  signal?: AbortSignal;
}

const MAX_OCSP_BYTES = 64 * 1024;
const MAX_CRL_BYTES = 32 * 1024 * 1024;

export async function checkRevocation(cert: X509Certificate, details: CertificateDetails, issuer: X509Certificate, options: RevocationOptions): Promise<RevocationStatus> {
  const failures: string[] = [];
  for (const url of details.ocsp) {
    try {
      return await askOcsp(url, cert, issuer, options);
    } catch (error) {
      failures.push(`OCSP ${url}: ${(error as Error).message}`);
    }
  }
  for (const url of details.crl) {
    try {
      const answer = await consultCrl(url, cert, issuer, options);
      // Say why OCSP was not the source: a broken responder is worth fixing even when the CRL works.
      return failures.length > 0 ? { ...answer, detail: [answer.detail, ...failures].filter(Boolean).join('; ') } : answer;
    } catch (error) {
      failures.push(`CRL ${url}: ${(error as Error).message}`);
    }
  }
  const detail = failures.length > 0 ? failures.join('; ') : 'the certificate names no OCSP responder and no CRL';
  return { status: 'unknown', method: null, url: null, thisUpdate: null, nextUpdate: null, ageSeconds: null, revokedAt: null, reason: null, detail };
}

async function askOcsp(url: string, cert: X509Certificate, issuer: X509Certificate, options: RevocationOptions): Promise<RevocationStatus> {
  const certId = ocspCertId(cert, issuer);
  const body = await fetchBytes(url, { method: 'POST', body: buildOcspRequest(certId), contentType: 'application/ocsp-request', timeoutMs: options.timeoutMs, maxBytes: MAX_OCSP_BYTES, signal: options.signal });
  const answer = parseOcspResponse(body, certId, issuer);
  if (answer.signatureVerified === false) throw new Error('the answer\'s signature does not verify against the issuer or a delegated OCSP signer');
  return judged('ocsp', url, { ...answer, verified: answer.signatureVerified }, options.now);
}

async function consultCrl(url: string, cert: X509Certificate, issuer: X509Certificate, options: RevocationOptions): Promise<RevocationStatus> {
  const body = await fetchBytes(url, { timeoutMs: options.timeoutMs, maxBytes: MAX_CRL_BYTES, signal: options.signal });
  const lookup = lookUpInCrl(body, cert.serialNumber, issuer);
  if (lookup.signatureVerified === false) throw new Error('the CRL\'s signature does not verify against the issuer');
  const status = lookup.revokedAt ? 'revoked' : 'good';
  return judged('crl', url, { ...lookup, status, verified: lookup.signatureVerified }, options.now, `${lookup.entries} entries`);
}

interface Answer {
  status: 'good' | 'revoked' | 'unknown';
  thisUpdate: Date;
  nextUpdate: Date | null;
  revokedAt: Date | null;
  reason: string | null;
  verified: boolean | null;
}

function judged(method: 'ocsp' | 'crl', url: string, answer: Answer, now: Date, note?: string): RevocationStatus {
  const stale = answer.nextUpdate !== null && answer.nextUpdate < now;
  const notes = [
    ...(note ? [note] : []),
    ...(answer.verified === null ? ['signature algorithm not checked'] : []),
    ...(stale ? [`the answer is stale: its nextUpdate ${answer.nextUpdate?.toISOString()} has passed`] : []),
  ];
  return {
    // A revocation is final even in a stale answer; "good" from a stale one proves nothing.
    status: answer.status === 'good' && stale ? 'unknown' : answer.status,
    method,
    url,
    thisUpdate: answer.thisUpdate.toISOString(),
    nextUpdate: answer.nextUpdate?.toISOString() ?? null,
    ageSeconds: Math.round((now.getTime() - answer.thisUpdate.getTime()) / 1000),
    revokedAt: answer.revokedAt?.toISOString() ?? null,
    reason: answer.reason,
    detail: notes.join('; '),
  };
}

export function revocationChecks(chain: readonly { subject: string; revocation?: RevocationStatus }[]): CertCheck[] {
  return chain.flatMap((cert, index): CertCheck[] => {
    const answer = cert.revocation;
    if (!answer) return [];
    const via = answer.method ? `${answer.method.toUpperCase()} ${answer.url}` : '';
    const age = answer.ageSeconds !== null ? `, answer ${formatAge(answer.ageSeconds)} old` : '';
    const detail = answer.detail ? ` (${answer.detail})` : '';
    if (answer.status === 'revoked') {
      return [{ code: 'cert.revoked', severity: 'error', certificate: index, message: `"${cert.subject}" was revoked on ${answer.revokedAt}${answer.reason ? ` (${answer.reason})` : ''}, says ${via}${age}` }];
    }
    if (answer.status === 'good') {
      return [{ code: 'cert.revocation_good', severity: 'info', certificate: index, message: `"${cert.subject}" is not revoked, says ${via}${age}${detail}` }];
    }
    return [{ code: 'cert.revocation_unknown', severity: 'info', certificate: index, message: `the revocation status of "${cert.subject}" is unknown${via ? ` (${via}${age})` : ''}: ${answer.detail}` }];
  });
}

/** "42 s", "5 min", "3 h", "2 days": the age of a revocation answer. */
export function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.max(0, seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}
