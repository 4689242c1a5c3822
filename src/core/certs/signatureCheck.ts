import { verify, type X509Certificate } from 'node:crypto';
import { childrenOf, decodeOid, type DerNode } from './der';

/**
 * Verifies the signature of a signed structure (OCSP response, CRL) whose parts were read with
 * der.ts: the exact signed bytes, the AlgorithmIdentifier and the BIT STRING.
 */
const DIGESTS: Record<string, string | null> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  // EdDSA hashes internally: Node wants `null` as the digest.
  '1.3.101.112': null,
  '1.3.101.113': null,
};

/** true / false for a verdict; undefined when the algorithm (RSA-PSS, SM2…) is not one this checks. */
export function verifySignedBytes(signed: DerNode, algorithm: DerNode, signature: DerNode, signer: X509Certificate): boolean | undefined {
  const oid = decodeOid(childrenOf(algorithm)[0]);
  if (!(oid in DIGESTS)) return undefined;
  try {
    return verify(DIGESTS[oid], signed.bytes, signer.publicKey, signature.contents.subarray(1));
  } catch {
    return false;
  }
}
