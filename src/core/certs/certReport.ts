import type { CertificateDetails } from './certificateDetails';
import type { ClientCertDiagnosis } from './clientCertRequest';
import type { RevocationStatus } from './revocation';

/**
 * The certificate inspector's report: CONTRACT.md §3 `cert --json` (`source`, `chain`, `checks`)
 * plus fields the contract allows to add. Plain data, so the CLI prints it and the extension
 * turns it into hovers, CodeLenses and diagnostics without knowing how it was made.
 */
export type CheckSeverity = 'error' | 'warning' | 'info';

export type CertCheckCode =
  | 'cert.expired'
  | 'cert.not_yet_valid'
  | 'cert.expiring'
  | 'cert.hostname_mismatch'
  | 'cert.chain_incomplete'
  | 'cert.chain_order'
  | 'cert.untrusted'
  | 'cert.self_signed'
  | 'cert.weak_key'
  | 'cert.weak_signature'
  | 'cert.revoked'
  | 'cert.key_mismatch'
  | 'cert.bad_passphrase'
  // Additions: always info unless noted.
  | 'cert.revocation_good'
  | 'cert.revocation_unknown'
  | 'cert.unverifiable_signature'
  | 'cert.client_cert'
  /** error: the server's accepted CA list does not include our client certificate's issuer, or it rejected it. */
  | 'cert.client_cert_not_accepted'
  | 'cert.file_note';

export interface CertCheck {
  code: CertCheckCode;
  severity: CheckSeverity;
  message: string;
  /** Index into `chain` of the certificate the check is about, when it is about one. */
  certificate?: number;
}

export interface ChainEntry extends CertificateDetails {
  /** The certificate itself, PEM-encoded: what a user copies or exports to fix a chain. */
  pem: string;
  /** OCSP or CRL answer for this certificate, when it was asked for. */
  revocation?: RevocationStatus;
}

export interface CertReport {
  /** The file path, or `host:port` for a server. */
  source: string;
  kind: 'file' | 'server';
  /** File: pem | der | pkcs12 | pkcs7. Server: the negotiated protocol, e.g. TLSv1.3. */
  format: string;
  /** The certificates as they were read: file order, or the order the server sent them. */
  chain: ChainEntry[];
  checks: CertCheck[];
  /** Issuers the input lacked, downloaded from the Authority Information Access URL. */
  fetchedIssuers: (CertificateDetails & { url: string; pem: string })[];
  /** Subject of the trusted root the chain leads to, or null when it leads to none. */
  trustAnchor: string | null;
  trustSources: string[];
  /** Server only: how the connection went. */
  connection?: { address: string; protocol: string | null; cipher: string | null; servername: string | null; orderAsSent: boolean };
  clientCertificate?: ClientCertDiagnosis;
}

/** True when a report holds an error-level check (CLI exit code 1). */
export function hasErrors(report: CertReport): boolean {
  return report.checks.some((check) => check.severity === 'error');
}

const SEVERITY_RANK: Record<CheckSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then information; stable within a severity. */
export function bySeverity(checks: readonly CertCheck[]): CertCheck[] {
  return [...checks].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}
