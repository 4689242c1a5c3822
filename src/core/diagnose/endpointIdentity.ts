import type { ProbeResult } from '../probe/probeResult';

/**
 * How logs and configs name an endpoint: its host name, the addresses it resolved to, and its
 * port. Several endpoints often share a host (staging and production on one gateway, the demo's
 * dozen servers on 127.0.0.1), so a target that names a port must name this one.
 */
export interface EndpointIdentity {
  hosts: string[];
  port: string;
}

export function endpointIdentity(url: string, probe?: ProbeResult): EndpointIdentity {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  const resolved = probe?.addresses.map((a) => a.address.toLowerCase()) ?? [];
  return { hosts: [...new Set([host, ...resolved])], port };
}

/**
 * Whether a log target (`127.0.0.1:8443`, `https://gw.example.cn/api`, `gw.example.cn/10.0.0.5:443`,
 * `[::1]:8443`) is this endpoint. Host names match whole, not as part of a longer name.
 */
export function targetIsEndpoint(target: string, identity: EndpointIdentity): boolean {
  const text = target.toLowerCase();
  return identity.hosts.some((host) => {
    for (let at = text.indexOf(host); at >= 0; at = text.indexOf(host, at + 1)) {
      const before = text[at - 1];
      const after = text.slice(at + host.length);
      if (before !== undefined && /[a-z0-9.-]/.test(before)) continue;
      if (/^[a-z0-9-]/.test(after) || /^\.[a-z0-9]/.test(after)) continue;
      const port = /^\]?:(\d+)/.exec(after)?.[1];
      if (port === undefined || port === identity.port) return true;
    }
    return false;
  });
}

/**
 * Whether a config text points at the endpoint (a proxy_pass, an upstream server, a base URL):
 * `host:port`, or the bare host when the endpoint uses its scheme's default port.
 */
export function textMentionsEndpoint(text: string, identity: EndpointIdentity): boolean {
  const lower = text.toLowerCase();
  const defaultPort = identity.port === '443' || identity.port === '80';
  return identity.hosts.some((host) => lower.includes(`${host}:${identity.port}`) || (defaultPort && lower.includes(host)));
}
