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
 * scan, so the window is searched once for each, not once per line.
 */
const UPSTREAM_BYTES = 'upstream'.length;
const AFTER_UPSTREAM = [' timed out', ' prematurely closed', ' server temporarily disabled'].map(ascii);
const NO_LIVE = ascii('no live ');
const SSL = ascii('SSL');
// "2024/05/01 10:00:00 [": -1 where a digit goes.
const DATE_SHAPE = [...'dddd/dd/dd dd:dd:dd ['].map((char) => (char === 'd' ? -1 : char.charCodeAt(0)));
const LEVELS = ['error] ', 'warn] ', 'crit] ', 'alert] ', 'emerg] ', 'notice] ', 'info] ', 'debug] '].map(ascii);
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LOWER_S = 0x73;
const ESCAPE = 0x1b;
const PARENTHESIS = 0x28;

export function upstreamLineFilter(): LineFilter {
  let ssl = -1;
  let errno = -1;
  let escape = -1;
  return (bytes, lineStart, lineEnd, hit) => {
    if (ssl !== Infinity && ssl < lineStart) ssl = orInfinity(bytes.indexOf(SSL, lineStart));
    if (ssl < lineEnd) return true;
    if (errno !== Infinity && errno < lineStart) errno = nextErrno(bytes, lineStart);
    if (errno < lineEnd) return true;
    const after = hit + UPSTREAM_BYTES;
    if (startsWithAny(bytes, after, AFTER_UPSTREAM)) return true;
    if (bytes[after] === LOWER_S && hit >= lineStart + NO_LIVE.length && startsWith(bytes, hit - NO_LIVE.length, NO_LIVE)) return true;
    if (!startsWithHeader(bytes, lineStart)) return true;
    if (escape !== Infinity && escape < lineStart) escape = orInfinity(bytes.indexOf(ESCAPE, lineStart));
    return escape < lineEnd;
  };
}

/** Whether an nginx error-log header ("2024/05/01 10:00:00 [error] ") starts at `at`. */
function startsWithHeader(bytes: Buffer, at: number): boolean {
  for (let i = 0; i < DATE_SHAPE.length; i++) {
    const code = bytes[at + i];
    if (DATE_SHAPE[i] === -1 ? code < DIGIT_0 || code > DIGIT_9 : code !== DATE_SHAPE[i]) return false;
  }
  const level = at + DATE_SHAPE.length;
  return startsWithAny(bytes, level, LEVELS);
}

/** The next "(" followed by a digit, the start of an errno such as "(111: Connection refused)". */
function nextErrno(bytes: Buffer, from: number): number {
  for (let at = bytes.indexOf(PARENTHESIS, from); at !== -1; at = bytes.indexOf(PARENTHESIS, at + 1)) {
    const next = bytes[at + 1];
    if (next >= DIGIT_0 && next <= DIGIT_9) return at;
  }
  return Infinity;
}

/** Whether `bytes` hold `pattern` at `at` (a loop: short patterns, where a call into Buffer#compare costs more). */
function startsWith(bytes: Buffer, at: number, pattern: Uint8Array): boolean {
  if (at + pattern.length > bytes.length) return false;
  for (let i = 0; i < pattern.length; i++) if (bytes[at + i] !== pattern[i]) return false;
  return true;
}

// (An indexed loop: this runs for a quarter of an error log's lines, many of them before the
// function is optimised, and `some` with an arrow function allocates a closure per call until then.)
function startsWithAny(bytes: Buffer, at: number, patterns: readonly Uint8Array[]): boolean {
  for (let i = 0; i < patterns.length; i++) if (startsWith(bytes, at, patterns[i])) return true;
  return false;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

function orInfinity(index: number): number {
  return index === -1 ? Infinity : index;
}
