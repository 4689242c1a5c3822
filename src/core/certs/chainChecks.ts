import * as l10n from '@vscode/l10n';
import type { X509Certificate } from 'node:crypto';
import { isSelfSigned, type BuiltChain } from './chainBuilder';
import type { CertCheck } from './certReport';

/**
 * Judges a built chain against what was given: order, completeness, trust and self-signature.
 * Severity choices (documented in the CLI usage): a self-signed server certificate is a warning,
 * because what breaks clients is that nothing trusts it, and that is `cert.untrusted` (error)
 * unless the user vouches for it with --ca. A file holding a CA certificate is judged as a CA:
 * not being in this machine's trust store is information there, not an error.
 */
export interface ChainContext {
  kind: 'file' | 'server';
  presented: readonly X509Certificate[];
  leafIndex: number;
  trustSources: readonly string[];
}

export function chainChecks(built: BuiltChain, context: ChainContext): CertCheck[] {
  const leaf = context.presented[context.leafIndex];
  const caFile = context.kind === 'file' && leaf.ca;
  return [
    ...orderChecks(built, context, caFile),
    ...completenessChecks(built, context),
    ...trustChecks(built, context, caFile),
    ...selfSignedChecks(leaf, caFile),
  ];
}

function orderChecks(built: BuiltChain, context: ChainContext, caFile: boolean): CertCheck[] {
  // A file of CA certificates is a trust bundle, not a chain: any order is fine there.
  if (caFile) return [];
  const { presented } = context;
  const who = context.kind === 'server' ? l10n.t('the server sends') : l10n.t('the file holds');
  const positions = built.path.map((cert) => presented.findIndex((p) => p.fingerprint256 === cert.fingerprint256)).filter((index) => index !== -1);
  const checks: CertCheck[] = [];
  if (positions.some((position, index) => position !== index)) {
    const sent = presented.map((cert) => `"${cn(cert)}"`).join(', ');
    const wanted = built.path.filter((cert) => presented.some((p) => p.fingerprint256 === cert.fingerprint256)).map((cert) => `"${cn(cert)}"`).join(', ');
    checks.push({ code: 'cert.chain_order', severity: 'warning', message: l10n.t('{0} the certificates in the order {1}; TLS expects the server certificate first, then each issuer: {2}. Strict clients (Java, older OpenSSL) fail on the wrong order', who, sent, wanted) });
  }
  const used = new Set(built.path.map((cert) => cert.fingerprint256));
  const extra = presented.filter((cert) => !used.has(cert.fingerprint256) && !(built.anchor && cert.fingerprint256 === built.anchor.fingerprint256));
  if (extra.length > 0) {
    checks.push({ code: 'cert.chain_order', severity: 'warning', message: extra.length === 1
      ? l10n.t('{0} 1 certificate that is not part of the chain of "{1}": {2}', who, cn(built.path[0]), extra.map((cert) => `"${cn(cert)}"`).join(', '))
      : l10n.t('{0} {1} certificates that are not part of the chain of "{2}": {3}', who, extra.length, cn(built.path[0]), extra.map((cert) => `"${cn(cert)}"`).join(', ')) });
  }
  return checks;
}

function completenessChecks(built: BuiltChain, context: ChainContext): CertCheck[] {
  const where = context.kind === 'server' ? l10n.t('the server does not send') : l10n.t('the file does not include');
  const checks: CertCheck[] = built.fetched.map(({ cert, url }) => ({
    code: 'cert.chain_incomplete' as const,
    severity: 'warning' as const,
    message: l10n.t('{0} the intermediate certificate "{1}" (SHA-256 {2}). It was downloaded from {3}; add it after the certificate it issued. Browsers fetch it themselves, most API clients (Java, Go, curl, Node) do not', where, cert.subject.split('\n').join(', '), cert.fingerprint256, url),
  }));
  const missing = built.missingIssuer;
  if (missing && !isSelfSigned(missing.of)) {
    const why = missing.attempts.length > 0 ? l10n.t(' (download: {0})', missing.attempts.join('; ')) : '';
    checks.push({
      code: 'cert.chain_incomplete',
      severity: 'warning',
      message: l10n.t('{0} the issuer "{1}" of "{2}", and the trust store does not have it either{3}', where, missing.of.issuer.split('\n').join(', '), cn(missing.of), why),
    });
  }
  return checks;
}

function trustChecks(built: BuiltChain, context: ChainContext, caFile: boolean): CertCheck[] {
  if (built.anchor) return [];
  const last = built.path[built.path.length - 1];
  const stores = context.trustSources.join(', ');
  const reason = built.missingIssuer && !isSelfSigned(built.missingIssuer.of)
    ? l10n.t('its issuer "{0}" is missing, so the chain cannot be traced to a trusted root', built.missingIssuer.of.issuer.split('\n').join(', '))
    : l10n.t('the chain ends at "{0}", which is not in the trust store ({1})', last.subject.split('\n').join(', '), stores);
  const advice = l10n.t('If it is your gateway\'s private CA, give its certificate with --ca (tls.ca in invoice-doctor.json)');
  return [{
    code: 'cert.untrusted',
    severity: caFile ? 'info' : 'error',
    certificate: 0,
    message: l10n.t('"{0}" is not trusted here: {1}. {2}', cn(built.path[0]), reason, advice),
  }];
}

function selfSignedChecks(leaf: X509Certificate, caFile: boolean): CertCheck[] {
  if (!isSelfSigned(leaf)) return [];
  if (caFile) return [{ code: 'cert.self_signed', severity: 'info', certificate: 0, message: l10n.t('"{0}" is a self-signed root CA certificate: clients trust what it issued only when it is in their trust store', cn(leaf)) }];
  return [{ code: 'cert.self_signed', severity: 'warning', certificate: 0, message: l10n.t('"{0}" is self-signed: no client trusts it unless it is pinned or installed as a CA; a gateway in production needs a certificate from a CA', cn(leaf)) }];
}


function cn(cert: X509Certificate): string {
  const match = cert.subject.match(/^CN=(.*)$/m);
  return match ? match[1] : cert.subject.split('\n').join(', ');
}
