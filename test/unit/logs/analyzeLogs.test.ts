import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { analyzeLogs } from '../../../src/core/logs/analyzeLogs';
import type { LineFinding } from '../../../src/core/logs/logTypes';
import { isDoctorError } from '../../../src/core/errors';

const JAVA_EVENT = [
  '2024-05-01 10:00:00.000 ERROR 1 --- [nio-8080-exec-1] c.e.invoice.Sender : Sending invoice 42 failed',
  'org.springframework.web.client.ResourceAccessException: I/O error on POST request for "https://gw.example.cn/api": Communications link failure',
  '\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:791)',
  'Caused by: com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure',
  '\tat com.mysql.cj.jdbc.ConnectionImpl.<init>(ConnectionImpl.java:448)',
  'Caused by: java.net.ConnectException: Connection refused',
  '\t... 12 more',
  '2024-05-01 10:00:01.000 INFO 1 --- [nio-8080-exec-2] c.e.invoice.Sender : Sent invoice 43',
];
const PYTHON_EVENT = [
  '2024-05-01 10:00:02,000 ERROR sender: upload failed',
  'Traceback (most recent call last):',
  '  File "/app/send.py", line 10, in <module>',
  '    requests.post(url)',
  'requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host=\'gw.example.cn\', port=443): Max retries exceeded (Caused by ConnectTimeoutError(<x>, \'Connection to gw.example.cn timed out. (connect timeout=5)\'))',
];
const NODE_EVENT = [
  '[2024-05-01T10:00:03.000Z] error: submit failed TypeError: fetch failed',
  '    at node:internal/deps/undici/undici:13502:13',
  '  [cause]: ConnectTimeoutError: Connect Timeout Error (attempted address: gw.example.cn:443, timeout: 10000ms)',
  '      at onConnectTimeout (node:internal/deps/undici/undici:2602:28) {',
  "    code: 'UND_ERR_CONNECT_TIMEOUT'",
  '  }',
  '}',
];

