import * as l10n from '@vscode/l10n';
import type { FailureCode } from '../failureCodes';
import type { Diagnosis, LayerResult } from './probeResult';

/**
 * Plain-language explanations and fixes for every failure code, in one place so the probe, the
 * log analyzer and the report speak alike. Fixes walk outward: this machine, the local network,
 * the protocol, the server, the platform. None of them ever suggests turning verification off.
 */
export interface Explanation {
  summary: string;
  fixes: string[];
}

interface CodeExplanation extends Explanation {
  /** Sharper advice when the layer's detail.reason says more (e.g. missing intermediate vs self-signed). */
  reasons?: Record<string, Partial<Explanation>>;
}

// A function, not a constant: the texts are looked up in the message catalog when asked for,
// after the extension or the CLI has chosen the language.
function explanations(): Record<FailureCode, CodeExplanation> {
  return {
    'dns.not_found': {
      summary: l10n.t('The host name does not exist for this machine\'s resolver.'),
      fixes: [
        l10n.t('Check the spelling of the host in the endpoint URL (test vs production host names differ).'),
        l10n.t('On a corporate network or VPN, internal names resolve only with the VPN connected: connect it or ask which DNS server to use.'),
        l10n.t('If the gateway moved, get the current host name from its operator or the platform\'s documentation.'),
      ],
    },
    'dns.timeout': {
      summary: l10n.t('The DNS resolver did not answer in time or failed temporarily.'),
      fixes: [
        l10n.t('Check this machine\'s DNS settings (/etc/resolv.conf, the VPN client) and try `nslookup <host>`.'),
        l10n.t('A firewall or captive portal on the local network may block DNS: try another network.'),
        l10n.t('If only this name fails, the domain\'s DNS servers may be down: ask the gateway operator.'),
      ],
    },
    'tcp.refused': {
      summary: l10n.t('The host answered, but nothing accepts connections on this port.'),
      fixes: [
        l10n.t('Check the port in the URL (https defaults to 443, http to 80).'),
        l10n.t('If the service runs on your side (local gateway, test stub), start it and check it listens on this address and port.'),
        l10n.t('The server or its load balancer may be down or restarting: ask the operator, or check the platform\'s status page.'),
      ],
    },
    'tcp.timeout': {
      summary: l10n.t('The connection attempt got no answer: packets are probably dropped on the way.'),
      fixes: [
        l10n.t('A firewall (local, corporate, or the gateway\'s IP allow-list) may drop the traffic: ask whether this machine\'s public IP must be allow-listed.'),
        l10n.t('If you need a proxy to reach the internet, set the endpoint\'s proxy (or HTTPS_PROXY / the editor\'s http.proxy).'),
        l10n.t('The server may be overloaded or down: retry later or ask the operator.'),
      ],
    },
    'tcp.unreachable': {
      summary: l10n.t('There is no network route to the host.'),
      fixes: [
        l10n.t('Check this machine\'s network connection and VPN.'),
        l10n.t('An IPv6-only or IPv4-only network cannot reach addresses of the other family: check which addresses the DNS layer found.'),
        l10n.t('Ask the network administrator whether the destination network is routed from here.'),
      ],
    },
    'tcp.reset': {
      summary: l10n.t('The connection was dropped in the middle.'),
      fixes: [
        l10n.t('A proxy, firewall or deep packet inspection on the way may cut connections it does not like: try another network or the proxy setting.'),
        l10n.t('The server may close idle or overloaded connections: retry, and compare with its logs (nginx `upstream prematurely closed`).'),
        l10n.t('Keep-alive timeouts longer than the server\'s cause resets on reused connections: make client idle timeouts shorter than the server\'s.'),
      ],
    },
    'tcp.ports_exhausted': {
      summary: l10n.t('This machine ran out of local ports for new connections.'),
      fixes: [
        l10n.t('Too many connections in TIME_WAIT: reuse connections (keep-alive, a connection pool) instead of opening one per request.'),
        l10n.t('Widen the ephemeral port range (`net.ipv4.ip_local_port_range`) on the client host.'),
      ],
    },
    'tls.handshake': {
      summary: l10n.t('The TLS handshake did not complete.'),
      fixes: [
        l10n.t('A TLS-inspecting proxy or antivirus on this machine can break handshakes: try without it, or add its CA to tls.ca.'),
        l10n.t('The server may require a client certificate, a specific SNI name (tls.servername) or ciphers this client does not offer: compare with the gateway\'s connection guide.'),
        l10n.t('Ask the gateway operator what their server logs for this connection.'),
      ],
      reasons: {
        maybe_client_cert: { fixes: [l10n.t('If the gateway uses mutual TLS, configure the client certificate (tls.pfx, or tls.cert + tls.key) it issued to you.'), l10n.t('Otherwise compare the ciphers the gateway requires with what this client offers, and ask the operator what their logs say.')] },
        eof: { summary: l10n.t('The server closed the connection during the TLS handshake.'), fixes: [l10n.t('The server may reject the SNI name or this client\'s IP: check tls.servername and any IP allow-list.'), l10n.t('A proxy may be cutting TLS it cannot inspect: try another network.'), l10n.t('Ask the gateway operator what their server logs for this connection.')] },
        timeout: { summary: l10n.t('The server accepted the connection but never answered the TLS handshake.'), fixes: [l10n.t('Check that the port really serves TLS (and not, say, a plain TCP service that waits for input).'), l10n.t('An overloaded server or a filtering firewall can stall handshakes: retry, or ask the operator.')] },
      },
    },
    'tls.protocol': {
      summary: l10n.t('Client and server share no TLS version.'),
      fixes: [
        l10n.t('The server seems to speak only TLS 1.0/1.1, which this client refuses by default: ask the platform to enable TLS 1.2 or 1.3.'),
        l10n.t('Only if the platform cannot upgrade, set tls.minVersion to "TLSv1" for this endpoint (the probe will still warn about it).'),
      ],
      reasons: {
        not_tls: {
          summary: l10n.t('The server did not answer with TLS.'),
          fixes: [l10n.t('Check the URL scheme and port: this port may serve plain HTTP (use http://) or another protocol.'), l10n.t('A very old server that speaks only TLS 1.0 also answers this way: set tls.minVersion "TLSv1" only if the platform cannot upgrade.')],
        },
      },
    },
    'tls.client_cert': {
      summary: l10n.t('The server requires a client certificate, or rejected the one sent.'),
      fixes: [
        l10n.t('Configure the client certificate the gateway issued to you: tls.pfx (+ tls.passphrase) or tls.cert + tls.key.'),
        l10n.t('Check with the operator that your certificate is registered for this environment (test and production certificates differ).'),
      ],
      reasons: {
        rejected: { summary: l10n.t('The server rejected the client certificate that was sent.'), fixes: [l10n.t('Check that the certificate is the one issued for this gateway and environment, not expired, and complete with its intermediate (a PKCS#12 with the chain).'), l10n.t('Ask the operator whether your certificate (or its CA) is registered on their side.')] },
        bad_passphrase: { summary: l10n.t('The client certificate file could not be opened.'), fixes: [l10n.t('Set the right passphrase for the PKCS#12 file (tls.passphrase, kept as ${secret:NAME}).'), l10n.t('Check the file opens with `openssl pkcs12 -info -in <file>` (add -legacy for old RC2/3DES files).')] },
        credentials_unreadable: { summary: l10n.t('The client certificate files could not be read.'), fixes: [l10n.t('Check the paths of tls.pfx / tls.cert / tls.key (relative paths start at the workspace folder or the config file).'), l10n.t('Check the files are PEM or PKCS#12 and that the key belongs to the certificate.')] },
      },
    },
    'tls.cert_expired': {
      summary: l10n.t('A certificate of the server\'s chain has expired.'),
      fixes: [
        l10n.t('First check this machine\'s clock and time zone: a wrong local date makes valid certificates look expired.'),
        l10n.t('Otherwise the gateway operator must renew the certificate (or the expired intermediate) and reload the server.'),
      ],
    },
    'tls.cert_not_yet_valid': {
      summary: l10n.t('The certificate is not valid yet, which usually means this machine\'s clock is wrong.'),
      fixes: [
        l10n.t('Check this machine\'s date and time, and enable time synchronisation (NTP).'),
        l10n.t('If the clock is right, the operator installed a certificate before its start date: ask them.'),
      ],
    },
    'tls.cert_untrusted': {
      summary: l10n.t('The server\'s certificate chain does not lead to a trusted certificate authority.'),
      fixes: [
        l10n.t('If the gateway uses a private CA, add that CA certificate to tls.ca for this endpoint.'),
        l10n.t('A TLS-inspecting proxy on your network replaces certificates: add its CA to tls.ca (ask IT for it).'),
        l10n.t('Ask the gateway operator to serve the full chain of a CA your clients trust.'),
      ],
      reasons: {
        missing_intermediate: { summary: l10n.t('The server does not send its intermediate certificate, so the chain cannot be built.'), fixes: [l10n.t('Ask the gateway operator to serve the full chain (leaf + intermediate), e.g. nginx ssl_certificate pointing at the fullchain file.'), l10n.t('Until then, add the intermediate certificate to tls.ca for this endpoint.')] },
        self_signed: { summary: l10n.t('The server presents a self-signed certificate.'), fixes: [l10n.t('If this is your own test server, add its certificate to tls.ca for this endpoint.'), l10n.t('A production gateway should present a certificate from a trusted CA: report it to the operator.')] },
        unknown_ca: { summary: l10n.t('The chain ends at a certificate authority this machine does not trust.'), fixes: [l10n.t('If it is the gateway\'s private CA (common for test environments), add its root certificate to tls.ca.'), l10n.t('A TLS-inspecting proxy on your network replaces certificates: add its CA to tls.ca (ask IT for it).')] },
        ca_unreadable: { summary: l10n.t('The endpoint\'s tls.ca file could not be used.'), fixes: [l10n.t('Check the tls.ca path (relative paths start at the workspace folder or the config file) and that the file holds PEM or DER certificates.')] },
      },
    },
    'tls.cert_hostname': {
      summary: l10n.t('The certificate does not cover the host name in the URL.'),
      fixes: [
        l10n.t('Use the host name the certificate was issued for (see its subject alternative names in the TLS detail).'),
        l10n.t('If you connect by IP address or through an alias, set tls.servername to the certificate\'s name.'),
        l10n.t('Otherwise the operator must issue a certificate that includes this name.'),
      ],
    },
    'tls.cert_revoked': {
      summary: l10n.t('The certificate has been revoked by its issuer.'),
      fixes: [l10n.t('Ask the gateway operator to install a new certificate: a revoked one must not be trusted.')],
    },
    'tls.cert_expiring': {
      summary: l10n.t('A certificate of the chain expires soon.'),
      fixes: [l10n.t('Tell the gateway operator (or your own ops team, if the server is yours) so the certificate is renewed before it expires.'), l10n.t('If it is your client certificate, request the renewal from the platform now: issuing can take days.')],
    },
    'tls.legacy': {
      summary: l10n.t('The connection works, but with legacy TLS or weak cryptography.'),
      fixes: [
        l10n.t('Ask the platform to enable TLS 1.2/1.3 and to use RSA keys of at least 2048 bits (or EC P-256) signed with SHA-256.'),
        l10n.t('Clients and runtimes are dropping TLS 1.0/1.1 and SHA-1: plan for this endpoint to stop working after an upgrade.'),
      ],
    },
    'tls.cert_inconsistent': {
      summary: l10n.t('The addresses of this host present different certificates.'),
      fixes: [
        l10n.t('A certificate renewal or deployment is probably half done: tell the gateway operator which addresses still serve the old certificate.'),
        l10n.t('Until it is fixed, connections fail or succeed depending on which address a client picks.'),
      ],
    },
    'http.timeout': {
      summary: l10n.t('The server accepted the connection but did not answer in time.'),
      fixes: [
        l10n.t('Check whether the request needs headers, a body or a method the endpoint expects (a health URL should answer at once).'),
        l10n.t('The application behind the gateway may be stuck or overloaded: check its logs and upstream timeouts.'),
        l10n.t('Raise timeoutMs only if the gateway is known to be slow.'),
      ],
    },
    'http.5xx': {
      summary: l10n.t('The server answered with an error of its own.'),
      fixes: [
        l10n.t('Respect Retry-After if given, and retry later: the platform may be in maintenance.'),
        l10n.t('Check the platform\'s status page, and send the operator the time and request id.'),
        l10n.t('If the server is yours, check the upstream application and the proxy logs (502/504: upstream down or slow).'),
      ],
    },
    'http.status': {
      summary: l10n.t('The server answered with a status the endpoint does not expect.'),
      fixes: [
        l10n.t('Check the URL path, method and headers (401/403: credentials; 404: wrong path or environment).'),
        l10n.t('A redirect usually means a wrong scheme or host (http vs https, old host name): use the Location as the URL.'),
        l10n.t('If the status is actually fine for this endpoint, list it in expect.status.'),
      ],
      reasons: {
        redirect: { fixes: [l10n.t('Use the redirect target as the endpoint URL (the probe does not follow redirects, so it shows exactly what a client gets).'), l10n.t('A redirect to a login page means the request lacks credentials.'), l10n.t('If the redirect is expected, list its status in expect.status.')] },
      },
    },
    'http.body': {
      summary: l10n.t('The server answered, but the body is a business-level rejection or not the expected content.'),
      fixes: [
        l10n.t('Read the excerpt: platforms report wrong credentials, unregistered taxpayer ids or signature errors here.'),
        l10n.t('Check expect.bodyContains matches what a healthy answer contains.'),
      ],
    },
    'upstream.no_live': {
      summary: l10n.t('The reverse proxy has no live upstream server left.'),
      fixes: [l10n.t('Check the upstream application instances are running and pass health checks.'), l10n.t('Review max_fails/fail_timeout in the nginx upstream block.')],
    },
    'server.worker_connections': {
      summary: l10n.t('nginx ran out of worker connections.'),
      fixes: [l10n.t('Raise worker_connections (and worker_rlimit_nofile) in nginx.conf.'), l10n.t('Enable upstream keepalive so connections are reused.')],
    },
    'server.fd_exhausted': {
      summary: l10n.t('The server process ran out of file descriptors.'),
      fixes: [l10n.t('Raise the open-files limit (LimitNOFILE, ulimit -n, worker_rlimit_nofile).'), l10n.t('Look for connection or file leaks in the application.')],
    },
    'pool.exhausted': {
      summary: l10n.t('The application\'s connection pool had no free connection in time.'),
      fixes: [l10n.t('Look for slow queries or leaked connections holding the pool.'), l10n.t('Size the pool to the workload, within the database\'s connection limit.')],
    },
    'db.too_many_connections': {
      summary: l10n.t('The database refused new connections.'),
      fixes: [l10n.t('Make pool size x instances fit within max_connections, or put a pooler in front.'), l10n.t('Find idle sessions that are never closed.')],
    },
    'proxy.rejected': {
      summary: l10n.t('A forward proxy or WAF rejected the request before it reached the gateway.'),
      fixes: [
        l10n.t('If the proxy wants credentials (407), put user:password in the proxy URL (as a ${secret:…}).'),
        l10n.t('Ask the network administrator to allow this host and port through the proxy (CONNECT is often limited to port 443).'),
        l10n.t('If the endpoint should not go through the proxy, set its proxy to "none" or add the host to NO_PROXY.'),
      ],
      reasons: {
        waf: { summary: l10n.t('A web application firewall or filtering proxy blocked the request.'), fixes: [l10n.t('Ask the operator whether this client\'s IP or request pattern is blocked, and send them the support id from the answer.'), l10n.t('Check the request looks like what the platform documents (method, content type, user agent).')] },
      },
    },
    'clock.skew': {
      summary: l10n.t('This machine\'s clock and the server\'s disagree.'),
      fixes: [
        l10n.t('Enable time synchronisation (NTP) on this machine and check its time zone setting.'),
        l10n.t('Gateways reject signed requests and tokens with skewed timestamps: fix the clock rather than widening the tolerance.'),
        l10n.t('If this machine\'s clock is right, tell the operator their server clock is off.'),
      ],
    },
    'conn.unspecified': {
      summary: l10n.t('The connection failed, and the evidence does not say why.'),
      fixes: [l10n.t('Retry, and compare with curl -v to the same URL.'), l10n.t('Check the logs of any proxy on the way and of the server.')],
    },
  };
}

