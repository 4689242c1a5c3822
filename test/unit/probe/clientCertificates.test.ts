import assert from 'node:assert/strict';
import { probe } from '../../../src/core/probe/probe';
import { createAuthority, issue, toPkcs12 } from '../../../src/demo/pki';
import { makeGatewayPki, type GatewayPki } from '../../support/gatewayPki';
import { startHttpsServer, type RunningServer } from '../../support/loopbackServers';
import { layerOf, summarize } from '../../support/probeAssertions';
import { makeTempDir, type TempDir } from '../../support/tempFiles';

describe('probe: client certificates (mutual TLS)', () => {
  let pki: GatewayPki;
  let dir: TempDir;
  let server: RunningServer;
  const passphrase = 'p12-Secret-42';

  before(async () => {
    pki = makeGatewayPki('mTLS Gateway');
    dir = await makeTempDir();
    const client = issue(pki.authority.intermediate, { commonName: 'taxpayer-0001', usage: 'client' });
    const stranger = createAuthority('Stranger');
    const strangerClient = issue(stranger.intermediate, { commonName: 'intruder', usage: 'client' });
    await dir.write('gw-ca.pem', pki.authority.root.certPem);
    await dir.write('client.pem', client.certPem + pki.authority.intermediate.certPem);
    await dir.write('client.key', client.keyPem);
    await dir.write('client.p12', toPkcs12(client, passphrase, [pki.authority.intermediate]));
    await dir.write('stranger.pem', strangerClient.certPem + stranger.intermediate.certPem);
    await dir.write('stranger.key', strangerClient.keyPem);
    server = await startHttpsServer({
      key: pki.server.keyPem,
      cert: pki.fullChain,
      ca: pki.authority.root.certPem,
      requestCert: true,
      rejectUnauthorized: true,
    }, (request, response) => {
      const peer = (request.socket as import('node:tls').TLSSocket).getPeerCertificate();
      response.end(JSON.stringify({ code: 0, client: peer.subject?.CN }));
    });
  });
  after(async () => {
    await server.close();
    await dir.remove();
  });

  const endpoint = (tls: object) => ({
    name: 'mtls', url: `https://localhost:${server.port}/`, proxy: 'none', timeoutMs: 5000, tls: { ca: 'gw-ca.pem', ...tls },
  });

  it('says a client certificate is required when none is configured', async () => {
    const result = await probe(endpoint({}), { baseDir: dir.path });
    assert.equal(result.verdict, 'down');
    assert.equal(result.diagnosis?.code, 'tls.client_cert', summarize(result));
    assert.match(layerOf(result, 'tls').message, /requires a client certificate|wants a client certificate/);
    assert.ok(result.diagnosis?.fixes.some((fix) => /tls\.pfx/.test(fix)));
  });

  it('gets through with the right PEM certificate and key', async () => {
    const result = await probe(endpoint({ cert: 'client.pem', key: 'client.key' }), { baseDir: dir.path });
    assert.equal(result.verdict, 'up', summarize(result));
    assert.deepEqual(layerOf(result, 'tls').detail.clientCertificate, { source: 'client.pem + client.key', subject: 'CN=taxpayer-0001' });
  });

  it('gets through with the right PKCS#12 file and passphrase, and never shows the passphrase', async () => {
    const result = await probe(endpoint({ pfx: 'client.p12', passphrase }), { baseDir: dir.path, secrets: [passphrase] });
    assert.equal(result.verdict, 'up', summarize(result));
    assert.ok(!JSON.stringify(result).includes(passphrase));
  });

  it('says the PKCS#12 passphrase is wrong, naming the file, without a handshake', async () => {
    const result = await probe(endpoint({ pfx: 'client.p12', passphrase: 'not-the-passphrase' }), { baseDir: dir.path });
    const tls = layerOf(result, 'tls');
    assert.equal(tls.status, 'fail');
    assert.equal(tls.code, 'tls.client_cert');
    assert.equal(tls.detail.reason, 'bad_passphrase');
    assert.equal(tls.message, 'the passphrase for client.p12 is wrong (PKCS#12 MAC check failed)');
    assert.ok(!JSON.stringify(result).includes('not-the-passphrase'));
  });

  it('says the server rejected a certificate from a CA it does not know', async () => {
    const result = await probe(endpoint({ cert: 'stranger.pem', key: 'stranger.key' }), { baseDir: dir.path });
    assert.equal(result.diagnosis?.code, 'tls.client_cert', summarize(result));
    assert.match(layerOf(result, 'tls').message, /rejected the client certificate/);
  });

  it('recognises a TLS 1.2 server that asks for a client certificate behind a bare "handshake failure"', async () => {
    const tls12 = await startHttpsServer({
      key: pki.server.keyPem, cert: pki.fullChain, ca: pki.authority.root.certPem, requestCert: true, rejectUnauthorized: true, maxVersion: 'TLSv1.2',
    });
    try {
      const result = await probe({ ...endpoint({}), url: `https://localhost:${tls12.port}/` }, { baseDir: dir.path });
      assert.equal(result.diagnosis?.code, 'tls.client_cert', summarize(result));
      assert.match(layerOf(result, 'tls').message, /CertificateRequest/);
      const withCert = await probe({ ...endpoint({ pfx: 'client.p12', passphrase }), url: `https://localhost:${tls12.port}/` }, { baseDir: dir.path });
      assert.equal(withCert.verdict, 'up', summarize(withCert));
    } finally {
      await tls12.close();
    }
  });

  it('names a missing certificate file', async () => {
    const result = await probe(endpoint({ pfx: 'nowhere.p12', passphrase }), { baseDir: dir.path });
    assert.equal(layerOf(result, 'tls').code, 'tls.client_cert');
    assert.match(layerOf(result, 'tls').message, /nowhere\.p12.*no such file/);
  });
});
