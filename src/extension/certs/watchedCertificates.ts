import * as vscode from 'vscode';
import type { CertificateInfo } from '../../core/certs/certificateInfo';
import { resolveConfigPath } from '../../core/certs/clientCredentials';
import { inspectFile } from '../../core/certs/inspectFile';
import { resolveEndpointSecrets, type SecretSource } from '../../core/endpoint/secretResolver';
import type { Logger } from '../../core/logger';
import type { EndpointHealthModel } from '../endpoints/endpointHealthModel';
import type { ConfiguredEndpoint } from '../endpoints/endpointStore';
import { isUntrustedWorkspaceFile } from './restrictedMode';

/** A certificate the expiry watch keeps an eye on, and where it comes from. */
export interface WatchedCertificate {
  /** SHA-256 fingerprint: the same certificate used by two endpoints is one certificate. */
  fingerprint: string;
  subject: string;
  notAfter: string;
  /** The endpoints it serves. */
  endpoints: string[];
  role: 'server' | 'client';
  /** For client certificates, the configured file, so a notification can open it. */
  file?: vscode.Uri;
}

/** The server certificates of the endpoints' latest probes (the TLS layer's chain). */
export function serverCertificates(model: EndpointHealthModel): WatchedCertificate[] {
  return merge(model.all.flatMap((health) => {
    const chain = health.result?.layers.find((layer) => layer.layer === 'tls')?.detail.chain;
    if (!Array.isArray(chain)) return [];
    return (chain as CertificateInfo[]).map((cert) => ({ fingerprint: cert.sha256, subject: cert.subject, notAfter: cert.notAfter, endpoints: [health.endpoint.config.name], role: 'server' as const }));
  }));
}

/**
 * The client certificates the endpoints are configured with (`tls.pfx` with its passphrase
 * secret, or `tls.cert`), every certificate in each file. Read offline; an endpoint whose file
 * or secret is missing is skipped with a log line (its probe says what is wrong). In
 * Restricted Mode the workspace's key files stay unread.
 */
export async function clientCertificates(endpoints: readonly ConfiguredEndpoint[], secrets: SecretSource, log: Logger): Promise<WatchedCertificate[]> {
  const found = await Promise.all(endpoints.map(async (configured): Promise<WatchedCertificate[]> => {
    const file = configured.config.tls?.pfx ?? configured.config.tls?.cert;
    if (!file) return [];
    const name = configured.config.name;
    const uri = vscode.Uri.file(resolveConfigPath(file, configured.baseDir));
    if (isUntrustedWorkspaceFile(uri)) return [];
    try {
      const { endpoint } = await resolveEndpointSecrets(configured.config, secrets);
      const report = await inspectFile(uri.fsPath, { passphrase: endpoint.tls?.passphrase ?? undefined, network: false });
      const problem = report.checks.find((check) => check.code === 'cert.bad_passphrase');
      if (problem) log.warn(`Certificate expiry watch: the client certificate of "${name}" cannot be read: ${problem.message}`);
      return report.chain.map((cert) => ({ fingerprint: cert.sha256, subject: cert.subject, notAfter: cert.notAfter, endpoints: [name], role: 'client' as const, file: uri }));
    } catch (error) {
      log.warn(`Certificate expiry watch: the client certificate of "${name}" cannot be read: ${(error as Error).message}`);
      return [];
    }
  }));
  return merge(found.flat());
}

/** One entry per certificate, naming every endpoint that uses it. */
export function merge(certificates: readonly WatchedCertificate[]): WatchedCertificate[] {
  const byKey = new Map<string, WatchedCertificate>();
  for (const cert of certificates) {
    const key = `${cert.role}:${cert.fingerprint}`;
    const known = byKey.get(key);
    if (known) known.endpoints = [...new Set([...known.endpoints, ...cert.endpoints])];
    else byKey.set(key, { ...cert, endpoints: [...cert.endpoints] });
  }
  return [...byKey.values()];
}