/** The explanation of a code, refined by a layer's detail.reason where one exists. */
export function explain(code: FailureCode, reason?: string | null): Explanation {
  const base = explanations()[code];
  const refined = reason ? base.reasons?.[reason] : undefined;
  return { summary: refined?.summary ?? base.summary, fixes: refined?.fixes ?? base.fixes };
}

// Among warnings, the one that needs action soonest comes first.
const WARNING_ORDER: FailureCode[] = ['tls.cert_expiring', 'tls.cert_inconsistent', 'clock.skew', 'tls.legacy'];

/**
 * Names the first failing layer, or, when nothing fails, the most serious warning. Warnings that
 * carry a failure code of their own (an address failing while another works) rank first.
 */
export function diagnose(layers: LayerResult[]): Diagnosis | null {
  const failing = layers.find((layer) => layer.status === 'fail' && layer.code !== null);
  const warnings = layers.filter((layer) => layer.status === 'warn' && layer.code !== null);
  const rank = (layer: LayerResult) => {
    const index = WARNING_ORDER.indexOf(layer.code as FailureCode);
    return index === -1 ? -1 : index;
  };
  const chosen = failing ?? [...warnings].sort((a, b) => rank(a) - rank(b))[0];
  if (!chosen?.code) return null;
  const { summary, fixes } = explain(chosen.code, typeof chosen.detail.reason === 'string' ? chosen.detail.reason : null);
  // The explanation, then the layer's own message as a second sentence (one full stop either way).
  const sentence = l10n.t('{0} {1}.', summary, capitalize(chosen.message)).replace(/([.。])[.。]$/, '$1');
  return { code: chosen.code, layer: chosen.layer, summary: sentence, fixes };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
