import type { Socket } from 'node:net';
import { checkServerIdentity } from 'node:tls';
import type buildConnector from 'undici/types/connector';
import { hostPort, type ProbeTarget } from './probeTarget';
import { openTunnel, proxyTransport } from './proxyTunnel';
import { connectTcp, startTls } from './socketOps';
import type { TlsSettings } from './tlsSettings';

/** The address the HTTP layer connects to: one the earlier layers found working. */
export interface Route {
  address: string;
  family: 4 | 6;
}

/**
 * An undici connector that reaches the endpoint exactly the way the earlier layers did: the same
 * address (no second DNS answer), the same proxy tunnel, the same TLS settings, but with
 * verification enforced, so HTTP is never sent over a connection we would not trust.
 */
export function routeConnector(target: ProbeTarget, route: Route, settings: TlsSettings | undefined, signal: AbortSignal): buildConnector.connector {
  return (_options, callback) => {
    openRoute(target, route, settings, signal).then(
      (socket) => callback(null, socket),
      (error: Error) => callback(error, null),
    );
  };
}

async function openRoute(target: ProbeTarget, route: Route, settings: TlsSettings | undefined, signal: AbortSignal): Promise<Socket> {
  let socket = await connectTcp(route.address, route.family, target.hop.port, signal);
  if (target.proxy) {
    socket = await proxyTransport(socket, target.proxy, signal);
    // Plain http goes to the proxy as an absolute-form request; only https needs a tunnel.
    if (target.secure) socket = await openTunnel(socket, target.proxy, hostPort(target.host, target.port), signal);
  }
  if (!target.secure || !settings) return socket;
  return startTls(socket, {
    ...settings.connection,
    rejectUnauthorized: true,
    ALPNProtocols: ['http/1.1'],
    checkServerIdentity: (_host, certificate) => checkServerIdentity(target.identity, certificate),
  }, signal);
}
