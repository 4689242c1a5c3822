import * as l10n from '@vscode/l10n';
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
  const via = target.proxy ? l10n.t(' (the proxy {0}, from {1})', host, target.proxy.source) : '';
  const family = isIP(host);
  if (family !== 0) {
    const addresses: ResolvedAddress[] = [{ address: host, family: family === 6 ? 6 : 4 }];
    return { addresses, layer: { layer: 'dns', status: 'ok', ms: 0, code: null, message: l10n.t('{0}{1} is an IP address: no lookup needed', host, via), detail: { host, addresses } } };
  }
  const start = performance.now();
  return withBudget(timeoutMs, signal, async (budget) => {
    try {
      const answers = dedupe(await untilAborted(resolve(host), budget.signal));
      const ms = elapsedMs(start);
      if (answers.length === 0) {
        return { addresses: [], layer: { layer: 'dns', status: 'fail', ms, code: 'dns.not_found', message: l10n.t('{0}{1} has no A or AAAA record', host, via), detail: { host, addresses: [] } } };
      }
      const list = answers.map((answer) => answer.address).join(', ');
      return { addresses: answers, layer: { layer: 'dns', status: 'ok', ms, code: null, message: l10n.t('{0}{1} resolves to {2}', host, via, list), detail: { host, addresses: answers, proxy: Boolean(target.proxy) } } };
    } catch (error) {
      const ms = elapsedMs(start);
      const classified = budget.timedOut()
        ? { code: 'dns.timeout' as const, message: l10n.t('the resolver did not answer within {0} ms', timeoutMs) }
        : classifyNetworkError(error, { phase: 'dns', clientCertSent: false });
      const message = classified.code === 'dns.not_found' ? l10n.t('{0}{1} does not exist ({2})', host, via, describeError(error)) : l10n.t('cannot resolve {0}{1}: {2}', host, via, classified.message);
      return { addresses: [], layer: { layer: 'dns', status: 'fail', ms, code: classified.code, message, detail: { host, error: describeError(error) } } };
    }
  });
}

function dedupe(answers: ResolvedAddress[]): ResolvedAddress[] {
  const seen = new Set<string>();
  return answers.filter((answer) => !seen.has(answer.address) && seen.add(answer.address));
}
