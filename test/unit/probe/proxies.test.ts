import assert from 'node:assert/strict';
import { probe } from '../../../src/core/probe/probe';
import { makeGatewayPki, type GatewayPki } from '../../support/gatewayPki';
import { startHttpServer, startHttpsServer, startRawServer, type RunningServer } from '../../support/loopbackServers';
import { layerOf, summarize } from '../../support/probeAssertions';
import { makeTempDir, type TempDir } from '../../support/tempFiles';
import { startTinyproxy, type RunningProxy } from '../../support/tinyproxy';

describe('probe: forward proxies', () => {
  let pki: GatewayPki;
  let dir: TempDir;
  let proxy: RunningProxy;
  let https: RunningServer;
  let http: RunningServer;
  let requestsSeen: string[];

  before(async () => {
    pki = makeGatewayPki('Proxied');
    dir = await makeTempDir();
    await dir.write('ca.pem', pki.authority.root.certPem);
    proxy = await startTinyproxy();
    requestsSeen = [];
    const record = (name: string) => (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => {
      requestsSeen.push(`${name} ${request.url}`);
      response.end('{"code":0}');
    };
    https = await startHttpsServer({ key: pki.server.keyPem, cert: pki.fullChain }, record('https'));
    http = await startHttpServer(record('http'));
  });
  after(async () => {
    await Promise.all([proxy?.stop(), https?.close(), http?.close()]);
    await dir?.remove();
  });

  it('tunnels https through tinyproxy, probing the proxy in the DNS and TCP layers', async () => {
    const result = await probe({ name: 'via proxy', url: `https://localhost:${https.port}/health`, proxy: proxy.url, tls: { ca: 'ca.pem' }, timeoutMs: 5000 }, { baseDir: dir.path });
    assert.equal(result.verdict, 'up', summarize(result));
    assert.match(layerOf(result, 'dns').message, /proxy/);
    assert.match(layerOf(result, 'tcp').message, new RegExp(`proxy 127\\.0\\.0\\.1:${proxy.port}`));
    assert.equal(result.addresses[0].address, '127.0.0.1');
    assert.equal((layerOf(result, 'tls').detail.chain as { subject: string }[])[0].subject, 'CN=localhost');
    assert.ok(requestsSeen.includes('https /health'));
  });

  it('sends plain http through tinyproxy as a proxy request', async () => {
    const result = await probe({ name: 'plain via proxy', url: `http://localhost:${http.port}/ping?x=1`, proxy: proxy.url, timeoutMs: 5000 });
    assert.equal(result.verdict, 'up', summarize(result));
    assert.ok(requestsSeen.includes('http /ping?x=1'));
  });

  it('lets loopback targets bypass a "system" proxy from HTTPS_PROXY, as browsers do', async () => {
    const result = await probe(
      { name: 'system proxy', url: `https://localhost:${https.port}/health`, proxy: 'system', tls: { ca: 'ca.pem' }, timeoutMs: 5000 },
      { baseDir: dir.path, env: { HTTPS_PROXY: 'http://127.0.0.1:9' } },
    );
    assert.equal(result.verdict, 'up', summarize(result));
    assert.equal(layerOf(result, 'tcp').detail.proxy, false);
  });

  it('reports a proxy that wants credentials (407) as proxy.rejected, for https and http', async () => {
    const demanding = await startRawServer((socket) => {
      socket.once('data', () => socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n'));
    });
    try {
      const secure = await probe({ name: 'https 407', url: `https://localhost:${https.port}/`, proxy: demanding.origin, timeoutMs: 5000, tls: { ca: 'ca.pem' } }, { baseDir: dir.path });
      assert.equal(secure.diagnosis?.code, 'proxy.rejected', summarize(secure));
      assert.match(layerOf(secure, 'tls').message, /407/);
      const plain = await probe({ name: 'http 407', url: `http://localhost:${http.port}/`, proxy: demanding.origin, timeoutMs: 5000 });
      assert.equal(plain.diagnosis?.code, 'proxy.rejected', summarize(plain));
      assert.equal(layerOf(plain, 'http').status, 'fail');
    } finally {
      await demanding.close();
    }
  });

  it('never shows the proxy password', async () => {
    const result = await probe({ name: 'secret proxy', url: `http://localhost:${http.port}/`, proxy: `http://user:pr0xy-pass@127.0.0.1:${proxy.port}`, timeoutMs: 5000 });
    assert.ok(!JSON.stringify(result).includes('pr0xy-pass'));
  });
});
