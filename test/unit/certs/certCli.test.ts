import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/main';
import { createAuthority, daysFromNow, issue, toPkcs12 } from '../../../src/demo/pki';
import { makeGatewayPki } from '../../support/gatewayPki';
import { startHttpsServer } from '../../support/loopbackServers';
import { makeTempDir, type TempDir } from '../../support/tempFiles';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const code = await main(['cert', ...args], { stdout, stderr, stdin: new PassThrough(), env, cwd, signal: new AbortController().signal });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('invoice-doctor cert', function () {
  this.timeout(60_000);
  let dir: TempDir;
  let root: string;
  let goodChain: string;

  before(async () => {
    dir = await makeTempDir('certs-cli-');
    const pki = makeGatewayPki('Cli');
    root = await dir.write('root.pem', pki.authority.root.certPem);
    goodChain = await dir.write('chain.pem', pki.fullChain);
  });
  after(() => dir.remove());

  it('prints exactly one JSON document in the contract shape, and exits 0 without errors', async () => {
    const run = await cli([goodChain, '--json', '--ca', root, '--offline', '--servername', 'localhost']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.source, goodChain);
    assert.deepEqual(Object.keys(report.chain[0]).slice(0, 17), ['subject', 'issuer', 'serialNumber', 'notBefore', 'notAfter', 'daysLeft', 'subjectAltNames', 'keyType', 'keyBits', 'signatureAlgorithm', 'sha256', 'isCA', 'selfSigned', 'ocsp', 'crl', 'sha1', 'basicConstraints']);
    for (const check of report.checks) assert.deepEqual(Object.keys(check).filter((key) => key !== 'certificate'), ['code', 'severity', 'message']);
  });

  it('exits 1 on an error-level check and 0 on warnings only, with a readable human report', async () => {
    const authority = createAuthority('Cli Expiry');
    const expired = issue(authority.intermediate, { commonName: 'expired.example.com', notBefore: daysFromNow(-30), notAfter: daysFromNow(-1) });
    const expiredFile = await dir.write('expired.pem', expired.certPem + authority.intermediate.certPem);
    const authorityRoot = await dir.write('expiry-root.pem', authority.root.certPem);
    const failing = await cli([expiredFile, '--ca', authorityRoot, '--offline']);
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, /0\. Certificate: CN=expired\.example\.com\n {3}Issuer {5}CN=Cli Expiry Intermediate CA\n {3}Valid .*expired \d+ days? ago/);
    assert.match(failing.stdout, /✖ cert\.expired {2}the certificate "CN=expired\.example\.com" expired on/);
    assert.match(failing.stdout, /SHA-256 {4}[0-9A-F:]{95}/);

    const soon = issue(authority.intermediate, { commonName: 'soon.example.com', notAfter: daysFromNow(3) });
    const warning = await cli([await dir.write('soon.pem', soon.certPem + authority.intermediate.certPem), '--ca', authorityRoot, '--offline', '--warn-days', '7']);
    assert.equal(warning.code, 0);
    assert.match(warning.stdout, /▲ cert\.expiring/);
    assert.match(warning.stdout, /0 errors, 1 warning/);
  });

  it('reads the PKCS#12 passphrase from --passphrase-env and never prints it', async () => {
    const authority = createAuthority('Cli P12');
    const leaf = issue(authority.intermediate, { commonName: 'p12.example.com' });
    const p12 = await dir.write('client.p12', toPkcs12(leaf, 'Tr0ub4dor&3', [authority.intermediate]));
    const run = await cli([p12, '--passphrase-env', 'P12_PASS', '--offline', '--json'], { P12_PASS: 'Tr0ub4dor&3' });
    assert.equal(JSON.parse(run.stdout).chain[0].subject, 'CN=p12.example.com');
    assert.ok(!run.stdout.includes('Tr0ub4dor&3'));
  });

  it('treats a wrong passphrase as unreadable input: exit 2, one stderr line, and the report with cert.bad_passphrase', async () => {
    const authority = createAuthority('Cli Locked');
    const p12 = await dir.write('locked.p12', toPkcs12(issue(authority.intermediate, { commonName: 'locked.example.com' }), 'right'));
    const run = await cli([p12, '--passphrase-env', 'P12_PASS', '--json', '--offline'], { P12_PASS: 'not-the-passphrase' });
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.match(run.stderr, /^invoice-doctor cert: the passphrase for .*locked\.p12 is wrong/);
    assert.deepEqual(JSON.parse(run.stdout).checks.map((check: { code: string }) => check.code), ['cert.bad_passphrase']);
    const missing = await cli([p12, '--offline']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /protected by a passphrase, and none was given/);
  });

  it('exits 2 with one clear line on bad usage and unreadable input', async () => {
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [[], {}, /give a TARGET/],
      [[goodChain, '--warn-days', 'soon'], {}, /--warn-days wants a whole number/],
      [[goodChain, '--passphrase-env', 'NOPE'], {}, /environment variable NOPE is not set/],
      [['certs/missing.pem'], {}, /cannot read .*missing\.pem: no such file/],
      [[await dir.write('garbage.crt', 'hello world')], {}, /neither PEM, DER, PKCS#12 nor PKCS#7/],
      [[goodChain, '--bogus'], {}, /unknown option "--bogus"/],
    ];
    for (const [args, env, expected] of cases) {
      const run = await cli(args, env);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, expected);
      assert.equal(run.stderr.trim().split('\n').length, 1);
      assert.equal(run.stdout, '');
    }
  });

  it('inspects a server given as host:port, exiting 1 when its chain is incomplete and untrusted', async () => {
    const pki = makeGatewayPki('Cli Server');
    const server = await startHttpsServer({ cert: pki.server.certPem, key: pki.server.keyPem });
    try {
      const run = await cli([`127.0.0.1:${server.port}`, '--json', '--offline', '--servername', 'localhost']);
      assert.equal(run.code, 1);
      const report = JSON.parse(run.stdout);
      assert.equal(report.source, `127.0.0.1:${server.port}`);
      assert.ok(report.checks.some((check: { code: string }) => check.code === 'cert.chain_incomplete'));
      const human = await cli([`https://127.0.0.1:${server.port}/`, '--offline', '--servername', 'localhost']);
      assert.match(human.stdout, /^Server 127\.0\.0\.1:\d+ {2}\(TLSv1\.3, TLS_AES_256_GCM_SHA384, address 127\.0\.0\.1, SNI localhost, 1 certificate as sent\)/);
    } finally {
      await server.close();
    }
  });
});
