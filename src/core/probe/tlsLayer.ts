import * as l10n from '@vscode/l10n';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { CertificateInfo } from '../certs/certificateInfo';
import { readTls12Flight } from '../certs/tls12Handshake';
import type { LayerResult } from './probeResult';
import { classifyNetworkError, describeError } from './networkErrors';
import { elapsedMs, type PhaseBudget, withBudget } from './phaseBudget';
import { hostPort, type ProbeTarget } from './probeTarget';
import { openTunnel, proxyTransport, TunnelRejectedError } from './proxyTunnel';
import { awaitServerVerdict } from './serverVerdict';
import { startTls } from './socketOps';
import type { TcpAttempt } from './tcpLayer';
import type { TlsSettings } from './tlsSettings';
import { judgeHandshake, type Finding, type TlsJudgement } from './tlsVerification';

export interface TlsAttempt {
  address: string;
  family: 4 | 6;
  ms: number;
  /** The first problem on this address (handshake error or verification failure), null when trusted. */
  failure: Finding | null;
  judgement: TlsJudgement | undefined;
  protocol: string | null;
  cipher: string | null;
  alpn: string | null;
  certSha256: string | null;
}

export interface TlsOutcome {
  layer: LayerResult;
  attempts: TlsAttempt[];
}

export interface TlsProbeContext {
  settings: TlsSettings;
  timeoutMs: number;
  now: Date;
  certWarnDays: number;
  signal?: AbortSignal;
}

// Offer h2 too: nothing is sent on this connection, and the answer shows what the server supports.
const ALPN_OFFER = ['h2', 'http/1.1'];

/**
 * Handshakes with every connected address (through the proxy tunnel when there is one, using its
 * first connected address), without enforcing verification so the chain is always captured,
 * then judges the result. The sockets are closed here: no HTTP is ever sent on them.
 */
export async function probeTls(target: ProbeTarget, tcp: TcpAttempt[], context: TlsProbeContext): Promise<TlsOutcome> {
  const connected = tcp.filter((attempt): attempt is TcpAttempt & { socket: Socket } => attempt.socket !== undefined);
  // Through a proxy every address leads to the same tunnel end; one handshake tells all.
  const used = target.proxy ? connected.slice(0, 1) : connected;
  for (const spare of connected.slice(used.length)) spare.socket.destroy();
  const start = performance.now();
  const attempts = await withBudget(context.timeoutMs, context.signal, (budget) => Promise.all(used.map((attempt) => handshake(target, attempt, context, budget))));
  return { attempts, layer: tlsLayerResult(target, attempts, elapsedMs(start), context.settings) };
}

async function handshake(target: ProbeTarget, attempt: TcpAttempt & { socket: Socket }, context: TlsProbeContext, budget: PhaseBudget): Promise<TlsAttempt> {
  const start = performance.now();
  const base = { address: attempt.address, family: attempt.family, judgement: undefined, protocol: null, cipher: null, alpn: null, certSha256: null };
  const failed = (failure: Finding): TlsAttempt => ({ ...base, ms: elapsedMs(start), failure });
  let transport: Socket = attempt.socket;
  if (target.proxy) {
    try {
      transport = await openTunnel(await proxyTransport(transport, target.proxy, budget.signal), target.proxy, hostPort(target.host, target.port), budget.signal);
    } catch (error) {
      return failed(tunnelFailure(error, target, budget));
    }
  }
  let socket: TLSSocket | undefined;
  try {
    socket = await startTls(transport, { ...context.settings.connection, rejectUnauthorized: false, ALPNProtocols: ALPN_OFFER }, budget.signal);
    const ms = elapsedMs(start);
    const verdict = await awaitServerVerdict(socket, ms, budget.signal);
    const judgement = judgeHandshake(socket, { identity: target.identity, now: context.now, certWarnDays: context.certWarnDays });
    return {
      ...base,
      ms,
      failure: judgement.problems[0] ?? (verdict === 'closed' ? closedAfterHandshake(context.settings.clientCertSent) : null),
      judgement,
      protocol: socket.getProtocol(),
      cipher: socket.getCipher()?.name ?? null,
      alpn: socket.alpnProtocol || null,
      certSha256: judgement.chain[0]?.sha256 ?? null,
    };
  } catch (error) {
    if (budget.timedOut()) return failed({ code: 'tls.handshake', reason: 'timeout', message: l10n.t('no TLS handshake within {0} ms: the server accepted the connection but did not answer', context.timeoutMs) });
    const classified = classifyNetworkError(error, { phase: 'tls', clientCertSent: context.settings.clientCertSent });
    if (classified.reason === 'maybe_client_cert' && !target.proxy && await asksForClientCertificate(target, attempt, budget)) {
      return failed({ code: 'tls.client_cert', reason: 'required', message: l10n.t('the server asks for a client certificate (TLS 1.2 CertificateRequest) and none is configured: it ended the handshake with "handshake failure"') });
    }
    return failed(classified);
  } finally {
    socket?.destroy();
    transport.destroy();
  }
}

/**
 * A TLS 1.2 "handshake failure" alert does not say why. Reading the server's first flight in
 * clear text again (no keys are exchanged) shows whether it sent a CertificateRequest.
 */
async function asksForClientCertificate(target: ProbeTarget, attempt: TcpAttempt, budget: PhaseBudget): Promise<boolean> {
  try {
    const flight = await readTls12Flight({ host: attempt.address, port: target.port, servername: target.servername, timeoutMs: budget.timeoutMs, signal: budget.signal });
    return flight.certificateRequest !== null;
  } catch {
    return false;
  }
}

