import type { LineFilter } from './prefilterNeedles';

/**
 * nginx error-log lines that say "upstream" and still cannot be findings: "an upstream response
 * is buffered to a temporary file …" alone is a quarter of an ordinary error log. A line is
 * skipped only when it is certainly an nginx error line (its header at the start, no colour codes
 * that classification would strip first) and holds none of the evidence `classifyMessageOf`
 * needs that the other nginx needles do not catch on their own: "SSL" or an errno "(N: "
 * anywhere, or a message that starts "upstream timed out", "upstream prematurely closed",
 * "upstream server temporarily disabled" or "no live upstreams". The header holds no
 * "upstream", so such a message start is at the line's first "upstream" (the needle's hit).
 * (worker_connections, ModSecurity, resolver and DNS messages, which need no upstream, have
 * needles of their own.) "SSL", errno and colour-code positions are kept across the lines of a
 * region, so the region is searched once for each, not once per line.
 */
const UPSTREAM = 'upstream';
const AFTER_UPSTREAM = [' timed out', ' prematurely closed', ' server temporarily disabled'];
const NO_LIVE = 'no live ';
// "2024/05/01 10:00:00 [": -1 where a digit goes.
const DATE_SHAPE = [...'dddd/dd/dd dd:dd:dd ['].map((char) => (char === 'd' ? -1 : char.charCodeAt(0)));
const LEVELS = ['error] ', 'warn] ', 'crit] ', 'alert] ', 'emerg] ', 'notice] ', 'info] ', 'debug] '];
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

export function upstreamLineFilter(): LineFilter {
  let ssl = -1;
  let errno = -1;
  let escape = -1;
  return (text, lineStart, lineEnd, hit) => {
    if (ssl !== Infinity && ssl < lineStart) ssl = orInfinity(text.indexOf('SSL', lineStart));
    if (ssl < lineEnd) return true;
    if (errno !== Infinity && errno < lineStart) errno = nextErrno(text, lineStart);
    if (errno < lineEnd) return true;
    const after = hit + UPSTREAM.length;
    if (AFTER_UPSTREAM.some((phrase) => text.startsWith(phrase, after))) return true;
    if (text.charCodeAt(after) === 0x73 /* s */ && hit >= lineStart + NO_LIVE.length && text.startsWith(NO_LIVE, hit - NO_LIVE.length)) return true;
    if (!startsWithHeader(text, lineStart)) return true;
    if (escape !== Infinity && escape < lineStart) escape = orInfinity(text.indexOf('\x1b', lineStart));
    return escape < lineEnd;
  };
}

/** Whether an nginx error-log header ("2024/05/01 10:00:00 [error] ") starts at `at`. */
function startsWithHeader(text: string, at: number): boolean {
  for (let i = 0; i < DATE_SHAPE.length; i++) {
    const code = text.charCodeAt(at + i);
    if (DATE_SHAPE[i] === -1 ? code < DIGIT_0 || code > DIGIT_9 : code !== DATE_SHAPE[i]) return false;
  }
  const level = at + DATE_SHAPE.length;
  return LEVELS.some((word) => text.startsWith(word, level));
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
