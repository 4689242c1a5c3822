import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';
import { analyzeLogs } from '../../../src/core/logs/analyzeLogs';
import type { LineFinding } from '../../../src/core/logs/logTypes';
import { createAuthority, issue, selfSigned } from '../../../src/demo/pki';
import { closedPort, startHttpsServer, startRawServer, type RunningServer } from '../../support/loopbackServers';
import { makeTempDir, type TempDir } from '../../support/tempFiles';

/**
 * Logs written by a real nginx (Debian nginx-light) proxying to broken upstreams on
 * loopback: refused, never answering, resetting, and TLS with a certificate from a CA nginx
 * does not trust. The analysis must name each failure as nginx itself saw it.
 */
describe('analyze: logs written by a real nginx', function () {
  this.timeout(30_000);
  let temp: TempDir;
  let nginx: ChildProcess | undefined;
  const servers: RunningServer[] = [];
  let port = 0;

  before(async () => {
    temp = await makeTempDir('nginx-logs-');
    const dead = await closedPort();
    const slow = await startRawServer(() => undefined); // accepts, never answers
    const reset = await startRawServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const leaf = selfSigned({ commonName: 'localhost', altNames: ['localhost', '127.0.0.1'] });
    const tls = await startHttpsServer({ cert: leaf.certPem, key: leaf.keyPem });
    servers.push(slow, reset, tls);
    const otherCa = createAuthority('Unrelated');
    await temp.write('other-ca.pem', issue(otherCa.root, { commonName: 'x', isCA: true }).certPem + otherCa.root.certPem);
    port = await closedPort();
    const p = temp.path;
    await temp.write('nginx.conf', `
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${p}/nginx.pid;
error_log ${p}/error.log error;
events { worker_connections 64; }
http {
  access_log ${p}/access.log;
  client_body_temp_path ${p}/body; proxy_temp_path ${p}/proxy; fastcgi_temp_path ${p}/fastcgi;
  uwsgi_temp_path ${p}/uwsgi; scgi_temp_path ${p}/scgi;
  server {
    listen 127.0.0.1:${port};
    location /dead  { proxy_pass http://127.0.0.1:${dead}; }
    location /slow  { proxy_pass http://127.0.0.1:${slow.port}; proxy_read_timeout 1s; }
    location /reset { proxy_pass http://127.0.0.1:${reset.port}; }
    location /tls   { proxy_pass https://127.0.0.1:${tls.port}; proxy_ssl_verify on; proxy_ssl_name localhost;
                      proxy_ssl_trusted_certificate ${p}/other-ca.pem; }
  }
}
`);
    nginx = spawn('nginx', ['-p', p, '-e', join(p, 'error.log'), '-c', join(p, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    nginx.stderr!.on('data', (chunk) => (stderr += chunk));
    await waitForPort(port, () => (nginx?.exitCode !== null ? `nginx exited: ${stderr}` : undefined));
  });

  after(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx!.once('exit', resolve));
      nginx.kill('SIGTERM');
      await exited;
    }
    await Promise.all(servers.map((s) => s.close()));
    await temp.remove();
  });

  it('names refused, timed-out, reset and untrusted-TLS upstreams, and the 502/504s in the access log', async () => {
    const statuses: Record<string, number> = {};
    for (const path of ['/dead', '/slow', '/reset', '/tls']) {
      const response = await request(`http://127.0.0.1:${port}${path}`, { method: 'POST', body: '{"invoice":42}' });
      await response.body.dump();
      statuses[path] = response.statusCode;
    }
    assert.deepEqual(statuses, { '/dead': 502, '/slow': 504, '/reset': 502, '/tls': 502 });

    const findings: LineFinding[] = [];
    const result = await analyzeLogs([join(temp.path, 'error.log'), join(temp.path, 'access.log')], { onFinding: (f) => findings.push(f) });
    assert.deepEqual(result.files.map((f) => f.format), ['nginx-error', 'nginx-access']);
    const errorCategories = findings.filter((f) => f.file.endsWith('error.log')).map((f) => f.category);
    assert.ok(errorCategories.includes('tcp.refused'), errorCategories.join());
    assert.ok(errorCategories.includes('http.timeout'), errorCategories.join());
    assert.ok(errorCategories.includes('tcp.reset'), errorCategories.join());
    assert.ok(errorCategories.some((c) => c === 'tls.cert_untrusted' || c === 'tls.handshake'), errorCategories.join());
    const access = result.findings.find((f) => f.category === 'http.5xx');
    assert.equal(access?.count, 4);
    assert.deepEqual(access?.targets, { 'POST /dead': 1, 'POST /slow': 1, 'POST /reset': 1, 'POST /tls': 1 });
    // nginx writes local time; read in the local zone, events fall within this test run
    const refused = result.findings.find((f) => f.category === 'tcp.refused')!;
    assert.ok(Math.abs(Date.parse(refused.first!) - Date.now()) < 10 * 60_000, refused.first!);
    assert.ok(Object.keys(refused.targets)[0].startsWith('127.0.0.1:'));
  });
});

async function waitForPort(port: number, failed: () => string | undefined): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const reason = failed();
    if (reason) throw new Error(reason);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
