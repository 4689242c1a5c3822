import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import { inspectFile } from '../../../src/core/certs/inspectFile';
import type { CertReport } from '../../../src/core/certs/certReport';
import { closedPort, startHttpServer, type RunningServer } from '../../support/loopbackServers';
import { makeTempDir, type TempDir } from '../../support/tempFiles';
import { createOpensslCa, issueFrom, openssl, startOcspResponder, type OcspResponder, type OpensslCa } from './support/opensslCa';

const find = (report: CertReport, code: string) => report.checks.find((check) => check.code === code);

describe('certificate inspector: revocation and missing issuers over loopback HTTP', function () {
  this.timeout(60_000);
  let dir: TempDir;
  let ca: OpensslCa;
  let http: RunningServer;
  let responder: OcspResponder;
  const served = new Map<string, Buffer>();
  const leaves: Record<string, { cert: string; key: string }> = {};

  before(async () => {
    dir = await makeTempDir('certs-revocation-');
    http = await startHttpServer((request, response) => {
      const body = served.get(request.url ?? '');
      response.writeHead(body ? 200 : 404, { 'content-type': 'application/octet-stream' });
      response.end(body ?? 'not found');
    });
    const ocspPort = await closedPort();
    const ocspUrl = `http://127.0.0.1:${ocspPort}/`;
    const crlUrl = `${http.origin}/ca.crl`;
    ca = await createOpensslCa(dir.path, 'Revocation CA');
    const signer = await ca.issue('OCSP Signer', { ocspSigning: true });
    leaves.good = await ca.issue('good.example.com', { ocspUrl, crlUrl });
    leaves.revoked = await ca.issue('revoked.example.com', { ocspUrl, crlUrl });
    leaves.crlGood = await ca.issue('crl-good.example.com', { crlUrl });
    leaves.crlRevoked = await ca.issue('crl-revoked.example.com', { crlUrl });
    leaves.unreachable = await ca.issue('unreachable.example.com', { ocspUrl: `http://127.0.0.1:${await closedPort()}/` });
    await ca.markValid(leaves.good.cert);
    await ca.revoke(leaves.revoked.cert, 'keyCompromise');
    await ca.revoke(leaves.crlRevoked.cert, 'superseded');
    served.set('/ca.crl', await readFile(await ca.crl()));
    responder = await startOcspResponder(ca, signer, ocspPort);
  });
  after(async () => {
    await responder?.stop();
    await http?.close();
    await dir?.remove();
  });

  it('asks a real OCSP responder (openssl ocsp) and reports "good" with the answer and its age', async () => {
    const report = await inspectFile(leaves.good.cert, { caFile: ca.cert });
    const revocation = report.chain[0].revocation;
    assert.equal(revocation?.status, 'good');
    assert.equal(revocation?.method, 'ocsp', revocation?.detail);
    assert.ok(revocation?.ageSeconds !== null && revocation!.ageSeconds! >= 0);
    assert.match(find(report, 'cert.revocation_good')?.message ?? '', /not revoked, says OCSP http:\/\/127\.0\.0\.1:\d+\/, answer \d+ s old/);
    assert.deepEqual(report.checks.filter((check) => check.severity === 'error'), []);
  });

  it('reports a certificate the responder says is revoked as cert.revoked, an error, with time and reason', async () => {
    const report = await inspectFile(leaves.revoked.cert, { caFile: ca.cert });
    const check = find(report, 'cert.revoked');
    assert.equal(check?.severity, 'error');
    assert.match(check?.message ?? '', /revoked on \d{4}-\d\d-\d\dT.* \(keyCompromise\), says OCSP/);
  });

  it('downloads and reads the CRL (openssl ca -gencrl) when there is no OCSP responder', async () => {
    const good = await inspectFile(leaves.crlGood.cert, { caFile: ca.cert });
    assert.equal(good.chain[0].revocation?.status, 'good');
    assert.equal(good.chain[0].revocation?.method, 'crl');
    assert.ok(good.chain[0].revocation?.nextUpdate, 'the CRL\'s nextUpdate is reported');
    const revoked = await inspectFile(leaves.crlRevoked.cert, { caFile: ca.cert });
    assert.match(find(revoked, 'cert.revoked')?.message ?? '', /\(superseded\), says CRL http:\/\/127\.0\.0\.1:\d+\/ca\.crl/);
  });

  it('says "unknown" (information), never "good", when the responder cannot be reached', async () => {
    const report = await inspectFile(leaves.unreachable.cert, { caFile: ca.cert, timeoutMs: 2000 });
    assert.equal(report.chain[0].revocation?.status, 'unknown');
    assert.equal(find(report, 'cert.revocation_unknown')?.severity, 'info');
    assert.equal(find(report, 'cert.revocation_good'), undefined);
  });

  it('asks nobody when offline', async () => {
    const report = await inspectFile(leaves.revoked.cert, { caFile: ca.cert, network: false });
    assert.equal(report.chain[0].revocation, undefined);
    assert.equal(find(report, 'cert.revoked'), undefined);
  });

  it('downloads a missing intermediate from the AIA CA Issuers URL and says what to add', async () => {
    const intermediate = await ca.issue('AIA Intermediate', { ca: true });
    const derPath = `${intermediate.cert}.der`;
    await openssl(dir.path, 'x509', '-in', intermediate.cert, '-outform', 'DER', '-out', derPath);
    served.set('/intermediate.cer', await readFile(derPath));
    const leaf = await issueFrom(dir.path, intermediate.cert, intermediate.key, 'aia-leaf.example.com', { caIssuersUrl: `${http.origin}/intermediate.cer` });
    const report = await inspectFile(leaf.cert, { caFile: ca.cert });
    assert.deepEqual(report.fetchedIssuers.map((cert) => [cert.subject, cert.url]), [['CN=AIA Intermediate', `${http.origin}/intermediate.cer`]]);
    assert.match(find(report, 'cert.chain_incomplete')?.message ?? '', /the file does not include the intermediate certificate "CN=AIA Intermediate" \(SHA-256 [0-9A-F:]+\)\. It was downloaded from http/);
    assert.equal(report.trustAnchor, 'CN=Revocation CA, O=Invoice Doctor Tests');
    assert.equal(find(report, 'cert.untrusted'), undefined);

    served.delete('/intermediate.cer');
    const failed = await inspectFile(leaf.cert, { caFile: ca.cert });
    assert.match(find(failed, 'cert.chain_incomplete')?.message ?? '', /issuer "CN=AIA Intermediate".*HTTP 404/);
    assert.equal(find(failed, 'cert.untrusted')?.severity, 'error');
  });
});
