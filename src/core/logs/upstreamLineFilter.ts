import type { LineFilter } from './prefilterNeedles';

/**
 * nginx error-log lines that say "upstream" and still cannot be findings: "an upstream response
 * is buffered to a temporary file …" alone is a quarter of an ordinary error log. A line is
 * skipped only when it is certainly an nginx error line (its header at the start, no colour codes
 * that classification would strip first) and holds none of the evidence `classifyMessageOf`
 * needs that the other nginx needles do not catch on their own: "SSL", an errno "(N: ",
 * "upstream timed out", "upstream prematurely closed", "upstream server temporarily disabled" or
 * "no live upstreams". (worker_connections, ModSecurity, resolver and DNS messages, which need no
 * upstream, have needles of their own.) Evidence is found with search positions kept across the
 * lines of a region, so the region is searched once per kind of evidence, not once per line.
 */
const HEADER_SHAPE = 'dddd/dd/dd dd:dd:dd [';
const LEVELS = ['error] ', 'warn] ', 'crit] ', 'alert] ', 'emerg] ', 'notice] ', 'info] ', 'debug] '];
const UPSTREAM = 'upstream';
const AFTER_UPSTREAM = [' timed out', ' prematurely closed', ' server temporarily disabled'];
const NO_LIVE = 'no live ';

export function upstreamLineFilter(): LineFilter {
  let ssl = -1;
  let errno = -1;
  let escape = -1;
  return (text, lineStart, lineEnd) => {
    if (ssl !== Infinity && ssl < lineStart) ssl = orInfinity(text.indexOf('SSL', lineStart));
    if (ssl < lineEnd) return true;
    if (errno !== Infinity && errno < lineStart) errno = nextErrno(text, lineStart);
    if (errno < lineEnd) return true;
    if (!startsWithHeader(text, lineStart)) return true;
    if (escape !== Infinity && escape < lineStart) escape = orInfinity(text.indexOf('\x1b', lineStart));
    if (escape < lineEnd) return true;
    for (let at = text.indexOf(UPSTREAM, lineStart); at !== -1 && at < lineEnd; at = text.indexOf(UPSTREAM, at + UPSTREAM.length)) {
      const after = at + UPSTREAM.length;
      const next = text.charCodeAt(after);
      if (next === 0x20 && AFTER_UPSTREAM.some((phrase) => text.startsWith(phrase, after))) return true;
      if (next === 0x73 /* s */ && at >= lineStart + NO_LIVE.length && text.startsWith(NO_LIVE, at - NO_LIVE.length)) return true;
    }
    return false;
  };
}

/** Whether an nginx error-log header ("2024/05/01 10:00:00 [error] ") starts at `at`. */
function startsWithHeader(text: string, at: number): boolean {
  for (let i = 0; i < HEADER_SHAPE.length; i++) {
    const code = text.charCodeAt(at + i);
    const ok = HEADER_SHAPE.charCodeAt(i) === 0x64 /* d */ ? code >= 0x30 && code <= 0x39 : code === HEADER_SHAPE.charCodeAt(i);
    if (!ok) return false;
  }
  return LEVELS.some((level) => text.startsWith(level, at + HEADER_SHAPE.length));
}

/** The next "(" followed by a digit, the start of an errno such as "(111: Connection refused)". */
function nextErrno(text: string, from: number): number {
  for (let at = text.indexOf('(', from); at !== -1; at = text.indexOf('(', at + 1)) {
    const next = text.charCodeAt(at + 1);
    if (next >= 0x30 && next <= 0x39) return at;
  }
  return Infinity;
}

function orInfinity(index: number): number {
  return index === -1 ? Infinity : index;
}
