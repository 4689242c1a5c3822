
import type { LogFormat } from './logTypes';
import { kernelPrefilter, KERNEL_NEEDLES } from './kernelPrefilter';
import { searchPrefilter } from './searchPrefilter';
import { upstreamLineFilter } from './upstreamLineFilter';

/**
 * Which lines are worth classifying: a line must contain one of its format's needles before the
 * classifier can find anything in it; the classifier's regular expressions only ever see those
 * candidate lines (and their event context). A few needles (the nginx formats) are searched for
 * all at once by the SIMD kernel; the many of the other formats one after another by `indexOf`.
 * Where a needle is common in ordinary lines, a line filter looks closer at the lines it finds.
 * Invariant, checked by the tests: every line the classifier turns into a finding is a candidate
 * in its file's format. Needles are case-sensitive stems ("efused" for refused/Refused; "EFUSED"
 * for ECONNREFUSED).
 */
/** Whether the line [lineStart, lineEnd) of `bytes`, whose first hit of the needle is at `hit`, is a candidate. */
export type LineFilter = (bytes: Buffer, lineStart: number, lineEnd: number, hit: number) => boolean;

export interface Needle {
  text: string;
  /** Narrows the lines that hold the needle; made once per scan, so it may keep search positions. */
  lines?: () => LineFilter;
}

/** A needle's candidate line: its start, its end (its newline or the end of the range) and the lines of the range before it. */
export type OnCandidate = (lineStart: number, lineEnd: number, linesBefore: number) => void;

export interface Prefilter {
  /** Where the scanner puts the bytes to scan (the kernel searches its own memory). */
  readonly window: Buffer;
  /**
   * Calls `onCandidate` for the candidate lines among the whole lines [from, to) of the window, in
   * order; returns how many newlines the range holds, and how many of them end a long line.
   */
  scan(from: number, to: number, onCandidate: OnCandidate): { lines: number; longLines: number };
  /** The scan is over: the window may serve another prefilter. */
  release(): void;
}

const NGINX_ERROR_NEEDLES: Needle[] = [
  { text: 'upstream', lines: upstreamLineFilter },
  ...['resolv', 'worker_connections', '(24: ', '(23: ', 'ModSecurity', 'DNS ', 'unexpected response'].map((text) => ({ text })),
];
const ACCESS_NEEDLES: Needle[] = [{ text: '" 5' }, { text: 'tatus=5' }];
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
// Every format's lines can appear in a file of any other: the generic set includes the nginx needles, unfiltered.
const ALL_NEEDLES = [...new Set([...NGINX_ERROR_NEEDLES, ...ACCESS_NEEDLES].map((n) => n.text).concat(MESSAGE_NEEDLES))].map((text) => ({ text }));

/** The prefilter of `format`, with a window of `windowBytes`; lines over `maxLineBytes` count as long. */
export function createPrefilter(format: LogFormat, windowBytes: number, maxLineBytes: number): Prefilter {
  const needles = format === 'nginx-error' ? NGINX_ERROR_NEEDLES : format === 'nginx-access' ? ACCESS_NEEDLES : ALL_NEEDLES;
  return needles.length <= KERNEL_NEEDLES ? kernelPrefilter(needles, windowBytes, maxLineBytes) : searchPrefilter(needles, windowBytes, maxLineBytes);
}
