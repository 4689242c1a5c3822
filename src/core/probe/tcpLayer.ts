import * as l10n from '@vscode/l10n';
import type { Socket } from 'node:net';
import type { FailureCode } from '../failureCodes';
import type { ResolvedAddress } from './dnsLayer';
import type { LayerResult } from './probeResult';
import { classifyNetworkError } from './networkErrors';
import { elapsedMs, withBudget } from './phaseBudget';
import { hostPort, type ProbeTarget } from './probeTarget';
import { connectTcp } from './socketOps';

export interface TcpAttempt extends ResolvedAddress {
  ms: number;
  /** Open and owned by the caller, who must destroy it; undefined when the connect failed. */
  socket: Socket | undefined;
  code: FailureCode | null;
  message: string;
}

export interface TcpOutcome {
  layer: LayerResult;
  attempts: TcpAttempt[];
}

/** Connects to every address in parallel: a broken address hides behind a working one in most clients, not here. */
export async function probeTcp(target: ProbeTarget, addresses: ResolvedAddress[], timeoutMs: number, signal?: AbortSignal): Promise<TcpOutcome> {
  const { port } = target.hop;
  const start = performance.now();
  const attempts = await withBudget(timeoutMs, signal, (budget) => Promise.all(addresses.map(async (resolved): Promise<TcpAttempt> => {
    const attemptStart = performance.now();
    try {
      const socket = await connectTcp(resolved.address, resolved.family, port, budget.signal);
      return { ...resolved, ms: elapsedMs(attemptStart), socket, code: null, message: l10n.t('connected') };
    } catch (error) {
      const classified = budget.timedOut()
        ? { code: 'tcp.timeout' as const, message: l10n.t('no answer to the connection request within {0} ms (a firewall dropping packets?)', timeoutMs) }
        : classifyNetworkError(error, { phase: 'tcp', clientCertSent: false, family: resolved.family });
      return { ...resolved, ms: elapsedMs(attemptStart), socket: undefined, code: classified.code, message: classified.message };
    }
  })));
  return { attempts, layer: tcpLayerResult(target, attempts, elapsedMs(start)) };
}

function tcpLayerResult(target: ProbeTarget, attempts: TcpAttempt[], ms: number): LayerResult {
  const where = target.proxy ? l10n.t('the proxy {0}', hostPort(target.hop.host, target.hop.port)) : l10n.t('port {0}', target.hop.port);
  const detail = { port: target.hop.port, proxy: Boolean(target.proxy), addresses: attempts.map(({ address, family, ms: addressMs, code, message }) => ({ address, family, ms: addressMs, code, message })) };
  const failed = attempts.filter((attempt) => attempt.code !== null);
  const describe = (list: TcpAttempt[]) => list.map((attempt) => `${attempt.address}: ${attempt.message}`).join('; ');
  if (failed.length === 0) {
    const list = attempts.map((attempt) => `${attempt.address} (${attempt.ms} ms)`).join(', ');
    return { layer: 'tcp', status: 'ok', ms, code: null, message: l10n.t('connected to {0} on {1}', where, list), detail };
  }
  if (failed.length === attempts.length) {
    return { layer: 'tcp', status: 'fail', ms, code: failed[0].code, message: l10n.t('cannot connect to {0}: {1}', where, describe(failed)), detail };
  }
  return {
    layer: 'tcp',
    status: 'warn',
    ms,
    code: failed[0].code,
    message: l10n.t('{0} of {1} addresses accept connections on {2}; failing: {3}. Clients that pick a failing address will see errors.', attempts.length - failed.length, attempts.length, where, describe(failed)),
    detail,
  };
}
