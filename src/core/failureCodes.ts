/**
 * The failure taxonomy shared by probes, log analysis and reports (CONTRACT.md §1).
 * Codes are a stable public interface: add new ones, never rename or drop.
 */
export type Layer = 'dns' | 'tcp' | 'tls' | 'http' | 'clock' | 'server' | 'any';

export const FAILURE_CODES = {
  'dns.not_found': { layer: 'dns', title: 'Host name does not exist' },
  'dns.timeout': { layer: 'dns', title: 'DNS resolver did not answer' },
  'tcp.refused': { layer: 'tcp', title: 'Connection refused' },
  'tcp.timeout': { layer: 'tcp', title: 'TCP connect timed out' },
  'tcp.unreachable': { layer: 'tcp', title: 'Network unreachable' },
  'tcp.reset': { layer: 'tcp', title: 'Connection reset' },
  'tcp.ports_exhausted': { layer: 'tcp', title: 'Local ephemeral ports exhausted' },
  'tls.handshake': { layer: 'tls', title: 'TLS handshake failed' },
  'tls.protocol': { layer: 'tls', title: 'No common TLS version' },
  'tls.client_cert': { layer: 'tls', title: 'Client certificate required or rejected' },
  'tls.cert_expired': { layer: 'tls', title: 'Certificate expired' },
  'tls.cert_not_yet_valid': { layer: 'tls', title: 'Certificate not yet valid' },
  'tls.cert_untrusted': { layer: 'tls', title: 'Certificate not trusted' },
  'tls.cert_hostname': { layer: 'tls', title: 'Certificate does not match host name' },
  'tls.cert_revoked': { layer: 'tls', title: 'Certificate revoked' },
  'tls.cert_expiring': { layer: 'tls', title: 'Certificate expiring soon' },
  'tls.legacy': { layer: 'tls', title: 'Legacy TLS or weak key' },
  // Warning beyond CONTRACT.md: the addresses of one name present different certificates.
  'tls.cert_inconsistent': { layer: 'tls', title: 'Addresses present different certificates' },
  'http.timeout': { layer: 'http', title: 'Response timed out' },
  'http.5xx': { layer: 'http', title: 'Server error (5xx)' },
  'http.status': { layer: 'http', title: 'Unexpected HTTP status' },
  'http.body': { layer: 'http', title: 'Business-level rejection in body' },
  'upstream.no_live': { layer: 'http', title: 'No live upstreams' },
  'server.worker_connections': { layer: 'server', title: 'Worker connections exhausted' },
  'server.fd_exhausted': { layer: 'server', title: 'Too many open files' },
  'pool.exhausted': { layer: 'server', title: 'Connection pool exhausted' },
  'db.too_many_connections': { layer: 'server', title: 'Database refused new connections' },
  'proxy.rejected': { layer: 'http', title: 'Proxy or WAF rejected the request' },
  'clock.skew': { layer: 'clock', title: 'Clock skew' },
  'conn.unspecified': { layer: 'any', title: 'Connection failure (cause not given)' },
} as const satisfies Record<string, { layer: Layer; title: string }>;

export type FailureCode = keyof typeof FAILURE_CODES;

export function isFailureCode(value: string): value is FailureCode {
  return Object.prototype.hasOwnProperty.call(FAILURE_CODES, value);
}
