import assert from 'node:assert/strict';
import { probe } from '../../../src/core/probe/probe';
import { daysFromNow, issue, selfSigned } from '../../../src/demo/pki';
import { LOOPBACK_NAMES, makeGatewayPki, type GatewayPki } from '../../support/gatewayPki';
import { startHttpsServer, type RunningServer } from '../../support/loopbackServers';
import { layerOf, summarize } from '../../support/probeAssertions';
import { makeTempDir, type TempDir } from '../../support/tempFiles';

describe('probe: TLS verification', () => {
  let pki: GatewayPki;
  let dir: TempDir;
  const servers: RunningServer[] = [];

  before(async () => {
    pki = makeGatewayPki();
    dir = await makeTempDir();
    await dir.write('gw-ca.pem', pki.authority.root.certPem);
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  after(() => dir.remove());

  async function serve(key: string, cert: string, extra: object = {}): Promise<RunningServer> {
    const server = await startHttpsServer({ key, cert, ...extra });
    servers.push(server);
    return server;
  }

  const endpoint = (server: RunningServer, extra: object = {}) => ({
    name: 'gateway', url: `https://localhost:${server.port}/health`, proxy: 'none', timeoutMs: 5000, tls: { ca: 'gw-ca.pem' }, ...extra,
  });

  it('reports a healthy endpoint behind a private CA as up, with the chain', async () => {
    const server = await serve(pki.server.keyPem, pki.fullChain);
    const result = await probe(endpoint(server), { baseDir: dir.path });
    assert.equal(result.verdict, 'up', summarize(result));
    assert.equal(result.diagnosis, null);
    const tls = layerOf(result, 'tls');
    const chain = tls.detail.chain as { subject: string; sha256: string }[];
    assert.equal(chain[0].subject, 'CN=localhost');
    assert.equal(chain[1].subject, 'CN=Gateway Intermediate CA');
    assert.match(String(tls.detail.protocol), /^TLSv1\.[23]$/);
    assert.equal(result.addresses[0].certSha256, chain[0].sha256);
    assert.equal(layerOf(result, 'http').detail.status, 200);
    for (const layer of result.layers) assert.ok(layer.status === 'ok', summarize(result));
  });

  it('reports an expired certificate as tls.cert_expired, keeps the chain and never sends HTTP', async () => {
    let requests = 0;
    const expired = issue(pki.authority.intermediate, { commonName: 'localhost', altNames: LOOPBACK_NAMES, notBefore: daysFromNow(-30), notAfter: daysFromNow(-2) });
    const server = await startHttpsServer({ key: expired.keyPem, cert: expired.certPem + pki.authority.intermediate.certPem }, (_req, res) => { requests += 1; res.end('ok'); });
    servers.push(server);
    const result = await probe(endpoint(server), { baseDir: dir.path });
    assert.equal(result.verdict, 'down');
    assert.equal(result.diagnosis?.code, 'tls.cert_expired');
    assert.equal(result.diagnosis?.layer, 'tls');
    const tls = layerOf(result, 'tls');
    assert.equal((tls.detail.chain as { daysLeft: number }[])[0].daysLeft < 0, true);
    assert.equal(layerOf(result, 'http').status, 'skipped');
    assert.match(layerOf(result, 'http').message, /not reached: tls failed/);
    assert.equal(requests, 0, 'no HTTP request may go over an unverified connection');
  });

  it('reports a certificate that is not valid yet as tls.cert_not_yet_valid and suggests checking the clock', async () => {
    const early = issue(pki.authority.intermediate, { commonName: 'localhost', altNames: LOOPBACK_NAMES, notBefore: daysFromNow(3), notAfter: daysFromNow(300) });
    const server = await serve(early.keyPem, early.certPem + pki.authority.intermediate.certPem);
    const result = await probe(endpoint(server), { baseDir: dir.path });
    assert.equal(result.diagnosis?.code, 'tls.cert_not_yet_valid', summarize(result));
    assert.ok(result.diagnosis?.fixes.some((fix) => /clock|time/i.test(fix)));
  });

  it('reports a certificate for another host name as tls.cert_hostname', async () => {
    const other = issue(pki.authority.intermediate, { commonName: 'gw.example.com', altNames: ['gw.example.com'] });
    const server = await serve(other.keyPem, other.certPem + pki.authority.intermediate.certPem);
    const result = await probe(endpoint(server), { baseDir: dir.path });
    assert.equal(result.diagnosis?.code, 'tls.cert_hostname', summarize(result));
    assert.match(layerOf(result, 'tls').message, /localhost/);
  });

  it('names a missing intermediate and tells how to fix it', async () => {
    const server = await serve(pki.server.keyPem, pki.server.certPem);
    const result = await probe(endpoint(server), { baseDir: dir.path });
    assert.equal(result.diagnosis?.code, 'tls.cert_untrusted', summarize(result));
    assert.equal(layerOf(result, 'tls').detail.reason, 'missing_intermediate');
    assert.match(layerOf(result, 'tls').message, /intermediate/);
    assert.ok(result.diagnosis?.fixes.some((fix) => /full chain/.test(fix)));
    assert.ok(result.diagnosis?.fixes.some((fix) => /tls\.ca/.test(fix)));
  });

  it('reports a self-signed certificate, and a wrong host name on it at the same time', async () => {
    const own = selfSigned({ commonName: 'test-box', altNames: ['test-box'] });
    const server = await serve(own.keyPem, own.certPem);
    const result = await probe(endpoint(server, { tls: {} }), { baseDir: dir.path });
    const tls = layerOf(result, 'tls');
    assert.equal(tls.code, 'tls.cert_untrusted', summarize(result));
    assert.equal(tls.detail.reason, 'self_signed');
    const problems = tls.detail.problems as { code: string }[];
    assert.deepEqual(problems.map((p) => p.code), ['tls.cert_untrusted', 'tls.cert_hostname']);
    assert.ok(!result.diagnosis?.fixes.some((fix) => /rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED|disable/i.test(fix)));
  });

  it('warns about a certificate expiring within certWarnDays', async () => {
    const soon = issue(pki.authority.intermediate, { commonName: 'localhost', altNames: LOOPBACK_NAMES, notAfter: daysFromNow(10) });
    const server = await serve(soon.keyPem, soon.certPem + pki.authority.intermediate.certPem);
    const result = await probe(endpoint(server, { certWarnDays: 30 }), { baseDir: dir.path });
    assert.equal(result.verdict, 'degraded', summarize(result));
    assert.equal(result.diagnosis?.code, 'tls.cert_expiring');
    assert.equal(layerOf(result, 'http').status, 'ok');
  });

  it('explains a TLS 1.0-only server as tls.protocol, and talks to it with tls.minVersion, warning tls.legacy', async () => {
    const legacy = { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' };
    const server = await serve(pki.server.keyPem, pki.fullChain, legacy);
    const refused = await probe(endpoint(server), { baseDir: dir.path });
    assert.equal(refused.diagnosis?.code, 'tls.protocol', summarize(refused));
    assert.ok(refused.diagnosis?.fixes.some((fix) => /minVersion/.test(fix)));

    const allowed = await probe(endpoint(server, { tls: { ca: 'gw-ca.pem', minVersion: 'TLSv1' } }), { baseDir: dir.path });
    assert.equal(allowed.verdict, 'degraded', summarize(allowed));
    assert.equal(layerOf(allowed, 'tls').code, 'tls.legacy');
    assert.equal(layerOf(allowed, 'tls').detail.protocol, 'TLSv1');
    assert.equal(layerOf(allowed, 'http').status, 'ok');
  });

  it('reports an unreadable tls.ca file in the TLS layer without crashing', async () => {
    const server = await serve(pki.server.keyPem, pki.fullChain);
    const result = await probe(endpoint(server, { tls: { ca: 'missing.pem' } }), { baseDir: dir.path });
    assert.equal(layerOf(result, 'tls').code, 'tls.cert_untrusted');
    assert.equal(layerOf(result, 'tls').detail.reason, 'ca_unreadable');
    assert.match(layerOf(result, 'tls').message, /missing\.pem/);
  });
});
