import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';

/**
 * Loopback servers for component tests: real sockets on 127.0.0.1 / ::1, port 0, every
 * connection tracked so `close()` ends even servers that hang on purpose.
 */
export interface RunningServer {
  host: string;
  port: number;
  /** `http(s)://host:port` with IPv6 bracketed. */
  origin: string;
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface ListenOptions {
  host?: string;
  port?: number;
}

export const okHandler: Handler = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end('{"code":0,"status":"ok"}');
};

export function startHttpsServer(tls: ServerOptions, handler: Handler = okHandler, listen: ListenOptions = {}): Promise<RunningServer> {
  return track(createHttpsServer(tls, handler), 'https', listen);
}

export function startHttpServer(handler: Handler = okHandler, listen: ListenOptions = {}): Promise<RunningServer> {
  return track(createHttpServer(handler), 'http', listen);
}

/** A TCP server whose connections get `onConnection`: for servers that hang, trickle or misbehave below HTTP. */
export function startRawServer(onConnection: (socket: Socket) => void, listen: ListenOptions = {}): Promise<RunningServer> {
  return track(createNetServer(onConnection), 'http', listen);
}

/** A port on 127.0.0.1 that nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = await startRawServer((socket) => socket.destroy());
  await server.close();
  return server.port;
}

/** Whether ::1 can be bound here (IPv6 may be disabled in containers). */
export async function ipv6Available(): Promise<boolean> {
  try {
    const server = await startRawServer((socket) => socket.destroy(), { host: '::1' });
    await server.close();
    return true;
  } catch {
    return false;
  }
}

function track(server: Server | HttpServer, scheme: string, listen: ListenOptions): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // TLS servers report client errors (rejected handshakes) here; the tests look at the client side.
  server.on('tlsClientError', () => undefined);
  const host = listen.host ?? '127.0.0.1';
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(listen.port ?? 0, host, () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolvePromise({
        host,
        port,
        origin: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`,
        close: () => new Promise<void>((done) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => done());
        }),
      });
    });
  });
}
