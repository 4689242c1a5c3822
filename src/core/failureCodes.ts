import * as l10n from '@vscode/l10n';

/**
 * The failure taxonomy shared by probes, log analysis and reports (CONTRACT.md §1).
 * Codes are a stable public interface: add new ones, never rename or drop.
 * Titles are getters so they are read from the message catalog in the language chosen at run time.
 */
export type Layer = 'dns' | 'tcp' | 'tls' | 'http' | 'clock' | 'server' | 'any';

export const FAILURE_CODES = {
  'dns.not_found': { layer: 'dns', get title() { return l10n.t('Host name does not exist'); } },
  'dns.timeout': { layer: 'dns', get title() { return l10n.t('DNS resolver did not answer'); } },
  'tcp.refused': { layer: 'tcp', get title() { return l10n.t('Connection refused'); } },
  'tcp.timeout': { layer: 'tcp', get title() { return l10n.t('TCP connect timed out'); } },
  'tcp.unreachable': { layer: 'tcp', get title() { return l10n.t('Network unreachable'); } },
  'tcp.reset': { layer: 'tcp', get title() { return l10n.t('Connection reset'); } },
  'tcp.ports_exhausted': { layer: 'tcp', get title() { return l10n.t('Local ephemeral ports exhausted'); } },
  'tls.handshake': { layer: 'tls', get title() { return l10n.t('TLS handshake failed'); } },
  'tls.protocol': { layer: 'tls', get title() { return l10n.t('No common TLS version'); } },
  'tls.client_cert': { layer: 'tls', get title() { return l10n.t('Client certificate required or rejected'); } },
  'tls.cert_expired': { layer: 'tls', get title() { return l10n.t('Certificate expired'); } },
  'tls.cert_not_yet_valid': { layer: 'tls', get title() { return l10n.t('Certificate not yet valid'); } },
  'tls.cert_untrusted': { layer: 'tls', get title() { return l10n.t('Certificate not trusted'); } },
  'tls.cert_hostname': { layer: 'tls', get title() { return l10n.t('Certificate does not match host name'); } },
  'tls.cert_revoked': { layer: 'tls', get title() { return l10n.t('Certificate revoked'); } },
  'tls.cert_expiring': { layer: 'tls', get title() { return l10n.t('Certificate expiring soon'); } },
  'tls.legacy': { layer: 'tls', get title() { return l10n.t('Legacy TLS or weak key'); } },
  // Warning beyond CONTRACT.md: the addresses of one name present different certificates.
  'tls.cert_inconsistent': { layer: 'tls', get title() { return l10n.t('Addresses present different certificates'); } },
  'http.timeout': { layer: 'http', get title() { return l10n.t('Response timed out'); } },
  'http.5xx': { layer: 'http', get title() { return l10n.t('Server error (5xx)'); } },
  'http.status': { layer: 'http', get title() { return l10n.t('Unexpected HTTP status'); } },
  'http.body': { layer: 'http', get title() { return l10n.t('Business-level rejection in body'); } },
  'upstream.no_live': { layer: 'http', get title() { return l10n.t('No live upstreams'); } },
  'server.worker_connections': { layer: 'server', get title() { return l10n.t('Worker connections exhausted'); } },
  'server.fd_exhausted': { layer: 'server', get title() { return l10n.t('Too many open files'); } },
  'pool.exhausted': { layer: 'server', get title() { return l10n.t('Connection pool exhausted'); } },
  'db.too_many_connections': { layer: 'server', get title() { return l10n.t('Database refused new connections'); } },
  'proxy.rejected': { layer: 'http', get title() { return l10n.t('Proxy or WAF rejected the request'); } },
  'clock.skew': { layer: 'clock', get title() { return l10n.t('Clock skew'); } },
  'conn.unspecified': { layer: 'any', get title() { return l10n.t('Connection failure (cause not given)'); } },
} as const satisfies Record<string, { layer: Layer; title: string }>;

export type FailureCode = keyof typeof FAILURE_CODES;

export function isFailureCode(value: string): value is FailureCode {
  return Object.prototype.hasOwnProperty.call(FAILURE_CODES, value);
}