function closedAfterHandshake(clientCertSent: boolean): Finding {
  return clientCertSent
    ? { code: 'tls.client_cert', reason: 'rejected', message: l10n.t('the server closed the connection right after the handshake without a word: it most likely rejected the client certificate that was sent') }
    : { code: 'tls.handshake', reason: 'eof', message: l10n.t('the server closed the connection right after the TLS handshake') };
}

function tunnelFailure(error: unknown, target: ProbeTarget, budget: PhaseBudget): Finding {
  const proxy = hostPort(target.hop.host, target.hop.port);
  const authority = hostPort(target.host, target.port);
  if (error instanceof TunnelRejectedError) {
    const hint = error.statusCode === 407 ? ': it wants proxy credentials (put user:password in the proxy URL)' : '';
    return { code: 'proxy.rejected', reason: error.statusCode === 407 ? 'auth' : 'tunnel', message: l10n.t('the proxy {0} refused to open a tunnel to {1} ("{2}"){3}', proxy, authority, error.statusLine, hint) };
  }
  if (budget.timedOut()) return { code: 'proxy.rejected', reason: 'tunnel', message: l10n.t('the proxy {0} did not open a tunnel to {1} within {2} ms', proxy, authority, budget.timeoutMs) };
  return { code: 'proxy.rejected', reason: 'tunnel', message: l10n.t('the tunnel through the proxy {0} to {1} failed: {2}', proxy, authority, describeError(error)) };
}

function tlsLayerResult(target: ProbeTarget, attempts: TlsAttempt[], ms: number, settings: TlsSettings): LayerResult {
  const primary = attempts.find((attempt) => attempt.failure === null) ?? attempts[0];
  const failing = attempts.filter((attempt) => attempt.failure !== null);
  const detail = tlsDetail(target, attempts, primary, settings);
  const where = (attempt: TlsAttempt) => (attempts.length > 1 ? ` on ${attempt.address}` : '');
  if (failing.length === attempts.length) {
    const first = failing[0].failure as Finding;
    const others = failing.slice(1).filter((attempt) => attempt.failure?.message !== first.message);
    const also = others.map((attempt) => `; ${attempt.address}: ${attempt.failure?.message}`).join('');
    return { layer: 'tls', status: 'fail', ms, code: first.code, message: `${first.message}${where(failing[0])}${also}`, detail: { ...detail, reason: first.reason ?? null } };
  }
  if (failing.length > 0) {
    const first = failing[0].failure as Finding;
    const bad = failing.map((attempt) => `${attempt.address}: ${attempt.failure?.message}`).join('; ');
    return { layer: 'tls', status: 'warn', ms, code: first.code, message: l10n.t('TLS works on {0} but fails on {1}', primary.address, bad), detail: { ...detail, reason: first.reason ?? null } };
  }
  const warnings = uniqueFindings(attempts.flatMap((attempt) => attempt.judgement?.warnings ?? []));
  const mismatch = leafMismatch(attempts);
  const summary = l10n.t('{0}, {1}{2}; {3}; trusted', String(primary.protocol), String(primary.cipher), primary.alpn ? l10n.t(', ALPN {0}', primary.alpn) : '', certificateSummary(primary.judgement?.chain[0]));
  if (warnings.length > 0) {
    return { layer: 'tls', status: 'warn', ms, code: warnings[0].code, message: [summary, ...warnings.map((w) => w.message), ...(mismatch ? [mismatch] : [])].join('; '), detail: { ...detail, reason: warnings[0].reason ?? null } };
  }
  if (mismatch) return { layer: 'tls', status: 'warn', ms, code: 'tls.cert_inconsistent', message: `${summary}; ${mismatch}`, detail };
  return { layer: 'tls', status: 'ok', ms, code: null, message: summary, detail };
}

function tlsDetail(target: ProbeTarget, attempts: TlsAttempt[], primary: TlsAttempt, settings: TlsSettings): Record<string, unknown> {
  return {
    servername: target.servername ?? null,
    identity: target.identity,
    protocol: primary.protocol,
    cipher: primary.cipher,
    alpn: primary.alpn,
    chain: primary.judgement?.chain ?? [],
    problems: primary.judgement?.problems ?? (primary.failure ? [primary.failure] : []),
    warnings: primary.judgement?.warnings ?? [],
    clientCertificate: settings.clientCertSource ? { source: settings.clientCertSource, subject: settings.clientCertSubject } : null,
    trustSources: settings.trustSources,
    tunnel: target.proxy ? { proxy: hostPort(target.hop.host, target.hop.port), source: target.proxy.source } : null,
    addresses: attempts.map((attempt) => ({
      address: attempt.address,
      ms: attempt.ms,
      code: attempt.failure?.code ?? null,
      message: attempt.failure?.message ?? l10n.t('trusted'),
      protocol: attempt.protocol,
      certSha256: attempt.certSha256,
      subject: attempt.judgement?.chain[0]?.subject ?? null,
    })),
  };
}

function certificateSummary(leaf: CertificateInfo | undefined): string {
  if (!leaf) return 'no certificate';
  return l10n.t('certificate "{0}" issued by "{1}", {2} days left', leaf.subject, leaf.issuer, leaf.daysLeft);
}

function leafMismatch(attempts: TlsAttempt[]): string | undefined {
  const fingerprints = new Set(attempts.map((attempt) => attempt.certSha256));
  if (fingerprints.size <= 1) return undefined;
  const list = attempts.map((attempt) => `${attempt.address} → "${attempt.judgement?.chain[0]?.subject ?? '?'}" (${attempt.certSha256?.slice(0, 23)}…)`).join(', ');
  return l10n.t('the addresses present different server certificates: {0}; a renewal or deployment may be half done', list);
}

function uniqueFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => !seen.has(finding.message) && seen.add(finding.message));
}

