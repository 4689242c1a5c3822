import { createHash, X509Certificate } from 'node:crypto';
import { DoctorError } from '../errors';
import { issuedBy } from './chainBuilder';
import { describeCertificateDetails } from './certificateDetails';
import { certificateStructure } from './certificateStructure';
import { childrenOf, contextTag, decodeOid, decodeTime, derElement, encodeOid, readDer, TAG, type DerNode } from './der';
import { verifySignedBytes } from './signatureCheck';

/**
 * OCSP (RFC 6960) in TypeScript: the request for one certificate, and the reading of the
 * responder's answer, including its signature (by the issuer or by a responder certificate
 * the issuer delegated OCSPSigning to).
 */
export interface OcspAnswer {
  status: 'good' | 'revoked' | 'unknown';
  thisUpdate: Date;
  nextUpdate: Date | null;
  producedAt: Date;
  revokedAt: Date | null;
  reason: string | null;
  /** true verified, false failed, null when the algorithm could not be checked. */
  signatureVerified: boolean | null;
}

const SHA1_OID = '1.3.14.3.2.26';
const BASIC_RESPONSE_OID = '1.3.6.1.5.5.7.48.1.1';
const RESPONSE_STATUS = ['successful', 'malformedRequest', 'internalError', 'tryLater', '(unused)', 'sigRequired', 'unauthorized'];

export const CRL_REASONS = ['unspecified', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'certificateHold', '(unused)', 'removeFromCRL', 'privilegeWithdrawn', 'aACompromise'];

/** CertID with SHA-1 hashes, the form every responder understands. */
export function ocspCertId(cert: X509Certificate, issuer: X509Certificate): Buffer {
  const subject = certificateStructure(cert.raw);
  const issuing = certificateStructure(issuer.raw);
  const sha1 = (data: Buffer) => createHash('sha1').update(data).digest();
  return derElement(TAG.SEQUENCE,
    derElement(TAG.SEQUENCE, encodeOid(SHA1_OID), derElement(TAG.NULL)),
    derElement(TAG.OCTET_STRING, sha1(subject.issuerName.bytes)),
    derElement(TAG.OCTET_STRING, sha1(issuing.publicKeyBits)),
    subject.serial.bytes);
}

/** OCSPRequest { tbsRequest { requestList { Request { reqCert } } } }, unsigned and without a nonce, as browsers send it. */
export function buildOcspRequest(certId: Buffer): Buffer {
  return derElement(TAG.SEQUENCE, derElement(TAG.SEQUENCE, derElement(TAG.SEQUENCE, derElement(TAG.SEQUENCE, certId))));
}

export function parseOcspResponse(der: Buffer, certId: Buffer, issuer: X509Certificate): OcspAnswer {
  const [statusNode, responseBytes] = childrenOf(readDer(der));
  const status = statusNode?.tag === TAG.ENUMERATED ? statusNode.contents[0] : -1;
  if (status !== 0) throw new DoctorError('input.unreadable', `the OCSP responder answered "${RESPONSE_STATUS[status] ?? `status ${status}`}"`);
  const [type, octets] = childrenOf(childrenOf(responseBytes)[0]);
  if (decodeOid(type) !== BASIC_RESPONSE_OID) throw new DoctorError('input.unreadable', `unsupported OCSP response type ${decodeOid(type)}`);
  const [tbs, algorithm, signature, certsWrapper] = childrenOf(readDer(octets.contents));
  const fields = childrenOf(tbs);
  const at = fields[0]?.tag === contextTag(0) ? 1 : 0;
  const producedAt = decodeTime(fields[at + 1]);
  const single = childrenOf(fields[at + 2]).find((response) => childrenOf(response)[0].bytes.equals(certId));
  if (!single) throw new DoctorError('input.unreadable', 'the OCSP answer is about another certificate (no CertID matches the request)');
  const [, certStatus, thisUpdate, ...rest] = childrenOf(single);
  const nextUpdate = rest.find((node) => node.tag === contextTag(0));
  const revoked = certStatus.tag === contextTag(1) ? childrenOf(certStatus) : undefined;
  const reasonNode = revoked?.find((node) => node.tag === contextTag(0));
  return {
    status: certStatus.tag === contextTag(0, true) ? 'good' : revoked ? 'revoked' : 'unknown',
    thisUpdate: decodeTime(thisUpdate),
    nextUpdate: nextUpdate ? decodeTime(childrenOf(nextUpdate)[0]) : null,
    producedAt,
    revokedAt: revoked ? decodeTime(revoked[0]) : null,
    reason: reasonNode ? CRL_REASONS[childrenOf(reasonNode)[0].contents[0]] ?? null : null,
    signatureVerified: verifyResponse(tbs, algorithm, signature, certsWrapper, issuer),
  };
}

/** Signed by the issuer itself, or by a certificate the issuer issued for OCSPSigning. */
function verifyResponse(tbs: DerNode, algorithm: DerNode, signature: DerNode, certsWrapper: DerNode | undefined, issuer: X509Certificate): boolean | null {
  const delegated = certsWrapper ? childrenOf(childrenOf(certsWrapper)[0]).map((node) => new X509Certificate(node.bytes)) : [];
  const signers = [issuer, ...delegated.filter((cert) => issuedBy(cert, issuer).issued && describeCertificateDetails(cert).extendedKeyUsage.includes('OCSPSigning'))];
  let unknownAlgorithm = false;
  for (const signer of signers) {
    const verdict = verifySignedBytes(tbs, algorithm, signature, signer);
    if (verdict === true) return true;
    if (verdict === undefined) unknownAlgorithm = true;
  }
  return unknownAlgorithm ? null : false;
}
