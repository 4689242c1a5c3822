import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as tls from 'node:tls';
import { DoctorError } from '../errors';
import { readCredentialFile } from '../certs/clientCredentials';

/**
 * The certificates a probe trusts: Node's bundled roots, the operating system's store (what
 * curl and the user's other tools trust), NODE_EXTRA_CA_CERTS, and the endpoint's `tls.ca`.
 * Node's roots stay in Node's pre-parsed store; only what they lack is listed (see tlsSettings.ts).
 */
export interface TrustStore {
  /** Certificates beyond Node's bundled roots, one PEM string each (a file's content may hold several). */
  additional: string[];
  /** Where the certificates came from, for the TLS layer's detail. */
  sources: string[];
}

// Debian/Ubuntu, RHEL/Fedora, Alpine/macOS (Homebrew), openSUSE.
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem', '/etc/ssl/ca-bundle.pem'];

type CertificateStoreReader = (store: 'system') => string[];

export async function loadTrustStore(caPath: string | null | undefined, baseDir: string | undefined, env: NodeJS.ProcessEnv): Promise<TrustStore> {
  const known = new Set(tls.rootCertificates.map(normalizePem));
  const additional: string[] = [];
  const sources = ['Node.js bundled roots'];
  const system = await systemCertificates();
  if (system) {
    // The OS bundle mostly repeats Node's roots; every extra certificate costs time in each
    // secure context (~0.3 ms), so only the ones Node lacks (corporate and local CAs) are added.
    additional.push(...system.certificates.flatMap(splitPem).filter((pem) => !known.has(normalizePem(pem))));
    sources.push(system.source);
  }
  const extra = env.NODE_EXTRA_CA_CERTS;
  if (extra && !sources.some((source) => source.endsWith(extra))) {
    const pem = await readFile(extra, 'utf8').catch(() => undefined);
    if (pem) {
      additional.push(pem);
      sources.push(`NODE_EXTRA_CA_CERTS (${extra})`);
    }
  }
  if (caPath) {
    additional.push(await readEndpointCa(caPath, baseDir));
    sources.push(`tls.ca (${caPath})`);
  }
  return { additional, sources };
}

async function systemCertificates(): Promise<{ certificates: string[]; source: string } | undefined> {
  // Node 22.15+ reads the OS store itself (also on Windows and macOS); older Node only has files.
  const getCACertificates = (tls as unknown as { getCACertificates?: CertificateStoreReader }).getCACertificates;
  if (typeof getCACertificates === 'function') return { certificates: getCACertificates('system'), source: 'system certificate store' };
  for (const path of SYSTEM_BUNDLES) {
    const pem = await readFile(path, 'utf8').catch(() => undefined);
    if (pem) return { certificates: [pem], source: `system bundle ${path}` };
  }
  return undefined;
}

function splitPem(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

function normalizePem(pem: string): string {
  return pem.replace(/\s+/g, '');
}

/** Reads `tls.ca` as PEM (one or more certificates) or DER, and checks it really holds a certificate. */
async function readEndpointCa(path: string, baseDir: string | undefined): Promise<string> {
  const data = await readCredentialFile(path, 'ca', baseDir);
  const text = data.toString('utf8');
  try {
    if (text.includes('-----BEGIN CERTIFICATE-----')) {
      new X509Certificate(text);
      return text;
    }
    return new X509Certificate(data).toString();
  } catch (error) {
    throw new DoctorError('credentials.invalid', `tls.ca "${path}" holds no readable certificate (PEM or DER expected)`, { cause: error });
  }
}
