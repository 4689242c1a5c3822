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
      return { ...resolved, ms: elapsedMs(attemptStart), socket, code: null, message: 'connected' };
    } catch (error) {
      const classified = budget.timedOut()
        ? { code: 'tcp.timeout' as const, message: `no answer to the connection request within ${timeoutMs} ms (a firewall dropping packets?)` }
        : classifyNetworkError(error, { phase: 'tcp', clientCertSent: false, family: resolved.family });
      return { ...resolved, ms: elapsedMs(attemptStart), socket: undefined, code: classified.code, message: classified.message };
    }
  })));
  return { attempts, layer: tcpLayerResult(target, attempts, elapsedMs(start)) };
}

function tcpLayerResult(target: ProbeTarget, attempts: TcpAttempt[], ms: number): LayerResult {
  const where = target.proxy ? `the proxy ${hostPort(target.hop.host, target.hop.port)}` : `port ${target.hop.port}`;
  const detail = { port: target.hop.port, proxy: Boolean(target.proxy), addresses: attempts.map(({ address, family, ms: addressMs, code, message }) => ({ address, family, ms: addressMs, code, message })) };
  const failed = attempts.filter((attempt) => attempt.code !== null);
  const describe = (list: TcpAttempt[]) => list.map((attempt) => `${attempt.address}: ${attempt.message}`).join('; ');
  if (failed.length === 0) {
    const list = attempts.map((attempt) => `${attempt.address} (${attempt.ms} ms)`).join(', ');
    return { layer: 'tcp', status: 'ok', ms, code: null, message: `connected to ${where} on ${list}`, detail };
  }
  if (failed.length === attempts.length) {
    return { layer: 'tcp', status: 'fail', ms, code: failed[0].code, message: `cannot connect to ${where}: ${describe(failed)}`, detail };
  }
  return {
    layer: 'tcp',
    status: 'warn',
    ms,
    code: failed[0].code,
    message: `${attempts.length - failed.length} of ${attempts.length} addresses accept connections on ${where}; failing: ${describe(failed)}. Clients that pick a failing address will see errors.`,
    detail,
  };
}
