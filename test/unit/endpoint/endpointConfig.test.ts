import * as assert from 'node:assert/strict';
import { parseEndpointsFile, validateEndpoints } from '../../../src/core/endpoint/endpointConfig';

describe('endpoint configuration', () => {
  it('accepts the example of CONTRACT.md §2', () => {
    const { endpoints, problems } = parseEndpointsFile(JSON.stringify({
      endpoints: [{
        name: 'Tax gateway (test)', url: 'https://gw.example.com/api/v3/health', method: 'GET',
        headers: { Authorization: '${secret:gwToken}' }, body: null,
        expect: { status: [200, 204], bodyContains: '"code":0' }, timeoutMs: 10000,
        tls: { ca: 'certs/gw-ca.pem', pfx: 'certs/client.p12', passphrase: '${secret:p12}', cert: null, key: null, servername: null, minVersion: null },
        proxy: 'system', intervalSec: 60, clockSkewToleranceSec: 300, certWarnDays: 30,
      }],
    }));
    assert.deepEqual(problems, []);
    assert.equal(endpoints.length, 1);
  });

  it('keeps the valid endpoints and names each problem by its path', () => {
    const { endpoints, problems } = validateEndpoints([
      { name: 'ok', url: 'https://gw.example.com/' },
      { name: 'bad url', url: 'gw.example.com' },
      { name: 'ftp', url: 'ftp://gw.example.com/' },
      { url: 'https://gw.example.com/' },
      { name: 'ok', url: 'https://other.example.com/' },
      { name: 'both', url: 'https://gw.example.com/', tls: { pfx: 'a.p12', cert: 'a.pem', key: 'a.key' } },
      { name: 'timeout', url: 'https://gw.example.com/', timeoutMs: -1 },
    ]);
    assert.deepEqual(endpoints.map((e) => e.name), ['ok']);
    assert.deepEqual(problems.map((p) => p.path), [
      'endpoints[1].url', 'endpoints[2].url', 'endpoints[3].name', 'endpoints[4].name', 'endpoints[5].tls', 'endpoints[6].timeoutMs',
    ]);
    assert.match(problems[1].message, /http or https/);
  });

  it('explains a file that is not JSON instead of showing no endpoints', () => {
    const { endpoints, problems } = parseEndpointsFile('{ "endpoints": [ ');
    assert.equal(endpoints.length, 0);
    assert.match(problems[0].message, /not valid JSON/);
  });
});
