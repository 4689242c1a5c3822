import type { X509Certificate } from 'node:crypto';
import { DoctorError } from '../errors';
import { childrenOf, decodeOid, decodeTime, integerHex, normalizeSerial, readDer, TAG, type DerNode } from './der';
import { CRL_REASONS } from './ocsp';
import { findPemBlocks } from './pemBlocks';
import { verifySignedBytes } from './signatureCheck';

/** A certificate revocation list (RFC 5280 §5), read far enough to look one serial up. */
export interface CrlLookup {
  thisUpdate: Date;
  nextUpdate: Date | null;
  revokedAt: Date | null;
  reason: string | null;
  entries: number;
  signatureVerified: boolean | null;
}

const REASON_CODE_OID = '2.5.29.21';

/** Looks `serial` (hex, as X509Certificate#serialNumber) up in a DER or PEM CRL issued by `issuer`. */
export function lookUpInCrl(data: Buffer, serial: string, issuer: X509Certificate): CrlLookup {
  const der = data[0] === TAG.SEQUENCE ? data : findPemBlocks(data.toString('latin1')).find((block) => block.label === 'X509 CRL')?.der;
  if (!der || der.length === 0) throw new DoctorError('input.unreadable', 'the CRL is neither DER nor a PEM "X509 CRL" block');
  const [tbs, algorithm, signature] = childrenOf(readDer(der));
  const fields = childrenOf(tbs);
  const at = fields[0]?.tag === TAG.INTEGER ? 1 : 0;
  const thisUpdate = decodeTime(fields[at + 2]);
  const maybeNext = fields[at + 3];
  const hasNext = maybeNext !== undefined && (maybeNext.tag === TAG.UTC_TIME || maybeNext.tag === TAG.GENERALIZED_TIME);
  const revokedList = fields[at + (hasNext ? 4 : 3)];
  const entries = revokedList?.tag === TAG.SEQUENCE ? childrenOf(revokedList) : [];
  const wanted = normalizeSerial(serial);
  const entry = entries.map((node) => childrenOf(node)).find(([number]) => integerHex(number) === wanted);
  return {
    thisUpdate,
    nextUpdate: hasNext ? decodeTime(maybeNext) : null,
    revokedAt: entry ? decodeTime(entry[1]) : null,
    reason: entry?.[2] ? reasonOf(entry[2]) : null,
    entries: entries.length,
    signatureVerified: verifySignedBytes(tbs, algorithm, signature, issuer) ?? null,
  };
}

function reasonOf(extensions: DerNode): string | null {
  for (const extension of childrenOf(extensions)) {
    const parts = childrenOf(extension);
    if (decodeOid(parts[0]) !== REASON_CODE_OID) continue;
    const value = readDer(parts[parts.length - 1].contents);
    return CRL_REASONS[value.contents[0]] ?? null;
  }
  return null;
}
