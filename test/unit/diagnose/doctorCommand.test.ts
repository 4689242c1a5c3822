import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoGateway, type DemoGateway } from '../../../src/demo/gateway';
import { cleanEnv, runCli } from '../cli/cliHarness';

/**
 * `invoice-doctor doctor` end to end against the demo gateway, with a secret planted everywhere a
 * careless tool would leak it: the Authorization header, a log line, an application config.
 */
const PLANTED = 'pl4nted-s3cret-7f3a9c';

describe('invoice-doctor doctor', function () {
  this.timeout(60_000);
  let gateway: DemoGateway;
  let dir: string;
  let configFile: string;
  const env = () => ({ ...cleanEnv(), INVOICE_DOCTOR_SECRET_GWTOKEN: PLANTED });

  before(async () => {
    gateway = await startDemoGateway();
    dir = await mkdtemp(join(tmpdir(), 'invoice-doctor-doctor-'));
    const expired = gateway.endpoints.find((e) => e.name === 'Expired certificate')!;
    const target = new URL(expired.url).host;
    await writeFile(join(dir, 'app.log'), [
      `${new Date(Date.now() - 60_000).toISOString()} ERROR 1 --- [main] c.e.GatewayClient : call with Authorization: Bearer ${PLANTED} failed`,
      `javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed; host ${target} token ${PLANTED}`,
    ].join('\n'));
    await writeFile(join(dir, 'application.properties'), `invoice.gateway.url=https://${target}/api\ninvoice.gateway.token=${PLANTED}\nspring.datasource.hikari.maximum-pool-size=500\n`);
    configFile = join(dir, 'invoice-doctor.json');
    await writeFile(configFile, JSON.stringify({
      endpoints: [
        { ...expired, headers: { Authorization: 'Bearer ${secret:gwToken}', 'X-Trace': '${secret:gwToken}' }, logs: [...(expired.logs ?? []), 'app.log'] },
        gateway.endpoints.find((e) => e.name === 'Healthy gateway'),
      ],
    }));
  });
  after(async () => {
    await gateway?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints the verdict, its confidence, the evidence and the fixes, and exits 1 for a failing endpoint', async () => {
    const run = await runCli(['doctor', '--config', configFile], { env: env() });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /✖ Expired certificate/);
    assert.match(run.stdout, /tls\.cert_expired · confidence high: probe, certificate, logs agree/);
    assert.match(run.stdout, /✔ \[logs\] 39 × tls\.cert_expired/);
    assert.match(run.stdout, /What to do:\n {4}1\. /);
    assert.match(run.stdout, /✔ Healthy gateway/);
    assert.match(run.stdout, /2 endpoint\(s\) diagnosed, 1 with failures\./);
  });

  it('exits 0 when the endpoints chosen by name are healthy', async () => {
    const run = await runCli(['doctor', '--config', configFile, 'Healthy gateway', '--json'], { env: env() });
    assert.equal(run.code, 0, run.stderr);
    const { diagnoses } = JSON.parse(run.stdout);
    assert.equal(diagnoses.length, 1);
    assert.equal(diagnoses[0].verdict.status, 'healthy');
  });

  it('never prints or writes the planted secret: not in JSON, Markdown, HTML nor on stderr', async () => {
    const html = join(dir, 'report.html');
    const outputs = [
      await runCli(['doctor', '--config', configFile, '--json'], { env: env() }),
      await runCli(['doctor', '--config', configFile, '--markdown', '--html', html], { env: env() }),
    ];
    const written = await readFile(html, 'utf8');
    for (const text of [...outputs.flatMap((o) => [o.stdout, o.stderr]), written]) {
      assert.ok(!text.includes(PLANTED), 'the planted secret appears nowhere');
    }
    assert.match(outputs[1].stdout, /«redacted»/);
    assert.match(written, /^<!DOCTYPE html>/);
    assert.match(written, /Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;"/);
    assert.doesNotMatch(written, /<script/);
  });

  it('rejects an unknown endpoint name and a bad --since with one clear line and exit 2', async () => {
    const unknown = await runCli(['doctor', '--config', configFile, 'Nope'], { env: env() });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no endpoint named "Nope"; the config has: "Expired certificate", "Healthy gateway"/);
    const since = await runCli(['doctor', '--config', configFile, '--since', 'yesterday'], { env: env() });
    assert.equal(since.code, 2);
    assert.match(since.stderr, /--since wants an ISO time/);
  });

  it('reports a log glob that matches nothing as a source it could not read, not as "no problems"', async () => {
    const file = join(dir, 'missing-logs.json');
    const healthy = gateway.endpoints.find((e) => e.name === 'Healthy gateway')!;
    await writeFile(file, JSON.stringify({ endpoints: [{ ...healthy, logs: ['nowhere/*.log'] }] }));
    const run = await runCli(['doctor', '--config', file, '--markdown'], { env: env() });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /## Sources that could not be read\n\n- no file matches "nowhere\/\*\.log"/);
  });
});
