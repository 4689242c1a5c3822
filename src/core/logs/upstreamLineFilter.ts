import type { LineFilter } from './prefilterNeedles';

/**
 * nginx error-log lines that say "upstream" and still cannot be findings: "an upstream response
 * is buffered to a temporary file …" alone is a quarter of an ordinary error log. A line is
 * skipped only when it is certainly an nginx error line (its header at the start, no colour codes
 * that classification would strip first) and holds none of the evidence `classifyMessageOf`
 * needs that the other nginx needles do not catch on their own: "SSL" or an errno "(N: "
 * anywhere, or a message that starts "upstream timed out", "upstream prematurely closed",
 * "upstream server temporarily disabled" or "no live upstreams". (worker_connections,
 * ModSecurity, resolver and DNS messages, which need no upstream, have needles of their own.)
 * "SSL", errno and colour-code positions are kept across the lines of a region, so the region
 * is searched once for each, not once per line.
 */
const DATE_SHAPE = 'dddd/dd/dd dd:dd:dd [';
const LEVELS = ['error] ', 'warn] ', 'crit] ', 'alert] ', 'emerg] ', 'notice] ', 'info] ', 'debug] '];
const FAILING_MESSAGE_STARTS = ['upstream timed out', 'upstream prematurely closed', 'upstream server temporarily disabled', 'no live upstreams'];
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

export function upstreamLineFilter(): LineFilter {
  let ssl = -1;
  let errno = -1;
  let escape = -1;
  return (text, lineStart, lineEnd) => {
    if (ssl !== Infinity && ssl < lineStart) ssl = orInfinity(text.indexOf('SSL', lineStart));
    if (ssl < lineEnd) return true;
    if (errno !== Infinity && errno < lineStart) errno = nextErrno(text, lineStart);
    if (errno < lineEnd) return true;
    const message = messageStart(text, lineStart);
    if (message === -1) return true;
    if (escape !== Infinity && escape < lineStart) escape = orInfinity(text.indexOf('\x1b', lineStart));
    if (escape < lineEnd) return true;
    return FAILING_MESSAGE_STARTS.some((start) => text.startsWith(start, message));
  };
}

/**
 * Where the message starts behind an nginx error-log header at `at` (as NGINX_ERROR_HEADER
 * matches it: date, level, optional "pid#tid: ", optional "*connection "); -1 without one.
 */
function messageStart(text: string, at: number): number {
  for (let i = 0; i < DATE_SHAPE.length; i++) {
    const code = text.charCodeAt(at + i);
    const ok = DATE_SHAPE.charCodeAt(i) === 0x64 /* d */ ? code >= DIGIT_0 && code <= DIGIT_9 : code === DATE_SHAPE.charCodeAt(i);
    if (!ok) return -1;
  }
  let position = at + DATE_SHAPE.length;
  const level = LEVELS.find((word) => text.startsWith(word, position));
  if (!level) return -1;
  position += level.length;
  const afterPid = digitsThen(text, position, '#');
  const afterTid = afterPid === -1 ? -1 : digitsThen(text, afterPid, ': ');
  if (afterTid !== -1) position = afterTid;
  if (text.charCodeAt(position) === 0x2a /* * */) {
    const afterConnection = digitsThen(text, position + 1, ' ');
    if (afterConnection !== -1) position = afterConnection;
  }
  return position;
}

/** The position after one or more digits at `at` followed by `then`; -1 if they are not there. */
function digitsThen(text: string, at: number, then: string): number {
  let position = at;
  while (text.charCodeAt(position) >= DIGIT_0 && text.charCodeAt(position) <= DIGIT_9) position++;
  return position > at && text.startsWith(then, position) ? position + then.length : -1;
}

/** The next "(" followed by a digit, the start of an errno such as "(111: Connection refused)". */
function nextErrno(text: string, from: number): number {
  for (let at = text.indexOf('(', from); at !== -1; at = text.indexOf('(', at + 1)) {
    const next = text.charCodeAt(at + 1);
    if (next >= DIGIT_0 && next <= DIGIT_9) return at;
  }
  return Infinity;
}

function orInfinity(index: number): number {
  return index === -1 ? Infinity : index;
}
