import assert from 'node:assert/strict';
import { probe } from '../../../src/core/probe/probe';
import { closedPort, startHttpServer, startRawServer, type Handler, type RunningServer } from '../../support/loopbackServers';
import { layerOf, summarize } from '../../support/probeAssertions';

describe('probe: TCP and HTTP behaviour', () => {
  const servers: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function http(handler: Handler): Promise<RunningServer> {
    const server = await startHttpServer(handler);
    servers.push(server);
    return server;
  }

  async function raw(onConnection: Parameters<typeof startRawServer>[0]): Promise<RunningServer> {
    const server = await startRawServer(onConnection);
    servers.push(server);
    return server;
  }

  const endpoint = (origin: string, extra: object = {}) => ({ name: 'gw', url: `${origin}/api/health`, proxy: 'none', timeoutMs: 5000, ...extra });

  it('reports a closed port as tcp.refused and skips the layers above', async () => {
    const port = await closedPort();
    const result = await probe(endpoint(`http://127.0.0.1:${port}`));
    assert.equal(result.verdict, 'down');
    assert.equal(result.diagnosis?.code, 'tcp.refused');
    assert.equal(layerOf(result, 'dns').ms, 0, 'an IP literal needs no lookup');
    assert.equal(result.addresses[0].code, 'tcp.refused');
    for (const name of ['tls', 'http', 'clock'] as const) assert.equal(layerOf(result, name).status, 'skipped');
    assert.match(layerOf(result, 'http').message, /not reached: tcp failed/);
  });

  it('gives up on a server that accepts and never answers, as http.timeout after timeoutMs', async () => {
    const server = await raw(() => undefined);
    const result = await probe(endpoint(server.origin, { timeoutMs: 800 }));
    const layer = layerOf(result, 'http');
    assert.equal(layer.code, 'http.timeout', summarize(result));
    assert.ok((layer.ms ?? 0) >= 790, `the timeout cannot fire early (${layer.ms} ms)`);
  });

  it('gives up on a server that trickles its headers one byte at a time', async () => {
    const server = await raw((socket) => {
      const text = 'HTTP/1.1 200 OK\r\nX-Slow: ' + 'a'.repeat(10_000);
      let index = 0;
      const timer = setInterval(() => {
        if (socket.destroyed) clearInterval(timer);
        else socket.write(text[index++ % text.length]);
      }, 100);
      socket.on('close', () => clearInterval(timer));
      socket.on('error', () => clearInterval(timer));
    });
    const result = await probe(endpoint(server.origin, { timeoutMs: 800 }));
    assert.equal(layerOf(result, 'http').code, 'http.timeout', summarize(result));
  });

  it('stops reading an endless body at the cap and still judges the answer', async () => {
    const server = await http((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => { while (response.write(chunk)); };
      response.on('drain', pump);
      pump();
    });
    const result = await probe(endpoint(server.origin, { expect: { bodyContains: '"code":0' } }));
    const layer = layerOf(result, 'http');
    assert.equal(layer.detail.truncated, true, summarize(result));
    assert.equal(layer.code, 'http.body');
  });

  it('times out a body that never finishes', async () => {
    const server = await http((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => response.write('.'), 50);
      response.on('close', () => clearInterval(timer));
    });
    const result = await probe(endpoint(server.origin, { timeoutMs: 800 }));
    const layer = layerOf(result, 'http');
    assert.equal(layer.code, 'http.timeout', summarize(result));
    assert.match(layer.message, /body did not finish/);
  });

  it('reports 503 as http.5xx with its Retry-After', async () => {
    const server = await http((_request, response) => {
      response.writeHead(503, { 'retry-after': '120' });
      response.end('maintenance');
    });
    const result = await probe(endpoint(server.origin));
    assert.equal(result.diagnosis?.code, 'http.5xx');
    assert.match(layerOf(result, 'http').message, /503 Service Unavailable \(Retry-After: 120\)/);
    assert.equal(layerOf(result, 'http').detail.retryAfter, '120');
  });

  it('reports a server clock an hour ahead as clock.skew, and the endpoint as down', async () => {
    const server = await http((_request, response) => {
      response.sendDate = false;
      response.writeHead(200, { date: new Date(Date.now() + 3_600_000).toUTCString() });
      response.end('{"code":0}');
    });
    const result = await probe(endpoint(server.origin));
    const clock = layerOf(result, 'clock');
    assert.equal(clock.status, 'fail', summarize(result));
    assert.equal(clock.code, 'clock.skew');
    assert.ok(Math.abs(Number(clock.detail.skewSec) - 3600) < 5);
    assert.match(clock.message, /ahead of this machine/);
    assert.equal(result.verdict, 'down');
    assert.equal(result.diagnosis?.code, 'clock.skew');
  });

  it('warns about a skew under the tolerance, and skips the clock without a Date header', async () => {
    const skewed = await http((_request, response) => {
      response.sendDate = false;
      response.writeHead(200, { date: new Date(Date.now() - 120_000).toUTCString() });
      response.end('ok');
    });
    const warned = await probe(endpoint(skewed.origin));
    assert.equal(layerOf(warned, 'clock').status, 'warn', summarize(warned));
    assert.equal(warned.verdict, 'degraded');

    const dateless = await http((_request, response) => {
      response.sendDate = false;
      response.end('ok');
    });
    const skipped = await probe(endpoint(dateless.origin));
    assert.equal(layerOf(skipped, 'clock').status, 'skipped');
    assert.match(layerOf(skipped, 'clock').message, /no Date header/);
    assert.equal(skipped.verdict, 'up');
  });

  it('tells a business-level rejection (HTTP 200 with an error body) apart as http.body, with an excerpt', async () => {
    const server = await http((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"code":40013,"message":"taxpayer not registered"}');
    });
    const result = await probe(endpoint(server.origin, { expect: { bodyContains: '"code":0' } }));
    assert.equal(result.diagnosis?.code, 'http.body');
    assert.match(layerOf(result, 'http').message, /taxpayer not registered/);
  });

  it('reports a 403 from a WAF as proxy.rejected, and a plain 404 as http.status', async () => {
    const waf = await http((_request, response) => {
      response.writeHead(403, { 'content-type': 'text/html' });
      response.end('<html><title>Request Rejected</title>The requested URL was rejected. Your support ID is: 1234567890</html>');
    });
    const blocked = await probe(endpoint(waf.origin));
    assert.equal(blocked.diagnosis?.code, 'proxy.rejected', summarize(blocked));
    assert.match(layerOf(blocked, 'http').message, /support ID/);

    const missing = await http((_request, response) => { response.writeHead(404); response.end('not here'); });
    const notFound = await probe(endpoint(missing.origin));
    assert.equal(notFound.diagnosis?.code, 'http.status');
    assert.match(layerOf(notFound, 'http').message, /404 Not Found \(expected any 2xx\)/);
  });

  it('reports a redirect to another host without following it', async () => {
    let followed = 0;
    const elsewhere = await http((_request, response) => { followed += 1; response.end('ok'); });
    const server = await http((_request, response) => {
      response.writeHead(302, { location: `http://localhost:${elsewhere.port}/login` });
      response.end();
    });
    const result = await probe(endpoint(server.origin));
    const layer = layerOf(result, 'http');
    assert.equal(layer.code, 'http.status');
    assert.equal(layer.detail.redirect, `http://localhost:${elsewhere.port}/login`);
    assert.match(layer.message, /another host/);
    assert.equal(followed, 0);
  });

  it('stops promptly when aborted mid-probe, rejecting with the signal reason', async () => {
    // The TCP layer's connection, then the HTTP layer's: abort once the probe waits for an answer.
    let seen = 0;
    let waitingForAnswer!: () => void;
    const stuck = new Promise<void>((resolvePromise) => { waitingForAnswer = resolvePromise; });
    const server = await raw(() => { seen += 1; if (seen === 2) waitingForAnswer(); });
    const controller = new AbortController();
    const pending = probe(endpoint(server.origin, { timeoutMs: 60_000 }), { signal: controller.signal });
    await stuck;
    controller.abort();
    await assert.rejects(pending, (error: Error) => error.name === 'AbortError');
  });

  it('never lets a secret into the result, even when the server echoes it', async () => {
    const token = 'tok-9f8e7d6c5b4a';
    const server = await http((request, response) => {
      response.writeHead(401, { 'content-type': 'text/plain' });
      response.end(`rejected credentials: ${request.headers.authorization} ${request.headers['x-signature']}`);
    });
    const result = await probe(
      endpoint(server.origin, { headers: { Authorization: `Bearer ${token}`, 'X-Signature': 'sig-secret-value' } }),
      { secrets: ['sig-secret-value'] },
    );
    assert.equal(result.diagnosis?.code, 'http.status', summarize(result));
    const json = JSON.stringify(result);
    assert.ok(!json.includes(token), json);
    assert.ok(!json.includes('sig-secret-value'), json);
    assert.match(layerOf(result, 'http').message, /rejected credentials/);
  });
});

