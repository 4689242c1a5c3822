import type { TLSSocket } from 'node:tls';

export type ServerVerdict = 'accepted' | 'closed' | 'quiet';

// In TLS 1.3 the server judges the client certificate after the client considers the handshake done.
const MIN_VERDICT_WAIT_MS = 250;

/**
 * Waits briefly after a TLS 1.3 handshake for the server's verdict on our client certificate:
 * session tickets mean "accepted"; an alert (certificate required, unknown CA) rejects with the
 * alert; a bare close is what Node-style servers do when they refuse the certificate in code.
 * Servers without tickets cost at most a short, handshake-proportional wait. Before TLS 1.3 the
 * verdict is part of the handshake, so there is nothing to wait for ('quiet').
 */
export function awaitServerVerdict(socket: TLSSocket, handshakeMs: number, signal?: AbortSignal): Promise<ServerVerdict> {
  if (socket.getProtocol() !== 'TLSv1.3') return Promise.resolve('quiet');
  return new Promise<ServerVerdict>((resolvePromise, reject) => {
    const settle = (verdict: ServerVerdict, error?: Error) => {
      clearTimeout(timer);
      socket.off('session', onSession).off('close', onClose).off('end', onClose).off('error', onError);
      signal?.removeEventListener('abort', onQuiet);
      if (error) reject(error);
      else resolvePromise(verdict);
    };
    const onSession = () => settle('accepted');
    const onClose = () => settle('closed');
    const onQuiet = () => settle('quiet');
    const onError = (error: Error) => settle('closed', error);
    const timer = setTimeout(onQuiet, Math.max(MIN_VERDICT_WAIT_MS, 2 * handshakeMs));
    socket.once('session', onSession).once('close', onClose).once('end', onClose).once('error', onError);
    signal?.addEventListener('abort', onQuiet, { once: true });
    socket.resume();
  });
}
