import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { get } from 'node:https';
import { connect, type Socket } from 'node:net';
import { startDemoGateway, type DemoGateway } from '../../../src/demo/gateway';
import { validateEndpoints } from '../../../src/core/endpoint/endpointConfig';

/** The demo gateway itself, checked with Node's own TLS client rather than with the probe. */
describe('demo gateway', function () {
  this.timeout(30_000);
  let gateway: DemoGateway;
  before(async () => {
    gateway = await startDemoGateway();
  });
  after(async () => {
    await gateway?.close();
  });

  const urlOf = (name: string) => {
    const endpoint = gateway.endpoints.find((e) => e.name === name);
    assert.ok(endpoint, name);
    return endpoint.url;
  };
  const fetchText = (url: string, options: { ca?: Buffer } = {}) => new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    get(url, { ca: options.ca ?? readFileSync(gateway.files.caPem) }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    }).on('error', reject);
  });

  it('offers twelve valid, uniquely named endpoints on 127.0.0.1 that bypass any proxy', () => {
    const { endpoints, problems } = validateEndpoints(gateway.endpoints);
    assert.deepEqual(problems, []);
    assert.equal(endpoints.length, 12);
    for (const endpoint of endpoints) {
      assert.equal(new URL(endpoint.url).hostname, '127.0.0.1');
      assert.equal(endpoint.proxy, 'none');
      assert.equal(endpoint.tls?.ca, gateway.files.caPem);
    }
  });

  it('writes the CA and the client credentials into its own folder', () => {
    for (const file of [gateway.files.caPem, gateway.files.clientP12, gateway.files.clientCertPem, gateway.files.clientKeyPem]) {
      assert.ok(file.startsWith(gateway.files.dir) && existsSync(file), file);
    }
  });

  it('serves the healthy endpoint over a chain the demo CA verifies', async () => {
    const answer = await fetchText(urlOf('Healthy gateway'));
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body), { code: 0, message: 'ok' });
  });

  it('answers 503 with Retry-After, a skewed Date, and a business error with HTTP 200', async () => {
    const unavailable = await fetchText(urlOf('503 with Retry-After'));
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.headers['retry-after'], '120');
    const skewed = await fetchText(urlOf('Skewed clock'));
    const skewMs = Date.parse(String(skewed.headers.date)) - Date.now();
    assert.ok(skewMs > 3600_000, `Date header only ${skewMs} ms ahead`);
    const business = await fetchText(urlOf('Business error (HTTP 200)'));
    assert.equal(business.status, 200);
    assert.equal(JSON.parse(business.body).code, 4001);
  });

  it('keeps serving after clients hang up mid-handshake and mid-request', async () => {
    for (const name of ['Healthy gateway', 'Client certificate required', 'TLS 1.0 only', 'Slow (times out)']) {
      const { port } = new URL(urlOf(name));
      const socket = await new Promise<Socket>((resolve, reject) => {
        const s = connect(Number(port), '127.0.0.1', () => resolve(s)).on('error', reject);
      });
      socket.write('\u0016\u0003\u0001\u0000\u0005garbage');
      socket.resetAndDestroy();
    }
    assert.equal((await fetchText(urlOf('Healthy gateway'))).status, 200);
  });

  it('closes promptly with a request still hanging, and removes its folder', async () => {
    const own = await startDemoGateway();
    const { port } = new URL(own.endpoints.find((e) => e.name === 'Slow (times out)')!.url);
    const ca = readFileSync(own.files.caPem);
    // A request in flight on an open connection: close() must not wait for the client to give up.
    const hung = new Promise<Error>((resolve, reject) => {
      const request = get(`https://127.0.0.1:${port}/`, { ca }, () => reject(new Error('the slow endpoint answered')));
      request.on('error', resolve);
      request.on('socket', (socket) => socket.once('secureConnect', () => void own.close()));
    });
    assert.match((await hung).message, /socket hang up|ECONNRESET/);
    await own.close();
    assert.equal(existsSync(own.files.dir), false);
  });
});
