import type { LogFormat } from './logTypes';
import { upstreamLineFilter } from './upstreamLineFilter';

/**
 * Which lines are worth classifying. A region of whole lines is searched as latin1 text (one
 * character per byte, so offsets are byte offsets and ASCII needles match exactly where the bytes
 * do) for strings a line must contain before the classifier can find anything in it; the
 * classifier's regular expressions only ever see those candidate lines (and their event context).
 * `indexOf` runs at memchr speed on its pattern's first character, so each needle is searched by
 * an anchor: up to six of its characters (V8 searches longer patterns more slowly) starting with
 * one that is rare in logs; hits are then checked in full. Invariant, checked by the tests: every
 * line the classifier turns into a finding is a candidate in its file's format. Needles are
 * case-sensitive stems ("efused" for refused/Refused; "EFUSED" for ECONNREFUSED).
 */
/** Whether the line [lineStart, lineEnd) of `text`, whose first hit of the needle is at `hit`, is a candidate. */
export type LineFilter = (text: string, lineStart: number, lineEnd: number, hit: number) => boolean;

interface Needle {
  text: string;
  anchor: string;
  /** Narrows the lines that hold the needle; made once per region, so it may keep search positions. */
  lines?: () => LineFilter;
}

export interface Prefilter {
  /** Starts of the candidate lines among the lines of `text` (latin1), ascending, without repeats. */
  candidates(text: string): number[];
}

const ANCHOR_CHARS = 6;

const NGINX_ERROR_NEEDLES: Needle[] = [
  needle('upstream', 'upstre', upstreamLineFilter),
  needle('resol'),
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
  return { candidates: (text) => candidateLines(text, needles) };
}

function needle(text: string, anchor = text.slice(0, ANCHOR_CHARS), lines?: () => LineFilter): Needle {
  return { text, anchor, lines };
}

function candidateLines(text: string, needles: Needle[]): number[] {
  const starts: number[] = [];
  for (const { text: whole, anchor, lines } of needles) {
    const offset = whole.indexOf(anchor);
    const accepts = lines?.();
    let at = text.indexOf(anchor);
    while (at !== -1) {
      const start = at - offset;
      if (start < 0 || !text.startsWith(whole, start)) {
        at = text.indexOf(anchor, at + 1);
        continue;
      }
      const lineStart = text.lastIndexOf('\n', start) + 1;
      const newline = text.indexOf('\n', start + whole.length);
      const lineEnd = newline === -1 ? text.length : newline;
      if (!accepts || accepts(text, lineStart, lineEnd, start)) starts.push(lineStart);
      if (newline === -1) break;
      at = text.indexOf(anchor, newline + 1);
    }
  }
  if (needles.length > 1) starts.sort((a, b) => a - b);
  return starts.filter((start, index) => index === 0 || start !== starts[index - 1]);
}
