import type { LogFormat } from './logTypes';
import { ANY_DIGIT, NeedleKernel, type KernelNeedle, type NeedleSet } from './needleKernel';

/**
 * Which lines are worth classifying: a line must contain one of its format's needles before the
 * classifier can find anything in it; the classifier's regular expressions only ever see those
 * candidate lines (and their event context). Each format's needles are searched for all at once
 * by the SIMD kernel (needleKernel.ts), in the window it owns.
 * Invariant, checked by the tests: every line the classifier turns into a finding is a candidate
 * in its file's format. Needles are case-sensitive stems ("efused" for refused/Refused; "EFUSED"
 * for ECONNREFUSED).
 */
/** A candidate line: its start, its end (its newline or the end of the range) and the lines of the range before it. */
export type OnCandidate = (lineStart: number, lineEnd: number, linesBefore: number) => void;

export interface Prefilter {
  /** Where the scanner puts the bytes to scan. */
  readonly window: Buffer;
  /**
   * Calls `onCandidate` for the candidate lines among the whole lines [from, to) of the window, in
   * order; returns how many newlines the range holds, and how many of them end a long line.
   */
  scan(from: number, to: number, onCandidate: OnCandidate): { lines: number; longLines: number };
  /** The scan is over: the window may serve another prefilter. */
  release(): void;
}

const line = (text: string): KernelNeedle => ({ text });
/**
 * "upstream" is in a quarter of an ordinary nginx error log ("an upstream response is buffered to
 * a temporary file …"), so on its own it is a weak needle: its line is a candidate only with
 * evidence of what `classifyMessageOf` looks for and the other needles do not catch: "SSL", an
 * errno "(N: ", or colour codes (classification strips them first); or when the line does not
 * start with an nginx header, so other rules than nginx's judge it. The messages that need
 * nothing more ("upstream timed out", "no live upstreams" …) are needles of their own.
 */
const NGINX_LEVELS = ['emerg', 'alert', 'crit', 'error', 'warn', 'notice', 'info', 'debug'];
const D = ANY_DIGIT;
const NGINX_ERROR: NeedleSet = {
  needles: [
    { text: 'upstream', kind: 'weak' },
    ...['SSL', `(${D}`, '\x1b['].map((text): KernelNeedle => ({ text, kind: 'evidence' })),
    ...['upstream timed out', 'upstream prematurely closed', 'upstream server temporarily disabled', 'no live upstreams'].map(line),
    ...['resolv', 'worker_connections', '(24: ', '(23: ', 'ModSecurity', 'DNS ', 'unexpected response'].map(line),
  ],
  shapes: NGINX_LEVELS.map((level) => `${D}${D}${D}${D}/${D}${D}/${D}${D} ${D}${D}:${D}${D}:${D}${D} [${level}] `),
};
const ACCESS: NeedleSet = { needles: [line('" 5'), line('tatus=5')] };
const MESSAGE_NEEDLES = [
  // clock
  'ignature', 'kew', 'SKEW', 'JWT', 'not yet',
  // pools and limits
  'ool', 'not available', 'xhausted', 'oo many', 'OO MANY', 'connection slots', 'max_client_conn', 'max_user_connections', 'ER_CON_COUNT', '1040',
  'open files', 'descriptors available', 'EMFILE', 'ENFILE', 'healthy upstream', 'roxy', 'unnel',
  // DNS
  'EAI_AGAIN', 'esol', 'misbehaving', 'lookup', 'Errno', 'etaddrinfo', 'ENOTFOUND', 'such host', 'SUCH HOST', 'not known', 'nodename', 'UnknownHost', 'ranslate host', 'NXDOMAIN',
  // TLS
  'ostname', 'ALTNAME', 'alternative', 'name matching', 'x509', 'ertificate', 'CERTIFICATE', 'CERT_', 'PKIX', 'ertification', 'UNABLE_TO', 'SELF_SIGNED', 'DEPTH_ZERO',
  'rotocol', 'PROTOCOL', 'wrong version', 'andshake', 'ANDSHAKE', 'fatal alert', 'SSL', 'TLS', 'EOF',
  // TCP
  '(0x', 'MySQL', 'ADDRNOTAVAIL', 'assign requested', 'UNREACH', 'nreachable', 'o route', 'ddress family', 'AFNOSUPPORT', 'efused', 'EFUSED',
  'TIMEDOUT', 'imed out', 'imeout', 'TIMEOUT', 'deadline', 'ateway Time', 'RESET', 'reset', 'hang up', 'EPIPE', 'roken pipe', 'rematurely', 'Remote',
  'orcibly', 'communication packets', 'aborted', 'side closed', 'UND_ERR_SOCKET', 'ckgesetzt', 'validate connection', 'unexpectedly',
  // HTTP status in messages
  'tatus', 'HTTP/1.1 5', 'HTTP/1.0 5', 'HTTP/2 5', 'HTTP 5', 'Server Error', 'Bad Gateway', 'Unavailable',
  // cause not given
  'ink failure', 'etch failed', 'as broken', 'SQLSTATE', 'ould not connect', 'ailed to establish', 'nable to connect', 'onnection error', 'onnectionError',
];
// Every format's lines can appear in a file of any other: the generic set holds the nginx
// needles too, every one reporting its lines (evidence alone makes no candidate); a needle that
// holds another is left out, as the other finds its lines.
const GENERIC: NeedleSet = { needles: withoutContainers([...NGINX_ERROR.needles, ...ACCESS.needles].filter((n) => n.kind !== 'evidence').map((n) => n.text).concat(MESSAGE_NEEDLES)).map(line) };

function withoutContainers(texts: string[]): string[] {
  const unique = [...new Set(texts)];
  return unique.filter((text) => !unique.some((other) => other !== text && text.includes(other)));
}

/** The prefilter of `format`, with a window of `windowBytes`; lines over `maxLineBytes` count as long. */
export function createPrefilter(format: LogFormat, windowBytes: number, maxLineBytes: number): Prefilter {
  const set = format === 'nginx-error' ? NGINX_ERROR : format === 'nginx-access' ? ACCESS : GENERIC;
  return new NeedleKernel(set, windowBytes, maxLineBytes);
}
