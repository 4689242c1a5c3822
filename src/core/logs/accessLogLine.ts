import type { LineClassification } from './logTypes';
import { upstreamAddress } from './targets';

/**
 * Access-log lines in the shapes nginx deployments use: common, combined, combined plus
 * extra fields (`$request_time`, `$upstream_response_time`, `$upstream_status`, `rt= uct=`
 * key=value variants), a vhost prefix, or the status after a quoted request inside syslog.
 * The status code is the evidence: 5xx is a finding; 499 is a client that gave up and 404
 * is an answer, neither a connection failure.
 */
// The quoted request line (nginx escapes quotes inside it as \x22) followed by status and size.
export const ACCESS_REQUEST_STATUS = /"((?:[^"\\]|\\.)*)" (\d{3}) (?:\d+|-)(?: |$)/;
const KEY_STATUS = /(?:^|\s)status=(\d{3})\b/;
const UPSTREAM_ADDR = /(?:^|\s)(?:upstream_addr|upstream|ua)="?([^"\s,]+)/;

/** Undefined when the line does not look like an access-log line; null when it is one and no finding. */
export function classifyAccessLine(line: string): LineClassification | null | undefined {
  const positional = ACCESS_REQUEST_STATUS.exec(line);
  const keyed = positional ? undefined : KEY_STATUS.exec(line);
  const match = positional ?? keyed;
  if (!match) return undefined;
  const status = Number(positional ? positional[2] : match[1]);
  if (status < 500 || status > 599) return null;
  const statusAt = positional ? match.index + match[0].indexOf(`" ${status}`) + 2 : match.index + match[0].indexOf(String(status));
  // (every upstream field is key=value: most lines are spared the search)
  const upstream = line.includes('=') ? UPSTREAM_ADDR.exec(line)?.[1] : undefined;
  const request = positional ? /^[A-Z]+ (\S+)/.exec(positional[1])?.[1] : undefined;
  const target = upstream && upstream !== '-' ? upstreamAddress(upstream) : request ? `${/^[A-Z]+/.exec(positional![1])![0]} ${routeOf(request)}` : undefined;
  return { category: 'http.5xx', target, start: statusAt, end: statusAt + 3 };
}

/**
 * The request's path without its query, with identifiers as `{id}`: "POST /api/v3/invoices/{id}"
 * is one target however many invoices failed (each its own would fill the report's target list
 * and push the rest into "(other)"). An identifier is a segment of digits, or a segment longer
 * than four characters that holds a digit ("INV-2024-000123", a UUID); "v3" stays.
 */
function routeOf(request: string): string {
  const query = request.indexOf('?');
  const path = query === -1 ? request : request.slice(0, query);
  if (!/\d/.test(path)) return path;
  return path.split('/').map((segment) => (/\d/.test(segment) && (segment.length > 4 || /^\d+$/.test(segment)) ? '{id}' : segment)).join('/');
}
