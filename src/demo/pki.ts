import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * A tiny certificate authority for the demo gateway and the tests: every certificate the
 * project's tests and demo use is made here at run time, never checked in. Keys come from
 * Node's native generator (node-forge's pure-JS RSA takes seconds per key); node-forge builds
 * and signs the certificates and writes PKCS#12.
 */
export interface Issued {
  certPem: string;
  keyPem: string;
  /** The forge objects, so this certificate can sign others. */
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
}

export interface CertificateOptions {
  commonName: string;
  /** DNS names and IP addresses; IPs are recognised and written as IP SANs. */
  altNames?: string[];
  /** Defaults to one day ago. */
  notBefore?: Date;
  /** Defaults to 365 days from now. */
  notAfter?: Date;
  isCA?: boolean;
  /** Purpose of a leaf: `server` (default) or `client`. */
  usage?: 'server' | 'client';
  keyBits?: number;
  /** `sha256` (default) or `sha1` for weak-signature cases. */
  digest?: 'sha256' | 'sha1';
  organization?: string;
}

const DAY_MS = 86_400_000;

export function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * DAY_MS);
}

/** A self-signed certificate: a root CA when `isCA`, otherwise a self-signed leaf. */
export function selfSigned(options: CertificateOptions): Issued {
  const key = newRsaKey(options.keyBits);
  return build(options, key, undefined);
}

/** A certificate signed by `issuer`. */
export function issue(issuer: Issued, options: CertificateOptions): Issued {
  const key = newRsaKey(options.keyBits);
  return build(options, key, issuer);
}

/** PKCS#12 bundle of a certificate, its key and optional chain, as node-forge writes it (3DES, like legacy `openssl pkcs12`). */
export function toPkcs12(leaf: Issued, passphrase: string, chain: Issued[] = []): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(leaf.key, [leaf.cert, ...chain.map((c) => c.cert)], passphrase, {
    algorithm: '3des',
    friendlyName: leaf.cert.subject.getField('CN')?.value as string | undefined,
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** A ready-made hierarchy: root CA -> intermediate CA, the usual shape of a public gateway's chain. */
export interface TestAuthority {
  root: Issued;
  intermediate: Issued;
}

export function createAuthority(name = 'Invoice Doctor Test'): TestAuthority {
  const root = selfSigned({ commonName: `${name} Root CA`, isCA: true, notAfter: daysFromNow(3650) });
  const intermediate = issue(root, { commonName: `${name} Intermediate CA`, isCA: true, notAfter: daysFromNow(1825) });
  return { root, intermediate };
}

function newRsaKey(bits = 2048): forge.pki.rsa.PrivateKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
}

function build(options: CertificateOptions, key: forge.pki.rsa.PrivateKey, issuer: Issued | undefined): Issued {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // Positive, 16 random bytes: unique serials so clients never confuse two test certificates.
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = options.notBefore ?? daysFromNow(-1);
  cert.validity.notAfter = options.notAfter ?? daysFromNow(365);
  const subject = [{ name: 'commonName', value: options.commonName }];
  if (options.organization) subject.push({ name: 'organizationName', value: options.organization });
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);

  const extensions: object[] = [
    { name: 'basicConstraints', cA: options.isCA === true, critical: options.isCA === true },
    { name: 'subjectKeyIdentifier' },
  ];
  if (issuer) extensions.push({ name: 'authorityKeyIdentifier', keyIdentifier: issuer.cert.generateSubjectKeyIdentifier().getBytes() });
  if (options.isCA) {
    extensions.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true });
  } else {
    extensions.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true });
    extensions.push(options.usage === 'client' ? { name: 'extKeyUsage', clientAuth: true } : { name: 'extKeyUsage', serverAuth: true });
  }
  if (options.altNames?.length) {
    extensions.push({
      name: 'subjectAltName',
      altNames: options.altNames.map((n) => (isIpAddress(n) ? { type: 7, ip: n } : { type: 2, value: n })),
    });
  }
  cert.setExtensions(extensions);
  const digest = options.digest === 'sha1' ? forge.md.sha1.create() : forge.md.sha256.create();
  cert.sign(issuer ? issuer.key : key, digest);
  return { cert, key, certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(key) };
}

function isIpAddress(name: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}
