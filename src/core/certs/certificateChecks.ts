import * as l10n from '@vscode/l10n';
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
      return [{ code: 'cert.expired', severity: 'error', certificate: index, message: l10n.t('the {0} "{1}" expired on {2} ({3} days ago)', role, cert.subject, cert.notAfter, -cert.daysLeft) }];
    }
    if (new Date(cert.notBefore) > now) {
      return [{ code: 'cert.not_yet_valid', severity: 'error', certificate: index, message: l10n.t('the {0} "{1}" is valid only from {2}; if that looks right, check this machine\'s clock (it says {3})', role, cert.subject, cert.notBefore, now.toISOString()) }];
    }
    if (cert.daysLeft < warnDays) {
      return [{ code: 'cert.expiring', severity: 'warning', certificate: index, message: cert.daysLeft === 1
        ? l10n.t('the {0} "{1}" expires in 1 day ({2})', role, cert.subject, cert.notAfter)
        : l10n.t('the {0} "{1}" expires in {2} days ({3})', role, cert.subject, cert.daysLeft, cert.notAfter) }];
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
      checks.push({ code: 'cert.weak_key', severity: 'warning', certificate: index, message: l10n.t('the {0} "{1}" has a {2}-bit {3} key; {4} bits is the minimum clients accept', role, cert.subject, String(cert.keyBits), cert.keyType, minimum) });
    }
    // Nobody verifies a root's signature on itself, so a SHA-1 self-signed root is harmless.
    if (isWeakSignature(cert) && !cert.selfSigned) {
      checks.push({ code: 'cert.weak_signature', severity: 'warning', certificate: index, message: l10n.t('the {0} "{1}" is signed with {2}, which current clients reject or will soon', role, cert.subject, cert.signatureAlgorithm) });
    }
    if (cert.sm2) {
      checks.push({ code: 'cert.unverifiable_signature', severity: 'info', certificate: index, message: l10n.t('the {0} "{1}" has an SM2 key (OID 1.2.156.10197.1.301, Chinese national standard); signatures made with it cannot be verified here, so checks that need them are based on names only', role, cert.subject) });
    }
    return checks;
  });
}

/** The host-name check of RFC 6125 as OpenSSL applies it: SANs first, IP addresses only against IP SANs. */
export function hostnameCheck(leaf: X509Certificate, details: CertificateDetails, host: string): CertCheck[] {
  const name = host.replace(/^\[|\]$/g, '');
  const matched = isIP(name) ? leaf.checkIP(name) : leaf.checkHost(name);
  if (matched !== undefined) return [];
  const names = details.subjectAltNames.length > 0 ? details.subjectAltNames.join(', ') : l10n.t('no subject alternative names, only "{0}"', details.subject);
  return [{ code: 'cert.hostname_mismatch', severity: 'error', certificate: 0, message: l10n.t('the certificate does not cover "{0}": it is for {1}', name, names) }];
}

/** Private keys found with the certificates must belong to the leaf. */
export function keyChecks(leaf: X509Certificate, keys: readonly KeyObject[], leafSubject: string): CertCheck[] {
  return keys
    .filter((key) => !safeCheckPrivateKey(leaf, key))
    .map((key) => ({
      code: 'cert.key_mismatch' as const,
      severity: 'error' as const,
      certificate: 0,
      message: l10n.t('the private key in the file ({0}) does not belong to the certificate "{1}": a server configured with this pair fails to start or to handshake', key.asymmetricKeyType?.toUpperCase() ?? l10n.t('unknown type'), leafSubject),
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
  if (index === 0) return l10n.t('certificate');
  return cert.selfSigned ? l10n.t('root certificate') : l10n.t('intermediate certificate');
}
