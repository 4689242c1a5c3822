import { childrenOf, contextTag, decodeOid, readDer, TAG, type DerNode } from './der';

/**
 * The parts of an X.509 certificate (RFC 5280 §4.1) that Node's X509Certificate does not expose
 * as bytes: the exact issuer and subject Names (OCSP CertID, CertificateRequest CA names),
 * the public key algorithm (SM2 shows only here) and the raw extensions.
 */
export interface CertificateStructure {
  tbs: DerNode;
  issuerName: DerNode;
  subjectName: DerNode;
  serial: DerNode;
  /** SubjectPublicKeyInfo algorithm OID and its parameter OID (the named curve for EC keys). */
  publicKeyAlgorithm: string;
  publicKeyParameter: string | null;
  /** The BIT STRING contents of subjectPublicKey without the unused-bits octet (OCSP issuerKeyHash). */
  publicKeyBits: Buffer;
  signatureAlgorithm: string;
  extensions: Map<string, { critical: boolean; value: DerNode }>;
}

export function certificateStructure(der: Buffer): CertificateStructure {
  const [tbs, signatureAlgorithm] = childrenOf(readDer(der));
  const fields = childrenOf(tbs);
  // version [0] is optional (absent in v1 certificates), so fields are counted after it.
  const at = fields[0]?.tag === contextTag(0) ? 1 : 0;
  const serial = fields[at];
  const issuerName = fields[at + 2];
  const subjectName = fields[at + 4];
  const [algorithm, subjectPublicKey] = childrenOf(fields[at + 5]);
  const [algorithmOid, parameter] = childrenOf(algorithm);
  return {
    tbs,
    serial,
    issuerName,
    subjectName,
    publicKeyAlgorithm: decodeOid(algorithmOid),
    publicKeyParameter: parameter?.tag === TAG.OID ? decodeOid(parameter) : null,
    publicKeyBits: subjectPublicKey.contents.subarray(1),
    signatureAlgorithm: decodeOid(childrenOf(signatureAlgorithm)[0]),
    extensions: readExtensions(fields.find((field) => field.tag === contextTag(3))),
  };
}

function readExtensions(wrapper: DerNode | undefined): CertificateStructure['extensions'] {
  const extensions: CertificateStructure['extensions'] = new Map();
  if (!wrapper) return extensions;
  for (const extension of childrenOf(childrenOf(wrapper)[0])) {
    const parts = childrenOf(extension);
    const critical = parts.length === 3 && parts[1].tag === 0x01 && parts[1].contents[0] !== 0;
    const octets = parts[parts.length - 1];
    extensions.set(decodeOid(parts[0]), { critical, value: readDer(octets.contents) });
  }
  return extensions;
}

// Short names as OpenSSL prints them, so names read the same as in `openssl x509 -text`.
const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN', '2.5.4.4': 'SN', '2.5.4.5': 'serialNumber', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST',
  '2.5.4.9': 'street', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.12': 'title', '2.5.4.42': 'GN', '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.25': 'DC', '0.9.2342.19200300.100.1.1': 'UID', '1.2.840.113549.1.9.1': 'emailAddress',
};

/** A DER Name as `CN=a, O=b` in encoded order (the order Node's X509Certificate#subject uses). */
export function formatName(name: DerNode): string {
  return childrenOf(name)
    .flatMap((rdn) => childrenOf(rdn))
    .map((attribute) => {
      const [type, value] = childrenOf(attribute);
      const oid = decodeOid(type);
      // BMPString is UTF-16BE; every other string type used in Names is UTF-8 compatible.
      const text = value.tag === 0x1e ? Buffer.from(value.contents).swap16().toString('utf16le') : value.contents.toString('utf8');
      return `${ATTRIBUTE_NAMES[oid] ?? oid}=${text}`;
    })
    .join(', ');
}
