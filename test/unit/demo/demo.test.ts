import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { runDemo } from '../../../src/demo/demo';
import { reportMismatches } from '../../../src/demo/reportCheck';
import { parseEndpointsFile } from '../../../src/core/endpoint/endpointConfig';
import { cleanEnv } from '../cli/cliHarness';

/** `npm start` and `node dist/demo.js --serve`, run in-process with captured output. */
describe('demo (npm start)', function () {
  this.timeout(60_000);

  it('prints what the demo is, then the CLI report, and exits 0 when every endpoint shows its failure', async () => {
    const out = new Captured();
    const err = new Captured();
    const code = await runDemo([], { stdout: out, stderr: err, env: cleanEnv(), cwd: process.cwd(), signal: new AbortController().signal });
    assert.equal(code, 0, out.text + err.text);
    assert.match(out.text, /^Invoice Doctor demo\n12 endpoints on 127\.0\.0\.1 reproducing failures/);
    assert.match(out.text, /report below is what "invoice-doctor probe --config .*invoice-doctor\.json" prints/);
    assert.match(out.text, /^✔ Healthy gateway /m);
    assert.match(out.text, /^✖ Slow \(times out\) /m);
    // The gateway's temp folder (with the endpoints file) is gone afterwards.
    const file = /--config (\S+invoice-doctor\.json)/.exec(out.text)?.[1];
    assert.ok(file && !existsSync(dirname(file)), file);
  });

  it('--serve writes the endpoints file, keeps the gateway up until aborted, then cleans up', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'invoice-doctor-serve-'));
    try {
      const file = join(folder, 'endpoints.json');
      const controller = new AbortController();
      const out = new Captured();
      const announced = out.waitFor(/Press Ctrl\+C to stop\./);
      const serving = runDemo(['--serve', '--write', file], { stdout: out, stderr: new Captured(), env: cleanEnv(), cwd: folder, signal: controller.signal });
      await announced;
      assert.match(out.text, new RegExp(`^Endpoints file: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
      const { endpoints, problems } = parseEndpointsFile(readFileSync(file, 'utf8'));
      assert.deepEqual(problems, []);
      assert.equal(endpoints.length, 12);
      const ca = endpoints[0].tls?.ca;
      assert.ok(ca && existsSync(ca));
      controller.abort();
      assert.equal(await serving, 0);
      assert.equal(existsSync(ca), false, 'the gateway folder should be removed on exit');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('rejects unknown options with exit 2', async () => {
    const err = new Captured();
    const code = await runDemo(['--bogus'], { stdout: new Captured(), stderr: err, env: cleanEnv(), cwd: process.cwd(), signal: new AbortController().signal });
    assert.equal(code, 2);
    assert.match(err.text, /unknown option "--bogus"/);
  });
});

describe('demo report check', () => {
  const expectations = [
    { endpoint: { name: 'Healthy gateway', url: 'https://127.0.0.1:1/' }, expectedCode: null },
    { endpoint: { name: 'Expired certificate', url: 'https://127.0.0.1:2/' }, expectedCode: 'tls.cert_expired' as const },
  ];

  it('accepts a report where each endpoint shows its expected diagnosis, colours or not', () => {
    const report = [
      '\u001b[32m✔\u001b[0m \u001b[1mHealthy gateway    \u001b[0m  https://127.0.0.1:1/  3 ms  200 OK',
      '✖ Expired certificate  https://127.0.0.1:2/  4 ms  Expired',
      '    \u001b[31mtls.cert_expired\u001b[0m  tls: expired',
      '    • Renew it',
      '',
      '2 endpoints: 1 up, 0 degraded, 1 down',
    ].join('\n');
    assert.deepEqual(reportMismatches(report, expectations), []);
  });

  it('names each endpoint that is missing or shows something else', () => {
    const report = ['✖ Healthy gateway  https://127.0.0.1:1/  3 ms  Refused', '    tcp.refused', ''].join('\n');
    const mismatches = reportMismatches(report, expectations);
    assert.equal(mismatches.length, 2);
    assert.match(mismatches[0], /"Healthy gateway" should show up/);
    assert.match(mismatches[1], /"Expired certificate" is missing/);
  });
});

/** A stdout/stderr stand-in that keeps what was written and can wait for a line to appear. */
class Captured extends Writable {
  text = '';
  private readonly waiters: Array<() => void> = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += String(chunk);
    for (const wake of this.waiters.splice(0)) wake();
    done();
  }

  async waitFor(pattern: RegExp): Promise<void> {
    while (!pattern.test(this.text)) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}
