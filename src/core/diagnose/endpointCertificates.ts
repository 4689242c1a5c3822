import * as path from 'node:path';
import { inspectFile } from '../certs/inspectFile';
import { inspectRemote } from '../certs/inspectRemote';
import type { EndpointConfig } from '../endpoint/endpointConfig';
import { ENDPOINT_DEFAULTS } from '../endpoint/endpointConfig';
import { isDoctorError } from '../errors';
import type { ProbeResult } from '../probe/probeResult';
import type { CertificateEvidence } from './doctorReport';

/**
 * Inspects both certificates of an endpoint's TLS: the chain the server presents (expiry of
 * every certificate, chain, host name, revocation, which client CAs it accepts) and the client
 * certificate the application sends. The server is only looked at when the probe got through
 * TCP: a dead port has no chain to show.
 */
export interface EndpointCertificateOptions {
  endpoint: EndpointConfig;
  baseDir: string;
  probe: ProbeResult;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

export async function endpointCertificates(options: EndpointCertificateOptions): Promise<CertificateEvidence> {
  const { endpoint, baseDir } = options;
  const evidence: CertificateEvidence = { server: null, client: null, problems: [] };
  const url = new URL(endpoint.url);
  if (url.protocol !== 'https:') return evidence;
  const tls = endpoint.tls ?? {};
  const file = (name: string | null | undefined) => (name ? path.resolve(baseDir, name) : undefined);
  const warnDays = endpoint.certWarnDays ?? ENDPOINT_DEFAULTS.certWarnDays;
  const timeoutMs = Math.min(endpoint.timeoutMs ?? ENDPOINT_DEFAULTS.timeoutMs, 10_000);
  const clientFile = file(tls.pfx) ?? file(tls.cert);
  const clientCert = clientFile ? { pfx: file(tls.pfx), cert: file(tls.cert), key: file(tls.key), passphrase: tls.passphrase ?? undefined } : undefined;
  const reachedServer = options.probe.layers.some((layer) => layer.layer === 'tcp' && layer.status !== 'fail' && layer.status !== 'skipped');
  const host = url.hostname.includes(':') ? `[${url.hostname.replace(/^\[|\]$/g, '')}]` : url.hostname;

  const [server, client] = await Promise.allSettled([
    reachedServer
      ? inspectRemote(`${host}:${url.port || 443}`, { servername: tls.servername ?? undefined, clientCert, warnDays, caFile: file(tls.ca), timeoutMs, signal: options.signal, env: options.env })
      : Promise.resolve(null),
    clientFile
      ? inspectFile(clientFile, { passphrase: tls.passphrase ?? undefined, keyFile: file(tls.key), warnDays, timeoutMs, signal: options.signal, env: options.env })
      : Promise.resolve(null),
  ]);
  options.signal?.throwIfAborted();
  if (server.status === 'fulfilled') evidence.server = server.value;
  else evidence.problems.push(`server certificate not inspected: ${reason(server.reason)}`);
  if (client.status === 'fulfilled') evidence.client = client.value;
  else evidence.problems.push(`client certificate ${clientFile} not inspected: ${reason(client.reason)}`);
  return evidence;
}

function reason(error: unknown): string {
  if (isDoctorError(error)) return error.message;
  return (error as Error)?.message ?? String(error);
}
