import assert from 'node:assert/strict';
import { classifyLine } from '../../../src/core/logs/classifyLine';

// Exact wordings across versions, from shared/corpus/signatures.md §2-6.
const CASES: [string, string | null, string?][] = [
  // nginx: ours (to upstream) vs theirs (inbound), errno variants, musl vs glibc
  ['2024/05/01 10:00:00 [error] 7#7: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: a, request: "GET / HTTP/1.1", upstream: "http://10.2.0.11:8080/", host: "a"', 'tcp.refused', '10.2.0.11:8080'],
  ['2024/05/01 10:00:00 [error] 7#7: *1 upstream timed out (110: Connection timed out) while connecting to upstream, client: 10.0.0.1, server: a, upstream: "http://10.2.0.11:8080/"', 'tcp.timeout'],
  ['2024/05/01 10:00:00 [error] 7#7: *1 upstream timed out (110: Operation timed out) while reading response header from upstream, client: 10.0.0.1, server: a, upstream: "http://10.2.0.11:8080/"', 'http.timeout'],
  ['2024/05/01 10:00:00 [crit] 7#7: *1 connect() to 10.2.0.11:8080 failed (99: Cannot assign requested address) while connecting to upstream, client: 10.0.0.1, server: a, upstream: "http://10.2.0.11:8080/"', 'tcp.ports_exhausted'],
  ['2024/05/01 10:00:00 [crit] 7#7: *1 connect() to [::1]:8080 failed (99: Address not available) while connecting to upstream, client: 10.0.0.1, server: a, upstream: "http://[::1]:8080/"', 'tcp.unreachable'],
  ['2021/09/13 15:09:05 [error] 2784#0: *30555 connect() to [2408:80f0:4105:a:23::]:443 failed (101: Network is unreachable) while connecting to upstream, client: 192.168.125.21, server: , request: "CONNECT x:443 HTTP/1.1", host: "x:443"', 'tcp.unreachable'],
  ['2024/05/01 10:00:00 [error] 7#7: *1 upstream prematurely closed connection while reading response header from upstream, client: 10.0.0.1, server: a, upstream: "http://10.2.0.11:8080/"', 'tcp.reset'],
  ['2024/05/01 10:00:00 [error] 7#7: *1 recv() failed (104: Connection reset by peer) while reading response header from upstream, client: 10.0.0.1, server: a, upstream: "http://10.2.0.11:8080/"', 'tcp.reset'],
  ['2024/05/01 10:00:00 [error] 7#7: *1 no live upstreams while connecting to upstream, client: 10.0.0.1, server: a, upstream: "http://api_backend/x"', 'upstream.no_live'],
  ['2024/05/01 10:00:00 [error] 7#7: *1 gw.example.cn could not be resolved (3: Host not found), client: 10.0.0.1, server: a', 'dns.not_found', 'gw.example.cn'],
  ['2024/05/01 10:00:00 [error] 7#7: *1 gw.example.cn could not be resolved (110: Operation timed out), client: 10.0.0.1, server: a', 'dns.timeout'],
  ['2024/05/01 10:00:00 [error] 7#7: *1 no resolver defined to resolve gw.example.cn, client: 10.0.0.1, server: a', 'dns.timeout'],
  ['2024/05/01 10:00:00 [alert] 7#7: 768 worker_connections are not enough', 'server.worker_connections'],
  ['2024/05/01 10:00:00 [crit] 7#7: accept4() failed (24: No file descriptors available)', 'server.fd_exhausted'],
  ['2024/05/01 10:00:00 [error] 7#7: *1 SSL_do_handshake() failed (SSL: error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:SSL alert number 40) while SSL handshaking to upstream, client: 10.0.0.1, server: a, upstream: "https://203.0.113.4:443/"', 'tls.handshake'],
  ['2024/05/01 10:00:00 [error] 7#7: *1 SSL_do_handshake() failed (SSL: error:0A000410:SSL routines::sslv3 alert handshake failure) while SSL handshaking to upstream, client: 10.0.0.1, server: a, upstream: "https://203.0.113.4:443/"', 'tls.handshake'],
  ['2024/05/01 10:00:00 [error] 7#7: *1 SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number) while SSL handshaking to upstream, client: 10.0.0.1, server: a, upstream: "https://203.0.113.4:443/"', 'tls.protocol'],
  ['2024/05/01 10:00:00 [error] 7#7: *1 upstream SSL certificate verify error: (10:certificate has expired) while SSL handshaking to upstream, client: 10.0.0.1, server: a, upstream: "https://203.0.113.4:443/"', 'tls.cert_expired'],
  ['2024/05/01 10:00:00 [error] 7#7: *1 upstream SSL certificate verify error: (20:unable to get local issuer certificate) while SSL handshaking to upstream, client: 10.0.0.1, server: a, upstream: "https://203.0.113.4:443/"', 'tls.cert_untrusted'],
  ['2024/05/01 10:00:00 [error] 7#7: *1 upstream SSL certificate does not match "gw.example.cn" while SSL handshaking to upstream, client: 10.0.0.1, server: a, upstream: "https://203.0.113.4:443/"', 'tls.cert_hostname'],
  ['2024/05/01 10:00:00 [crit] 7#7: *1 SSL_do_handshake() failed (SSL: error:0A00006C:SSL routines::bad key share) while SSL handshaking, client: 192.0.2.23, server: 0.0.0.0:443', null],
  ['2024/05/01 10:00:00 [info] 7#7: *1 epoll_wait() reported that client prematurely closed connection, so upstream connection is closed too while sending request to upstream, client: 10.0.0.1, server: a', null],
  ['svc-1  | 2024/05/01 10:00:00 [error] 7#7: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: a, upstream: "http://10.2.0.11:8080/"', 'tcp.refused'],
  // access logs: 5xx is a finding, 499 and 404 are not
  ['10.0.0.1 - - [01/May/2024:10:00:00 +0000] "POST /api/v3/invoices HTTP/1.1" 502 157 "-" "curl/8.0" 0.003 0.002 502', 'http.5xx', 'POST /api/v3/invoices'],
  // identifiers in the path are one route, whatever the invoice
  ['10.0.0.1 - - [01/May/2024:10:00:00 +0000] "POST /api/v3/invoices/999867/submit?async=1 HTTP/1.1" 503 0 "-" "curl/8.0"', 'http.5xx', 'POST /api/v3/invoices/{id}/submit'],
  ['10.0.0.1 - - [01/May/2024:10:00:00 +0000] "GET /v2/invoices/INV-2024-000123/pdf HTTP/1.1" 500 0 "-" "curl/8.0"', 'http.5xx', 'GET /v2/invoices/{id}/pdf'],
  ['10.0.0.1 - - [01/May/2024:10:00:00 +0000] "PUT /api/documents/3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f HTTP/1.1" 502 0 "-" "curl/8.0"', 'http.5xx', 'PUT /api/documents/{id}'],
  ['10.0.0.1 - - [01/May/2024:10:00:00 +0000] "POST /api/v3/invoices HTTP/1.1" 499 0 "-" "curl/8.0"', null],
  ['10.0.0.1 - - [01/May/2024:10:00:00 +0000] "GET /missing HTTP/1.1" 404 0 "-" "curl/8.0"', null],
  ['time=2024-05-01T10:00:00+00:00 client=10.0.0.1 method=POST uri=/api status=504 ua="10.2.0.11:8080" rt=60.001', 'http.5xx', '10.2.0.11:8080'],
  // HikariCP before and after 5.1, PostgreSQL 16 wording, libpq 13 vs 14, MySQL
  ['java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.', 'pool.exhausted'],
  ['java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30005ms (total=10, active=10, idle=0, waiting=3)', 'pool.exhausted'],
  ['2024-05-01 10:00:00.000 UTC [77] FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute', 'db.too_many_connections'],
  ['2024-05-01 10:00:00.000 UTC [77] FATAL:  sorry, too many clients already', 'db.too_many_connections'],
  ['psql: error: connection to server at "db.internal" (10.0.0.5), port 5432 failed: Connection refused', 'tcp.refused', 'db.internal:5432'],
  ['psql: could not connect to server: Connection refused', 'tcp.refused'],
  ['ERROR 2003 (HY000): Can\'t connect to MySQL server on \'db\' (110)', 'tcp.timeout'],
  ['ERROR 2003 (HY000): Can\'t connect to MySQL server on \'db\' (10061)', 'tcp.refused'],
  ['SQLSTATE[HY000] [1040] Too many connections', 'db.too_many_connections'],
  // JDK, Node, Go (old and new), Python
  ['javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target', 'tls.cert_untrusted'],
  ['java.net.SocketTimeoutException: Read timed out', 'http.timeout'],
  ['java.net.SocketTimeoutException: connect timed out', 'tcp.timeout'],
  ['Error: connect ECONNREFUSED 127.0.0.1:5432', 'tcp.refused', '127.0.0.1:5432'],
  ['Error: getaddrinfo ENOTFOUND gw.example.cn', 'dns.not_found', 'gw.example.cn'],
  ['Error: getaddrinfo EAI_AGAIN gw.example.cn', 'dns.timeout'],
  ['Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate\'s altnames: Host: gw.example.cn. is not in the cert\'s altnames: DNS:other.example.com', 'tls.cert_hostname'],
  ['Get "https://gw.example.cn/health": dial tcp 10.0.0.7:443: connect: connection refused', 'tcp.refused', '10.0.0.7:443'],
  ['Get "https://gw.example.cn/health": dial tcp: lookup gw.example.cn on 10.0.0.2:53: read udp 10.0.0.9:5353->10.0.0.2:53: i/o timeout', 'dns.timeout'],
  ['Get "https://gw.example.cn/health": net/http: request canceled (Client.Timeout exceeded while awaiting headers)', 'http.timeout'],
  ['Get "https://gw.example.cn/health": context deadline exceeded (Client.Timeout exceeded while awaiting headers)', 'http.timeout'],
  ['Get "https://gw.example.cn/health": tls: failed to verify certificate: x509: certificate signed by unknown authority', 'tls.cert_untrusted'],
  ['Get "https://gw.example.cn/health": x509: certificate has expired or is not yet valid: current time 2024-05-01T10:00:00Z is before 2024-06-01T00:00:00Z', 'tls.cert_not_yet_valid'],
  ['requests.exceptions.ConnectionError: HTTPSConnectionPool(host=\'gw.example.cn\', port=443): Max retries exceeded with url: /x (Caused by NewConnectionError(\'<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused\'))', 'tcp.refused', 'gw.example.cn:443'],
  ['requests.exceptions.ConnectionError: HTTPSConnectionPool(host=\'gw.example.cn\', port=443): Max retries exceeded with url: /x (Caused by NameResolutionError("Failed to resolve \'gw.example.cn\' ([Errno -2] Name or service not known)"))', 'dns.not_found'],
  ['ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)', 'tls.cert_untrusted'],
  ['requests.exceptions.ProxyError: HTTPSConnectionPool(host=\'gw.example.cn\', port=443): Max retries exceeded (Caused by ProxyError(\'Cannot connect to proxy.\', OSError(\'Tunnel connection failed: 407 Proxy Authentication Required\')))', 'proxy.rejected'],
  ['botocore.exceptions.ClientError: An error occurred (SignatureDoesNotMatch): Signature expired: 20151221T200419Z is now earlier than 20151221T201450Z (20151221T201950Z - 5 min.)', 'clock.skew'],
  ['System.Net.Sockets.SocketException (10061): No connection could be made because the target machine actively refused it.', 'tcp.refused'],
  // look-alikes
  ['Mar 15 09:20:57 host sshd[28972]: Connection reset by 192.0.2.39 port 14282 [preauth]', null],
  ['2024-05-01 10:00:00 INFO retry policy: 3 attempts, connect timeout 5s', null],
];

describe('classifyLine', () => {
  for (const [line, expected, target] of CASES) {
    it(`${expected ?? 'no finding'}: ${line.slice(0, 110)}`, () => {
      const verdict = classifyLine(line);
      assert.equal(verdict?.category ?? null, expected);
      if (target) assert.equal(verdict?.target, target);
      if (verdict) assert.ok(verdict.start >= 0 && verdict.end > verdict.start && verdict.end <= line.length);
    });
  }
});
