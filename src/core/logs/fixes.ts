import * as l10n from '@vscode/l10n';
import type { FailureCode } from '../failureCodes';

/**
 * What to do about each category of finding, and the config rules (CONTRACT §4) whose
 * checks cover the settings involved, so a report can point at `invoice-doctor lint`.
 */
interface Fix {
  fixes: string[];
  rules: string[];
}

// Built when asked for, so the texts come from the message catalog of the language chosen by then.
function fixTable(): Partial<Record<FailureCode, Fix>> {
  return {
    'dns.not_found': { fixes: [l10n.t('Check the host name in the endpoint or proxy_pass URL; the name does not exist in DNS.'), l10n.t('Inside containers, check the service name and the network the container is attached to.')], rules: ['nginx.resolver-missing'] },
    'dns.timeout': { fixes: [l10n.t('Check that the configured resolver answers from this host (and that nginx has a `resolver` directive when proxy_pass uses variables).'), l10n.t('Add `valid=` caching and a second resolver.')], rules: ['nginx.resolver-missing'] },
    'tcp.refused': { fixes: [l10n.t('Nothing listens on the target address and port: check that the upstream service is running and the port is right.'), l10n.t('For nginx upstreams, add more than one server and `max_fails`/`fail_timeout` so one dead peer does not fail requests.')], rules: ['nginx.upstream-keepalive'] },
    'tcp.timeout': { fixes: [l10n.t('The TCP connect did not complete: check firewalls, security groups and routes to the target.'), l10n.t('Keep proxy_connect_timeout short (a few seconds) so a dead peer fails fast and the next one is tried.')], rules: ['nginx.proxy-timeouts'] },
    'tcp.unreachable': { fixes: [l10n.t('No route to the target: check routing, VPN/tunnel state and whether the host has IPv6 when the target is an IPv6 address ([::1] in containers).')], rules: [] },
    'tcp.reset': { fixes: [l10n.t('The peer or a middlebox dropped the connection: align keepalive/idle timeouts so the client closes idle connections before the server or load balancer does.'), l10n.t('For Hikari pools, set maxLifetime below the database and firewall idle timeouts.')], rules: ['nginx.upstream-keepalive', 'spring.hikari-max-lifetime', 'cross.max-lifetime-exceeds-wait-timeout'] },
    'tcp.ports_exhausted': { fixes: [l10n.t('Local ephemeral ports are used up: reuse connections (HTTP keepalive, `keepalive` in nginx upstream blocks) instead of opening one per request.'), l10n.t('Widen net.ipv4.ip_local_port_range or spread load over more source addresses.')], rules: ['nginx.upstream-keepalive'] },
    'tls.handshake': { fixes: [l10n.t('The TLS handshake failed: compare protocol versions, cipher suites and SNI (`proxy_ssl_server_name on`) with what the API expects.')], rules: ['nginx.proxy-ssl-server-name', 'nginx.ssl-protocols-legacy', 'nginx.ssl-ciphers-weak'] },
    'tls.protocol': { fixes: [l10n.t('No common TLS version: enable TLSv1.2/TLSv1.3 on the client side (proxy_ssl_protocols, jdk.tls.client.protocols) or ask the provider to.')], rules: ['nginx.ssl-protocols-legacy', 'spring.tls-protocols-legacy', 'tomcat.tls-protocols-legacy', 'apache.ssl-protocol-legacy'] },
    'tls.client_cert': { fixes: [l10n.t('The server requires a client certificate or rejected the one sent: check proxy_ssl_certificate / the keystore, its chain and its expiry (`invoice-doctor cert`).')], rules: [] },
    'tls.cert_expired': { fixes: [l10n.t('A certificate in the chain has expired: check it with `invoice-doctor cert <host>`; if it is the provider\'s, report it; if it is a local trust store entry, update it.')], rules: [] },
    'tls.cert_not_yet_valid': { fixes: [l10n.t('The certificate is not valid yet: check this machine\'s clock (NTP) before anything else.')], rules: [] },
    'tls.cert_untrusted': { fixes: [l10n.t('The server certificate does not chain to a trusted CA: install the provider\'s CA (proxy_ssl_trusted_certificate, a truststore, NODE_EXTRA_CA_CERTS) or ask them to send the intermediate.'), l10n.t('Never turn verification off to make it work.')], rules: ['nginx.proxy-ssl-verify-off', 'node.tls-verify-disabled'] },
    'tls.cert_hostname': { fixes: [l10n.t('The certificate does not cover the name used: call the API by a name in its SAN list, or set proxy_ssl_name / servername accordingly.')], rules: ['nginx.proxy-ssl-server-name'] },
    'tls.cert_revoked': { fixes: [l10n.t('The certificate was revoked: the provider must install a new one; check with `invoice-doctor cert`.')], rules: [] },
    'http.timeout': { fixes: [l10n.t('Connected, but the answer came too late: raise proxy_read_timeout / the client read timeout to what the API documents, and check the API\'s own latency.')], rules: ['nginx.proxy-timeouts'] },
    'http.5xx': { fixes: [l10n.t('The server answered 5xx: 502/504 written by nginx itself have a twin in the error log with the real cause; others come from the API (check its status page, retry with backoff).')], rules: [] },
    'upstream.no_live': { fixes: [l10n.t('Every upstream peer was marked down: fix the peers\' own failures first (see the other findings), then review max_fails/fail_timeout and upstream keepalive.')], rules: ['nginx.upstream-keepalive', 'nginx.proxy-timeouts'] },
    'server.worker_connections': { fixes: [l10n.t('nginx ran out of worker connections: raise worker_connections (and worker_rlimit_nofile to match).')], rules: ['nginx.worker-connections-low'] },
    'server.fd_exhausted': { fixes: [l10n.t('The process hit its open-files limit: raise LimitNOFILE / ulimit -n (worker_rlimit_nofile for nginx) and look for leaked connections.')], rules: ['nginx.worker-connections-low'] },
    'pool.exhausted': { fixes: [l10n.t('The application\'s connection pool had no free connection in time: raise maximum-pool-size only within the database\'s max_connections, and look for slow queries or leaked connections.')], rules: ['spring.hikari-pool-size', 'cross.pool-exceeds-db-connections'] },
    'db.too_many_connections': { fixes: [l10n.t('The database refused a new session: total pool size across all instances must stay below max_connections (minus reserved slots).')], rules: ['mysql.max-connections-low', 'postgres.max-connections-low', 'cross.pool-exceeds-db-connections'] },
    'proxy.rejected': { fixes: [l10n.t('A forward proxy or WAF rejected the request: check proxy credentials (407), the allow-list for the API host, and WAF rules for the request body.')], rules: [] },
    'clock.skew': { fixes: [l10n.t('Signed requests or tokens were rejected for their time: synchronise this machine\'s clock (chrony/NTP).')], rules: [] },
    'conn.unspecified': { fixes: [l10n.t('The connection failed without a stated cause: look at the lines around the samples, or run `invoice-doctor probe` against the endpoint to see which layer fails.')], rules: [] },
  };
}

export function fixesFor(category: FailureCode): Fix {
  return fixTable()[category] ?? { fixes: [], rules: [] };
}
