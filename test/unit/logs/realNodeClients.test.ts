import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { Agent, fetch } from 'undici';
import { analyzeLogs } from '../../../src/core/logs/analyzeLogs';
import type { LineFinding } from '../../../src/core/logs/logTypes';
import { selfSigned } from '../../../src/demo/pki';
import { closedPort, startHttpsServer, startRawServer, type RunningServer } from '../../support/loopbackServers';
import { makeTempDir, type TempDir } from '../../support/tempFiles';

/**
 * Real undici errors against broken loopback servers, logged the way Node apps log them
 * (`console.error(message, err)` prints the stack and the `[cause]` block; others log err.stack),
 * then analysed: the category must come from the cause, counted once per error.
 */
describe('analyze: errors of real Node clients', function () {
  this.timeout(20_000);
  let temp: TempDir;
  const servers: RunningServer[] = [];

  before(async () => {
    temp = await makeTempDir('node-logs-');
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await temp.remove();
  });

  async function failureOf(url: string, dispatcher?: Agent): Promise<Error> {
    try {
      await fetch(url, { method: 'POST', body: '{}', dispatcher });
    } catch (error) {
      return error as Error;
    }
    throw new Error(`${url} unexpectedly answered`);
  }

  it('classifies refused, reset, untrusted-certificate and header-timeout failures from their causes', async () => {
    const reset = await startRawServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const hang = await startRawServer(() => undefined);
    const leaf = selfSigned({ commonName: 'localhost', altNames: ['127.0.0.1'] });
    const tls = await startHttpsServer({ cert: leaf.certPem, key: leaf.keyPem });
    servers.push(reset, hang, tls);
    const impatient = new Agent({ headersTimeout: 300 });
    const cases: [string, Error][] = [
      ['tcp.refused', await failureOf(`http://127.0.0.1:${await closedPort()}/invoices`)],
      ['tcp.reset', await failureOf(`http://127.0.0.1:${reset.port}/invoices`)],
      ['tls.cert_untrusted', await failureOf(`https://127.0.0.1:${tls.port}/invoices`)],
      ['http.timeout', await failureOf(`http://127.0.0.1:${hang.port}/invoices`, impatient)],
    ];
    await impatient.close();

    const lines: string[] = [];
    cases.forEach(([, error], index) => {
      const stamp = new Date(Date.UTC(2025, 0, 1, 10, 0, index)).toISOString();
      lines.push(`[${stamp}] ERROR submitting invoice failed ${inspect(error)}`); // console.error('…', err)
      lines.push(`[${stamp}] INFO next invoice`);
    });
    const path = join(temp.path, 'app.log');
    writeFileSync(path, `${lines.join('\n')}\n`);

    const findings: LineFinding[] = [];
    await analyzeLogs([path], { onFinding: (f) => findings.push(f) });
    assert.deepEqual(findings.map((f) => f.category), cases.map(([category]) => category), findings.map((f) => f.text).join('\n'));
    for (const finding of findings) assert.match(finding.text, /^\[2025-01-01T10:00:0\d\.000Z\] ERROR submitting invoice failed/);
  });
});
