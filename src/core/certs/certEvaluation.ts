import * as l10n from '@vscode/l10n';
import type { KeyObject, X509Certificate } from 'node:crypto';
import { hostnameCheck, keyChecks, strengthChecks, validityChecks } from './certificateChecks';
import { describeCertificateDetails, type CertificateDetails } from './certificateDetails';
import { buildChain, pickLeafIndex, type BuiltChain } from './chainBuilder';
import { chainChecks } from './chainChecks';
import { bySeverity, type CertCheck, type CertReport, type ChainEntry } from './certReport';
import { checkRevocation, revocationChecks, type RevocationStatus } from './revocation';
import type { TrustAnchors } from './trustAnchors';

/**
 * The judgement shared by files and servers: given certificates (and keys), build the chain,
 * ask about revocation and run every check, producing the report's chain and checks.
 */
export interface EvaluationInput {
  kind: CertReport['kind'];
  source: string;
  format: string;
  presented: X509Certificate[];
  keys: KeyObject[];
  notes: string[];
  host: string | undefined;
  warnDays: number;
  anchors: TrustAnchors;
  network: boolean;
  timeoutMs: number;
  now: Date;
  signal?: AbortSignal;
}

export async function evaluateCertificates(input: EvaluationInput): Promise<CertReport> {
  const { presented, now } = input;
  const leafIndex = pickLeafIndex(presented, input.keys);
  const chain: ChainEntry[] = presented.map((cert) => ({ ...describeCertificateDetails(cert, now), pem: cert.toString() }));
  const built = await buildChain(presented, leafIndex, input.anchors, { network: input.network, timeoutMs: input.timeoutMs, signal: input.signal });
  const fetchedIssuers = built.fetched.map(({ cert, url }) => ({ ...describeCertificateDetails(cert, now), url, pem: cert.toString() }));
  if (input.network) await attachRevocation(built, chain, presented, input);

  const leaf = presented[leafIndex];
  const checks: CertCheck[] = [
    ...input.notes.map((message) => ({ code: 'cert.file_note' as const, severity: 'info' as const, message })),
    ...validityChecks(chain, now, input.warnDays),
    ...validityChecks(fetchedIssuers, now, input.warnDays).map(({ certificate: _index, ...check }) => ({ ...check, message: l10n.t('{0} (downloaded issuer)', check.message) })),
    ...strengthChecks(chain),
    ...(input.host ? hostnameCheck(leaf, chain[leafIndex], input.host).map((check) => ({ ...check, certificate: leafIndex })) : []),
    ...keyChecks(leaf, input.keys, chain[leafIndex].subject),
    ...chainChecks(built, { kind: input.kind, presented, leafIndex, trustSources: input.anchors.sources }),
    ...unverifiedLinkChecks(built, chain),
    ...revocationChecks(chain),
  ];
  return {
    source: input.source,
    kind: input.kind,
    format: input.format,
    chain,
    checks: bySeverity(checks),
    fetchedIssuers,
    trustAnchor: built.anchor ? built.anchor.subject.split('\n').join(', ') : null,
    trustSources: input.anchors.sources,
  };
}

/** Every certificate of the path except the root gets an answer, asked in parallel. */
async function attachRevocation(built: BuiltChain, chain: ChainEntry[], presented: X509Certificate[], input: EvaluationInput): Promise<void> {
  const jobs = built.path.map(async (cert, index) => {
    const issuer = built.path[index + 1] ?? built.anchor;
    if (!issuer || issuer.fingerprint256 === cert.fingerprint256) return;
    const position = presented.findIndex((p) => p.fingerprint256 === cert.fingerprint256);
    if (position === -1) return;
    const entry: CertificateDetails & { revocation?: RevocationStatus } = chain[position];
    if (entry.ocsp.length === 0 && entry.crl.length === 0) return;
    entry.revocation = await checkRevocation(cert, entry, issuer, { now: input.now, timeoutMs: input.timeoutMs, signal: input.signal });
  });
  await Promise.all(jobs);
}

function unverifiedLinkChecks(built: BuiltChain, chain: CertificateDetails[]): CertCheck[] {
  if (!built.unverifiedLinks || chain.some((cert) => cert.sm2)) return [];
  return [{ code: 'cert.unverifiable_signature', severity: 'info', message: l10n.t('some signatures in the chain use an algorithm Node cannot verify; those links were matched by name only') }];
}
