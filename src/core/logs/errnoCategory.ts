import type { FailureCode } from '../failureCodes';

/**
 * Socket errno numbers as Linux, macOS and Windows (WSA) print them, and the strerror texts
 * of glibc and musl (Alpine images word several of them differently).
 */
const BY_NUMBER: Record<number, FailureCode> = {
  111: 'tcp.refused', 61: 'tcp.refused', 10061: 'tcp.refused',
  110: 'tcp.timeout', 60: 'tcp.timeout', 10060: 'tcp.timeout',
  101: 'tcp.unreachable', 113: 'tcp.unreachable', 51: 'tcp.unreachable', 65: 'tcp.unreachable', 10051: 'tcp.unreachable', 10065: 'tcp.unreachable', 97: 'tcp.unreachable', 47: 'tcp.unreachable',
  99: 'tcp.ports_exhausted', 49: 'tcp.ports_exhausted', 10049: 'tcp.ports_exhausted',
  104: 'tcp.reset', 54: 'tcp.reset', 10054: 'tcp.reset', 32: 'tcp.reset', 10053: 'tcp.reset',
  24: 'server.fd_exhausted', 23: 'server.fd_exhausted', 10024: 'server.fd_exhausted',
};

const BY_TEXT: [RegExp, FailureCode][] = [
  [/refused/i, 'tcp.refused'],
  [/timed out/i, 'tcp.timeout'],
  [/unreachable|no route to host|address family not supported/i, 'tcp.unreachable'],
  [/cannot assign requested address|address not available/i, 'tcp.ports_exhausted'],
  [/reset by peer|broken pipe|forcibly closed/i, 'tcp.reset'],
  [/too many open files|no file descriptors available/i, 'server.fd_exhausted'],
];

export function categoryOfErrno(errno: number | undefined, text: string): FailureCode | undefined {
  if (errno !== undefined && BY_NUMBER[errno]) return BY_NUMBER[errno];
  for (const [pattern, category] of BY_TEXT) if (pattern.test(text)) return category;
  return undefined;
}

/** errno 99 to the IPv6 loopback means "no IPv6 in this container", not port exhaustion. */
export function refineAddressNotAvailable(category: FailureCode, target: string | undefined): FailureCode {
  return category === 'tcp.ports_exhausted' && target !== undefined && /^\[?::1\]?(:\d+)?$/.test(target) ? 'tcp.unreachable' : category;
}
