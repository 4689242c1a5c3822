import { DoctorError } from '../errors';

/**
 * A minimal DER reader over a Buffer. Unlike a decode-and-re-encode library it keeps the exact
 * bytes of every element, which signatures (OCSP, CRL) and hashes (OCSP CertID) are computed over.
 */
export interface DerNode {
  /** Full identifier octet, e.g. 0x30 for SEQUENCE, 0xa0 for [0] constructed. */
  tag: number;
  /** The whole element: identifier, length and contents. */
  bytes: Buffer;
  /** The contents octets only. */
  contents: Buffer;
}

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
} as const;

/** Context-specific tag [n], constructed (EXPLICIT or IMPLICIT SEQUENCE) unless `primitive`. */
export function contextTag(n: number, primitive = false): number {
  return (primitive ? 0x80 : 0xa0) | n;
}

/** Reads the one element at the start of `data`; throws input.unreadable on truncation. */
export function readDer(data: Buffer, offset = 0): DerNode {
  if (offset + 2 > data.length) throw truncated();
  const tag = data[offset];
  if ((tag & 0x1f) === 0x1f) throw new DoctorError('input.unreadable', 'unsupported multi-byte DER tag');
  let length = data[offset + 1];
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || offset + 2 + count > data.length) throw truncated();
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + data[offset + 2 + i];
    header += count;
  }
  const end = offset + header + length;
  if (end > data.length) throw truncated();
  return { tag, bytes: data.subarray(offset, end), contents: data.subarray(offset + header, end) };
}

/** The elements inside a constructed node. */
export function childrenOf(node: DerNode): DerNode[] {
  const children: DerNode[] = [];
  let offset = 0;
  while (offset < node.contents.length) {
    const child = readDer(node.contents, offset);
    children.push(child);
    offset += child.bytes.length;
  }
  return children;
}

/** True when `data` is exactly one DER SEQUENCE, the shape of a certificate, PKCS#12, PKCS#7 or CRL. */
export function isDerSequence(data: Buffer): boolean {
  try {
    return data[0] === TAG.SEQUENCE && readDer(data).bytes.length === data.length;
  } catch {
    return false;
  }
}

export function decodeOid(node: DerNode): string {
  const bytes = node.contents;
  if (bytes.length === 0) return '';
  const parts = [Math.floor(bytes[0] / 40), bytes[0] % 40];
  let value = 0;
  for (let i = 1; i < bytes.length; i++) {
    value = value * 128 + (bytes[i] & 0x7f);
    if ((bytes[i] & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** Upper-case hex of an INTEGER without leading zero octets, the way Node and OpenSSL print serials. */
export function integerHex(node: DerNode): string {
  return normalizeSerial(node.contents.toString('hex'));
}

export function normalizeSerial(hex: string): string {
  return hex.replace(/:/g, '').replace(/^(00)+(?=.)/, '').toUpperCase();
}

/** UTCTime or GeneralizedTime to a Date. */
export function decodeTime(node: DerNode): Date {
  const text = node.contents.toString('latin1');
  const match = node.tag === TAG.UTC_TIME
    ? text.match(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/)
    : text.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/);
  if (!match) throw new DoctorError('input.unreadable', `unreadable ASN.1 time "${text}"`);
  let year = Number(match[1]);
  // RFC 5280: two-digit years 50-99 are 19xx, 00-49 are 20xx.
  if (node.tag === TAG.UTC_TIME) year += year >= 50 ? 1900 : 2000;
  return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6] ?? 0)));
}

/** Encodes one element from its tag and contents (definite length, as DER requires). */
export function derElement(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  const length = body.length;
  let header: number[];
  if (length < 0x80) header = [tag, length];
  else if (length < 0x100) header = [tag, 0x81, length];
  else if (length < 0x10000) header = [tag, 0x82, length >> 8, length & 0xff];
  else header = [tag, 0x83, length >> 16, (length >> 8) & 0xff, length & 0xff];
  return Buffer.concat([Buffer.from(header), body]);
}

export function encodeOid(oid: string): Buffer {
  const [first, second, ...rest] = oid.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const value of rest) {
    const groups = [value & 0x7f];
    for (let remaining = Math.floor(value / 128); remaining > 0; remaining = Math.floor(remaining / 128)) groups.unshift((remaining & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return derElement(TAG.OID, Buffer.from(bytes));
}

/** The child with a given tag, if any. */
export function findChild(node: DerNode, tag: number): DerNode | undefined {
  return childrenOf(node).find((child) => child.tag === tag);
}

function truncated(): DoctorError {
  return new DoctorError('input.unreadable', 'the data is truncated or not DER (an element runs past the end)');
}
