import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { main } from '../../../src/cli/main';
import { runCli } from '../cli/cliHarness';

const REFUSED = '2024/05/01 10:00:00 [error] 7#7: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: a, request: "POST /api HTTP/1.1", upstream: "http://10.2.0.11:8080/api", host: "a"';
const STACK = [
  '2024-05-01 10:00:01.000 ERROR 1 --- [main] c.e.Sender : send failed',
  'java.net.SocketTimeoutException: Read timed out',
  '\tat java.base/java.net.SocketInputStream.read(SocketInputStream.java:183)',
].join('\n');

describe('invoice-doctor analyze', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'analyze-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string | Buffer) => {
    writeFileSync(join(dir, name), content);
    return name;
  };

  it('prints the contract JSON and exits 1 when it finds failures', async () => {
    write('error.log.gz', gzipSync(`${REFUSED}\n${REFUSED}\n`));
    const run = await runCli(['analyze', 'error.log.gz', '--json', '--tz', 'UTC'], { cwd: dir });
    assert.equal(run.code, 1, run.stderr);
    const doc = JSON.parse(run.stdout);
    assert.deepEqual(doc.files.map((f: { path: string; format: string; lines: number }) => [f.path, f.format, f.lines]), [['error.log.gz', 'nginx-error', 2]]);
    const [finding] = doc.findings;
    assert.equal(finding.category, 'tcp.refused');
    assert.equal(finding.count, 2);
    assert.equal(finding.first, '2024-05-01T10:00:00.000Z');
    assert.deepEqual(finding.targets, { '10.2.0.11:8080': 2 });
    assert.deepEqual(finding.samples[0], { file: 'error.log.gz', line: 1, text: REFUSED });
    assert.ok(finding.fixes.length > 0);
    assert.deepEqual(Object.keys(doc.timeline), ['bucketSeconds', 'buckets']);
  });

  it('prints one NDJSON line per finding with --lines, a stack trace once at its first line', async () => {
    write('app.log', `${STACK}\n`);
    write('error.log', `${REFUSED}\n`);
    const run = await runCli(['analyze', 'app.log', 'error.log', '--lines'], { cwd: dir });
    assert.equal(run.code, 1);
    assert.deepEqual(run.stdout.trim().split('\n').map((l) => JSON.parse(l)), [
      { file: 'app.log', line: 1, category: 'http.timeout' },
      { file: 'error.log', line: 1, category: 'tcp.refused' },
    ]);
  });

  it('writes a human report with counts, targets, a sample and fixes', async () => {
    write('error.log', `${REFUSED}\n`);
    const run = await runCli(['analyze', 'error.log', '--tz', '+00:00'], { cwd: dir });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /tcp\.refused\s+Connection refused: 1 event/);
    assert.match(run.stdout, /targets: 10\.2\.0\.11:8080 \(1\)/);
    assert.match(run.stdout, /e\.g\. error\.log:1: /);
    assert.match(run.stdout, /fix: /);
  });

  it('exits 0 when nothing is wrong', async () => {
    write('access.log', '10.0.0.1 - - [01/May/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "x"\n');
    const run = await runCli(['analyze', 'access.log'], { cwd: dir });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /No connection failures found/);
  });

  it('reads standard input from -', async () => {
    const chunks: Buffer[] = [];
    const stdout = new Writable({ write(chunk, _e, done) { chunks.push(Buffer.from(chunk)); done(); } });
    const code = await main(['analyze', '-', '--lines'], {
      stdout, stderr: new Writable({ write: (_c, _e, done) => done() }), stdin: Readable.from([Buffer.from(`${STACK}\n`)]),
      env: {}, cwd: dir, signal: new AbortController().signal,
    });
    assert.equal(code, 1);
    assert.deepEqual(JSON.parse(Buffer.concat(chunks).toString()), { file: '-', line: 1, category: 'http.timeout' });
  });

  it('exits 2 with one clear line for unreadable input and bad options', async () => {
    const missing = await runCli(['analyze', 'nope.log'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr.trim().split('\n').length, 1);
    assert.match(missing.stderr, /nope\.log/);
    for (const argv of [['analyze'], ['analyze', 'x', '--format', 'syslog'], ['analyze', 'x', '--since', 'yesterday'], ['analyze', 'x', '--tz', 'Mars/Olympus']]) {
      write('x', `${REFUSED}\n`);
      const run = await runCli(argv, { cwd: dir });
      assert.equal(run.code, 2, argv.join(' '));
      assert.equal(run.stderr.trim().split('\n').length, 1);
    }
  });
});
