import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * Reads a server's first TLS 1.2 flight (ServerHello … ServerHelloDone) over a raw socket.
 * Node's TLS API exposes neither the certificates in the order the server sent them nor the
 * CertificateRequest's list of accepted CAs; in TLS 1.2 both travel in clear text before any
 * key exchange, so a ClientHello offering only TLS 1.2 is enough to see them. The socket is
 * closed at ServerHelloDone: no keys are ever exchanged.
 */
export interface Tls12Flight {
  /** DER certificates in the order the server sent them. */
  certificates: Buffer[];
  /** Null when the server did not ask for a client certificate. */
  certificateRequest: { authorities: Buffer[] } | null;
  cipherSuite: number;
}

export class TlsAlertError extends Error {
  constructor(readonly description: number) {
    super(`the server answered the TLS 1.2 ClientHello with alert ${ALERTS[description] ?? description}`);
  }
}

const ALERTS: Record<number, string> = { 40: 'handshake_failure', 70: 'protocol_version', 71: 'insufficient_security', 80: 'internal_error', 112: 'unrecognized_name' };
export const ALERT_PROTOCOL_VERSION = 70;

const MAX_FLIGHT_BYTES = 256 * 1024;
const HANDSHAKE = 22;
const ALERT = 21;
const MESSAGE = { serverHello: 2, certificate: 11, certificateRequest: 13, serverHelloDone: 14 };

// ECDHE/DHE/RSA with AES-GCM, ChaCha20 and AES-CBC: whatever a TLS 1.2 server is configured for.
const CIPHER_SUITES = [
  0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc023, 0xc027, 0xc024, 0xc028, 0xc009, 0xc013, 0xc00a, 0xc014,
  0x009e, 0x009f, 0x0067, 0x006b, 0x0033, 0x0039, 0x009c, 0x009d, 0x003c, 0x003d, 0x002f, 0x0035, 0x000a,
];
const SIGNATURE_ALGORITHMS = [0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0807, 0x0808, 0x0201, 0x0203];
const GROUPS = [0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101];

export interface FlightOptions {
  host: string;
  port: number;
  servername: string | undefined;
  timeoutMs: number;
  signal?: AbortSignal;
}

export function readTls12Flight(options: FlightOptions): Promise<Tls12Flight> {
  return new Promise<Tls12Flight>((resolvePromise, reject) => {
    const socket: Socket = connect({ host: options.host, port: options.port });
    let buffered = Buffer.alloc(0);
    let handshake = Buffer.alloc(0);
    const flight: Tls12Flight = { certificates: [], certificateRequest: null, cipherSuite: 0 };
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error) reject(error);
      else resolvePromise(flight);
    };
    const onAbort = () => finish(options.signal?.reason as Error);
    const timer = setTimeout(() => finish(new Error(`no TLS 1.2 answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => socket.write(clientHello(options.servername)));
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(new Error('the server closed the connection during the TLS 1.2 handshake')));
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length > MAX_FLIGHT_BYTES) return finish(new Error('the server\'s first TLS flight is implausibly large'));
      try {
        while (buffered.length >= 5) {
          const length = buffered.readUInt16BE(3);
          if (buffered.length < 5 + length) break;
          const type = buffered[0];
          const fragment = buffered.subarray(5, 5 + length);
          buffered = buffered.subarray(5 + length);
          if (type === ALERT) return finish(new TlsAlertError(fragment[1]));
          if (type !== HANDSHAKE) return finish(new Error(`unexpected TLS record type ${type} before ServerHelloDone`));
          handshake = Buffer.concat([handshake, fragment]);
          while (handshake.length >= 4) {
            const messageLength = handshake.readUIntBE(1, 3);
            if (handshake.length < 4 + messageLength) break;
            const done = readMessage(handshake[0], handshake.subarray(4, 4 + messageLength), flight);
            handshake = handshake.subarray(4 + messageLength);
            if (done) return finish();
          }
        }
      } catch (error) {
        finish(error as Error);
      }
      return undefined;
    });
  });
}

/** Returns true at ServerHelloDone. */
function readMessage(type: number, body: Buffer, flight: Tls12Flight): boolean {
  if (type === MESSAGE.serverHello) {
    const version = body.readUInt16BE(0);
    if (version !== 0x0303) throw new Error(`the server chose protocol version 0x${version.toString(16)} instead of TLS 1.2`);
    const sessionIdLength = body[34];
    flight.cipherSuite = body.readUInt16BE(35 + sessionIdLength);
  } else if (type === MESSAGE.certificate) {
    flight.certificates = lengthPrefixedList(body.subarray(3), 3);
  } else if (type === MESSAGE.certificateRequest) {
    const typesLength = body[0];
    const algorithmsLength = body.readUInt16BE(1 + typesLength);
    const authoritiesStart = 3 + typesLength + algorithmsLength;
    flight.certificateRequest = { authorities: lengthPrefixedList(body.subarray(authoritiesStart + 2, authoritiesStart + 2 + body.readUInt16BE(authoritiesStart)), 2) };
  }
  return type === MESSAGE.serverHelloDone;
}

function lengthPrefixedList(data: Buffer, prefix: 2 | 3): Buffer[] {
  const items: Buffer[] = [];
  for (let offset = 0; offset + prefix <= data.length;) {
    const length = data.readUIntBE(offset, prefix);
    items.push(data.subarray(offset + prefix, offset + prefix + length));
    offset += prefix + length;
  }
  return items;
}

function clientHello(servername: string | undefined): Buffer {
  const extensions = Buffer.concat([
    ...(servername ? [extension(0x0000, vector(2, Buffer.concat([Buffer.from([0]), vector(2, Buffer.from(servername, 'ascii'))])))] : []),
    extension(0x000a, vector(2, uint16s(GROUPS))),
    extension(0x000b, vector(1, Buffer.from([0]))),
    extension(0x000d, vector(2, uint16s(SIGNATURE_ALGORITHMS))),
    extension(0x0017, Buffer.alloc(0)),
    extension(0xff01, Buffer.from([0])),
  ]);
  const body = Buffer.concat([
    Buffer.from([0x03, 0x03]),
    randomBytes(32),
    Buffer.from([0]),
    vector(2, uint16s(CIPHER_SUITES)),
    Buffer.from([1, 0]),
    vector(2, extensions),
  ]);
  const message = Buffer.concat([Buffer.from([1, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff]), body]);
  // The record layer says TLS 1.0 for the first flight, as OpenSSL does, for old middleboxes.
  return Buffer.concat([Buffer.from([HANDSHAKE, 0x03, 0x01, message.length >> 8, message.length & 0xff]), message]);
}

function extension(type: number, data: Buffer): Buffer {
  return Buffer.concat([uint16s([type]), vector(2, data)]);
}

function vector(prefix: 1 | 2, data: Buffer): Buffer {
  const header = Buffer.alloc(prefix);
  header.writeUIntBE(data.length, 0, prefix);
  return Buffer.concat([header, data]);
}

function uint16s(values: number[]): Buffer {
  const buffer = Buffer.alloc(values.length * 2);
  values.forEach((value, index) => buffer.writeUInt16BE(value, index * 2));
  return buffer;
}
