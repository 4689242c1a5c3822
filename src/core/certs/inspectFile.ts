import { X509Certificate } from 'node:crypto';
import { isDoctorError } from '../errors';
import { describeCertificateDetails, type CertificateDetails } from './certificateDetails';
import { parseCertificateData, readCertificateFile, readPrivateKeyFile, type CertificateBundle } from './certificateFile';
import { evaluateCertificates } from './certEvaluation';
import type { CertReport } from './certReport';
import { findPemBlocks, type PemBlock } from './pemBlocks';
import { loadTrustAnchors } from './trustAnchors';

/**
 * Inspects a certificate file: PEM (certificates and keys), DER, PKCS#12 or PKCS#7.
 * A wrong or missing passphrase is a report with `cert.bad_passphrase`, never silence;
 * any other unreadable input throws DoctorError `input.unreadable` with the reason.
 */
export interface InspectFileOptions {
  passphrase?: string;
  /** A separate PEM private key to check against the certificate. */
  keyFile?: string;
  /** The host name (or IP) the certificate must cover. */
  host?: string;
  /** Days before expiry that count as "expiring"; default 30. */
  warnDays?: number;
  /** Extra trusted CA certificates (PEM or DER). */
  caFile?: string;
  now?: Date;
  /** Whether to download missing issuers and ask OCSP/CRL; default true. */
  network?: boolean;
  /** Per network request; default 5000. */
  timeoutMs?: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  /** The name shown as `source` when a Buffer is given. */
  source?: string;
}

export const DEFAULT_WARN_DAYS = 30;
export const DEFAULT_NETWORK_TIMEOUT_MS = 5000;

export async function inspectFile(input: string | Buffer, options: InspectFileOptions = {}): Promise<CertReport> {
  const source = typeof input === 'string' ? input : options.source ?? 'the input';
  let bundle: CertificateBundle;
  try {
    bundle = typeof input === 'string'
      ? await readCertificateFile(input, { passphrase: options.passphrase })
      : parseCertificateData(input, { passphrase: options.passphrase, source });
    if (options.keyFile) bundle.keys.push(...(await readPrivateKeyFile(options.keyFile, options.passphrase)));
  } catch (error) {
    if (!isDoctorError(error, 'credentials.bad_passphrase')) throw error;
    return { source, kind: 'file', format: 'encrypted', chain: [], checks: [{ code: 'cert.bad_passphrase', severity: 'error', message: error.message }], fetchedIssuers: [], trustAnchor: null, trustSources: [] };
  }
  const anchors = await loadTrustAnchors(options.caFile, options.env ?? process.env);
  return evaluateCertificates({
    kind: 'file',
    source,
    format: bundle.format,
    presented: bundle.certificates,
    keys: bundle.keys,
    notes: bundle.notes,
    host: options.host,
    warnDays: options.warnDays ?? DEFAULT_WARN_DAYS,
    anchors,
    network: options.network ?? true,
    timeoutMs: options.timeoutMs ?? DEFAULT_NETWORK_TIMEOUT_MS,
    now: options.now ?? new Date(),
    signal: options.signal,
  });
}

/** One certificate block of a PEM text, for CodeLenses, hovers and diagnostics on the block. */
export interface PemCertificateEntry {
  range: PemBlock['range'];
  /** Null when the block cannot be read; `error` says why. */
  info: CertificateDetails | null;
  error: string | null;
}

export function listPemCertificates(text: string, now: Date = new Date()): PemCertificateEntry[] {
  return findPemBlocks(text)
    .filter((block) => /CERTIFICATE$/.test(block.label) && !block.label.includes('REQUEST'))
    .map((block) => {
      if (block.damaged) return { range: block.range, info: null, error: block.damaged };
      try {
        return { range: block.range, info: describeCertificateDetails(new X509Certificate(block.der), now), error: null };
      } catch (error) {
        return { range: block.range, info: null, error: `not a readable certificate: ${(error as Error).message}` };
      }
    });
}
