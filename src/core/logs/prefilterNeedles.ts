import type { LogFormat } from './logTypes';

/**
 * Byte strings a line must contain before it is worth classifying. Scanning a buffer with
 * `Buffer.indexOf` for a handful of needles runs at memory speed, so the classifier's
 * regular expressions only ever see candidate lines (and their event context). Invariant,
 * checked by the tests: every line the classifier turns into a finding contains at least
 * one needle of its file's format. Needles are case-sensitive stems ("efused" for
 * refused/Refused; "EFUSED" for ECONNREFUSED).
 */
const NGINX_ERROR_NEEDLES = ['upstream', 'resol', 'worker_connections', '(24: ', '(23: ', 'ModSecurity', 'DNS ', 'unexpected response'];
const ACCESS_NEEDLES = ['" 5', 'tatus=5'];
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

const ALL_NEEDLES = [...new Set([...NGINX_ERROR_NEEDLES, ...ACCESS_NEEDLES, ...MESSAGE_NEEDLES])];

export function needlesFor(format: LogFormat): Buffer[] {
  const strings = format === 'nginx-error' ? NGINX_ERROR_NEEDLES : format === 'nginx-access' ? ACCESS_NEEDLES : ALL_NEEDLES;
  return strings.map((needle) => Buffer.from(needle, 'utf8'));
}
