import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DoctorError } from '../errors';
import { childrenOf, isDerSequence, readDer, TAG } from './der';
import { findPemBlocks, type PemBlock } from './pemBlocks';
import { isPkcs12, readPkcs12 } from './pkcs12Reader';
import { isPkcs7, pkcs7Certificates } from './pkcs7Reader';

/**
 * Reads whatever certificate file a user has at hand, recognising the format by its content
 * (a `.crt` is as often PEM as DER, and `.pem` files hold bundles, keys and PKCS#7 alike).
 */
export type CertificateFileFormat = 'pem' | 'der' | 'pkcs12' | 'pkcs7';

export interface CertificateBundle {
  format: CertificateFileFormat;
  /** In file order. */
  certificates: X509Certificate[];
  /** Private keys found next to the certificates (PEM files, PKCS#12), to check they match. */
  keys: KeyObject[];
  /** Things in the file that are not certificates or keys, said once each (a CSR, a CRL…). */
  notes: string[];
}

export interface ReadOptions {
  /** For PKCS#12 files and encrypted PEM keys. */
  passphrase?: string;
  /** How the input is named in messages; defaults to the path. */
  source?: string;
}

export async function readCertificateFile(path: string, options: ReadOptions = {}): Promise<CertificateBundle> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new DoctorError('input.unreadable', `cannot read ${path}: ${reason}`, { cause: error });
  }
  return parseCertificateData(data, { ...options, source: options.source ?? path });
}

export function parseCertificateData(data: Buffer, options: ReadOptions = {}): CertificateBundle {
  const source = options.source ?? 'the input';
  if (data.length === 0) throw unreadable(`${source} is empty`);
  const text = data.toString('latin1');
  if (text.includes('-----BEGIN ')) return readPem(text, options.passphrase, source);
  if (data[0] === TAG.SEQUENCE) return readDerContainer(data, options.passphrase, source);
  if (/^[A-Za-z0-9+/=\s]+$/.test(text) && text.trim().length >= 64) {
    // Base64 without PEM armour, as some portals hand certificates out: decode and look again.
    const decoded = Buffer.from(text.replace(/\s+/g, ''), 'base64');
    if (isDerSequence(decoded)) return readDerContainer(decoded, options.passphrase, source);
  }
  throw unreadable(`${source} is neither PEM, DER, PKCS#12 nor PKCS#7: it does not look like a certificate file`);
}

function readDerContainer(der: Buffer, passphrase: string | undefined, source: string): CertificateBundle {
  try {
    readDer(der);
  } catch {
    throw unreadable(`${source} starts like DER but is truncated or damaged (an element runs past the end of the file)`);
  }
  if (isPkcs12(der)) {
    const contents = readPkcs12(der, passphrase, source);
    if (contents.certificates.length === 0) throw unreadable(`${source} is a PKCS#12 file without any certificate`);
    return { format: 'pkcs12', certificates: contents.certificates.map((cert) => x509(cert, source, 'certificate in the PKCS#12 file')), keys: contents.keys, notes: [] };
  }
  if (isPkcs7(der)) return { format: 'pkcs7', certificates: pkcs7CertificatesOf(der, source), keys: [], notes: [] };
  if (looksLikePrivateKey(der)) throw unreadable(`${source} is a DER private key without a certificate`);
  return { format: 'der', certificates: [x509(der, source, 'DER data')], keys: [], notes: [] };
}

