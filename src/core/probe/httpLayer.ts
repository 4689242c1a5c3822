import * as l10n from '@vscode/l10n';
import type { Dispatcher } from 'undici';
import { undici } from '../lazyLibraries';
import type { EndpointConfig } from '../endpoint/endpointConfig';
import type { LayerResult } from './probeResult';
import { classifyNetworkError } from './networkErrors';
import { elapsedMs, withBudget } from './phaseBudget';
import type { ProbeTarget } from './probeTarget';
import { TunnelRejectedError } from './proxyTunnel';
import { checkResponse, header, statusLine, type ReceivedResponse } from './responseChecks';
import { routeConnector, type Route } from './routeConnector';
import type { TlsSettings } from './tlsSettings';

/** Never buffer more than this: enough for any health answer, and an endless body cannot fill memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** When the request left and the answer's first byte came, for the clock layer. */
export interface ResponseTiming {
  /** Wall-clock time the request started (ms since epoch). */
  sentAt: number;
  ttfbMs: number;
  date: string | undefined;
}

export interface HttpOutcome {
  layer: LayerResult;
  /** Present whenever an answer arrived, even one that failed its checks. */
  timing: ResponseTiming | undefined;
}

export interface HttpProbeContext {
  settings: TlsSettings | undefined;
  timeoutMs: number;
  now: () => Date;
  signal?: AbortSignal;
}

// Response headers worth showing; credentials (Set-Cookie) are deliberately absent.
const SHOWN_HEADERS = ['server', 'content-type', 'content-length', 'date', 'location', 'retry-after', 'via', 'x-request-id'];

export async function probeHttp(endpoint: EndpointConfig, target: ProbeTarget, route: Route, context: HttpProbeContext): Promise<HttpOutcome> {
  const { timeoutMs } = context;
  const { Client } = undici;
  return withBudget(timeoutMs, context.signal, async (budget) => {
    const client = new Client(target.url.origin, {
      connect: routeConnector(target, route, context.settings, budget.signal),
      // Safety nets only: the phase budget fires first and gives the clearer message.
      headersTimeout: timeoutMs + 1000,
      bodyTimeout: timeoutMs + 1000,
    });
    const start = performance.now();
    const sentAt = context.now().getTime();
    let timing: ResponseTiming | undefined;
    let bytesRead = 0;
    const base = { method: endpoint.method ?? 'GET', address: route.address, proxy: target.proxy ? target.proxy.source : null };
    try {
      const response = await client.request({
        // A plain-http request through a proxy is sent in absolute form to the proxy itself.
        path: target.proxy && !target.secure ? target.url.href : `${target.url.pathname}${target.url.search}`,
        method: (endpoint.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod,
        headers: requestHeaders(endpoint, target),
        body: endpoint.body ?? undefined,
        signal: budget.signal,
      });
      timing = { sentAt, ttfbMs: elapsedMs(start), date: undefined };
      const headers = response.headers as ReceivedResponse['headers'];
      timing.date = header({ headers }, 'date');
      const chunks: Buffer[] = [];
      let truncated = false;
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        chunks.push(buffer.subarray(0, MAX_BODY_BYTES - bytesRead));
        bytesRead += buffer.length;
        if (bytesRead >= MAX_BODY_BYTES) {
          truncated = true;
          break;
        }
      }
      const received: ReceivedResponse = { status: response.statusCode, headers, body: Buffer.concat(chunks).toString('utf8'), truncated, viaProxy: Boolean(target.proxy), host: target.host };
      const totalMs = elapsedMs(start);
      const detail = {
        ...base,
        status: response.statusCode,
        ttfbMs: timing.ttfbMs,
        totalMs,
        bytes: bytesRead,
        truncated,
        redirect: header(received, 'location') ?? null,
        retryAfter: header(received, 'retry-after') ?? null,
        headers: Object.fromEntries(SHOWN_HEADERS.filter((name) => header(received, name) !== undefined).map((name) => [name, header(received, name)])),
      };
      const failure = checkResponse(received, endpoint.expect);
      const summary = `${statusLine(response.statusCode)}, first byte after ${timing.ttfbMs} ms, ${bytesRead}${truncated ? '+' : ''} bytes in ${totalMs} ms`;
      if (failure) return { timing, layer: { layer: 'http', status: 'fail', ms: totalMs, code: failure.code, message: failure.message, detail: { ...detail, reason: failure.reason ?? null } } };
      return { timing, layer: { layer: 'http', status: 'ok', ms: totalMs, code: null, message: summary, detail } };
    } catch (error) {
      const ms = elapsedMs(start);
      if (budget.timedOut()) {
        const message = timing
          ? l10n.t('the answer started (first byte after {0} ms) but the body did not finish within {1} ms ({2} bytes read)', timing.ttfbMs, timeoutMs, bytesRead)
          : l10n.t('connected, but no answer within {0} ms', timeoutMs);
        return { timing, layer: { layer: 'http', status: 'fail', ms, code: 'http.timeout', message, detail: { ...base, bytes: bytesRead } } };
      }
      if (error instanceof TunnelRejectedError) {
        return { timing: undefined, layer: { layer: 'http', status: 'fail', ms, code: 'proxy.rejected', message: error.message, detail: base } };
      }
      const classified = classifyNetworkError(error, { phase: 'http', clientCertSent: context.settings?.clientCertSent ?? false });
      return { timing: undefined, layer: { layer: 'http', status: 'fail', ms, code: classified.code, message: classified.message, detail: { ...base, reason: classified.reason ?? null } } };
    } finally {
      await client.destroy().catch(() => undefined);
    }
  });
}

function requestHeaders(endpoint: EndpointConfig, target: ProbeTarget): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': 'invoice-doctor-probe', ...endpoint.headers };
  if (target.proxy?.authorization && !target.secure) headers['proxy-authorization'] = target.proxy.authorization;
  return headers;
}