describe('analyzeLogs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'logs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const collect = async (paths: string[], options: Parameters<typeof analyzeLogs>[1] = {}) => {
    const findings: LineFinding[] = [];
    const result = await analyzeLogs(paths, { timeZone: 'UTC', ...options, onFinding: (f) => findings.push(f) });
    return { result, findings };
  };

  it('counts a stack trace, a traceback and a Node error with its cause once each, at the first line, with the deepest cause', async () => {
    const path = write('app.log', [...JAVA_EVENT, ...PYTHON_EVENT, ...NODE_EVENT, ''].join('\n'));
    const { result, findings } = await collect([path]);
    assert.deepEqual(findings.map((f) => [f.line, f.category]), [[1, 'tcp.refused'], [9, 'tcp.timeout'], [14, 'tcp.timeout']]);
    assert.equal(result.files[0].lines, 20);
    assert.equal(findings[0].time, Date.parse('2024-05-01T10:00:00Z'));
    assert.match(findings[0].text, /Sending invoice 42 failed … Caused by: java.net.ConnectException: Connection refused/);
    const timeouts = result.findings.find((f) => f.category === 'tcp.timeout');
    assert.equal(timeouts?.count, 2);
    assert.deepEqual(timeouts?.targets, { 'gw.example.cn:443': 2 });
  });

  it('reads gzip by its magic bytes, whatever the file is called', async () => {
    const text = '2024/05/01 10:00:00 [error] 7#7: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: a, upstream: "http://10.2.0.11:8080/"\n';
    const path = write('error.log', gzipSync(Buffer.from(text.repeat(3))));
    const { result } = await collect([path]);
    assert.equal(result.files[0].format, 'nginx-error');
    assert.equal(result.files[0].lines, 3);
    assert.equal(result.findings[0].category, 'tcp.refused');
    assert.equal(result.findings[0].count, 3);
  });

  it('merges several files by time: first, last and timeline span all of them, in a nginx zone given as an offset', async () => {
    const refused = (time: string) => `${time} [error] 7#7: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: a, upstream: "http://10.2.0.11:8080/"`;
    const a = write('a.log', `${refused('2024/05/01 10:00:00')}\n${refused('2024/05/01 12:00:00')}\n`);
    const b = write('b.log', `${refused('2024/05/01 09:00:00')}\n`);
    const { result } = await collect([a, b], { timeZone: '+02:00' });
    const finding = result.findings[0];
    assert.equal(finding.count, 3);
    assert.equal(finding.first, '2024-05-01T07:00:00.000Z');
    assert.equal(finding.last, '2024-05-01T10:00:00.000Z');
    assert.deepEqual(finding.samples.map((s) => s.file), [b, a, a]);
    // three hours need 181 one-minute buckets: more than 120, so five-minute ones
    assert.equal(result.timeline.bucketSeconds, 300);
    assert.equal(result.timeline.buckets.length, 3);
    assert.deepEqual(result.timeline.buckets[0], { start: '2024-05-01T07:00:00.000Z', counts: { 'tcp.refused': 1 } });
  });

  it('keeps only events inside --since/--until', async () => {
    const path = write('access.log', ['09', '10', '11'].map((h) => `10.0.0.1 - - [01/May/2024:${h}:00:00 +0000] "POST /api HTTP/1.1" 502 0 "-" "x"`).join('\n'));
    const { result } = await collect([path], { since: '2024-05-01T09:30:00Z', until: '2024-05-01T10:30:00Z' });
    assert.equal(result.findings[0].count, 1);
    assert.equal(result.findings[0].first, '2024-05-01T10:00:00.000Z');
  });

  it('matches a line over 1 MB on its first megabyte, counts it, and goes on', async () => {
    const huge = `2024-05-01 10:00:00 ERROR Error: connect ECONNREFUSED 10.0.0.9:443 ${'x'.repeat(12 * 1024 * 1024)}`;
    const path = write('huge.log', `${huge}\nError: connect ECONNREFUSED 10.0.0.9:443\n${'y'.repeat(1536 * 1024)}\n`);
    const { result, findings } = await collect([path]);
    assert.equal(result.truncatedLines, 2);
    assert.equal(result.files[0].lines, 3);
    assert.deepEqual(findings.map((f) => f.line), [1, 2]);
  });

  it('reads a plain file by position exactly as it reads the same bytes streamed from gzip, across reads, window refills and oversize lines', async () => {
    // ~12 MB per format: events straddle the 1 MB reads and the 8 MB window's refills, with
    // lines of 1.5 MB (long, counted) and of 9 MB (longer than the window, skipped) among them.
    const nginx = (i: number) => `2024/05/01 10:${String(i % 60).padStart(2, '0')}:00 [error] 7#7: *${i} connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: s, request: "POST /api HTTP/1.1", upstream: "https://10.0.0.${i % 9}:443/api"`;
    const filler = (i: number) => `2024/05/01 10:00:00 [warn] 7#7: *${i} an upstream response is buffered to a temporary file /tmp/${i}`;
    for (const [format, event] of [['nginx-error', (i: number) => nginx(i)], ['generic', (i: number) => JAVA_EVENT.join('\n').replace('invoice 42', `invoice ${i}`)]] as const) {
      const lines: string[] = [];
      for (let i = 0, bytes = 0; bytes < 12_000_000; i++) {
        const line = i % 5000 === 2500 ? `${filler(i)} ${'x'.repeat(i % 10000 === 2500 ? 9_000_000 : 1_500_000)}` : i % 7 === 0 ? event(i) : filler(i);
        lines.push(line);
        bytes += line.length + 1;
      }
      const text = Buffer.from(lines.join('\n'));
      const plain = await collect([write(`${format}.log`, text)]);
      const gzipped = await collect([write(`${format}.log.gz`, gzipSync(text))]);
      const summary = ({ result, findings }: Awaited<ReturnType<typeof collect>>) => ({
        lines: result.files[0].lines,
        truncatedLines: result.truncatedLines,
        findings: findings.map(({ line, category, target, text: sample }) => ({ line, category, target, sample })),
      });
      assert.ok(plain.findings.length > 1000, `${format}: ${plain.findings.length} findings`);
      assert.equal(plain.result.truncatedLines, lines.filter((line) => line.length > 1024 * 1024).length);
      assert.deepEqual(summary(plain), summary(gzipped), format);
    }
  });

  it('survives binary garbage and invalid UTF-8', async () => {
    const garbage = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 2654435761) >>> 24;
    const invalid = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a]);
    const line = Buffer.from('Error: connect ECONNREFUSED 10.0.0.9:443 \xff\n', 'latin1');
    const path = write('garbage.log', Buffer.concat([garbage, Buffer.from('\n'), invalid, line]));
    const { findings } = await collect([path]);
    assert.ok(findings.some((f) => f.category === 'tcp.refused'));
  });

  it('reads a stream (standard input), gzip or not', async () => {
    const text = '2024-05-01T10:00:00Z Error: getaddrinfo ENOTFOUND gw.example.cn\n';
    for (const body of [Buffer.from(text), gzipSync(Buffer.from(text))]) {
      const result = await analyzeLogs([{ name: '-', stream: Readable.from([body.subarray(0, 5), body.subarray(5)]) }]);
      assert.equal(result.findings[0]?.category, 'dns.not_found');
      assert.equal(result.files[0].path, '-');
    }
  });

  it('reports progress up to the total and stops when cancelled', async () => {
    const line = '10.0.0.1 - - [01/May/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 0 "-" "x"\n';
    const path = write('big.log', line.repeat(400_000));
    const seen: number[] = [];
    let total: number | undefined;
    await analyzeLogs([path], { onProgress: (p) => { seen.push(p.bytesDone); total = p.bytesTotal; } });
    assert.ok(seen.length >= 2);
    assert.equal(seen.at(-1), total);
    assert.ok(seen.every((v, i) => i === 0 || v >= seen[i - 1]));

    const controller = new AbortController();
    await assert.rejects(
      analyzeLogs([path], { signal: controller.signal, onProgress: () => controller.abort() }),
      (error: Error) => error.name === 'AbortError',
    );
  });

  it('fails with input.unreadable for a missing file or a directory', async () => {
    await assert.rejects(analyzeLogs([join(dir, 'missing.log')]), (e) => isDoctorError(e, 'input.unreadable'));
    await assert.rejects(analyzeLogs([dir]), (e) => isDoctorError(e, 'input.unreadable'));
  });

  it('reads lines behind docker compose and kubectl prefixes', async () => {
    const path = write('compose.log', [
      'api-1  | 2024-05-01 10:00:00.000 ERROR 1 --- [main] c.e.Sender : send failed',
      'api-1  | java.net.ConnectException: Connection refused',
      'api-1  | \tat java.base/sun.nio.ch.Net.pollConnect(Native Method)',
      '2024-05-01T10:00:05.000000000Z 2024/05/01 10:00:05 [error] 7#7: *3 no live upstreams while connecting to upstream, client: 10.0.0.1, server: a, upstream: "http://api/x"',
    ].join('\n'));
    const { findings } = await collect([path]);
    assert.deepEqual(findings.map((f) => [f.line, f.category]), [[1, 'tcp.refused'], [4, 'upstream.no_live']]);
  });
});
