import { isIP } from 'node:net';
import { unbracket } from './probeTarget';

/** A forward proxy a probe goes through, and why it was chosen (for messages). */
export interface ProxyRoute {
  url: URL;
  host: string;
  port: number;
  secure: boolean;
  /** Value for Proxy-Authorization when the proxy URL carries user:password. */
  authorization: string | undefined;
  /** e.g. `endpoint setting`, `HTTPS_PROXY`, `editor setting http.proxy`. */
  source: string;
}

export interface ProxyInputs {
  /** The endpoint's `proxy`: "system", "none" or a URL. */
  setting: string;
  /** The editor's proxy (VS Code http.proxy), used for "system" before the environment. */
  systemProxy?: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Chooses the proxy for `target`. "system" follows the editor setting, then HTTPS_PROXY /
 * HTTP_PROXY with NO_PROXY honoured; like browsers, it never proxies loopback targets.
 * An explicit proxy URL on the endpoint is always used.
 */
export function selectProxy(target: URL, inputs: ProxyInputs): ProxyRoute | undefined {
  if (inputs.setting === 'none') return undefined;
  if (inputs.setting !== 'system') return proxyRoute(inputs.setting, 'endpoint setting "proxy"');
  const host = unbracket(target.hostname);
  const port = target.port ? Number(target.port) : target.protocol === 'https:' ? 443 : 80;
  if (isLoopback(host) || bypassedByNoProxy(host, port, envValue(inputs.env, 'NO_PROXY'))) return undefined;
  if (inputs.systemProxy) return proxyRoute(inputs.systemProxy, 'editor setting http.proxy');
  const names = target.protocol === 'https:' ? ['HTTPS_PROXY', 'HTTP_PROXY'] : ['HTTP_PROXY'];
  for (const name of names) {
    const value = envValue(inputs.env, name);
    if (value) return proxyRoute(value, `environment ${name}`);
  }
  return undefined;
}

function proxyRoute(text: string, source: string): ProxyRoute {
  // Environment proxies are often written without a scheme ("proxy.corp:3128").
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  const secure = url.protocol === 'https:';
  const credentials = url.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
    : undefined;
  return {
    url,
    host: unbracket(url.hostname),
    port: url.port ? Number(url.port) : secure ? 443 : 80,
    secure,
    authorization: credentials,
    source,
  };
}

/** Lower-case wins over upper-case, as curl does. */
function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name.toLowerCase()] || env[name] || undefined;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/** NO_PROXY entries: `*`, host names (a leading dot or none both match subdomains), IPs, optional `:port`, IPv4 CIDR. */
function bypassedByNoProxy(host: string, port: number, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  return noProxy.split(/[\s,]+/).filter(Boolean).some((rawEntry) => {
    const entry = rawEntry.toLowerCase();
    if (entry === '*') return true;
    const portMatch = entry.match(/^(.*?)(?::(\d+))?$/);
    const entryHost = unbracket(portMatch?.[1] ?? entry).replace(/^\*?\./, '');
    if (portMatch?.[2] && Number(portMatch[2]) !== port) return false;
    if (entryHost.includes('/')) return inIpv4Cidr(host, entryHost);
    const lowerHost = host.toLowerCase();
    return lowerHost === entryHost || lowerHost.endsWith(`.${entryHost}`);
  });
}

function inIpv4Cidr(host: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (isIP(host) !== 4 || isIP(base) !== 4 || !(bits >= 0 && bits <= 32)) return false;
  const toNumber = (ip: string) => ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
  const mask = bits === 0 ? 0 : 2 ** 32 - 2 ** (32 - bits);
  return (toNumber(host) & mask) >>> 0 === (toNumber(base) & mask) >>> 0;
}
