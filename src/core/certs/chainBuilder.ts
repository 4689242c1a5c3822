import { X509Certificate, type KeyObject } from 'node:crypto';
import { safeCheckPrivateKey } from './certificateChecks';
import { parseCertificateData } from './certificateFile';
import { describeCertificateDetails } from './certificateDetails';
import { fetchBytes } from './httpFetch';
import type { TrustAnchors } from './trustAnchors';

/**
 * Builds the certification path of a leaf the way a TLS client does: each issuer from the
 * certificates given (file or server), then from the trust store, and, where the network is
 * allowed, downloaded from the Authority Information Access "CA Issuers" URL, as browsers do
 * and as the JVM and most gateways' clients do not; so "works in the browser, fails in Java".
 */
export interface BuiltChain {
  /** Leaf first; presented and downloaded certificates. The trust anchor is separate. */
  path: X509Certificate[];
  /** The trusted root the path ends at (it may be the last presented certificate itself). */
  anchor: X509Certificate | null;
  fetched: { cert: X509Certificate; url: string }[];
  /** Set when the path stops at a certificate whose issuer could not be found anywhere. */
  missingIssuer: { of: X509Certificate; attempts: string[] } | null;
  /** Some link was accepted by name because its signature algorithm (SM2) cannot be verified here. */
  unverifiedLinks: boolean;
}

export interface ChainBuildOptions {
  network: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
}

// Deeper chains than this do not exist in practice; the bound stops loops in crafted input.
const MAX_DEPTH = 8;
const MAX_ISSUER_BYTES = 256 * 1024;

/** The end-entity certificate: the one matching a given key, else the one that issues none of the others. */
export function pickLeafIndex(certificates: readonly X509Certificate[], keys: readonly KeyObject[]): number {
  const keyed = certificates.findIndex((cert) => keys.some((key) => safeCheckPrivateKey(cert, key)));
  if (keyed !== -1) return keyed;
  const issuesNone = certificates
    .map((cert, index) => ({ cert, index }))
    .filter(({ cert }) => !certificates.some((other) => other !== cert && other.fingerprint256 !== cert.fingerprint256 && issuedBy(other, cert).issued));
  return (issuesNone.find(({ cert }) => !cert.ca) ?? issuesNone[0] ?? { index: 0 }).index;
}

export async function buildChain(presented: readonly X509Certificate[], leafIndex: number, anchors: TrustAnchors, options: ChainBuildOptions): Promise<BuiltChain> {
  const built: BuiltChain = { path: [presented[leafIndex]], anchor: null, fetched: [], missingIssuer: null, unverifiedLinks: false };
  let current = presented[leafIndex];
  while (built.path.length <= MAX_DEPTH) {
    if (anchors.fingerprints.has(current.fingerprint256)) {
      built.anchor = current;
      break;
    }
    if (isSelfSigned(current)) break;
    const inPath = new Set(built.path.map((cert) => cert.fingerprint256));
    const fromInput = findIssuer(current, presented.filter((cert) => !inPath.has(cert.fingerprint256)), built);
    if (fromInput) {
      built.path.push(fromInput);
      current = fromInput;
      continue;
    }
    const anchor = findIssuer(current, anchors.bySubject.get(current.issuer) ?? [], built);
    if (anchor) {
      built.anchor = anchor;
      break;
    }
    const attempts: string[] = [];
    const downloaded = options.network ? await downloadIssuer(current, options, attempts, built) : undefined;
    if (!downloaded) {
      built.missingIssuer = { of: current, attempts };
      break;
    }
    built.fetched.push(downloaded);
    built.path.push(downloaded.cert);
    current = downloaded.cert;
  }
  return built;
}

/** Whether `parent` issued `child`: names and key identifiers (OpenSSL's check), then the signature. */
export function issuedBy(child: X509Certificate, parent: X509Certificate): { issued: boolean; verified: boolean } {
  if (!child.checkIssued(parent)) return { issued: false, verified: false };
  try {
    return { issued: child.verify(parent.publicKey), verified: true };
  } catch {
    // Node cannot load the key (SM2): the names match, and that is all that can be said.
    return { issued: true, verified: false };
  }
}

function findIssuer(child: X509Certificate, candidates: readonly X509Certificate[], built: BuiltChain): X509Certificate | undefined {
  for (const candidate of candidates) {
    const { issued, verified } = issuedBy(child, candidate);
    if (!issued) continue;
    if (!verified) built.unverifiedLinks = true;
    return candidate;
  }
  return undefined;
}

/**
 * Self-signed by name and signature. Not `checkIssued(cert)`: OpenSSL also wants keyCertSign
 * there, which a self-signed server certificate usually lacks.
 */
export function isSelfSigned(cert: X509Certificate): boolean {
  if (cert.issuer !== cert.subject) return false;
  try {
    return cert.verify(cert.publicKey);
  } catch {
    return true; // SM2: the names match, the signature cannot be checked here.
  }
}

async function downloadIssuer(child: X509Certificate, options: ChainBuildOptions, attempts: string[], built: BuiltChain): Promise<{ cert: X509Certificate; url: string } | undefined> {
  const urls = describeCertificateDetails(child).caIssuers;
  if (urls.length === 0) attempts.push('the certificate names no CA Issuers URL (Authority Information Access) to download it from');
  for (const url of urls) {
    try {
      const bytes = await fetchBytes(url, { timeoutMs: options.timeoutMs, maxBytes: MAX_ISSUER_BYTES, signal: options.signal });
      const { certificates } = parseCertificateData(bytes, { source: url });
      const issuer = findIssuer(child, certificates, built);
      if (issuer) return { cert: issuer, url };
      attempts.push(`${url} serves a certificate that did not issue it`);
    } catch (error) {
      attempts.push(`${url}: ${(error as Error).message}`);
    }
  }
  return undefined;
}
