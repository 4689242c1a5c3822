import { strict as assert } from 'node:assert';
import type { ServerOptions } from 'node:https';
import { inspectRemote } from '../../../src/core/certs/inspectRemote';
import { parseRemoteTarget } from '../../../src/core/certs/remoteChain';
import type { CertReport } from '../../../src/core/certs/certReport';
import { isDoctorError } from '../../../src/core/errors';
import { createAuthority, daysFromNow, issue, selfSigned, toPkcs12, type TestAuthority } from '../../../src/demo/pki';
import { makeGatewayPki, type GatewayPki } from '../../support/gatewayPki';
import { closedPort, startHttpsServer, type RunningServer } from '../../support/loopbackServers';
import { makeTempDir, type TempDir } from '../../support/tempFiles';

const codes = (report: CertReport) => report.checks.map((check) => check.code);
const errors = (report: CertReport) => report.checks.filter((check) => check.severity === 'error').map((check) => check.code);
const find = (report: CertReport, code: string) => report.checks.find((check) => check.code === code);

describe('certificate inspector: chains presented by real TLS servers on 127.0.0.1', function () {
  this.timeout(60_000);
  let dir: TempDir;
  let pki: GatewayPki;
  let caFile: string;
  const servers: RunningServer[] = [];
  const serve = async (tls: ServerOptions) => {
    const server = await startHttpsServer(tls);
    servers.push(server);
    return `127.0.0.1:${server.port}`;
  };

  before(async () => {
    dir = await makeTempDir('certs-remote-');
    pki = makeGatewayPki('Remote');
    caFile = await dir.write('root.pem', pki.authority.root.certPem);
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  after(() => dir.remove());

  it('reads a complete chain in the order sent, trusted through --ca, covering the IP address', async () => {
    const target = await serve({ cert: pki.fullChain, key: pki.server.keyPem });
    const report = await inspectRemote(target, { caFile, network: false });
    assert.deepEqual(errors(report), []);
    assert.deepEqual(report.chain.map((cert) => cert.subject), ['CN=localhost', 'CN=Remote Intermediate CA']);
    assert.equal(report.connection?.orderAsSent, true);
    assert.equal(report.connection?.protocol, 'TLSv1.3');
    assert.equal(report.trustAnchor, 'CN=Remote Root CA');
    assert.equal(report.clientCertificate?.requested, false);
  });

  it('sends SNI and checks the name given with servername', async () => {
    const target = await serve({ cert: pki.fullChain, key: pki.server.keyPem });
    assert.deepEqual(errors(await inspectRemote(target, { caFile, network: false, servername: 'multi.test' })), []);
    const wrong = await inspectRemote(target, { caFile, network: false, servername: 'gateway.example.com' });
    assert.match(find(wrong, 'cert.hostname_mismatch')?.message ?? '', /does not cover "gateway\.example\.com": it is for DNS:localhost/);
    assert.equal(wrong.connection?.servername, 'gateway.example.com');
  });

  it('names the intermediate a server does not send', async () => {
    const target = await serve({ cert: pki.server.certPem, key: pki.server.keyPem });
    const report = await inspectRemote(target, { caFile, network: false });
    assert.match(find(report, 'cert.chain_incomplete')?.message ?? '', /the server does not send the issuer "CN=Remote Intermediate CA" of "localhost"/);
    assert.ok(errors(report).includes('cert.untrusted'));
  });

  it('sees a misordered chain exactly as the server sends it', async () => {
    const authority = deeperAuthority();
    const leaf = issue(authority.second, { commonName: 'localhost', altNames: ['127.0.0.1'] });
    const target = await serve({ cert: leaf.certPem + authority.root.intermediate.certPem + authority.second.certPem, key: leaf.keyPem });
    const report = await inspectRemote(target, { caFile: await dir.write('deep-root.pem', authority.root.root.certPem), network: false });
    assert.deepEqual(report.chain.map((cert) => cert.subject), ['CN=localhost', 'CN=Deep Intermediate CA', 'CN=Deep Second CA']);
    assert.match(find(report, 'cert.chain_order')?.message ?? '', /TLS expects the server certificate first, then each issuer: "localhost", "Deep Second CA", "Deep Intermediate CA"/);
    assert.deepEqual(errors(report), []);
  });

  it('reports an expired server certificate as an error and an expiring one as a warning', async () => {
    const expired = issue(pki.authority.intermediate, { commonName: 'localhost', altNames: ['127.0.0.1'], notBefore: daysFromNow(-60), notAfter: daysFromNow(-1) });
    const report = await inspectRemote(await serve({ cert: expired.certPem + pki.authority.intermediate.certPem, key: expired.keyPem }), { caFile, network: false });
    assert.deepEqual(errors(report), ['cert.expired']);
    const soon = issue(pki.authority.intermediate, { commonName: 'localhost', altNames: ['127.0.0.1'], notAfter: daysFromNow(5) });
    const warned = await inspectRemote(await serve({ cert: soon.certPem + pki.authority.intermediate.certPem, key: soon.keyPem }), { caFile, network: false, warnDays: 10 });
    assert.deepEqual(warned.checks.filter((check) => check.severity !== 'info').map((check) => check.code), ['cert.expiring']);
  });

  it('calls a self-signed server certificate a warning, and untrusted an error unless --ca vouches for it', async () => {
    const self = selfSigned({ commonName: 'localhost', altNames: ['127.0.0.1'] });
    const target = await serve({ cert: self.certPem, key: self.keyPem });
    const report = await inspectRemote(target, { network: false });
    assert.equal(find(report, 'cert.self_signed')?.severity, 'warning');
    assert.equal(find(report, 'cert.untrusted')?.severity, 'error');
    const vouched = await inspectRemote(target, { network: false, caFile: await dir.write('self.pem', self.certPem) });
    assert.deepEqual(errors(vouched), []);
    assert.ok(codes(vouched).includes('cert.self_signed'));
  });

  describe('client certificates', () => {
    let clients: TestAuthority;
    let mtls: ServerOptions;

    before(() => {
      clients = createAuthority('Client Auth');
      mtls = { cert: pki.fullChain, key: pki.server.keyPem, requestCert: true, rejectUnauthorized: true, ca: [clients.root.certPem, clients.intermediate.certPem] };
    });

    it('reads the accepted issuers from the TLS 1.2 CertificateRequest and confirms ours is one of them', async () => {
      const target = await serve(mtls);
      const ours = issue(clients.intermediate, { commonName: 'erp.example.com', usage: 'client' });
      const pfx = await dir.write('good-client.p12', toPkcs12(ours, 'pw', [clients.intermediate]));
      const report = await inspectRemote(target, { caFile, network: false, clientCert: { pfx, passphrase: 'pw' } });
      const client = report.clientCertificate;
      assert.deepEqual(client?.acceptedIssuers, ['CN=Client Auth Root CA', 'CN=Client Auth Intermediate CA']);
      assert.equal(client?.oursAccepted, true);
      assert.equal(client?.verdict, 'accepted');
      assert.deepEqual(errors(report), []);
    });

    it('says when ours is issued by a CA the server does not accept, and that the server refused it', async () => {
      const target = await serve(mtls);
      const stranger = createAuthority('Stranger');
      const ours = issue(stranger.intermediate, { commonName: 'erp.example.com', usage: 'client' });
      const pfx = await dir.write('wrong-client.p12', toPkcs12(ours, 'pw', [stranger.intermediate]));
      const report = await inspectRemote(target, { caFile, network: false, clientCert: { pfx, passphrase: 'pw' } });
      assert.equal(report.clientCertificate?.oursAccepted, false);
      const refusals = report.checks.filter((check) => check.code === 'cert.client_cert_not_accepted');
      assert.match(refusals[0]?.message ?? '', /issued by "CN=Stranger Intermediate CA", which is not among the issuers the server accepts \("CN=Client Auth Root CA", "CN=Client Auth Intermediate CA"\)/);
      assert.equal(report.clientCertificate?.verdict, 'rejected');
    });

    it('says the accepted CA list is not visible when the server speaks only TLS 1.3', async () => {
      const target = await serve({ ...mtls, minVersion: 'TLSv1.3' });
      const report = await inspectRemote(target, { caFile, network: false });
      assert.equal(report.connection?.orderAsSent, false);
      assert.deepEqual(report.chain.map((cert) => cert.subject), ['CN=localhost', 'CN=Remote Intermediate CA']);
      assert.equal(report.clientCertificate?.acceptedIssuers, null);
      assert.equal(report.clientCertificate?.verdict, 'required');
      assert.match(find(report, 'cert.client_cert')?.message ?? '', /asks for a client certificate \(its accepted issuers are not visible under TLS 1\.3\)/);
    });
  });

  it('fails with one clear message when nothing listens', async () => {
    const port = await closedPort();
    await assert.rejects(inspectRemote(`127.0.0.1:${port}`, { network: false }), (error: unknown) => isDoctorError(error, 'input.unreadable') && /cannot inspect 127\.0\.0\.1:\d+: .*ECONNREFUSED/.test(error.message));
  });

  it('accepts https URLs and [IPv6]:port targets', async () => {
    const target = await serve({ cert: pki.fullChain, key: pki.server.keyPem });
    const report = await inspectRemote(`https://${target}/api/health`, { caFile, network: false });
    assert.equal(report.source, target);
    assert.deepEqual(parseRemoteTarget('[::1]:8443'), { host: '::1', port: 8443, identity: '::1', servername: undefined, display: '[::1]:8443' });
    assert.deepEqual(parseRemoteTarget('gw.example.com', 'sni.example.com'), { host: 'gw.example.com', port: 443, identity: 'sni.example.com', servername: 'sni.example.com', display: 'gw.example.com:443' });
    assert.throws(() => parseRemoteTarget('http://gw.example.com/'), /only https URLs/);
  });
});

/** root -> intermediate -> second-level CA, to have a chain long enough to misorder. */
function deeperAuthority(): { root: TestAuthority; second: ReturnType<typeof issue> } {
  const root = createAuthority('Deep');
  const second = issue(root.intermediate, { commonName: 'Deep Second CA', isCA: true });
  return { root, second };
}
