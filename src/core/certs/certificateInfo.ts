import type { X509Certificate } from 'node:crypto';
import type * as Forge from 'node-forge';
import { forge } from '../lazyLibraries';

/** One certificate as CONTRACT.md §3 shows it in a chain (`cert --json`, probe TLS detail). */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** Whole days until notAfter; negative once expired. */
  daysLeft: number;
  subjectAltNames: string[];
  keyType: string;
  keyBits: number | null;
  signatureAlgorithm: string;
  /** SHA-256 fingerprint, colon-separated upper-case hex as `openssl x509 -fingerprint -sha256` prints it. */
  sha256: string;
  isCA: boolean;
  selfSigned: boolean;
  ocsp: string[];
  crl: string[];
}

const DAY_MS = 86_400_000;

// Node's X509Certificate gives no signature algorithm, so it is read from the DER.
const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
  '1.2.156.10197.1.501': 'SM2-with-SM3',
};

const CURVE_BITS: Record<string, number> = {
  prime256v1: 256, 'P-256': 256, secp256k1: 256, secp384r1: 384, 'P-384': 384, secp521r1: 521, 'P-521': 521, SM2: 256,
};

const CRL_DISTRIBUTION_POINTS_OID = '2.5.29.31';

export function describeCertificate(x509: X509Certificate, now: Date = new Date()): CertificateInfo {
  const notAfter = new Date(x509.validTo);
  const der = parseDer(x509.raw);
  const { keyType, keyBits } = describeKey(x509);
  return {
    subject: distinguishedName(x509.subject),
    issuer: distinguishedName(x509.issuer),
    serialNumber: x509.serialNumber,
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: notAfter.toISOString(),
    daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS),
    subjectAltNames: subjectAltNames(x509.subjectAltName),
    keyType,
    keyBits,
    signatureAlgorithm: der ? signatureAlgorithm(der) : 'unknown',
    sha256: x509.fingerprint256,
    isCA: x509.ca,
    selfSigned: isSelfSigned(x509),
    ocsp: accessUris(x509.infoAccess, 'OCSP'),
    crl: der ? crlUris(der) : [],
  };
}

/** True when the signature algorithm is one browsers and gateways no longer accept (MD5, SHA-1). */
export function isWeakSignature(info: CertificateInfo): boolean {
  return /md5|sha1(?!\d)/i.test(info.signatureAlgorithm);
}

/** True for RSA keys under 2048 bits and elliptic-curve keys under 256 bits. */
export function isWeakKey(info: CertificateInfo): boolean {
  if (info.keyBits === null) return false;
  if (info.keyType === 'RSA' || info.keyType === 'RSA-PSS' || info.keyType === 'DSA') return info.keyBits < 2048;
  if (info.keyType === 'EC') return info.keyBits < 256;
  return false;
}

/** `CN=a\nO=b` (Node's form) -> `CN=a, O=b`. */
function distinguishedName(text: string): string {
  return text.split('\n').filter((part) => part !== '').join(', ');
}

/** `DNS:a, DNS:b, IP Address:127.0.0.1` -> `['DNS:a', 'DNS:b', 'IP:127.0.0.1']`; commas inside quoted values survive. */
function subjectAltNames(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/, (?=[A-Za-z][A-Za-z ]*:)/)
    .map((entry) => entry.replace(/^IP Address:/, 'IP:').replace(/^(\w+):"(.*)"$/, '$1:$2'));
}

function describeKey(x509: X509Certificate): { keyType: string; keyBits: number | null } {
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa': return { keyType: 'RSA', keyBits: details.modulusLength ?? null };
    case 'rsa-pss': return { keyType: 'RSA-PSS', keyBits: details.modulusLength ?? null };
    case 'dsa': return { keyType: 'DSA', keyBits: details.modulusLength ?? null };
    case 'ec': return { keyType: 'EC', keyBits: details.namedCurve ? CURVE_BITS[details.namedCurve] ?? null : null };
    case 'ed25519': return { keyType: 'Ed25519', keyBits: 256 };
    case 'ed448': return { keyType: 'Ed448', keyBits: 456 };
    default: return { keyType: key.asymmetricKeyType?.toUpperCase() ?? 'unknown', keyBits: null };
  }
}

function isSelfSigned(x509: X509Certificate): boolean {
  // Not checkIssued(): OpenSSL also wants keyCertSign there, which self-signed server certificates lack.
  if (x509.issuer !== x509.subject) return false;
  try {
    return x509.verify(x509.publicKey);
  } catch {
    return false;
  }
}

/** Node prints Authority Information Access as lines like `OCSP - URI:http://ocsp.example`. */
function accessUris(infoAccess: string | undefined, method: string): string[] {
  if (!infoAccess) return [];
  return infoAccess
    .split('\n')
    .map((line) => line.match(/^(.+?) - URI:(.+)$/))
    .filter((match): match is RegExpMatchArray => match !== null && match[1] === method)
    .map((match) => match[2].replace(/^"(.*)"$/, '$1'));
}

function parseDer(raw: Buffer): Forge.asn1.Asn1 | undefined {
  try {
    return forge.asn1.fromDer(forge.util.createBuffer(raw.toString('binary')));
  } catch {
    return undefined;
  }
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm SEQUENCE { OID, … }, signature } */
function signatureAlgorithm(certificate: Forge.asn1.Asn1): string {
  const algorithm = children(certificate)[1];
  const oidNode = algorithm ? children(algorithm)[0] : undefined;
  if (!oidNode || typeof oidNode.value !== 'string') return 'unknown';
  const oid = forge.asn1.derToOid(oidNode.value);
  return SIGNATURE_ALGORITHMS[oid] ?? oid;
}

/** The URIs (GeneralName [6]) of the CRL distribution points extension. */
function crlUris(certificate: Forge.asn1.Asn1): string[] {
  const tbs = children(certificate)[0];
  const extensionsWrapper = tbs ? children(tbs).find((node) => node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && node.type === 3) : undefined;
  const extensions = extensionsWrapper ? children(children(extensionsWrapper)[0]) : [];
  for (const extension of extensions) {
    const [oidNode, ...rest] = children(extension);
    if (typeof oidNode?.value !== 'string' || forge.asn1.derToOid(oidNode.value) !== CRL_DISTRIBUTION_POINTS_OID) continue;
    const octets = rest[rest.length - 1];
    if (typeof octets?.value !== 'string') return [];
    return uniformResourceIdentifiers(forge.asn1.fromDer(forge.util.createBuffer(octets.value)));
  }
  return [];
}

function uniformResourceIdentifiers(node: Forge.asn1.Asn1): string[] {
  if (node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && node.type === 6 && typeof node.value === 'string') return [node.value];
  return children(node).flatMap(uniformResourceIdentifiers);
}

function children(node: Forge.asn1.Asn1): Forge.asn1.Asn1[] {
  return Array.isArray(node.value) ? node.value : [];
}
