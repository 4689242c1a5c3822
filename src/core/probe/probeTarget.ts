import { isIP } from 'node:net';
import type { EndpointConfig } from '../endpoint/endpointConfig';
import type { ProxyRoute } from './proxySelection';

/** Where a probe goes: the endpoint's origin, and the host the first hops (DNS, TCP) actually reach. */
export interface ProbeTarget {
  url: URL;
  secure: boolean;
  /** The URL host without IPv6 brackets. */
  host: string;
  port: number;
  /** The name the certificate must cover: tls.servername, else the URL host. */
  identity: string;
  /** SNI: the identity unless it is an IP address (RFC 6066 forbids IP literals in SNI). */
  servername: string | undefined;
  proxy: ProxyRoute | undefined;
  /** The host and port DNS and TCP probe: the proxy's when there is one. */
  hop: { host: string; port: number };
}

export function probeTarget(endpoint: EndpointConfig, proxy: ProxyRoute | undefined): ProbeTarget {
  const url = new URL(endpoint.url);
  const secure = url.protocol === 'https:';
  const host = unbracket(url.hostname);
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  const identity = endpoint.tls?.servername || host;
  return {
    url,
    secure,
    host,
    port,
    identity,
    servername: isIP(identity) ? undefined : identity,
    proxy,
    hop: proxy ? { host: proxy.host, port: proxy.port } : { host, port },
  };
}

export function unbracket(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** `host:port` with IPv6 addresses bracketed, as in URLs and CONNECT lines. */
export function hostPort(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}
