import type { CertCheckCode } from '../certs/certReport';
import { FAILURE_CODES, type FailureCode } from '../failureCodes';

/**
 * When two sources describe the same failure in their own words. Logs rarely say as much as a
 * probe does (nginx writes "certificate verify failed" whether the certificate expired or its
 * CA is unknown), so two codes of the same network layer corroborate each other, and a TCP
 * connect timeout corroborates a response timeout: both mean "too slow or unreachable".
 */
const TIMEOUTS: ReadonlySet<string> = new Set(['tcp.timeout', 'http.timeout']);
const NETWORK_LAYERS: ReadonlySet<string> = new Set(['dns', 'tcp', 'tls', 'http']);

export function corroborates(code: string | null, verdictCode: FailureCode | null): boolean {
  if (!code || !verdictCode) return false;
  if (code === verdictCode) return true;
  if (TIMEOUTS.has(code) && TIMEOUTS.has(verdictCode)) return true;
  const layer = FAILURE_CODES[code as FailureCode]?.layer;
  return layer !== undefined && NETWORK_LAYERS.has(layer) && layer === FAILURE_CODES[verdictCode].layer;
}

/** The failure a certificate check predicts for a client that connects. */
const CERT_CHECK_CODES: Partial<Record<CertCheckCode, FailureCode>> = {
  'cert.expired': 'tls.cert_expired',
  'cert.not_yet_valid': 'tls.cert_not_yet_valid',
  'cert.expiring': 'tls.cert_expiring',
  'cert.hostname_mismatch': 'tls.cert_hostname',
  'cert.chain_incomplete': 'tls.cert_untrusted',
  'cert.untrusted': 'tls.cert_untrusted',
  'cert.self_signed': 'tls.cert_untrusted',
  'cert.revoked': 'tls.cert_revoked',
  'cert.weak_key': 'tls.legacy',
  'cert.weak_signature': 'tls.legacy',
  'cert.key_mismatch': 'tls.client_cert',
  'cert.bad_passphrase': 'tls.client_cert',
  'cert.client_cert_not_accepted': 'tls.client_cert',
};

export function failureCodeOfCheck(check: CertCheckCode, clientSide: boolean): FailureCode | null {
  // Whatever is wrong with our own certificate, the server sees it as a client-certificate failure.
  if (clientSide) return CERT_CHECK_CODES[check] ? 'tls.client_cert' : null;
  return CERT_CHECK_CODES[check] ?? null;
}
