import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoGateway, type DemoGateway } from '../../../src/demo/gateway';
import type { EndpointConfig } from '../../../src/core/endpoint/endpointConfig';
import type { ProbeResult } from '../../../src/core/probe/probeResult';
import { cleanEnv, runCli, runCliProcess, type CliRun } from './cliHarness';

/**
 * `invoice-doctor probe` end to end against the real demo gateway: the CLI's main() in-process
 * with captured streams, and once as a child process.
 */
describe('cli probe against the demo gateway', function () {
  this.timeout(60_000);
  let gateway: DemoGateway;
  let dir: string;
  let configFile: string;

  before(async () => {
    gateway = await startDemoGateway();
    dir = await mkdtemp(join(tmpdir(), 'invoice-doctor-cli-'));
    configFile = join(dir, 'invoice-doctor.json');
    await writeJson(configFile, { endpoints: gateway.endpoints });
  });
  after(async () => {
    await gateway?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const endpointNamed = (name: string): EndpointConfig => {
    const endpoint = gateway.endpoints.find((e) => e.name === name);
    assert.ok(endpoint, `no demo endpoint "${name}"`);
    return endpoint;
  };
  const parseJson = (run: CliRun): ProbeResult[] => {
    const document = JSON.parse(run.stdout) as { endpoints: ProbeResult[] };
    assert.ok(Array.isArray(document.endpoints), run.stdout);
    return document.endpoints;
  };

  describe('--json over the whole demo config', () => {
    let run: CliRun;
    let results: ProbeResult[];
    before(async () => {
      run = await runCli(['probe', '--config', configFile, '--json']);
      results = parseJson(run);
    });

    it('prints exactly one JSON document with every endpoint in config order, and exits 1', () => {
      assert.equal(run.code, 1, run.stderr);
      assert.deepEqual(results.map((r) => r.name), gateway.endpoints.map((e) => e.name));
      for (const result of results) {
        assert.ok(['up', 'degraded', 'down'].includes(result.verdict));
        assert.ok(Array.isArray(result.layers) && Array.isArray(result.addresses));
        assert.ok(result.diagnosis === null || typeof result.diagnosis.code === 'string');
      }
    });

    // One test per demo endpoint, so a drift between demo and probe names the endpoint.
    const expectations: Array<[string, string | null]> = [
      ['Healthy gateway', null],
      ['Refused port', 'tcp.refused'],
      ['Expired certificate', 'tls.cert_expired'],
      ['Wrong host name', 'tls.cert_hostname'],
      ['Missing intermediate', 'tls.cert_untrusted'],
      ['Self-signed', 'tls.cert_untrusted'],
      ['TLS 1.0 only', 'tls.protocol'],
      ['Client certificate required', 'tls.client_cert'],
      ['Slow (times out)', 'http.timeout'],
      ['503 with Retry-After', 'http.5xx'],
      ['Skewed clock', 'clock.skew'],
      ['Business error (HTTP 200)', 'http.body'],
    ];
    for (const [name, code] of expectations) {
      it(`diagnoses "${name}" as ${code ?? 'up'}`, () => {
        const result = results.find((r) => r.name === name);
        assert.ok(result, `"${name}" missing from the output`);
        if (code === null) {
          assert.equal(result.verdict, 'up', JSON.stringify(result, null, 2));
        } else {
          assert.notEqual(result.verdict, 'up', JSON.stringify(result, null, 2));
          assert.equal(result.diagnosis?.code, code, JSON.stringify(result, null, 2));
        }
      });
    }

    it('covers every demo endpoint with an expectation that matches the gateway\'s own', () => {
      assert.deepEqual(
        expectations,
        gateway.expectations.map((e) => [e.endpoint.name, e.expectedCode]),
      );
    });

    it('quotes the Retry-After the 503 came with', () => {
      const result = results.find((r) => r.name === '503 with Retry-After');
      const http = result?.layers.find((l) => l.layer === 'http');
      assert.match(`${result?.diagnosis?.summary} ${http?.message}`, /120/, JSON.stringify(result, null, 2));
    });
  });

  describe('the human report', () => {
    let run: CliRun;
    before(async () => {
      run = await runCli(['probe', '--config', configFile]);
    });

    it('marks each endpoint, explains what is down with its fixes, and exits 1', () => {
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /^✔ Healthy gateway /m);
      assert.match(run.stdout, /^✖ Expired certificate /m);
      const lines = run.stdout.split('\n');
      const expired = lines.findIndex((l) => l.startsWith('✖ Expired certificate '));
      assert.match(lines[expired + 1], /^ {4}tls\.cert_expired\b/);
      assert.match(lines[expired + 2], /^ {4}• \S/, run.stdout);
      assert.match(run.stdout, /12 endpoints: 1 up, \d+ degraded, \d+ down/);
    });

    it('has no colour codes when stdout is not a terminal', () => {
      assert.doesNotMatch(run.stdout, /\u001b\[/);
    });

    it('uses colour on a terminal, unless NO_COLOR is set', async () => {
      const healthy = endpointNamed('Healthy gateway');
      const colored = await runCli(['probe', healthy.url, '--ca', gateway.files.caPem], { tty: true });
      assert.match(colored.stdout, /\u001b\[/);
      const plain = await runCli(['probe', healthy.url, '--ca', gateway.files.caPem], { tty: true, env: cleanEnv({ NO_COLOR: '1' }) });
      assert.doesNotMatch(plain.stdout, /\u001b\[/);
    });
  });

  describe('URL arguments and command-line options', () => {
    it('exits 0 when every endpoint is up', async () => {
      const run = await runCli(['probe', endpointNamed('Healthy gateway').url, '--ca', gateway.files.caPem, '--json']);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(parseJson(run)[0].verdict, 'up');
    });

    it('lists a degraded endpoint with ▲ but still exits 0', async () => {
      // The demo leaf is valid for a year, so a 400-day warning window makes it "expiring".
      const file = join(dir, 'expiring.json');
      await writeJson(file, { endpoints: [{ ...endpointNamed('Healthy gateway'), certWarnDays: 400 }] });
      const run = await runCli(['probe', '--config', file]);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /^▲ Healthy gateway .*\n {4}tls\.cert_expiring/m);
    });

    it('reaches "Client certificate required" with --pfx and the passphrase from --passphrase-env', async () => {
      const url = endpointNamed('Client certificate required').url;
      const run = await runCli(
        ['probe', url, '--ca', gateway.files.caPem, '--pfx', gateway.files.clientP12, '--passphrase-env', 'DEMO_P12_PASS', '--json'],
        { env: cleanEnv({ DEMO_P12_PASS: gateway.clientP12Passphrase }) },
      );
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(parseJson(run)[0].verdict, 'up');
      assert.ok(!run.stdout.includes(gateway.clientP12Passphrase) && !run.stderr.includes(gateway.clientP12Passphrase));
    });

    it('reaches it with --cert and --key too', async () => {
      const url = endpointNamed('Client certificate required').url;
      const run = await runCli(['probe', url, '--ca', gateway.files.caPem, '--cert', gateway.files.clientCertPem, '--key', gateway.files.clientKeyPem]);
      assert.equal(run.code, 0, run.stdout + run.stderr);
    });

    it('says the passphrase is wrong when it is, without printing it', async () => {
      const wrong = 'not-the-passphrase-7f3a';
      const url = endpointNamed('Client certificate required').url;
      const run = await runCli(
        ['probe', url, '--ca', gateway.files.caPem, '--pfx', gateway.files.clientP12, '--passphrase-env', 'DEMO_P12_PASS'],
        { env: cleanEnv({ DEMO_P12_PASS: wrong }) },
      );
      assert.notEqual(run.code, 0);
      assert.match(run.stdout + run.stderr, /passphrase/i);
      assert.ok(!(run.stdout + run.stderr).includes(wrong), run.stdout + run.stderr);
    });

    it('reads relative tls paths of a config file from the file\'s folder, whatever the working directory', async () => {
      const project = join(dir, 'project');
      await mkdir(join(project, 'certs'), { recursive: true });
      await copyFile(gateway.files.caPem, join(project, 'certs', 'ca.pem'));
      const healthy = endpointNamed('Healthy gateway');
      await writeJson(join(project, 'endpoints.json'), { endpoints: [{ ...healthy, tls: { ca: 'certs/ca.pem' } }] });
      const run = await runCli(['probe', '--config', join(project, 'endpoints.json')], { cwd: tmpdir() });
      assert.equal(run.code, 0, run.stdout + run.stderr);
    });

    it('reads ./invoice-doctor.json when given neither URLs nor --config', async () => {
      const run = await runCli(['probe', '--json'], { cwd: dir });
      assert.equal(run.code, 1, run.stderr);
      assert.equal(parseJson(run).length, gateway.endpoints.length);
    });

    it('lets --timeout override the configured one', async () => {
      const slow = { ...endpointNamed('Slow (times out)'), timeoutMs: 600_000 };
      const file = join(dir, 'slow.json');
      await writeJson(file, { endpoints: [slow] });
      const run = await runCli(['probe', '--config', file, '--timeout', '300', '--json']);
      assert.equal(run.code, 1, run.stderr);
      assert.equal(parseJson(run)[0].diagnosis?.code, 'http.timeout');
    });
  });

  describe('secrets', () => {
    let echo: Server;
    before(async () => {
      // Echoes the request's credentials back in a rejected body, as some gateways do in errors.
      echo = createServer((request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ code: 4010, message: `bad token ${request.headers.authorization} ${request.headers['x-api-token']}` }));
      });
      await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    });
    after(async () => {
      echo.closeAllConnections();
      await new Promise((resolve) => echo.close(resolve));
    });

    it('never prints a secret planted in a header, in the report, in --json or in --verbose logs', async () => {
      const token = 'tok-9c1e5b7d2a';
      const endpoints = [
        { name: 'Echoing gateway', url: `http://127.0.0.1:${(echo.address() as AddressInfo).port}/api`, proxy: 'none',
          headers: { Authorization: 'Bearer ${secret:gwToken}', 'X-Api-Token': '${secret:gwToken}' }, expect: { bodyContains: '"code":0' } },
        { ...endpointNamed('Healthy gateway'), headers: { 'X-Api-Token': '${secret:gwToken}' } },
      ];
      const file = join(dir, 'secret.json');
      await writeJson(file, { endpoints });
      const env = cleanEnv({ INVOICE_DOCTOR_SECRET_gwToken: token });
      for (const extra of [[], ['--json'], ['--verbose'], ['--json', '--verbose']]) {
        const run = await runCli(['probe', '--config', file, ...extra], { env });
        assert.equal(run.code, 1, run.stderr);
        assert.ok(!run.stdout.includes(token) && !run.stderr.includes(token), `${extra.join(' ')} leaked:\n${run.stdout}\n${run.stderr}`);
      }
    });

    it('exits 2 naming the environment variable of a secret that is not set', async () => {
      const file = join(dir, 'missing-secret.json');
      await writeJson(file, { endpoints: [{ ...endpointNamed('Healthy gateway'), headers: { Authorization: '${secret:gwToken}' } }] });
      const run = await runCli(['probe', '--config', file]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /INVOICE_DOCTOR_SECRET_gwToken/);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
    });
  });

  describe('bad usage: exit 2 with one clear line on stderr', () => {
    const usageCases: Array<[string, () => string[], RegExp]> = [
      ['an unknown option', () => ['probe', '--bogus'], /--bogus/],
      ['a missing config file', () => ['probe', '--config', join(dir, 'nope.json')], /nope\.json.*no such file/],
      ['a config file that is not JSON', () => ['probe', '--config', join(dir, 'broken.json')], /not valid JSON/],
      ['an invalid endpoint', () => ['probe', '--config', join(dir, 'invalid.json')], /endpoints\[0\]\.url.*http or https/],
      ['a URL that is not one', () => ['probe', 'gw.example.com:443'], /gw\.example\.com:443/],
      ['a timeout that is not a number', () => ['probe', 'https://gw.example.com', '--timeout', 'soon'], /--timeout/],
      ['--cert without --key', () => ['probe', 'https://gw.example.com', '--cert', 'client.pem'], /--cert needs --key/],
      ['--pfx with --cert', () => ['probe', 'https://gw.example.com', '--pfx', 'a.p12', '--cert', 'a.pem', '--key', 'a.key'], /either --pfx or --cert/],
      ['a passphrase variable that is not set', () => ['probe', 'https://gw.example.com', '--pfx', 'a.p12', '--passphrase-env', 'NOT_SET_ANYWHERE'], /NOT_SET_ANYWHERE is not set/],
      ['no endpoints at all', () => ['probe'], /nothing to probe/],
    ];
    let emptyDir: string;
    before(async () => {
      emptyDir = join(dir, 'empty');
      await mkdir(emptyDir);
      await writeFile(join(dir, 'broken.json'), '{ "endpoints": [ ');
      await writeJson(join(dir, 'invalid.json'), { endpoints: [{ name: 'ftp', url: 'ftp://gw.example.com' }] });
    });
    for (const [what, argv, message] of usageCases) {
      it(`rejects ${what}`, async () => {
        // A folder without invoice-doctor.json, so "no endpoints at all" really has none.
        const run = await runCli(argv(), { cwd: emptyDir });
        assert.equal(run.code, 2, run.stdout + run.stderr);
        assert.equal(run.stdout, '');
        const lines = run.stderr.trimEnd().split('\n');
        assert.equal(lines.length, 1, run.stderr);
        assert.match(lines[0], /^invoice-doctor probe: /);
        assert.match(lines[0], message);
      });
    }

    it('prints its usage, documenting degraded endpoints and the exit codes', async () => {
      const run = await runCli(['probe', '--help']);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /--passphrase-env VAR/);
      assert.match(run.stdout, /degraded/);
    });
  });

  describe('cancellation', () => {
    it('stops promptly when the signal is aborted, reporting cancellation rather than failures', async () => {
      const hanging = createServer(() => undefined);
      await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
      const controller = new AbortController();
      // Abort once the probe's request has arrived: the probe is then really in flight.
      hanging.once('request', () => controller.abort());
      try {
        const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`;
        const run = await runCli(['probe', url, '--timeout', '600000', '--proxy', 'none'], { signal: controller.signal });
        assert.equal(run.code, 130);
        assert.equal(run.stdout, '');
        assert.match(run.stderr, /cancelled/);
      } finally {
        hanging.closeAllConnections();
        await new Promise((resolve) => hanging.close(resolve));
      }
    });
  });

  describe('as a child process', () => {
    it('prints one JSON document and exits 1 for the demo config', async () => {
      const run = await runCliProcess(['probe', '--config', configFile, '--json']);
      assert.equal(run.code, 1, run.stderr);
      assert.deepEqual(parseJson(run).map((r) => r.diagnosis?.code ?? null), gateway.expectations.map((e) => e.expectedCode));
    });

    it('exits 0 for a healthy endpoint and 2 for bad usage', async () => {
      const up = await runCliProcess(['probe', endpointNamed('Healthy gateway').url, '--ca', gateway.files.caPem]);
      assert.equal(up.code, 0, up.stdout + up.stderr);
      const bad = await runCliProcess(['probe', '--bogus']);
      assert.equal(bad.code, 2);
      assert.equal(bad.stderr.trimEnd().split('\n').length, 1, bad.stderr);
    });
  });
});

function writeJson(path: string, value: unknown): Promise<void> {
  return writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}
