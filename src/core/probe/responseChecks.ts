import * as l10n from '@vscode/l10n';
import { STATUS_CODES } from 'node:http';
import type { EndpointExpectation } from '../endpoint/endpointConfig';
import type { Finding } from './tlsVerification';

/** What the HTTP layer judges: the answer as received, body capped. */
export interface ReceivedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  truncated: boolean;
  viaProxy: boolean;
  /** The URL host, to say whether a redirect leaves it. */
  host: string;
}

// Signs that a 403 came from a WAF or filtering proxy rather than from the gateway's application.
const WAF_HEADERS = ['x-squid-error', 'cf-ray', 'x-iinfo', 'x-sucuri-id', 'x-amzn-waf-action', 'x-fw-hash'];
const WAF_SERVERS = /cloudflare|akamai|imperva|incapsula|bigip|big-ip|sucuri|barracuda|fortiweb|squid|bluecoat|zscaler|forcepoint|awselb/i;
const WAF_BODY = /access denied|request (?:was )?(?:rejected|blocked)|web application firewall|attention required|mod_?security|incapsula incident|support id|blocked by|forbidden by (?:administrative )?(?:rules|policy)/i;

export function statusLine(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

/** The first failure of the answer, or null when it is what the endpoint expects. */
export function checkResponse(response: ReceivedResponse, expect: EndpointExpectation | undefined): Finding | null {
  const { status } = response;
  const expected = expect?.status?.length ? expect.status.includes(status) : status >= 200 && status < 300;
  const wanted = expect?.status?.length ? expect.status.join(', ') : 'any 2xx';
  if (!expected) {
    if (status === 407) return { code: 'proxy.rejected', reason: 'auth', message: l10n.t('the proxy answered {0}: it wants credentials (user:password in the proxy URL)', statusLine(status)) };
    const location = header(response, 'location');
    if (status >= 300 && status < 400 && location) {
      const elsewhere = redirectsElsewhere(location, response.host) ? ', another host' : '';
      return { code: 'http.status', reason: 'redirect', message: l10n.t('redirected with {0} to {1}{2} (expected {3}; probes do not follow redirects)', statusLine(status), location, elsewhere, wanted) };
    }
    if (status >= 500) {
      const retryAfter = header(response, 'retry-after');
      return { code: 'http.5xx', message: l10n.t('the server answered {0}{1}', statusLine(status), retryAfter ? l10n.t(' (Retry-After: {0})', retryAfter) : '') };
    }
    if (status === 403 && looksLikeWaf(response)) {
      return { code: 'proxy.rejected', reason: 'waf', message: l10n.t('{0} from what looks like a WAF or filtering proxy{1}: "{2}"', statusLine(status), response.viaProxy ? l10n.t(' (the request went through a proxy)') : '', bodyExcerpt(response.body)) };
    }
    return { code: 'http.status', message: l10n.t('the server answered {0} (expected {1}){2}', statusLine(status), wanted, response.body ? `: "${bodyExcerpt(response.body)}"` : '') };
  }
  const needle = expect?.bodyContains;
  if (needle && !response.body.includes(needle)) {
    const scope = response.truncated ? ` in the first ${response.body.length} characters` : '';
    return { code: 'http.body', message: l10n.t('the answer ({0}) does not contain {1}{2}: "{3}"', statusLine(status), JSON.stringify(needle), scope, bodyExcerpt(response.body)) };
  }
  return null;
}

/** A short one-line excerpt of a body, for messages. */
export function bodyExcerpt(body: string, length = 200): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

export function header(response: Pick<ReceivedResponse, 'headers'>, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function redirectsElsewhere(location: string, host: string): boolean {
  try {
    return new URL(location, `http://${host}`).hostname.replace(/^\[|\]$/g, '') !== host;
  } catch {
    return false;
  }
}

function looksLikeWaf(response: ReceivedResponse): boolean {
  return WAF_HEADERS.some((name) => response.headers[name] !== undefined)
    || WAF_SERVERS.test(header(response, 'server') ?? '')
    || WAF_BODY.test(response.body.slice(0, 4096));
}
