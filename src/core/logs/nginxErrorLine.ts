import type { FailureCode } from '../failureCodes';
import { categoryOfErrno, refineAddressNotAvailable } from './errnoCategory';
import type { LineClassification } from './logTypes';
import { classifyMessage } from './signatures';
import { upstreamAddress } from './targets';

/**
 * nginx error-log lines (format from ngx_log.c / ngx_http_request.c, see
 * shared/corpus/signatures.md §2-3). What decides is whose connection failed: the action
 * ("while connecting to upstream", "while SSL handshaking to upstream", "while resolving")
 * makes it our outbound call to the API; "while SSL handshaking, client: …" without an
 * upstream is a scanner or browser failing against us and is not a finding.
 */
export const NGINX_ERROR_HEADER = /(?:\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d |nginx: )\[(?:emerg|alert|crit|error|warn|notice|info|debug)\] (?:\d+#\d+: )?(?:\*\d+ )?/;

const X509_CODES: Record<number, FailureCode> = { 9: 'tls.cert_not_yet_valid', 10: 'tls.cert_expired', 23: 'tls.cert_revoked', 62: 'tls.cert_hostname' };
const RESOLVER_RCODE_NOT_FOUND = 3;

/** Undefined when the line is not an nginx error-log line; null when it is one and no finding. */
export function classifyNginxErrorLine(line: string): LineClassification | null | undefined {
  const header = mayHaveHeader(line) ? NGINX_ERROR_HEADER.exec(line) : null;
  if (!header) return undefined;
  const start = header.index + header[0].length;
  const suffix = line.indexOf(', client: ', start);
  const end = suffix === -1 ? line.length : suffix;
  const message = line.slice(start, end);
  const result = classifyMessageOf(message, line);
  if (!result) return null;
  return { category: result.category, target: result.target, start, end };
}

/**
 * What any match of NGINX_ERROR_HEADER contains: " [" after "dd:dd:dd" or "nginx:". The header is
 * tried first on every candidate line, access-log lines included, and this check spares them an
 * unanchored search that tries every position of the line.
 */
function mayHaveHeader(line: string): boolean {
  for (let at = line.indexOf(' ['); at !== -1; at = line.indexOf(' [', at + 2)) {
    if ((isDigit(line.charCodeAt(at - 1)) && isDigit(line.charCodeAt(at - 2)) && line.charCodeAt(at - 3) === 0x3a /* : */) || line.startsWith('nginx:', at - 6)) return true;
  }
  return false;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

// Every candidate line of a busy error log passes here: literal searches come before regular
// expressions, and the expressions only run where their literal part is.
function classifyMessageOf(message: string, line: string): { category: FailureCode; target?: string } | undefined {
  const upstreamField = enclosedAfter(line, ', upstream: "', '"');
  const upstream = upstreamField !== undefined ? upstreamAddress(upstreamField) : undefined;
  const action = runAfter(message, ' while ', ',') ?? '';
  const errno = message.includes('(') ? /\((\d+): ([^)]*)\)/.exec(message) : null;

  if (message.includes('worker_connections are not enough')) return { category: 'server.worker_connections' };
  if (errno && (errno[1] === '24' || errno[1] === '23')) return { category: 'server.fd_exhausted' };
  if (message.includes('ModSecurity: Access denied')) return { category: 'proxy.rejected' };
  if (message.includes('client prematurely closed')) return undefined; // 499: the client gave up
  if (message.startsWith('no live upstreams') || message.startsWith('upstream server temporarily disabled')) {
    return { category: 'upstream.no_live', target: upstream };
  }
  const unresolved = (message.includes(' could not be resolved (') ? /^(\S+) could not be resolved \((\d+): /.exec(message) : null)
    ?? (message.startsWith('DNS error') ? /^DNS error \((\d+): [^)]*\), query id:\d+, name:"([^"]*)"/.exec(message) : null);
  if (unresolved) {
    const [rcode, name] = unresolved[0].startsWith('DNS error') ? [unresolved[1], unresolved[2]] : [unresolved[2], unresolved[1]];
    return { category: Number(rcode) === RESOLVER_RCODE_NOT_FOUND ? 'dns.not_found' : 'dns.timeout', target: name };
  }
  const noResolver = message.startsWith('no resolver') ? /^no resolver defined to resolve (\S+)/.exec(message)
    : message.startsWith('unexpected ') ? /^unexpected (?:DNS )?response for (\S+)/.exec(message) : null;
  if (noResolver) return { category: 'dns.timeout', target: noResolver[1] };

  const outbound = upstream !== undefined || action.includes('upstream') || action.startsWith('resolving') || message.startsWith('upstream ');
  if (!outbound) return undefined;
  const target = upstream ?? /^connect\(\) to (\S+) failed/.exec(message)?.[1] ?? /, resolver: ([^,\s]+)/.exec(line)?.[1];

  const mentionsSsl = message.includes('SSL');
  const verify = mentionsSsl ? /^upstream SSL certificate verify error: \((\d+):/.exec(message) : null;
  if (verify) return { category: X509_CODES[Number(verify[1])] ?? 'tls.cert_untrusted', target };
  if (message.startsWith('upstream SSL certificate does not match')) return { category: 'tls.cert_hostname', target };
  if ((mentionsSsl && /SSL_\w+\(\) failed|in SSL handshake/.test(message)) || action.startsWith('SSL handshaking')) {
    const tls = classifyMessage(message);
    return { category: tls && tls.category.startsWith('tls.') ? tls.category : 'tls.handshake', target };
  }
  if (message.startsWith('upstream timed out')) {
    return { category: action.startsWith('connecting') ? 'tcp.timeout' : 'http.timeout', target };
  }
  if (message.startsWith('upstream prematurely closed')) return { category: 'tcp.reset', target };
  if (errno && /^\w+\(\)/.test(message)) {
    const byErrno = categoryOfErrno(Number(errno[1]), errno[2]);
    if (!byErrno) return undefined;
    const category = byErrno === 'tcp.timeout' && !action.startsWith('connecting') && !action.startsWith('resolving') ? 'http.timeout' : byErrno;
    return { category: refineAddressNotAvailable(category, target), target };
  }
  return undefined;
}

/** What /opening([^closing]*)closing/ captures, found without a regular expression. */
function enclosedAfter(text: string, opening: string, closing: string): string | undefined {
  const at = text.indexOf(opening);
  if (at === -1) return undefined;
  const end = text.indexOf(closing, at + opening.length);
  return end === -1 ? undefined : text.slice(at + opening.length, end);
}

/** What /opening([^stop]+)/ captures, found without a regular expression. */
function runAfter(text: string, opening: string, stop: string): string | undefined {
  for (let at = text.indexOf(opening); at !== -1; at = text.indexOf(opening, at + 1)) {
    const start = at + opening.length;
    if (start === text.length || text[start] === stop) continue;
    const end = text.indexOf(stop, start);
    return text.slice(start, end === -1 ? text.length : end);
  }
  return undefined;
}
