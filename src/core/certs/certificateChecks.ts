import type { KeyObject, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { isWeakKey, isWeakSignature } from './certificateInfo';
import type { CertificateDetails } from './certificateDetails';
import type { CertCheck } from './certReport';

/**
 * The checks that look at certificates one by one: validity, strength, host name and key.
 * Chain-level checks (order, completeness, trust) live in chainBuilder.ts.
 */
export function validityChecks(chain: readonly CertificateDetails[], now: Date, warnDays: number): CertCheck[] {
  return chain.flatMap((cert, index): CertCheck[] => {
    const role = roleOf(cert, index);
    if (new Date(cert.notAfter) < now) {
      return [{ code: 'cert.expired', severity: 'error', certificate: index, message: `the ${role} "${cert.subject}" expired on ${cert.notAfter} (${-cert.daysLeft} days ago)` }];
    }
    if (new Date(cert.notBefore) > now) {
      return [{ code: 'cert.not_yet_valid', severity: 'error', certificate: index, message: `the ${role} "${cert.subject}" is valid only from ${cert.notBefore}; if that looks right, check this machine's clock (it says ${now.toISOString()})` }];
    }
    if (cert.daysLeft < warnDays) {
      return [{ code: 'cert.expiring', severity: 'warning', certificate: index, message: `the ${role} "${cert.subject}" expires in ${cert.daysLeft} day${cert.daysLeft === 1 ? '' : 's'} (${cert.notAfter})` }];
    }
    return [];
  });
}

export function strengthChecks(chain: readonly CertificateDetails[]): CertCheck[] {
  return chain.flatMap((cert, index): CertCheck[] => {
    const checks: CertCheck[] = [];
    const role = roleOf(cert, index);
    if (isWeakKey(cert)) {
      const minimum = cert.keyType === 'EC' ? 256 : 2048;
      checks.push({ code: 'cert.weak_key', severity: 'warning', certificate: index, message: `the ${role} "${cert.subject}" has a ${cert.keyBits}-bit ${cert.keyType} key; ${minimum} bits is the minimum clients accept` });
    }
    // Nobody verifies a root's signature on itself, so a SHA-1 self-signed root is harmless.
    if (isWeakSignature(cert) && !cert.selfSigned) {
      checks.push({ code: 'cert.weak_signature', severity: 'warning', certificate: index, message: `the ${role} "${cert.subject}" is signed with ${cert.signatureAlgorithm}, which current clients reject or will soon` });
    }
    if (cert.sm2) {
      checks.push({ code: 'cert.unverifiable_signature', severity: 'info', certificate: index, message: `the ${role} "${cert.subject}" has an SM2 key (OID 1.2.156.10197.1.301, Chinese national standard); signatures made with it cannot be verified here, so checks that need them are based on names only` });
    }
    return checks;
  });
}

/** The host-name check of RFC 6125 as OpenSSL applies it: SANs first, IP addresses only against IP SANs. */
export function hostnameCheck(leaf: X509Certificate, details: CertificateDetails, host: string): CertCheck[] {
  const name = host.replace(/^\[|\]$/g, '');
  const matched = isIP(name) ? leaf.checkIP(name) : leaf.checkHost(name);
  if (matched !== undefined) return [];
  const names = details.subjectAltNames.length > 0 ? details.subjectAltNames.join(', ') : `no subject alternative names, only "${details.subject}"`;
  return [{ code: 'cert.hostname_mismatch', severity: 'error', certificate: 0, message: `the certificate does not cover "${name}": it is for ${names}` }];
}

/** Private keys found with the certificates must belong to the leaf. */
export function keyChecks(leaf: X509Certificate, keys: readonly KeyObject[], leafSubject: string): CertCheck[] {
  return keys
    .filter((key) => !safeCheckPrivateKey(leaf, key))
    .map((key) => ({
      code: 'cert.key_mismatch' as const,
      severity: 'error' as const,
      certificate: 0,
      message: `the private key in the file (${key.asymmetricKeyType?.toUpperCase() ?? 'unknown type'}) does not belong to the certificate "${leafSubject}": a server configured with this pair fails to start or to handshake`,
    }));
}

export function safeCheckPrivateKey(cert: X509Certificate, key: KeyObject): boolean {
  try {
    return cert.checkPrivateKey(key);
  } catch {
    return false;
  }
}

export function roleOf(cert: CertificateDetails, index: number): string {
  if (index === 0) return 'certificate';
  return cert.selfSigned ? 'root certificate' : 'intermediate certificate';
}
