import type { LogFormat } from './logTypes';
import { upstreamLineFilter } from './upstreamLineFilter';

/**
 * Which lines are worth classifying: a slice of whole lines is searched for strings a line must
 * contain before the classifier can find anything in it; the classifier's regular expressions
 * only ever see those candidate lines (and their event context). `indexOf` runs at memchr speed
 * on its pattern's first character, so each needle is searched by an anchor: up to six of its
 * characters (V8 searches longer patterns more slowly) starting with one that is rare in logs;
 * hits are then checked in full. The bytes are searched as they are, except where a line filter
 * looks closer at the lines a needle finds: those formats' slices are decoded as latin1 text
 * first (one character per byte, so offsets stay byte offsets and ASCII needles match where the
 * bytes do), which costs a copy but makes each of the filter's many small searches cheaper.
 * Invariant, checked by the tests: every line the classifier turns into a finding is a candidate
 * in its file's format. Needles are case-sensitive stems ("efused" for refused/Refused; "EFUSED"
 * for ECONNREFUSED).
 */
/** Whether the line [lineStart, lineEnd) of `text`, whose first hit of the needle is at `hit`, is a candidate. */
export type LineFilter = (text: string, lineStart: number, lineEnd: number, hit: number) => boolean;

interface Needle {
  text: string;
  anchor: string;
  bytes: Buffer;
  anchorBytes: Buffer;
  /** Where the anchor sits in the needle. */
  offset: number;
  /** Narrows the lines that hold the needle; made once per slice, so it may keep search positions. */
  lines?: () => LineFilter;
}

export interface Prefilter {
  /** Starts of the candidate lines among the whole lines in `slice`, ascending, without repeats. */
  candidates(slice: Buffer): number[];
}

/** The searches a needle takes, in latin1 text or in the bytes themselves. */
interface Haystack {
  readonly length: number;
  anchorAt(needle: Needle, from: number): number;
  needleAt(needle: Needle, at: number): boolean;
  lineStart(at: number): number;
  newlineFrom(at: number): number;
}

const ANCHOR_CHARS = 6;
const NEWLINE = 0x0a;

const NGINX_ERROR_NEEDLES: Needle[] = [
  needle('upstream', 'upstre', upstreamLineFilter),
  // resolved, resolver, resolving: anchored at "lv", as "l" is half as frequent as "r" in logs
  needle('resolv', 'lv'),
  needle('worker_connections', '_conne'),
  needle('(24: '),
  needle('(23: '),
  needle('ModSecurity'),
  needle('DNS '),
  needle('unexpected response', 'xpecte'),
];
const ACCESS_NEEDLES: Needle[] = [needle('" 5'), needle('tatus=5', '=5')];
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
const ALL_NEEDLES = [...new Set([...NGINX_ERROR_NEEDLES, ...ACCESS_NEEDLES].map((n) => n.text).concat(MESSAGE_NEEDLES))].map((text) => needle(text));

export function prefilterFor(format: LogFormat): Prefilter {
  const needles = format === 'nginx-error' ? NGINX_ERROR_NEEDLES : format === 'nginx-access' ? ACCESS_NEEDLES : ALL_NEEDLES;
  if (!needles.some((n) => n.lines)) return { candidates: (slice) => candidateLines(inBytes(slice), needles) };
  return {
    candidates: (slice) => {
      const text = slice.toString('latin1');
      return candidateLines(inText(text, slice), needles, text);
    },
  };
}

function needle(text: string, anchor = text.slice(0, ANCHOR_CHARS), lines?: () => LineFilter): Needle {
  return { text, anchor, bytes: Buffer.from(text, 'latin1'), anchorBytes: Buffer.from(anchor, 'latin1'), offset: text.indexOf(anchor), lines };
}

function inBytes(bytes: Buffer): Haystack {
  return {
    length: bytes.length,
    anchorAt: (needle, from) => bytes.indexOf(needle.anchorBytes, from),
    needleAt: (needle, at) => at >= 0 && bytes.compare(needle.bytes, 0, needle.bytes.length, at, Math.min(bytes.length, at + needle.bytes.length)) === 0,
    lineStart: (at) => bytes.lastIndexOf(NEWLINE, at) + 1,
    newlineFrom: (at) => bytes.indexOf(NEWLINE, at),
  };
}

/** `bytes` are those of `text` (latin1: the same offsets). */
function inText(text: string, bytes: Buffer): Haystack {
  return {
    length: text.length,
    anchorAt: (needle, from) => text.indexOf(needle.anchor, from),
    needleAt: (needle, at) => at >= 0 && text.startsWith(needle.text, at),
    // Searched in the bytes: V8's String#lastIndexOf calls into its runtime (about 15 ms more per 250 MB error log).
    lineStart: (at) => bytes.lastIndexOf(NEWLINE, at) + 1,
    newlineFrom: (at) => text.indexOf('\n', at),
  };
}

/** `text` is the slice's latin1 text, for line filters (which only needles searched in text have). */
function candidateLines(haystack: Haystack, needles: Needle[], text?: string): number[] {
  const starts: number[] = [];
  for (const needle of needles) {
    const accepts = needle.lines?.();
    let at = haystack.anchorAt(needle, 0);
    while (at !== -1) {
      const start = at - needle.offset;
      if (!haystack.needleAt(needle, start)) {
        at = haystack.anchorAt(needle, at + 1);
        continue;
      }
      const lineStart = haystack.lineStart(start);
      const newline = haystack.newlineFrom(start + needle.text.length);
      const lineEnd = newline === -1 ? haystack.length : newline;
      if (!accepts || accepts(text!, lineStart, lineEnd, start)) starts.push(lineStart);
      if (newline === -1) break;
      at = haystack.anchorAt(needle, newline + 1);
    }
  }
  if (needles.length > 1) starts.sort((a, b) => a - b);
  return starts.filter((start, index) => index === 0 || start !== starts[index - 1]);
}