function readPem(text: string, passphrase: string | undefined, source: string): CertificateBundle {
  const bundle: CertificateBundle = { format: 'pem', certificates: [], keys: [], notes: [] };
  const blocks = findPemBlocks(text);
  blocks.forEach((block, index) => {
    const where = `block ${index + 1} (line ${block.range.start.line}) of ${source}`;
    if (block.damaged) throw unreadable(`${block.damaged} (${where})`);
    switch (block.label) {
      case 'CERTIFICATE':
      case 'X509 CERTIFICATE':
        bundle.certificates.push(x509(block.der, where, 'certificate'));
        break;
      case 'TRUSTED CERTIFICATE':
        // OpenSSL's trust-annotated form: the certificate followed by its trust settings.
        bundle.certificates.push(x509(readDer(block.der).bytes, where, 'certificate'));
        break;
      case 'PKCS7':
      case 'CMS':
        bundle.certificates.push(...pkcs7CertificatesOf(block.der, where));
        break;
      default:
        if (block.label.endsWith('PRIVATE KEY')) bundle.keys.push(privateKey(block, passphrase, where));
        else bundle.notes.push(noteFor(block.label, where));
    }
  });
  if (bundle.certificates.length === 0) {
    const found = blocks.length === 0 ? 'no PEM block' : `only ${[...new Set(blocks.map((b) => b.label))].join(', ')}`;
    throw unreadable(`${source} holds no certificate (${found})`);
  }
  return bundle;
}

/** The private keys of a PEM key file given on its own (to check that it matches the certificate). */
export async function readPrivateKeyFile(path: string, passphrase: string | undefined): Promise<KeyObject[]> {
  let text: string;
  try {
    text = await readFile(path, 'latin1');
  } catch (error) {
    throw unreadable(`cannot read the key file ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const blocks = findPemBlocks(text).filter((block) => block.label.endsWith('PRIVATE KEY'));
  if (blocks.length === 0) throw unreadable(`${path} holds no PEM private key`);
  return blocks.map((block, index) => {
    if (block.damaged) throw unreadable(`${block.damaged} (${path})`);
    return privateKey(block, passphrase, `key ${index + 1} of ${path}`);
  });
}

function privateKey(block: PemBlock, passphrase: string | undefined, where: string): KeyObject {
  const encrypted = block.label === 'ENCRYPTED PRIVATE KEY' || block.encryptedHeaders;
  try {
    return createPrivateKey({ key: block.text, format: 'pem', passphrase: encrypted ? passphrase ?? '' : undefined });
  } catch (error) {
    if (encrypted) {
      throw new DoctorError('credentials.bad_passphrase', passphrase === undefined
        ? `the private key in ${where} is encrypted, and no passphrase was given`
        : `the passphrase for the private key in ${where} is wrong (it could not be decrypted)`, { cause: error });
    }
    throw unreadable(`the private key in ${where} cannot be read: ${(error as Error).message}`);
  }
}

function pkcs7CertificatesOf(der: Buffer, source: string): X509Certificate[] {
  const certificates = pkcs7Certificates(der, source);
  if (certificates.length === 0) throw unreadable(`${source} is a PKCS#7 bundle without any certificate`);
  return certificates.map((cert) => x509(cert, source, 'certificate in the PKCS#7 bundle'));
}

function x509(der: Buffer, source: string, what: string): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch (error) {
    throw unreadable(`the ${what} in ${source} is not a readable X.509 certificate (${(error as Error).message})`);
  }
}

/** PrivateKeyInfo and RSAPrivateKey both start with a small INTEGER version; a Certificate starts with a SEQUENCE. */
function looksLikePrivateKey(der: Buffer): boolean {
  try {
    const first = childrenOf(readDer(der))[0];
    return first?.tag === TAG.INTEGER && first.contents.length === 1 && first.contents[0] <= 1;
  } catch {
    return false;
  }
}

function noteFor(label: string, where: string): string {
  if (label.includes('CERTIFICATE REQUEST')) return `${where} is a certificate signing request (CSR), not a certificate: it is ignored`;
  if (label === 'X509 CRL') return `${where} is a certificate revocation list: it is ignored`;
  if (label === 'PUBLIC KEY') return `${where} is a bare public key: it is ignored`;
  return `${where} is a "${label}" block: it is ignored`;
}

function unreadable(message: string): DoctorError {
  return new DoctorError('input.unreadable', message);
}
