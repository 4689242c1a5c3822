import assert from 'node:assert/strict';
import { diagnoseEndpoint } from '../../../src/core/diagnose/diagnoseEndpoint';
import type { DoctorReport } from '../../../src/core/diagnose/doctorReport';
import { startDemoGateway, type DemoGateway } from '../../../src/demo/gateway';

/**
 * Diagnose Endpoint on every failure the demo gateway reproduces: real TLS servers on 127.0.0.1,
 * real log and config files written beside them. Each verdict must name the failure the
 * scenario is built for and rest on the evidence that shows it.
 */
describe('diagnoseEndpoint on the demo gateway', function () {
  this.timeout(60_000);
  let gateway: DemoGateway;
  const reports = new Map<string, DoctorReport>();

  before(async () => {
    gateway = await startDemoGateway();
    await Promise.all(gateway.endpoints.map(async (endpoint) => {
      reports.set(endpoint.name, await diagnoseEndpoint(endpoint, { baseDir: gateway.files.dir, toolVersion: 'test', env: {} }));
    }));
  });
  after(async () => {
    await gateway?.close();
  });

  const report = (name: string) => {
    const found = reports.get(name);
    assert.ok(found, name);
    return found;
  };

  it('names the failure each scenario reproduces, with the probe as evidence', () => {
    for (const { endpoint, expectedCode } of gateway.expectations) {
      const { verdict } = report(endpoint.name);
      assert.equal(verdict.code, expectedCode, endpoint.name);
      assert.equal(verdict.status, expectedCode === null ? 'healthy' : verdict.status, endpoint.name);
      assert.ok(verdict.evidence.some((e) => e.source === 'probe'), `${endpoint.name}: probe evidence`);
      if (expectedCode !== null && expectedCode !== 'clock.skew') assert.notEqual(verdict.status, 'healthy', endpoint.name);
    }
  });

  it('confirms an expired certificate from the probe, the certificate and the nginx log', () => {
    const { verdict } = report('Expired certificate');
    assert.equal(verdict.status, 'failing');
    assert.equal(verdict.confidence, 'high');
    const supporting = new Set(verdict.evidence.filter((e) => e.supports).map((e) => e.source));
    assert.deepEqual([...supporting].sort(), ['certificate', 'logs', 'probe']);
    assert.match(verdict.headline, /expired.*; 39 matching events since .* in .*nginx-error\.log/);
    const certificate = verdict.evidence.find((e) => e.source === 'certificate' && e.supports);
    assert.match(certificate!.summary, /\(3[01] days ago\)/);
  });

  it('blames a slow gateway, not the pool, when pool exhaustion coincides with gateway timeouts', () => {
    const { verdict, logs } = report('Slow (times out)');
    assert.equal(verdict.code, 'http.timeout');
    assert.match(verdict.headline, /the gateway is slow, not our pool/);
    assert.match(verdict.fixes[0].text, /Do not enlarge the connection pool/);
    assert.ok(!verdict.fixes.some((fix) => /^Raise timeoutMs|raise proxy_read_timeout/.test(fix.text)), 'no generic advice to wait longer');
    assert.ok(verdict.evidence.some((e) => e.code === 'pool.exhausted' && e.supports));
    assert.ok(verdict.evidence.some((e) => e.source === 'config' && e.code === 'nginx.proxy-timeouts' && e.supports));
    assert.equal(logs?.otherEvents, 1, 'the refused connection to another upstream is left out');
  });

  it('keeps the other upstream out and leaves healthy endpoints healthy', () => {
    const healthy = report('Healthy gateway');
    assert.equal(healthy.verdict.status, 'healthy');
    assert.deepEqual(healthy.verdict.fixes, []);
    assert.equal(healthy.logs, null);
  });

  it('redacts the database password of the related application.properties from the excerpts', () => {
    const { configs } = report('Slow (times out)');
    const text = JSON.stringify(configs);
    assert.doesNotMatch(text, /demo-db-password-not-real/);
    assert.ok(configs?.files.some((file) => file.endsWith('application.properties')));
  });
});
