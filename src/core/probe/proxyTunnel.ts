import * as l10n from '@vscode/l10n';
import type { Socket } from 'node:net';
import type { ProxyRoute } from './proxySelection';
import { startTls } from './socketOps';

/** The proxy refused the CONNECT request; carries what it said. */
export class TunnelRejectedError extends Error {
  constructor(readonly statusCode: number, readonly statusLine: string) {
    super(l10n.t('the proxy answered the CONNECT request with "{0}"', statusLine));
    this.name = 'TunnelRejectedError';
  }
}

const MAX_RESPONSE_HEAD = 16 * 1024;

/** Wraps the socket to an https:// proxy in TLS (verified against the default roots); plain proxies pass through. */
export async function proxyTransport(socket: Socket, proxy: ProxyRoute, signal: AbortSignal): Promise<Socket> {
  return proxy.secure ? startTls(socket, { servername: proxy.host, ALPNProtocols: ['http/1.1'] }, signal) : socket;
}

/**
 * Asks the proxy for a CONNECT tunnel to `authority` (host:port) over an open socket and resolves
 * with the same socket once the proxy answers 2xx. Written by hand, rather than with http.request,
 * so the tunnel reuses the connection the TCP layer already timed.
 */
export function openTunnel(socket: Socket, proxy: ProxyRoute, authority: string, signal: AbortSignal): Promise<Socket> {
  return new Promise<Socket>((resolvePromise, reject) => {
    let head = Buffer.alloc(0);
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      signal.removeEventListener('abort', onAbort);
    };
    const fail = (error: unknown) => { cleanup(); socket.destroy(); reject(error); };
    const onError = (error: Error) => fail(error);
    const onClose = () => fail(Object.assign(new Error('the proxy closed the connection before answering CONNECT'), { code: 'ECONNRESET' }));
    const onAbort = () => fail(signal.reason);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > MAX_RESPONSE_HEAD) fail(new TunnelRejectedError(0, 'an oversized response'));
        return;
      }
      const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const statusCode = Number(statusLine.split(' ')[1]);
      if (!(statusCode >= 200 && statusCode < 300)) {
        fail(new TunnelRejectedError(statusCode, statusLine));
        return;
      }
      cleanup();
      const rest = head.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      socket.pause();
      resolvePromise(socket);
    };
    if (signal.aborted) { onAbort(); return; }
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
    const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
    if (proxy.authorization) lines.push(`Proxy-Authorization: ${proxy.authorization}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}
