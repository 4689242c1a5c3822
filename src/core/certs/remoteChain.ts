import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { connect, rootCertificates, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import { DoctorError } from '../errors';
import type { ClientTlsOptions } from './clientCredentials';
import { describeError } from '../probe/networkErrors';

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

// The handshake itself is done on the client's side first in TLS 1.3; the server's verdict on the
// client certificate (an alert, or session tickets) follows within about one round trip.
const MIN_VERDICT_WAIT_MS = 250;

export function handshakeWithNode(target: RemoteTarget, clientTls: ClientTlsOptions | undefined, timeoutMs: number, signal?: AbortSignal): Promise<NodeHandshake> {
  return new Promise<NodeHandshake>((resolvePromise, reject) => {
    const started = performance.now();
    // One unrelated root as the only CA: Node then reports the chain from the presented
    // certificates alone, instead of completing it from its own store.
    const socket: TLSSocket = connect({ host: target.host, port: target.port, servername: target.servername, rejectUnauthorized: false, ca: [rootCertificates[0]], ...clientTls });
    let result: NodeHandshake | undefined;
    let settled = false;
    let ticketed = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (result) resolvePromise({ ...result, lateError: error ?? null, closedEarly: result.protocol === 'TLSv1.3' && !ticketed && !timedOut && !error });
      else reject(connectionError(target, error ?? new Error('closed'), timeoutMs));
    };
    const onAbort = () => finish(signal?.reason as Error);
    let timedOut = false;
    let timer = setTimeout(() => finish(new Error('timeout')), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', (error) => finish(error));
    socket.once('close', () => finish());
    socket.once('secureConnect', () => {
      result = {
        address: socket.remoteAddress ?? target.host,
        protocol: socket.getProtocol(),
        cipher: socket.getCipher()?.name ?? null,
        chain: peerChain(socket.getPeerCertificate(true)),
        lateError: null,
        closedEarly: false,
      };
      if (socket.getProtocol() !== 'TLSv1.3') return finish();
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        finish();
      }, Math.max(MIN_VERDICT_WAIT_MS, 2 * (performance.now() - started)));
      socket.once('session', () => {
        ticketed = true;
        finish();
      });
      socket.resume();
    });
  });
}

function peerChain(peer: DetailedPeerCertificate | undefined): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  for (let current = peer; current?.raw && !seen.has(current.fingerprint256); current = current.issuerCertificate) {
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
  }
  return chain;
}

function connectionError(target: RemoteTarget, error: Error, timeoutMs: number): DoctorError {
  const reason = error.message === 'timeout' ? `no TLS handshake within ${timeoutMs} ms` : describeError(error);
  return new DoctorError('input.unreadable', `cannot inspect ${target.display}: ${reason}`, { cause: error });
}
