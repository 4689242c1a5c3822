import type { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { connect, rootCertificates, type TLSSocket } from 'node:tls';
import { DoctorError } from '../errors';
import type { ClientTlsOptions } from './clientCredentials';
import { describeError } from '../probe/networkErrors';
import { peerChain } from '../probe/peerChain';
import { awaitServerVerdict } from '../probe/serverVerdict';

/**
 * A TLS connection made only to look at the server: verification is off (it is judged by the
 * inspector, with every finding explained, instead of one opaque handshake error), and the
 * connection is closed as soon as the chain and the server's verdict on our certificate are known.
 */
export interface RemoteTarget {
  host: string;
  port: number;
  /** SNI; undefined for IP addresses (RFC 6066). */
  servername: string | undefined;
  /** The name or IP the certificate must cover. */
  identity: string;
  /** `host:port` as shown in the report. */
  display: string;
}

export interface NodeHandshake {
  address: string;
  protocol: string | null;
  cipher: string | null;
  /** The presented certificates on the issuer path, leaf first (Node reorders and drops extras). */
  chain: X509Certificate[];
  /** An alert the server sent after the handshake (TLS 1.3 client-certificate verdict), if any. */
  lateError: Error | null;
  /**
   * TLS 1.3: the server closed the connection right after the handshake, before any session
   * ticket, without an alert. Node servers refuse a client certificate this way.
   */
  closedEarly: boolean;
}

/** `host`, `host:port`, `[v6]:port` or an https URL; port 443 by default. */
export function parseRemoteTarget(text: string, servername?: string): RemoteTarget {
  let host: string;
  let port = 443;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const url = new URL(text);
    if (url.protocol !== 'https:') throw new DoctorError('usage', `only https URLs have certificates to inspect, not ${url.protocol}`);
    host = url.hostname.replace(/^\[|\]$/g, '');
    if (url.port) port = Number(url.port);
  } else {
    const match = text.match(/^\[([^\]]+)\](?::(\d+))?$/) ?? (isIP(text) === 6 ? [text, text] : text.match(/^([^:]+)(?::(\d+))?$/));
    if (!match) throw new DoctorError('usage', `"${text}" is neither a file, host[:port] nor an https URL`);
    host = match[1];
    if (match[2]) port = Number(match[2]);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new DoctorError('usage', `"${text}" has an invalid port`);
  const identity = servername || host;
  return { host, port, identity, servername: isIP(identity) ? undefined : identity, display: `${isIP(host) === 6 ? `[${host}]` : host}:${port}` };
}

export async function handshakeWithNode(target: RemoteTarget, clientTls: ClientTlsOptions | undefined, timeoutMs: number, signal?: AbortSignal): Promise<NodeHandshake> {
  const started = performance.now();
  // One unrelated root as the only CA: Node then reports the chain from the presented
  // certificates alone, instead of completing it from its own store.
  const socket: TLSSocket = connect({ host: target.host, port: target.port, servername: target.servername, rejectUnauthorized: false, ca: [rootCertificates[0]], ...clientTls });
  try {
    await secureConnection(socket, target, timeoutMs, signal);
    const handshake = {
      address: socket.remoteAddress ?? target.host,
      protocol: socket.getProtocol(),
      cipher: socket.getCipher()?.name ?? null,
      chain: peerChain(socket.getPeerCertificate(true)),
    };
    try {
      const verdict = await awaitServerVerdict(socket, performance.now() - started, signal);
      return { ...handshake, lateError: null, closedEarly: verdict === 'closed' };
    } catch (error) {
      return { ...handshake, lateError: error as Error, closedEarly: false };
    }
  } finally {
    socket.destroy();
  }
}

/** Resolves once the handshake is done; rejects with a readable error on failure, timeout or abort. */
function secureConnection(socket: TLSSocket, target: RemoteTarget, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolvePromise, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      socket.off('secureConnect', onSecure).off('error', settle).off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(connectionError(target, error, timeoutMs));
      else resolvePromise();
    };
    const onSecure = () => settle();
    const onClose = () => settle(new Error('closed'));
    const onAbort = () => settle(signal?.reason as Error);
    const timer = setTimeout(() => settle(new Error('timeout')), timeoutMs);
    socket.once('secureConnect', onSecure).once('error', settle).once('close', onClose);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function connectionError(target: RemoteTarget, error: Error, timeoutMs: number): DoctorError {
  const reason = error.message === 'timeout' ? `no TLS handshake within ${timeoutMs} ms` : describeError(error);
  return new DoctorError('input.unreadable', `cannot inspect ${target.display}: ${reason}`, { cause: error });
}
