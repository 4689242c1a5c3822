import type { FailureCode } from '../failureCodes';
import { categoryOfErrno } from './errnoCategory';

/**
 * Message signatures of clients and servers other than nginx (JDK, HikariCP, Node/undici,
 * Go, Python, libpq, MySQL, PostgreSQL, .NET pools, proxies), in the order they are tried:
 * specific before general, so "Connection is not available, request timed out" is a pool
 * problem and "lookup x on 10.0.0.2:53: i/o timeout" a DNS one. Sources and exact wordings
 * per version: shared/corpus/signatures.md.
 */
interface Signature {
  pattern: RegExp;
  category: FailureCode | ((match: RegExpExecArray) => FailureCode | undefined);
}

const SIGNATURES: Signature[] = [
  // Clock: signed requests and tokens rejected because the clocks disagree.
  { pattern: /Signature expired: \S+ is now earlier than|RequestTimeTooSkewed|Signature not yet current|JWT expired at .*Current time|ImmatureSignatureError|token is not yet valid|KRB_AP_ERR_SKEW|Clock skew too great/, category: 'clock.skew' },
  // Application pools (checked before timeouts: their messages say "timed out").
  { pattern: /Connection is not available, request timed out after|Timeout failure stats \(|timeout period elapsed prior to obtaining a connection from the pool|connection pool has been exhausted|All pooled connections are in use|Timeout waiting for idle object|Cannot get a connection, pool error|QueuePool limit of size \d+ overflow|Verbindung aus dem Pool/, category: 'pool.exhausted' },
  // The database (or its pooler) refuses a new session.
  { pattern: /Too many connections|too many clients already|remaining connection slots are reserved|too many connections for role|no more connections allowed \(max_client_conn\)|has exceeded the 'max_user_connections' resource|ER_CON_COUNT_ERROR|\[1040\]|\(1040,|08004\/1040/i, category: 'db.too_many_connections' },
  { pattern: /worker_connections are not enough/, category: 'server.worker_connections' },
  { pattern: /Too many open files|No file descriptors available|\bEMFILE\b|\bENFILE\b/, category: 'server.fd_exhausted' },
  { pattern: /no live upstreams|upstream server temporarily disabled|no healthy upstream/, category: 'upstream.no_live' },
  { pattern: /ModSecurity: Access denied|Proxy Authentication Required|Tunnel connection failed|tunneling socket could not be established|CONNECT tunnel failed|Cannot connect to proxy|ProxyError\(/, category: 'proxy.rejected' },
  // DNS, before TCP: Go puts "i/o timeout" after a lookup, Python says "[Errno -3]".
  { pattern: /EAI_AGAIN|Temporary failure in name resolution|server misbehaving|lookup \S+ on \S+:53: .*(?:i\/o timeout|no answer)|no resolver defined|\[Errno -3\]|\[Errno 11002\]|could not be resolved \((?:2|110): |getaddrinfow?: (?:This is usually a temporary error|A non-recoverable error)/, category: 'dns.timeout' },
  { pattern: /ENOTFOUND|no such host|Name or service not known|nodename nor servname provided|getaddrinfo failed|No such host is known|could not be resolved|UnknownHostException|could not translate host name|Name does not resolve|\[Errno -2\]|\[Errno 8\]|\[Errno 11001\]|NXDOMAIN/i, category: 'dns.not_found' },
  // TLS: certificate verdicts first, then protocol, client certificate, anything else.
  { pattern: /Hostname\/IP does(?:n't| not) match certificate|ERR_TLS_CERT_ALTNAME_INVALID|No subject alternative (?:names|DNS name)|No name matching \S+ found|x509: certificate is valid for|doesn't contain any IP SANs|x509: certificate is not valid for any names|Hostname mismatch, certificate is not valid|certificate does not match/, category: 'tls.cert_hostname' },
  { pattern: /x509: certificate has expired or is not yet valid: current time \S+ is before|CertificateNotYetValidException|certificate is not yet valid|CERT_NOT_YET_VALID/, category: 'tls.cert_not_yet_valid' },
  { pattern: /certificate has expired|CertificateExpiredException|CERT_HAS_EXPIRED|x509: certificate has expired/, category: 'tls.cert_expired' },
  { pattern: /certificate revoked|CERT_REVOKED|certificate has been revoked|RevokedCertificateException/, category: 'tls.cert_revoked' },
  { pattern: /PKIX path (?:building|validation) failed|unable to find valid certification path|unable to get (?:local )?issuer certificate|unable to verify the first certificate|self[- ]signed certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT|certificate signed by unknown authority|CERTIFICATE_VERIFY_FAILED|certificate verify failed/, category: 'tls.cert_untrusted' },
  { pattern: /unsupported protocol|wrong version number|no protocols available|protocol_version|alert protocol version|ERR_SSL_UNSUPPORTED_PROTOCOL|server selected unsupported protocol version|No appropriate protocol/, category: 'tls.protocol' },
  { pattern: /alert bad certificate|alert certificate required|certificate_required|bad_certificate|BAD_CERTIFICATE|CERTIFICATE_REQUIRED|tls: certificate required/, category: 'tls.client_cert' },
  { pattern: /SSLHandshakeException|Received fatal alert|Remote host closed connection during handshake|General SSLEngine problem|[Hh]andshake[_ ]failure|HANDSHAKE_FAILURE|TLS handshake timeout|disconnected before secure TLS connection was established|SSLEOFError|EOF occurred in violation of protocol|SSL_do_handshake\(\) failed|SSL routines|ERR_SSL_|tls: handshake/, category: 'tls.handshake' },
  // TCP by errno text (Node, Go, JDK, Python, libpq, MySQL client).
  { pattern: /\[Errno (\d+)\]|Can't connect to MySQL server on \S+ \((\d+)\)|\((0x[0-9A-F]+)\/(\d+)\)/, category: (m) => categoryOfErrno(Number(m[1] ?? m[2] ?? m[4]), '') },
  { pattern: /EADDRNOTAVAIL|Cannot assign requested address|Address not available/, category: 'tcp.ports_exhausted' },
  { pattern: /ENETUNREACH|EHOSTUNREACH|Network is unreachable|network is unreachable|No route to host|no route to host|Address family not supported|EAFNOSUPPORT/, category: 'tcp.unreachable' },
  { pattern: /ECONNREFUSED|Connection refused|connection refused|actively refused|Connection to \S+ refused/, category: 'tcp.refused' },
  { pattern: /read ETIMEDOUT|Read timed out|ReadTimeout|read timeout|Client\.Timeout exceeded while awaiting headers|timeout of \d+ms exceeded|UND_ERR_(?:HEADERS|BODY)_TIMEOUT|HeadersTimeoutError|BodyTimeoutError|ESOCKETTIMEDOUT|context deadline exceeded|Gateway Time-?out/, category: 'http.timeout' },
  { pattern: /connect timed out|ETIMEDOUT|Connection timed out|ConnectTimeoutError|Connect Timeout Error|UND_ERR_CONNECT_TIMEOUT|ConnectTimeoutException|i\/o timeout|Operation timed out|Connection to \S+ timed out/, category: 'tcp.timeout' },
  { pattern: /ECONNRESET|Connection reset|connection reset|socket hang up|\bEPIPE\b|Broken pipe|broken pipe|prematurely closed|RemoteDisconnected|Remote end closed connection|forcibly closed by the remote host|Lost connection to MySQL server|MySQL server has gone away|Got an error reading communication packets|Got timeout reading communication packets|Connection aborted|unexpected EOF|other side closed|UND_ERR_SOCKET|zurückgesetzt|Failed to validate connection|server closed the connection unexpectedly/, category: 'tcp.reset' },
  { pattern: /(?:Status Code|status code|HTTP status|HTTP Status|HTTP\/\d(?:\.\d)?|HTTP) (5\d\d)\b|(?:statusCode|status|"status")[=:] ?(5\d\d)\b|\b50[0-4] (?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)\b/, category: 'http.5xx' },
  { pattern: /Communications link failure|fetch failed|marked as broken because of SQLSTATE\(08|SQLSTATE\[08|Can't connect to MySQL server|could not connect to server|Failed to establish a new connection|Unable to connect to|connection error|ConnectionError/, category: 'conn.unspecified' },
];

export interface MessageMatch {
  category: FailureCode;
  start: number;
  end: number;
}

export function classifyMessage(text: string): MessageMatch | undefined {
  for (const signature of SIGNATURES) {
    const match = signature.pattern.exec(text);
    if (!match) continue;
    const category = typeof signature.category === 'function' ? signature.category(match) : signature.category;
    if (category) return { category, start: match.index, end: match.index + match[0].length };
  }
  return undefined;
}
