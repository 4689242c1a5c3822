import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';

/** Opens a TCP connection to one address; destroys it and rejects with the signal's reason on abort. */
export function connectTcp(address: string, family: 4 | 6, port: number, signal: AbortSignal): Promise<Socket> {
  return settleSocket(netConnect({ host: address, family, port }), 'connect', signal);
}

/** Runs a TLS client handshake over an open socket. */
export function startTls(socket: Socket, options: ConnectionOptions, signal: AbortSignal): Promise<TLSSocket> {
  return settleSocket(tlsConnect({ ...options, socket }), 'secureConnect', signal);
}

function settleSocket<S extends Socket>(socket: S, readyEvent: string, signal: AbortSignal): Promise<S> {
  return new Promise<S>((resolvePromise, reject) => {
    const cleanup = () => {
      socket.off(readyEvent, onReady);
      socket.off('error', onError);
      signal.removeEventListener('abort', onAbort);
    };
    const onReady = () => { cleanup(); resolvePromise(socket); };
    const onError = (error: Error) => { cleanup(); socket.destroy(); reject(error); };
    const onAbort = () => { cleanup(); socket.destroy(); reject(signal.reason); };
    if (signal.aborted) { onAbort(); return; }
    socket.once(readyEvent, onReady);
    socket.once('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
