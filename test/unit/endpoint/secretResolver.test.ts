import * as assert from 'node:assert/strict';
import { environmentSecretSource, resolveEndpointSecrets } from '../../../src/core/endpoint/secretResolver';
import { isDoctorError } from '../../../src/core/errors';

describe('secret placeholders', () => {
  const endpoint = {
    name: 'gw', url: 'https://gw.example.com/${env:GW_PATH}',
    headers: { Authorization: 'Bearer ${secret:gwToken}' },
    tls: { pfx: 'client.p12', passphrase: '${secret:p12}' },
  };

  it('resolves ${secret:…} from INVOICE_DOCTOR_SECRET_* and ${env:…} from the environment, and lists the secrets', async () => {
    const env = { GW_PATH: 'health', INVOICE_DOCTOR_SECRET_gwToken: 't0ken', INVOICE_DOCTOR_SECRET_P12: 'pa55' };
    const { endpoint: resolved, secrets } = await resolveEndpointSecrets(endpoint, environmentSecretSource(env), env);
    assert.equal(resolved.url, 'https://gw.example.com/health');
    assert.equal(resolved.headers?.Authorization, 'Bearer t0ken');
    assert.equal(resolved.tls?.passphrase, 'pa55');
    assert.deepEqual(secrets.sort(), ['pa55', 't0ken']);
    assert.equal(endpoint.headers.Authorization, 'Bearer ${secret:gwToken}', 'the configured endpoint is not modified');
  });

  it('names the missing secret and where to set it', async () => {
    await assert.rejects(resolveEndpointSecrets(endpoint, environmentSecretSource({}), { GW_PATH: 'x' }), (error) => {
      assert.ok(isDoctorError(error, 'secret.missing'));
      assert.match(error.message, /secret "gwToken" is not set .*INVOICE_DOCTOR_SECRET_gwToken/);
      return true;
    });
  });
});
