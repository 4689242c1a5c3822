import * as l10n from '@vscode/l10n';
import { ENDPOINT_DEFAULTS, type EndpointConfig } from '../endpoint/endpointConfig';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { redact, redactDeep, SECRET_HEADER_NAMES } from '../report/redact';
import { checkClock } from './clockLayer';
import { diagnose } from './diagnosis';
import { probeDns, systemResolver, type HostResolver } from './dnsLayer';
import { probeHttp } from './httpLayer';
import type { AddressResult, LayerResult, ProbeLayerName, ProbeResult, Verdict } from './probeResult';
import { probeTarget, type ProbeTarget } from './probeTarget';
import { selectProxy } from './proxySelection';
import { probeTcp, type TcpAttempt } from './tcpLayer';
import { probeTls, type TlsAttempt } from './tlsLayer';
import { loadTlsSettings, type TlsSettings } from './tlsSettings';

export interface ProbeOptions {
  signal?: AbortSignal;
  log?: Logger;
  /** Proxy to use when endpoint.proxy is "system": e.g. VS Code's http.proxy; falls back to HTTPS_PROXY/HTTP_PROXY/NO_PROXY env. */
  systemProxy?: string;
  env?: NodeJS.ProcessEnv;
  /** Base folder for relative tls.ca/pfx/cert/key paths (workspace folder or config file dir). */
  baseDir?: string;
  /** Secret values to scrub from every message/detail (already-resolved endpoint, see secretResolver.ts). */
  secrets?: string[];
  now?: () => Date;
}

const LAYER_ORDER: ProbeLayerName[] = ['dns', 'tcp', 'tls', 'http', 'clock'];

/**
 * Probes one endpoint layer by layer (DNS, TCP, TLS, HTTP, clock), timing each phase.
 * Network failures are data: the result says which layer failed, with a taxonomy code.
 * Each phase is bounded by the endpoint's timeoutMs.
 *
 * Cancellation: when `options.signal` aborts, the probe closes everything in flight and rejects
 * promptly with `signal.reason` (a DOMException named "AbortError" unless the caller chose
 * another reason). Callers treat that rejection as "cancelled", never as a failure.
 *
 * The endpoint must have its `${secret:…}`/`${env:…}` placeholders resolved; pass the secret
 * values in `options.secrets` so they are scrubbed from the result.
 */
export function probe(endpoint: EndpointConfig, options: ProbeOptions = {}): Promise<ProbeResult> {
  return probeWithResolver(endpoint, options, systemResolver);
}

/** `probe` with the host-name resolver supplied, so tests can make one name resolve to several loopback addresses. */
export async function probeWithResolver(endpoint: EndpointConfig, options: ProbeOptions, resolve: HostResolver): Promise<ProbeResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  const log = options.log ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const start = performance.now();
  const secrets = collectSecrets(endpoint, options.secrets);
  // Layer messages may quote the server's answer, which may echo credentials.
  const debug = (text: string) => log.debug(redact(text, secrets));
  const layers: LayerResult[] = [];
  const addresses: AddressResult[] = [];
  const finish = (): ProbeResult => {
    const complete = LAYER_ORDER.map((name) => layers.find((layer) => layer.layer === name) ?? notReached(name, layers));
    const result: ProbeResult = {
      name: endpoint.name,
      url: endpoint.url,
      verdict: verdictOf(complete),
      diagnosis: diagnose(complete),
      layers: complete,
      addresses,
      startedAt: startedAt.toISOString(),
      totalMs: Math.round((performance.now() - start) * 10) / 10,
    };
    debug(`probe ${endpoint.name}: ${result.verdict}${result.diagnosis ? ` (${result.diagnosis.code})` : ''} in ${result.totalMs} ms`);
    return redactDeep(result, secrets);
  };

  const target = targetOf(endpoint, options);
  if (typeof target === 'string') {
    layers.push({ layer: 'dns', status: 'fail', ms: null, code: 'conn.unspecified', message: target, detail: {} });
    return finish();
  }
  const timeoutMs = endpoint.timeoutMs ?? ENDPOINT_DEFAULTS.timeoutMs;

  const dns = await probeDns(target, resolve, timeoutMs, signal);
  signal?.throwIfAborted();
  layers.push(dns.layer);
  debug(`probe ${endpoint.name}: dns ${dns.layer.status} ${dns.layer.message}`);
  if (dns.layer.status === 'fail') return finish();

  const tcp = await probeTcp(target, dns.addresses, timeoutMs, signal);
  try {
    signal?.throwIfAborted();
    layers.push(tcp.layer);
    addresses.push(...tcp.attempts.map((attempt) => addressResult(attempt)));
    debug(`probe ${endpoint.name}: tcp ${tcp.layer.status} ${tcp.layer.message}`);
    if (tcp.layer.status === 'fail') return finish();

    let settings: TlsSettings | undefined;
    let tlsAttempts: TlsAttempt[] = [];
    if (!target.secure) {
      layers.push({ layer: 'tls', status: 'skipped', ms: null, code: null, message: l10n.t('plain http:// endpoint: no TLS'), detail: {} });
    } else {
      const loaded = await loadTlsSettings(endpoint, target, options.baseDir, options.env ?? process.env);
      signal?.throwIfAborted();
      if ('code' in loaded) {
        layers.push({ layer: 'tls', status: 'fail', ms: null, code: loaded.code, message: loaded.message, detail: { reason: loaded.reason ?? null } });
        return finish();
      }
      settings = loaded;
      const tls = await probeTls(target, tcp.attempts, {
        settings, timeoutMs, now: now(), certWarnDays: endpoint.certWarnDays ?? ENDPOINT_DEFAULTS.certWarnDays, signal,
      });
      signal?.throwIfAborted();
      tlsAttempts = tls.attempts;
      layers.push(tls.layer);
      mergeTls(addresses, tls.attempts);
      debug(`probe ${endpoint.name}: tls ${tls.layer.status} ${tls.layer.message}`);
      if (tls.layer.status === 'fail') return finish();
    }

    const route = target.secure
      ? tlsAttempts.find((attempt) => attempt.failure === null)
      : tcp.attempts.find((attempt) => attempt.socket !== undefined);
    if (!route) return finish();
    const http = await probeHttp(endpoint, target, route, { settings, timeoutMs, now, signal });
    signal?.throwIfAborted();
    layers.push(http.layer);
    debug(`probe ${endpoint.name}: http ${http.layer.status} ${http.layer.message}`);
    // The clock is read from any answer that arrived, even a rejected one: skew is a common
    // reason gateways reject signed requests, so it must show next to that rejection.
    if (http.timing) layers.push(checkClock(http.timing, endpoint.clockSkewToleranceSec ?? ENDPOINT_DEFAULTS.clockSkewToleranceSec));
    return finish();
  } finally {
    for (const attempt of tcp.attempts) attempt.socket?.destroy();
  }
}

