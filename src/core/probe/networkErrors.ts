import * as l10n from '@vscode/l10n';
import type { FailureCode } from '../failureCodes';

/**
 * Maps Node, OpenSSL and undici errors onto the failure taxonomy (CONTRACT.md §1).
 * `reason` refines a code where the fix differs (see diagnosis.ts).
 */
export interface ClassifiedError {
  code: FailureCode;
  message: string;
  reason?: string;
}

export type ProbePhase = 'dns' | 'tcp' | 'tls' | 'http';

export interface ErrorContext {
  phase: ProbePhase;
  /** Whether a client certificate was offered: turns a "bad certificate" alert into "rejected" vs "required". */
  clientCertSent: boolean;
  family?: 4 | 6;
}

const UNREACHABLE = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'EAFNOSUPPORT', 'ENETDOWN', 'EHOSTDOWN']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const CLIENT_CERT_REJECTED_ALERTS = new Set([
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED',
  'ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE',
  'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
  'ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR',
]);
const LEGACY_PROTOCOL = new Set([
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_UNSUPPORTED_SSL_VERSION',
  'ERR_SSL_TLSV1_ALERT_INAPPROPRIATE_FALLBACK',
]);
const NOT_TLS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_HTTP_REQUEST', 'ERR_SSL_RECORD_LENGTH_MISMATCH']);

export function classifyNetworkError(error: unknown, context: ErrorContext): ClassifiedError {
  const code = errorCode(error);
  const text = describeError(error);
  if (code === 'ENOTFOUND' || code === 'ENODATA') return { code: 'dns.not_found', message: text };
  if (code === 'EAI_AGAIN' || code === 'ESERVFAIL' || code === 'ETIMEOUT' || (code === 'ECONNREFUSED' && context.phase === 'dns')) {
    return { code: 'dns.timeout', message: text };
  }
  if (code === 'ECONNREFUSED') return { code: 'tcp.refused', message: l10n.t('connection refused ({0})', text) };
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return { code: 'tcp.timeout', message: text };
  if (UNREACHABLE.has(code)) return { code: 'tcp.unreachable', message: text };
  if (code === 'EADDRNOTAVAIL') {
    // One probe connection cannot exhaust the ephemeral ports; on an IPv6 address this means the machine has no IPv6.
    return context.family === 6
      ? { code: 'tcp.unreachable', message: l10n.t('{0}: this machine has no usable IPv6 address', text) }
      : { code: 'tcp.ports_exhausted', message: l10n.t('{0}: no free local port (ephemeral ports used up)', text) };
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return { code: 'http.timeout', message: text };
  if (code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED') {
    return { code: 'tls.client_cert', reason: 'required', message: l10n.t('the server requires a client certificate (TLS alert "certificate required"){0}', context.clientCertSent ? '' : l10n.t(' and none is configured')) };
  }
  if (CLIENT_CERT_REJECTED_ALERTS.has(code)) {
    return context.clientCertSent
      ? { code: 'tls.client_cert', reason: 'rejected', message: l10n.t('the server rejected the client certificate (TLS alert "{0}")', alertName(code)) }
      : { code: 'tls.client_cert', reason: 'required', message: l10n.t('the server wants a client certificate (TLS alert "{0}") and none is configured', alertName(code)) };
  }
  if (LEGACY_PROTOCOL.has(code)) {
    return { code: 'tls.protocol', reason: 'version', message: l10n.t('no TLS version both sides accept ({0})', text) };
  }
  if (NOT_TLS.has(code)) {
    return { code: 'tls.protocol', reason: 'not_tls', message: l10n.t('the server did not answer with TLS ({0}): an old TLS-only server, or plain HTTP on this port', text) };
  }
  if (code === 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' && !context.clientCertSent) {
    return { code: 'tls.handshake', reason: 'maybe_client_cert', message: l10n.t('the server aborted the handshake (alert "handshake failure"): it may require a client certificate (none is configured) or share no cipher with this client') };
  }
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO') return { code: 'tls.handshake', message: l10n.t('TLS handshake failed ({0})', text) };
  if (context.phase === 'tls' && (RESET.has(code) || /before secure TLS connection|socket disconnected/i.test(text))) {
    return { code: 'tls.handshake', reason: 'eof', message: l10n.t('the server closed the connection during the TLS handshake ({0})', text) };
  }
  if (RESET.has(code) || /socket hang up|other side closed|prematurely closed/i.test(text)) {
    return { code: 'tcp.reset', message: l10n.t('the connection was dropped ({0})', text) };
  }
  return { code: 'conn.unspecified', message: text };
}

export function errorCode(error: unknown): string {
  const value = (error as { code?: unknown } | null)?.code;
  return typeof value === 'string' ? value : '';
}

/** A one-line description: the error message with its code, without stack or library noise. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = errorCode(error);
  const message = error.message.split('\n')[0]
    .replace(/^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:/i, '')
    // OpenSSL appends its own source location (":../deps/openssl/…/rec_layer_s3.c:1601:"): noise to a reader.
    .replace(/:[^\s:]*\.c:\d+:/g, ': ')
    .trim();
  return code && !message.includes(code) ? `${message} [${code}]` : message;
}

function alertName(code: string): string {
  return code.replace(/^ERR_SSL_(SSLV3|TLSV1|TLSV13)_ALERT_/, '').toLowerCase().replace(/_/g, ' ');
}
