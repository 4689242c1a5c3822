import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { loadClientCredentials } from '../../../src/core/certs/clientCredentials';
import { isDoctorError } from '../../../src/core/errors';
import { createAuthority, issue, toPkcs12 } from '../../../src/demo/pki';
import { makeTempDir, type TempDir } from '../../support/tempFiles';

/** PKCS#12 files as real tools write them: node-forge (3DES), `openssl pkcs12 -export` (AES-256, OpenSSL 3) and `-legacy` (RC2). */
describe('loadClientCredentials', () => {
  let dir: TempDir;
  const passphrase = 'Correct-Horse-1';

  before(async () => {
    dir = await makeTempDir();
    const authority = createAuthority('Creds');
    const client = issue(authority.intermediate, { commonName: 'client-7', usage: 'client' });
    await dir.write('forge.p12', toPkcs12(client, passphrase, [authority.intermediate]));
    await dir.write('client.pem', client.certPem);
    await dir.write('client.key', client.keyPem);
    await dir.write('other.key', issue(authority.intermediate, { commonName: 'other' }).keyPem);
    openssl(['pkcs12', '-export', '-in', 'client.pem', '-inkey', 'client.key', '-out', 'aes.p12', '-passout', `pass:${passphrase}`]);
    openssl(['pkcs12', '-export', '-legacy', '-in', 'client.pem', '-inkey', 'client.key', '-out', 'legacy.p12', '-passout', `pass:${passphrase}`]);
  });
  after(() => dir.remove());

  function openssl(args: string[]): void {
    const run = spawnSync('openssl', args, { cwd: dir.path, encoding: 'utf8' });
    if (run.error || run.status !== 0) throw new Error(`openssl ${args[0]} failed (install the Debian package "openssl"): ${run.error?.message ?? run.stderr}`);
  }

  for (const file of ['forge.p12', 'aes.p12', 'legacy.p12']) {
    it(`opens ${file} and turns it into PEM for Node`, async () => {
      const credentials = await loadClientCredentials({ pfx: file, passphrase }, dir.path);
      assert.equal(credentials?.subject, 'CN=client-7');
      assert.ok(credentials && 'cert' in credentials.tls && credentials.tls.cert.startsWith('-----BEGIN CERTIFICATE-----'));
    });

    it(`says the passphrase of ${file} is wrong`, async () => {
      await assert.rejects(loadClientCredentials({ pfx: file, passphrase: 'wrong' }, dir.path), (error: unknown) =>
        isDoctorError(error, 'credentials.bad_passphrase') && error.message === `the passphrase for ${file} is wrong (PKCS#12 MAC check failed)`);
    });
  }

  it('loads PEM and refuses a key that belongs to another certificate', async () => {
    assert.equal((await loadClientCredentials({ cert: 'client.pem', key: 'client.key' }, dir.path))?.subject, 'CN=client-7');
    await assert.rejects(loadClientCredentials({ cert: 'client.pem', key: 'other.key' }, dir.path), (error: unknown) => isDoctorError(error, 'credentials.invalid'));
  });

  it('returns nothing when no client certificate is configured', async () => {
    assert.equal(await loadClientCredentials({ ca: 'x.pem' }, dir.path), undefined);
  });
});
