import { DoctorError } from '../errors';
import { childrenOf, contextTag, decodeOid, readDer, TAG } from './der';

const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';

/** True when `der` is a CMS/PKCS#7 ContentInfo, the container of .p7b/.p7c certificate bundles. */
export function isPkcs7(der: Buffer): boolean {
  try {
    const [contentType] = childrenOf(readDer(der));
    return contentType?.tag === TAG.OID && decodeOid(contentType).startsWith('1.2.840.113549.1.7.');
  } catch {
    return false;
  }
}

/**
 * The certificates of a PKCS#7 SignedData (RFC 5652 §5.1): `certificates [0] IMPLICIT SET OF`.
 * A "certs-only" .p7b is exactly this with no signers. Order is kept as stored.
 */
export function pkcs7Certificates(der: Buffer, source: string): Buffer[] {
  const [contentType, explicitContent] = childrenOf(readDer(der));
  const type = decodeOid(contentType);
  if (type !== SIGNED_DATA_OID) throw new DoctorError('input.unreadable', `${source} is a PKCS#7 file of type ${type}, not a certificate bundle (SignedData)`);
  if (!explicitContent) throw new DoctorError('input.unreadable', `${source} is an empty PKCS#7 file`);
  const signedData = childrenOf(explicitContent)[0];
  const certificates = childrenOf(signedData).find((field) => field.tag === contextTag(0));
  return certificates ? childrenOf(certificates).filter((cert) => cert.tag === TAG.SEQUENCE).map((cert) => cert.bytes) : [];
}
