import { createHash, type X509Certificate } from 'node:crypto';
import { describeCertificate, type CertificateInfo } from './certificateInfo';
import { certificateStructure, type CertificateStructure } from './certificateStructure';
import { childrenOf, contextTag, decodeOid, TAG } from './der';

/**
 * Everything the certificate inspector shows about one certificate: the contract's
 * CertificateInfo (CONTRACT.md §3) plus the extensions people look up when a chain fails.
 */
export interface CertificateDetails extends CertificateInfo {
  /** SHA-1 fingerprint in the same colon-separated form as `sha256`. */
  sha1: string;
  basicConstraints: { ca: boolean; pathLength: number | null } | null;
  /** Key usage bits by their RFC 5280 names, e.g. `digitalSignature`. */
  keyUsage: string[];
  /** Extended key usages by name (`serverAuth`) or OID when unknown. */
  extendedKeyUsage: string[];
  /** Authority Information Access "CA Issuers" URLs: where the issuer certificate can be downloaded. */
  caIssuers: string[];
  /** True for SM2 (GB/T 32918) keys, which many tools, Node included, cannot verify. */
  sm2: boolean;
}

const SM2_CURVE_OID = '1.2.156.10197.1.301';
const EC_PUBLIC_KEY_OID = '1.2.840.10045.2.1';
const OID = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  caIssuers: '1.3.6.1.5.5.7.48.2',
};

const KEY_USAGE_BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];

const EXTENDED_KEY_USAGES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
};

export function describeCertificateDetails(x509: X509Certificate, now: Date = new Date()): CertificateDetails {
  const structure = certificateStructure(x509.raw);
  const info = describeCertificate(x509, now);
  const sm2 = isSm2Key(structure);
  return {
    ...info,
    // Node cannot load SM2 keys, so size and self-signature come from the structure instead.
    ...(sm2 ? { keyType: 'SM2', keyBits: 256, selfSigned: structure.issuerName.bytes.equals(structure.subjectName.bytes) } : {}),
    sha1: x509.fingerprint,
    basicConstraints: basicConstraints(structure),
    keyUsage: keyUsage(structure),
    extendedKeyUsage: extendedKeyUsage(structure),
    caIssuers: caIssuers(structure),
    sm2,
  };
}

export function isSm2Key(structure: CertificateStructure): boolean {
  return structure.publicKeyAlgorithm === SM2_CURVE_OID || (structure.publicKeyAlgorithm === EC_PUBLIC_KEY_OID && structure.publicKeyParameter === SM2_CURVE_OID);
}

/** Colon-separated upper-case hex, the form of Node's fingerprints and `openssl x509 -fingerprint`. */
export function colonHex(bytes: Buffer): string {
  return bytes.toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:');
}

export function sha256Fingerprint(der: Buffer): string {
  return colonHex(createHash('sha256').update(der).digest());
}

function basicConstraints(structure: CertificateStructure): CertificateDetails['basicConstraints'] {
  const extension = structure.extensions.get(OID.basicConstraints);
  if (!extension) return null;
  const parts = childrenOf(extension.value);
  const ca = parts[0]?.tag === 0x01 && parts[0].contents[0] !== 0;
  const length = parts.find((part) => part.tag === TAG.INTEGER);
  return { ca, pathLength: length ? length.contents.readUIntBE(0, Math.min(length.contents.length, 6)) : null };
}

function keyUsage(structure: CertificateStructure): string[] {
  const extension = structure.extensions.get(OID.keyUsage);
  if (!extension) return [];
  const bits = extension.value.contents.subarray(1);
  return KEY_USAGE_BITS.filter((_, index) => (bits[index >> 3] ?? 0) & (0x80 >> (index & 7)));
}

function extendedKeyUsage(structure: CertificateStructure): string[] {
  const extension = structure.extensions.get(OID.extKeyUsage);
  if (!extension) return [];
  return childrenOf(extension.value).map((oid) => EXTENDED_KEY_USAGES[decodeOid(oid)] ?? decodeOid(oid));
}

function caIssuers(structure: CertificateStructure): string[] {
  const extension = structure.extensions.get(OID.authorityInfoAccess);
  if (!extension) return [];
  return childrenOf(extension.value)
    .map((description) => childrenOf(description))
    .filter(([method, location]) => decodeOid(method) === OID.caIssuers && location?.tag === contextTag(6, true))
    .map(([, location]) => location.contents.toString('latin1'));
}
