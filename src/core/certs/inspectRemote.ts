import { X509Certificate } from 'node:crypto';
import { DoctorError, isDoctorError } from '../errors';
import { loadClientCredentials } from './clientCredentials';
import { diagnoseClientCertificate } from './clientCertRequest';
import { readCertificateFile } from './certificateFile';
import { evaluateCertificates } from './certEvaluation';
import { bySeverity, type CertReport } from './certReport';
import { DEFAULT_NETWORK_TIMEOUT_MS, DEFAULT_WARN_DAYS } from './inspectFile';
import { handshakeWithNode, parseRemoteTarget, type NodeHandshake } from './remoteChain';
import { readTls12Flight, type Tls12Flight } from './tls12Handshake';
import { loadTrustAnchors } from './trustAnchors';

/**
 * Inspects the chain a server presents. Two looks at the server run side by side: a Node TLS
 * connection (protocol, cipher, the server's verdict on our client certificate) and a raw
 * TLS 1.2 first flight (the certificates exactly as sent, and the CertificateRequest).
 */
export interface InspectRemoteOptions {
  /** SNI and the name the certificate must cover, when it differs from the target's host. */
  servername?: string;
  /** The client certificate an application uses: PKCS#12 or PEM cert + key. */
  clientCert?: { pfx?: string; cert?: string; key?: string; passphrase?: string };
  warnDays?: number;
  caFile?: string;
  /** Whether to download missing issuers and ask OCSP/CRL; default true. */
  network?: boolean;
  /** Per connection or request; default 5000. */
  timeoutMs?: number;
  now?: Date;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

export async function inspectRemote(targetText: string, options: InspectRemoteOptions = {}): Promise<CertReport> {
  const target = parseRemoteTarget(targetText, options.servername);
  const timeoutMs = options.timeoutMs ?? DEFAULT_NETWORK_TIMEOUT_MS;
  const ours = await loadOurCertificate(options.clientCert);
  const [node, flight] = await Promise.allSettled([
    handshakeWithNode(target, ours?.tls, timeoutMs, options.signal),
    readTls12Flight({ host: target.host, port: target.port, servername: target.servername, timeoutMs, signal: options.signal }),
  ]);
  const handshake: NodeHandshake | undefined = node.status === 'fulfilled' ? node.value : undefined;
  const tls12: Tls12Flight | undefined = flight.status === 'fulfilled' && flight.value.certificates.length > 0 ? flight.value : undefined;
  if (!handshake && !tls12) throw node.status === 'rejected' ? node.reason : new DoctorError('input.unreadable', `cannot inspect ${target.display}`);
  const presented = tls12 ? tls12.certificates.map((der) => new X509Certificate(der)) : handshake?.chain ?? [];
  if (presented.length === 0) throw new DoctorError('input.unreadable', `${target.display} presented no certificate`);

  const anchors = await loadTrustAnchors(options.caFile, options.env ?? process.env);
  const report = await evaluateCertificates({
    kind: 'server',
    source: target.display,
    format: handshake?.protocol ?? 'TLSv1.2',
    presented,
    keys: [],
    notes: [],
    host: target.identity,
    warnDays: options.warnDays ?? DEFAULT_WARN_DAYS,
    anchors,
    network: options.network ?? true,
    timeoutMs,
    now: options.now ?? new Date(),
    signal: options.signal,
  });
  const handshakeError = node.status === 'rejected' ? causeOf(node.reason) : handshake?.lateError ?? null;
  const client = diagnoseClientCertificate({
    flight: flight.status === 'fulfilled' ? flight.value : (flight.reason as Error),
    handshakeError,
    closedEarly: handshake?.closedEarly ?? false,
    protocol: handshake?.protocol ?? null,
    ours: ours ? { certificates: ours.certificates, source: ours.source } : undefined,
  });
  return {
    ...report,
    checks: bySeverity([...report.checks, ...client.checks]),
    connection: {
      address: handshake?.address ?? target.host,
      protocol: handshake?.protocol ?? (tls12 ? 'TLSv1.2' : null),
      cipher: handshake?.cipher ?? null,
      servername: target.servername ?? null,
      orderAsSent: tls12 !== undefined,
    },
    clientCertificate: client.diagnosis,
  };
}

async function loadOurCertificate(clientCert: InspectRemoteOptions['clientCert']) {
  if (!clientCert?.pfx && !clientCert?.cert) return undefined;
  const credentials = await loadClientCredentials({ pfx: clientCert.pfx ?? null, cert: clientCert.cert ?? null, key: clientCert.key ?? null, passphrase: clientCert.passphrase ?? null });
  if (!credentials) return undefined;
  const path = clientCert.pfx ?? clientCert.cert ?? '';
  const { certificates } = await readCertificateFile(path, { passphrase: clientCert.passphrase });
  return { tls: credentials.tls, certificates, source: credentials.source };
}

function causeOf(reason: unknown): Error {
  return isDoctorError(reason) && reason.cause instanceof Error ? reason.cause : (reason as Error);
}
