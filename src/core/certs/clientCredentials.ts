import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { createSecureContext } from 'node:tls';
import type * as Forge from 'node-forge';
import { forge } from '../lazyLibraries';
import { DoctorError } from '../errors';
import type { EndpointTlsOptions } from '../endpoint/endpointConfig';

/**
 * Client certificates for mutual TLS, loaded from PEM (`cert` + `key`) or PKCS#12 (`pfx`).
 * PKCS#12 is read with node-forge first because Node's OpenSSL 3 refuses the legacy RC2/3DES
 * files many gateways still hand out; files forge cannot read (e.g. EC keys) go to Node as they are.
 */
export type ClientTlsOptions = { cert: string; key: string } | { pfx: Buffer; passphrase?: string };

export interface ClientCredentials {
  /** Ready to spread into `tls.connect()` options. */
  tls: ClientTlsOptions;
  /** Which file(s) the credentials came from, for messages. */
  source: string;
  /** Subject of the client certificate, when it could be read. */
  subject: string | null;
}

/** Returns undefined when the endpoint has no client certificate; throws DoctorError `credentials.*` otherwise. */
export async function loadClientCredentials(tls: EndpointTlsOptions | undefined, baseDir?: string): Promise<ClientCredentials | undefined> {
  if (tls?.pfx) return loadPkcs12(tls.pfx, tls.passphrase ?? '', baseDir);
  if (tls?.cert && tls.key) return loadPem(tls.cert, tls.key, tls.passphrase ?? undefined, baseDir);
  return undefined;
}

/** Resolves a configured path against the workspace or config folder. */
export function resolveConfigPath(path: string, baseDir?: string): string {
  return isAbsolute(path) || !baseDir ? path : resolve(baseDir, path);
}

/** Reads a credential file; a missing or unreadable file is `credentials.unreadable` naming the path as configured. */
export async function readCredentialFile(path: string, field: string, baseDir?: string): Promise<Buffer> {
  try {
    return await readFile(resolveConfigPath(path, baseDir));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new DoctorError('credentials.unreadable', `cannot read tls.${field} "${path}": ${reason}`, { cause: error });
  }
}

async function loadPkcs12(path: string, passphrase: string, baseDir?: string): Promise<ClientCredentials> {
  const data = await readCredentialFile(path, 'pfx', baseDir);
  let p12: Forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(data.toString('binary'))), passphrase);
  } catch (error) {
    if (/MAC could not be verified|Invalid password/i.test((error as Error).message)) throw badPassphrase(path);
    return nativePkcs12(path, data, passphrase, error);
  }
  const keyBag = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ].find((bag) => bag.key);
  const certificates = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .map((bag) => bag.cert)
    .filter((cert): cert is Forge.pki.Certificate => cert !== undefined && cert !== null);
  if (!keyBag?.key) {
    // forge leaves `key` empty for key types it cannot decode (EC); Node may still manage.
    return nativePkcs12(path, data, passphrase, new Error('no RSA private key found'));
  }
  if (certificates.length === 0) throw new DoctorError('credentials.invalid', `tls.pfx "${path}" holds no certificate`);
  const keyPem = forge.pki.privateKeyToPem(keyBag.key);
  const leafFirst = orderLeafFirst(certificates.map((cert) => forge.pki.certificateToPem(cert)), keyPem);
  return { tls: { cert: leafFirst.join(''), key: keyPem }, source: path, subject: subjectOf(leafFirst[0]) };
}

function nativePkcs12(path: string, data: Buffer, passphrase: string, forgeError: unknown): ClientCredentials {
  try {
    createSecureContext({ pfx: data, passphrase });
  } catch (error) {
    if (/mac verify failure|bad decrypt|invalid password/i.test((error as Error).message)) throw badPassphrase(path);
    throw new DoctorError('credentials.invalid', `tls.pfx "${path}" is not a readable PKCS#12 file: ${(forgeError as Error).message}`, { cause: error });
  }
  return { tls: { pfx: data, passphrase }, source: path, subject: null };
}

async function loadPem(certPath: string, keyPath: string, passphrase: string | undefined, baseDir?: string): Promise<ClientCredentials> {
  const [certData, keyData] = await Promise.all([readCredentialFile(certPath, 'cert', baseDir), readCredentialFile(keyPath, 'key', baseDir)]);
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(certData);
  } catch (error) {
    throw new DoctorError('credentials.invalid', `tls.cert "${certPath}" is not a PEM or DER certificate`, { cause: error });
  }
  let key;
  try {
    key = createPrivateKey({ key: keyData, passphrase });
  } catch (error) {
    const message = (error as Error).message;
    if (/bad decrypt|passphrase|interrupted or cancelled/i.test(message)) {
      throw new DoctorError('credentials.bad_passphrase', passphrase
        ? `the passphrase for ${keyPath} is wrong (the key could not be decrypted)`
        : `the key ${keyPath} is encrypted: set tls.passphrase`, { cause: error });
    }
    throw new DoctorError('credentials.invalid', `tls.key "${keyPath}" is not a readable private key: ${message}`, { cause: error });
  }
  if (!leaf.checkPrivateKey(key)) {
    throw new DoctorError('credentials.invalid', `the key ${keyPath} does not belong to the certificate ${certPath}`);
  }
  return {
    tls: { cert: certData.toString('utf8'), key: key.export({ type: 'pkcs8', format: 'pem' }).toString() },
    source: `${certPath} + ${keyPath}`,
    subject: leaf.subject.split('\n').join(', '),
  };
}

function badPassphrase(path: string): DoctorError {
  return new DoctorError('credentials.bad_passphrase', `the passphrase for ${path} is wrong (PKCS#12 MAC check failed)`);
}

/** PKCS#12 files do not promise an order; TLS wants the certificate matching the key first. */
function orderLeafFirst(certPems: string[], keyPem: string): string[] {
  const key = createPrivateKey(keyPem);
  const leafIndex = certPems.findIndex((pem) => new X509Certificate(pem).checkPrivateKey(key));
  if (leafIndex <= 0) return certPems;
  return [certPems[leafIndex], ...certPems.filter((_, index) => index !== leafIndex)];
}

function subjectOf(certPem: string): string {
  return new X509Certificate(certPem).subject.split('\n').join(', ');
}
