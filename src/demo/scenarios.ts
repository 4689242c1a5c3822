import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerOptions } from 'node:https';
import type { EndpointConfig } from '../core/endpoint/endpointConfig';
import type { FailureCode } from '../core/failureCodes';
import { applicationProperties, hikariApplicationLog, nginxErrorLog, proxyConfig, type DemoEvidenceContext, type DemoEvidenceFiles } from './demoEvidence';

/**
 * The failures the demo gateway reproduces, one server each: what users meet in the field when
 * they integrate with a tax gateway or an access point. Each scenario says how its server
 * behaves and which diagnosis a correct probe gives.
 */
export interface DemoCredentials {
  /** PEM of the certificates a client must trust (the demo root CA). */
  rootPem: string;
  intermediatePem: string;
  /** Leaf for localhost/127.0.0.1/::1, issued by the intermediate. */
  leaf: KeyPair;
  expiredLeaf: KeyPair;
  /** Leaf for gw.example.com only. */
  wrongHostLeaf: KeyPair;
  selfSignedLeaf: KeyPair;
}

export interface KeyPair {
  certPem: string;
  keyPem: string;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface DemoScenario {
  name: string;
  /** The diagnosis a correct probe gives; null means the endpoint is up. */
  expectedCode: FailureCode | null;
  /** Endpoint fields beyond name, url and tls.ca. */
  endpoint?: Partial<EndpointConfig>;
  /** TLS options and request handler of its server; `refused` means nothing may listen. */
  server: 'refused' | ((credentials: DemoCredentials) => { tls: ServerOptions; handle: Handler });
  /** Logs and configs around the failure, listed in the endpoint's `logs` and `configs`. */
  evidence?: (context: DemoEvidenceContext) => DemoEvidenceFiles;
}

const OK_BODY = '{"code":0,"message":"ok"}';
const EXPECT_OK = { status: [200], bodyContains: '"code":0' };
const SKEW_MS = 2 * 3600_000;

export const DEMO_SCENARIOS: readonly DemoScenario[] = [
  {
    name: 'Healthy gateway',
    expectedCode: null,
    endpoint: { expect: EXPECT_OK },
    server: (c) => ({ tls: chainOf(c), handle: json(200, OK_BODY) }),
  },
  {
    name: 'Refused port',
    expectedCode: 'tcp.refused',
    server: 'refused',
    evidence: (context) => ({ logs: { 'nginx-error.log': nginxErrorLog(context, 'connect() failed (111: Connection refused) while connecting to upstream') } }),
  },
  {
    name: 'Expired certificate',
    expectedCode: 'tls.cert_expired',
    server: (c) => ({ tls: { cert: c.expiredLeaf.certPem + c.intermediatePem, key: c.expiredLeaf.keyPem }, handle: json(200, OK_BODY) }),
    evidence: (context) => ({ logs: { 'nginx-error.log': nginxErrorLog(context, 'upstream SSL certificate verify error: (10:certificate has expired) while SSL handshaking to upstream') } }),
  },
  {
    name: 'Wrong host name',
    expectedCode: 'tls.cert_hostname',
    server: (c) => ({ tls: { cert: c.wrongHostLeaf.certPem + c.intermediatePem, key: c.wrongHostLeaf.keyPem }, handle: json(200, OK_BODY) }),
  },
  {
    // The most common misconfiguration of all: the server sends its own certificate but not
    // the intermediate, so clients that do not happen to cache it cannot build a chain.
    name: 'Missing intermediate',
    expectedCode: 'tls.cert_untrusted',
    server: (c) => ({ tls: { cert: c.leaf.certPem, key: c.leaf.keyPem }, handle: json(200, OK_BODY) }),
  },
  {
    name: 'Self-signed',
    expectedCode: 'tls.cert_untrusted',
    server: (c) => ({ tls: { cert: c.selfSignedLeaf.certPem, key: c.selfSignedLeaf.keyPem }, handle: json(200, OK_BODY) }),
  },
  {
    // Legacy government gateways still run TLS 1.0; OpenSSL 3 only offers it at security level 0.
    name: 'TLS 1.0 only',
    expectedCode: 'tls.protocol',
    server: (c) => ({ tls: { ...chainOf(c), minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }, handle: json(200, OK_BODY) }),
  },
  {
    // No client certificate is configured on purpose: this endpoint shows what a missing one looks like.
    name: 'Client certificate required',
    expectedCode: 'tls.client_cert',
    server: (c) => ({
      tls: { ...chainOf(c), requestCert: true, rejectUnauthorized: true, ca: [c.rootPem, c.intermediatePem] },
      handle: json(200, OK_BODY),
    }),
  },
  {
    // Accepts the request and never answers, like a gateway whose backend hangs.
    name: 'Slow (times out)',
    expectedCode: 'http.timeout',
    endpoint: { timeoutMs: 1500 },
    server: (c) => ({ tls: chainOf(c), handle: () => undefined }),
    // The application's pool runs dry exactly when the gateway is slow: the diagnosis must blame the gateway.
    evidence: (context) => ({
      logs: {
        'nginx-error.log': nginxErrorLog(context, 'upstream timed out (110: Connection timed out) while reading response header from upstream'),
        'application.log': hikariApplicationLog(context),
      },
      configs: { 'nginx.conf': proxyConfig(context), 'application.properties': applicationProperties(context) },
    }),
  },
  {
    name: '503 with Retry-After',
    expectedCode: 'http.5xx',
    server: (c) => ({ tls: chainOf(c), handle: json(503, '{"code":503,"message":"maintenance"}', { 'Retry-After': '120' }) }),
  },
  {
    // Signed requests (timestamps, tokens) are rejected when clocks drift; the Date header shows it.
    name: 'Skewed clock',
    expectedCode: 'clock.skew',
    server: (c) => ({
      tls: chainOf(c),
      handle: (request, response) => json(200, OK_BODY, { Date: new Date(Date.now() + SKEW_MS).toUTCString() })(request, response),
    }),
  },
  {
    // HTTP says 200, the body says no: e-invoicing APIs report business errors this way.
    name: 'Business error (HTTP 200)',
    expectedCode: 'http.body',
    endpoint: { expect: EXPECT_OK },
    server: (c) => ({ tls: chainOf(c), handle: json(200, '{"code":4001,"message":"invalid taxpayer id"}') }),
  },
];

function chainOf(c: DemoCredentials): ServerOptions {
  return { cert: c.leaf.certPem + c.intermediatePem, key: c.leaf.keyPem };
}

function json(status: number, body: string, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(body);
  };
}