/**
 * Verdict: 'down' when any layer fails, including clock.skew beyond tolerance (gateways reject
 * signed requests and tokens with skewed timestamps, so the endpoint is unusable from here) and
 * http.body (the platform answered, but rejected the request: for the user it does not work).
 * 'degraded' when something only warns (an address failing while another works, an expiring
 * certificate, legacy TLS, small skew). 'up' otherwise.
 */
function verdictOf(layers: LayerResult[]): Verdict {
  if (layers.some((layer) => layer.status === 'fail')) return 'down';
  if (layers.some((layer) => layer.status === 'warn')) return 'degraded';
  return 'up';
}

function notReached(name: ProbeLayerName, layers: LayerResult[]): LayerResult {
  const failed = layers.find((layer) => layer.status === 'fail');
  const message = failed ? l10n.t('not reached: {0} failed', failed.layer) : name === 'clock' ? l10n.t('no answer to read the server clock from') : l10n.t('not reached');
  return { layer: name, status: 'skipped', ms: null, code: null, message, detail: {} };
}

function targetOf(endpoint: EndpointConfig, options: ProbeOptions): ProbeTarget | string {
  let url: URL;
  try {
    url = new URL(endpoint.url);
  } catch {
    return l10n.t('"{0}" is not a valid URL', endpoint.url);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return l10n.t('only http and https URLs can be probed, not {0}', url.protocol);
  try {
    const proxy = selectProxy(url, { setting: endpoint.proxy ?? ENDPOINT_DEFAULTS.proxy, systemProxy: options.systemProxy, env: options.env ?? process.env });
    return probeTarget(endpoint, proxy);
  } catch {
    return l10n.t('the proxy setting "{0}" is not a valid URL', String(endpoint.proxy));
  }
}

function addressResult(attempt: TcpAttempt): AddressResult {
  return { address: attempt.address, family: attempt.family, tcpMs: attempt.ms, tlsMs: null, code: attempt.code, certSha256: null };
}

function mergeTls(addresses: AddressResult[], attempts: TlsAttempt[]): void {
  for (const attempt of attempts) {
    const entry = addresses.find((candidate) => candidate.address === attempt.address);
    if (!entry) continue;
    entry.tlsMs = attempt.ms;
    entry.code = attempt.failure?.code ?? entry.code;
    entry.certSha256 = attempt.certSha256;
  }
}

/** Everything that must never appear in a result: given secrets, credential header values, passphrases, proxy passwords. */
function collectSecrets(endpoint: EndpointConfig, given: string[] = []): string[] {
  const secrets = [...given];
  for (const [name, value] of Object.entries(endpoint.headers ?? {})) {
    if (!SECRET_HEADER_NAMES.includes(name.toLowerCase())) continue;
    secrets.push(value);
    // "Bearer abc" may be echoed as just "abc".
    const credential = value.split(' ').slice(1).join(' ');
    if (credential.length >= 4) secrets.push(credential);
  }
  if (endpoint.tls?.passphrase) secrets.push(endpoint.tls.passphrase);
  const proxyPassword = proxyUrlPassword(endpoint.proxy);
  if (proxyPassword) secrets.push(proxyPassword);
  return secrets;
}

function proxyUrlPassword(proxy: string | undefined): string | undefined {
  if (!proxy || proxy === 'system' || proxy === 'none') return undefined;
  try {
    const password = new URL(proxy).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}
