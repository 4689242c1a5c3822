import assert from 'node:assert/strict';
import { lookup } from 'node:dns/promises';
import { systemResolver, type HostResolver } from '../../../src/core/probe/dnsLayer';
import { probe, probeWithResolver } from '../../../src/core/probe/probe';
import { issue } from '../../../src/demo/pki';
import { LOOPBACK_NAMES, makeGatewayPki, type GatewayPki } from '../../support/gatewayPki';
import { ipv6Available, startHttpsServer, type RunningServer } from '../../support/loopbackServers';
import { layerOf, summarize } from '../../support/probeAssertions';
import { makeTempDir, type TempDir } from '../../support/tempFiles';

/**
 * Several addresses per name. This machine's /etc/hosts may map localhost to 127.0.0.1 only, so the
 * name "multi.test" is resolved by a resolver handed to the probe; everything after DNS is real.
 */
const bothLoopbacks: HostResolver = async (host) => (host === 'multi.test'
  ? [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }]
  : systemResolver(host));

describe('probe: every address of a name', () => {
  let pki: GatewayPki;
  let dir: TempDir;
  let hasIpv6: boolean;
  const servers: RunningServer[] = [];

  before(async () => {
    pki = makeGatewayPki('Multi');
    dir = await makeTempDir();
    await dir.write('ca.pem', pki.authority.root.certPem);
    hasIpv6 = await ipv6Available();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  after(() => dir.remove());

  const endpoint = (host: string, port: number) => ({ name: 'multi', url: `https://${host}:${port}/`, proxy: 'none', timeoutMs: 5000, tls: { ca: 'ca.pem' } });

  /** Servers on 127.0.0.1 and ::1 with the same port number, as one name with two addresses would have. */
  async function serveOnBoth(v4Cert: string, v6Cert: string, v4Key: string, v6Key: string): Promise<number> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const v4 = await startHttpsServer({ key: v4Key, cert: v4Cert });
      try {
        const v6 = await startHttpsServer({ key: v6Key, cert: v6Cert }, undefined, { host: '::1', port: v4.port });
        servers.push(v4, v6);
        return v4.port;
      } catch {
        await v4.close(); // the port was taken on ::1; try another
      }
    }
    throw new Error('could not bind the same port on 127.0.0.1 and ::1');
  }

  it('probes an endpoint on ::1', async function () {
    if (!hasIpv6) this.skip();
    const server = await startHttpsServer({ key: pki.server.keyPem, cert: pki.fullChain }, undefined, { host: '::1' });
    servers.push(server);
    const result = await probe(endpoint('[::1]', server.port), { baseDir: dir.path });
    assert.equal(result.verdict, 'up', summarize(result));
    assert.deepEqual(result.addresses.map((a) => [a.address, a.family]), [['::1', 6]]);
    assert.equal(layerOf(result, 'tls').detail.servername, null, 'no SNI for an IP literal');
  });

  it('connects to every address and reports one that refuses while the other works', async function () {
    if (!hasIpv6) this.skip();
    const server = await startHttpsServer({ key: pki.server.keyPem, cert: pki.fullChain });
    servers.push(server);
    const result = await probeWithResolver(endpoint('multi.test', server.port), { baseDir: dir.path }, bothLoopbacks);
    const tcp = layerOf(result, 'tcp');
    assert.equal(tcp.status, 'warn', summarize(result));
    assert.equal(tcp.code, 'tcp.refused');
    assert.match(tcp.message, /::1/);
    assert.equal(result.verdict, 'degraded');
    assert.deepEqual(result.addresses.map((a) => [a.address, a.code]), [['127.0.0.1', null], ['::1', 'tcp.refused']]);
    assert.equal(layerOf(result, 'http').status, 'ok', 'HTTP goes to the address that works');
  });

  it('handshakes with each address and reports different certificates on 127.0.0.1 and ::1', async function () {
    if (!hasIpv6) this.skip();
    const renewed = issue(pki.authority.intermediate, { commonName: 'localhost', altNames: LOOPBACK_NAMES, organization: 'Renewed' });
    const port = await serveOnBoth(pki.fullChain, renewed.certPem + pki.authority.intermediate.certPem, pki.server.keyPem, renewed.keyPem);
    const result = await probeWithResolver(endpoint('multi.test', port), { baseDir: dir.path }, bothLoopbacks);
    const tls = layerOf(result, 'tls');
    assert.equal(tls.status, 'warn', summarize(result));
    assert.match(tls.message, /different server certificates/);
    const [v4, v6] = result.addresses;
    assert.ok(v4.certSha256 && v6.certSha256 && v4.certSha256 !== v6.certSha256);
    assert.ok(v4.tlsMs !== null && v6.tlsMs !== null);
  });

  it('fails TLS on one address while the other is fine, as a warning naming it', async function () {
    if (!hasIpv6) this.skip();
    const expired = issue(pki.authority.intermediate, { commonName: 'localhost', altNames: LOOPBACK_NAMES, notBefore: new Date(Date.now() - 10 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
    const port = await serveOnBoth(pki.fullChain, expired.certPem + pki.authority.intermediate.certPem, pki.server.keyPem, expired.keyPem);
    const result = await probeWithResolver(endpoint('multi.test', port), { baseDir: dir.path }, bothLoopbacks);
    const tls = layerOf(result, 'tls');
    assert.equal(tls.status, 'warn', summarize(result));
    assert.equal(tls.code, 'tls.cert_expired');
    assert.match(tls.message, /fails on ::1/);
    assert.equal(result.addresses[1].code, 'tls.cert_expired');
  });

  it('probes each address "localhost" resolves to on this machine', async () => {
    const answers = await lookup('localhost', { all: true });
    const server = await startHttpsServer({ key: pki.server.keyPem, cert: pki.fullChain });
    servers.push(server);
    const result = await probe(endpoint('localhost', server.port), { baseDir: dir.path });
    assert.deepEqual(result.addresses.map((a) => a.address).sort(), answers.map((a) => a.address).sort(), summarize(result));
    assert.equal(layerOf(result, 'http').status, 'ok');
  });
});
