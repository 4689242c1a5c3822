import { createPrivateKey, type KeyObject } from 'node:crypto';
import type * as Forge from 'node-forge';
import { forge } from '../lazyLibraries';
import { DoctorError } from '../errors';
import { childrenOf, readDer, TAG } from './der';

/**
 * PKCS#12 (.p12/.pfx) read with node-forge, which decrypts both the legacy files
 * (RC2-40/3DES, SHA-1 MAC) and those of OpenSSL 3's default (AES-256-CBC, PBKDF2, SHA-256 MAC);
 * Node's OpenSSL 3 refuses the legacy ones. forge only decodes RSA objects, so EC/Ed25519 keys
 * and certificates come back as ASN.1 and are handed to Node as DER.
 */
export interface Pkcs12Contents {
  certificates: Buffer[];
  keys: KeyObject[];
}

/** PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, macData OPTIONAL } */
export function isPkcs12(der: Buffer): boolean {
  try {
    const [version, authSafe] = childrenOf(readDer(der));
    return version?.tag === TAG.INTEGER && version.contents.length === 1 && version.contents[0] === 3 && authSafe?.tag === TAG.SEQUENCE;
  } catch {
    return false;
  }
}

export function readPkcs12(der: Buffer, passphrase: string | undefined, source: string): Pkcs12Contents {
  let pfx: Forge.pkcs12.Pkcs12Pfx;
  try {
    // `openssl pkcs12 -passout pass:` makes files with an empty passphrase; try that when none is given.
    pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary'))), passphrase ?? '');
  } catch (error) {
    const message = (error as Error).message;
    if (/MAC could not be verified|Invalid password|decrypt/i.test(message)) {
      throw new DoctorError('credentials.bad_passphrase', passphrase === undefined
        ? `${source} is a PKCS#12 file protected by a passphrase, and none was given`
        : `the passphrase for ${source} is wrong (the PKCS#12 integrity check failed)`, { cause: error });
    }
    throw new DoctorError('input.unreadable', `${source} looks like PKCS#12 but cannot be read: ${message}`, { cause: error });
  }
  const certBags = pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const keyBags = [
    ...(pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(pfx.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  return {
    certificates: certBags.map((bag) => (bag.cert ? asn1Der(forge.pki.certificateToAsn1(bag.cert)) : asn1Der(bag.asn1))).filter(isNonEmpty),
    keys: keyBags.map((bag) => bagKey(bag, source)).filter((key): key is KeyObject => key !== undefined),
  };
}

function bagKey(bag: Forge.pkcs12.Bag, source: string): KeyObject | undefined {
  try {
    if (bag.key) return createPrivateKey(forge.pki.privateKeyToPem(bag.key));
    const der = asn1Der(bag.asn1);
    // A PrivateKeyInfo (PKCS#8) starts with INTEGER 0; anything else is not a key we know.
    return der.length > 0 && childrenOf(readDer(der))[0]?.tag === TAG.INTEGER ? createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) : undefined;
  } catch (error) {
    throw new DoctorError('input.unreadable', `the private key in ${source} cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

function asn1Der(node: Forge.asn1.Asn1 | undefined): Buffer {
  return node ? Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary') : Buffer.alloc(0);
}

function isNonEmpty(buffer: Buffer): boolean {
  return buffer.length > 0;
}
