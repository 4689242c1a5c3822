import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { LayerResult } from './probeResult';
import { classifyNetworkError, describeError } from './networkErrors';
import { elapsedMs, untilAborted, withBudget } from './phaseBudget';
import type { ProbeTarget } from './probeTarget';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every A/AAAA answer. Injected so tests can make a name resolve to several loopback addresses. */
export type HostResolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = async (host) => {
  // The system resolver (getaddrinfo) is what the user's HTTP clients use, /etc/hosts included.
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
};

export interface DnsOutcome {
  layer: LayerResult;
  addresses: ResolvedAddress[];
}

export async function probeDns(target: ProbeTarget, resolve: HostResolver, timeoutMs: number, signal?: AbortSignal): Promise<DnsOutcome> {
  const { host } = target.hop;
  const via = target.proxy ? ` (the proxy ${host}, from ${target.proxy.source})` : '';
  const family = isIP(host);
  if (family !== 0) {
    const addresses: ResolvedAddress[] = [{ address: host, family: family === 6 ? 6 : 4 }];
    return { addresses, layer: { layer: 'dns', status: 'ok', ms: 0, code: null, message: `${host}${via} is an IP address: no lookup needed`, detail: { host, addresses } } };
  }
  const start = performance.now();
  return withBudget(timeoutMs, signal, async (budget) => {
    try {
      const answers = dedupe(await untilAborted(resolve(host), budget.signal));
      const ms = elapsedMs(start);
      if (answers.length === 0) {
        return { addresses: [], layer: { layer: 'dns', status: 'fail', ms, code: 'dns.not_found', message: `${host}${via} has no A or AAAA record`, detail: { host, addresses: [] } } };
      }
      const list = answers.map((answer) => answer.address).join(', ');
      return { addresses: answers, layer: { layer: 'dns', status: 'ok', ms, code: null, message: `${host}${via} resolves to ${list}`, detail: { host, addresses: answers, proxy: Boolean(target.proxy) } } };
    } catch (error) {
      const ms = elapsedMs(start);
      const classified = budget.timedOut()
        ? { code: 'dns.timeout' as const, message: `the resolver did not answer within ${timeoutMs} ms` }
        : classifyNetworkError(error, { phase: 'dns', clientCertSent: false });
      const message = classified.code === 'dns.not_found' ? `${host}${via} does not exist (${describeError(error)})` : `cannot resolve ${host}${via}: ${classified.message}`;
      return { addresses: [], layer: { layer: 'dns', status: 'fail', ms, code: classified.code, message, detail: { host, error: describeError(error) } } };
    }
  });
}

function dedupe(answers: ResolvedAddress[]): ResolvedAddress[] {
  const seen = new Set<string>();
  return answers.filter((answer) => !seen.has(answer.address) && seen.add(answer.address));
}
