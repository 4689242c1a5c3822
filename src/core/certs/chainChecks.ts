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
  const who = context.kind === 'server' ? 'the server sends' : 'the file holds';
  const positions = built.path.map((cert) => presented.findIndex((p) => p.fingerprint256 === cert.fingerprint256)).filter((index) => index !== -1);
  const checks: CertCheck[] = [];
  if (positions.some((position, index) => position !== index)) {
    const sent = presented.map((cert) => `"${cn(cert)}"`).join(', ');
    const wanted = built.path.filter((cert) => presented.some((p) => p.fingerprint256 === cert.fingerprint256)).map((cert) => `"${cn(cert)}"`).join(', ');
    checks.push({ code: 'cert.chain_order', severity: 'warning', message: `${who} the certificates in the order ${sent}; TLS expects the server certificate first, then each issuer: ${wanted}. Strict clients (Java, older OpenSSL) fail on the wrong order` });
  }
  const used = new Set(built.path.map((cert) => cert.fingerprint256));
  const extra = presented.filter((cert) => !used.has(cert.fingerprint256) && !(built.anchor && cert.fingerprint256 === built.anchor.fingerprint256));
  if (extra.length > 0) {
    checks.push({ code: 'cert.chain_order', severity: 'warning', message: `${who} ${extra.length} certificate${extra.length === 1 ? '' : 's'} that ${extra.length === 1 ? 'is' : 'are'} not part of the chain of "${cn(built.path[0])}": ${extra.map((cert) => `"${cn(cert)}"`).join(', ')}` });
  }
  return checks;
}

function completenessChecks(built: BuiltChain, context: ChainContext): CertCheck[] {
  const where = context.kind === 'server' ? 'the server does not send' : 'the file does not include';
  const checks: CertCheck[] = built.fetched.map(({ cert, url }) => ({
    code: 'cert.chain_incomplete' as const,
    severity: 'warning' as const,
    message: `${where} the intermediate certificate "${cert.subject.split('\n').join(', ')}" (SHA-256 ${cert.fingerprint256}). It was downloaded from ${url}; add it after the certificate it issued. Browsers fetch it themselves, most API clients (Java, Go, curl, Node) do not`,
  }));
  const missing = built.missingIssuer;
  if (missing && !isSelfSigned(missing.of)) {
    const why = missing.attempts.length > 0 ? ` (download: ${missing.attempts.join('; ')})` : '';
    checks.push({
      code: 'cert.chain_incomplete',
      severity: 'warning',
      message: `${where} the issuer "${missing.of.issuer.split('\n').join(', ')}" of "${cn(missing.of)}", and the trust store does not have it either${why}`,
    });
  }
  return checks;
}

function trustChecks(built: BuiltChain, context: ChainContext, caFile: boolean): CertCheck[] {
  if (built.anchor) return [];
  const last = built.path[built.path.length - 1];
  const stores = context.trustSources.join(', ');
  const reason = built.missingIssuer && !isSelfSigned(built.missingIssuer.of)
    ? `its issuer "${built.missingIssuer.of.issuer.split('\n').join(', ')}" is missing, so the chain cannot be traced to a trusted root`
    : `the chain ends at "${last.subject.split('\n').join(', ')}", which is not in the trust store (${stores})`;
  const advice = 'If it is your gateway\'s private CA, give its certificate with --ca (tls.ca in invoice-doctor.json)';
  return [{
    code: 'cert.untrusted',
    severity: caFile ? 'info' : 'error',
    certificate: 0,
    message: `"${cn(built.path[0])}" is not trusted here: ${reason}. ${advice}`,
  }];
}

function selfSignedChecks(leaf: X509Certificate, caFile: boolean): CertCheck[] {
  if (!isSelfSigned(leaf)) return [];
  if (caFile) return [{ code: 'cert.self_signed', severity: 'info', certificate: 0, message: `"${cn(leaf)}" is a self-signed root CA certificate: clients trust what it issued only when it is in their trust store` }];
  return [{ code: 'cert.self_signed', severity: 'warning', certificate: 0, message: `"${cn(leaf)}" is self-signed: no client trusts it unless it is pinned or installed as a CA; a gateway in production needs a certificate from a CA` }];
}


function cn(cert: X509Certificate): string {
  const match = cert.subject.match(/^CN=(.*)$/m);
  return match ? match[1] : cert.subject.split('\n').join(', ');
}
