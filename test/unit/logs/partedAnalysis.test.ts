import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { analyzeLogs } from '../../../src/core/logs/analyzeLogs';
import { FindingAggregator } from '../../../src/core/logs/findingAggregator';
import { detectFormat } from '../../../src/core/logs/formatDetection';
import { openInput } from '../../../src/core/logs/logInputs';
import type { LineFinding } from '../../../src/core/logs/logTypes';
import { analyzeInParts } from '../../../src/core/logs/partedAnalysis';
import { PartWorkers } from '../../../src/core/logs/partWorkers';
import { parseTimeZone } from '../../../src/core/logs/timeZone';

/**
 * Lines of a Spring service log: requests, every `tracedEvery`-th a failure with a stack trace,
 * every `untimedEvery`-th a stretch of lines without timestamps ending in a failure without one.
 */
function serviceLog(targetBytes: number, { tracedEvery, untimedEvery }: { tracedEvery: number; untimedEvery: number }): string {
  const lines: string[] = [];
  let bytes = 0;
  for (let n = 0; bytes < targetBytes; n++) {
    const stamp = new Date(Date.UTC(2024, 4, 1) + n * 1000).toISOString().replace('T', ' ').replace('Z', '');
    const block = n % tracedEvery === 0
      ? [ // a failure with its cause 3 frames down: one event, wherever the file is cut or read
        `${stamp} ERROR 1 --- [nio-8080-exec-${n % 7}] c.e.invoice.Sender : Sending invoice ${n} failed`,
        `org.springframework.web.client.ResourceAccessException: I/O error on POST request for "https://gw${n % 13}.example.cn/api"`,
        '\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:791)',
        '\tat org.springframework.web.client.RestTemplate.execute(RestTemplate.java:711)',
        `Caused by: java.net.ConnectException: Connection ${n % 2 ? 'refused' : 'timed out'}`,
        '\t... 12 more',
      ]
      : n % untimedEvery === 0
        ? [ // 25 lines without a timestamp, then a failure without one: its time is the one of the event before
          ...Array.from({ length: 25 }, (_, i) => `progress ${i}/25 of batch ${n}`),
          `Error: connect ECONNREFUSED 10.0.${n % 5}.9:5432`,
        ]
        : [`${stamp} INFO 1 --- [nio-8080-exec-${n % 7}] c.e.invoice.Sender : Sent invoice ${n} in ${n % 300} ms`];
    for (const line of block) {
      lines.push(line);
      bytes += line.length + 1;
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Real workers that count the parts they are given. With `readyAfterBytes`, they count as ready
 * only once the calling thread has read that much of the file, as when they start slower than it
 * scans.
 */
class CountingWorkers extends PartWorkers {
  jobs = 0;
  private readBytes = 0;
  private becomeReady = () => undefined as void;
  private readonly readAhead = new Promise<void>((resolve) => (this.becomeReady = resolve));

  constructor(workerFile: string, private readonly readyAfterBytes?: number) {
    super(workerFile);
  }

  /** The calling thread read `bytes` more (its `onRead`). */
  read(bytes: number): void {
    this.readBytes += bytes;
    if (this.isReady) this.becomeReady();
  }

  private get isReady(): boolean {
    return this.readyAfterBytes === undefined || this.readBytes >= this.readyAfterBytes;
  }

  /** How many workers started, whether or not they count as ready yet. */
  async booted(): Promise<number> {
    await super.ready();
    return super.readyNow;
  }

  override get readyNow(): number {
    return this.isReady ? super.readyNow : 0;
  }

  override async ready(): Promise<number> {
    await Promise.all([super.ready(), this.isReady || this.readAhead]);
    return this.readyNow;
  }

  override run(...job: Parameters<PartWorkers['run']>): ReturnType<PartWorkers['run']> {
    this.jobs++;
    return super.run(...job);
  }
}

describe('analysis in parts by worker threads', function () {
  this.timeout(120_000);
  let dir: string;
  let workerFile: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'logs-parts-'));
    // The worker as esbuild bundles it beside dist/cli.js and dist/extension.js.
    workerFile = join(dir, 'logWorker.js');
    buildSync({ entryPoints: [resolve(__dirname, '../../../src/core/logs/logWorker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: workerFile, logLevel: 'warning' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** `readyAfterBytes`: see CountingWorkers; without it, the workers are ready from the start. */
  const inParts = async (path: string, parts: number, { window = {}, onFinding, readyAfterBytes }: {
    window?: { since?: number; until?: number };
    onFinding?: (finding: LineFinding) => void;
    readyAfterBytes?: number;
  } = {}) => {
    const input = await openInput(path);
    assert.ok(input.plain, 'a plain file');
    const workers = new CountingWorkers(workerFile, readyAfterBytes);
    workers.reserve(parts - 1);
    assert.equal(await workers.booted(), parts - 1, 'the workers started');
    try {
      const head = Buffer.alloc(64 * 1024);
      const { bytesRead } = await input.plain.handle.read(head, 0, head.length, 0);
      const format = detectFormat(head.toString('utf8', 0, bytesRead));
      const aggregator = new FindingAggregator();
      const findings: LineFinding[] = [];
      const zone = parseTimeZone('UTC');
      const { lines, truncatedLines } = await analyzeInParts(input, parts, {
        workers, aggregator, format, timeZone: 'UTC', zone, window, onFinding: onFinding ?? ((f) => findings.push(f)), onRead: (bytes) => workers.read(bytes), signal: undefined,
      });
      assert.equal(workers.jobs, parts - 1, 'every worker had a part');
      return { findings, lines, truncatedLines, summaries: aggregator.summaries(), timeline: aggregator.timeline.result() };
    } finally {
      await Promise.all([workers.close(), input.close()]);
    }
  };
  const inOnePass = async (path: string, window: { since?: string } = {}) => {
    const findings: LineFinding[] = [];
    const result = await analyzeLogs([path], { timeZone: 'UTC', ...window, onFinding: (f) => findings.push(f) });
    return { findings, lines: result.files[0].lines, truncatedLines: result.truncatedLines, summaries: result.findings, timeline: result.timeline };
  };

  it('gives the same JSON and the same findings in the same order as one pass, with stack traces across chunk boundaries', async () => {
    const path = join(dir, 'service.log');
    writeFileSync(path, serviceLog(20 * 1024 * 1024, { tracedEvery: 97, untimedEvery: 1009 }));
    const expected = await inOnePass(path);
    assert.deepEqual(expected.summaries.map((s) => s.category).sort(), ['tcp.refused', 'tcp.timeout']);
    assert.ok(expected.findings.length > 1000);
    for (const parts of [2, 3, 5]) {
      assert.equal(JSON.stringify(await inParts(path, parts)), JSON.stringify(expected), `${parts} parts`);
    }
  });

  it('hands what this thread has not read yet to workers that become ready while it scans, with the same result', async () => {
    const path = join(dir, 'late.log');
    writeFileSync(path, serviceLog(48 * 1024 * 1024, { tracedEvery: 97, untimedEvery: 1009 }));
    const expected = await inOnePass(path);
    assert.equal(JSON.stringify(await inParts(path, 2, { readyAfterBytes: 8 * 1024 * 1024 })), JSON.stringify(expected));
  });

  it('gives the same result when a part starts with an event that takes its time from the part before', async () => {
    // Only untimed failures: every part after the first needs the time of the one before and is analysed in order.
    const path = join(dir, 'untimed.log');
    writeFileSync(path, serviceLog(6 * 1024 * 1024, { tracedEvery: Infinity, untimedEvery: 211 }));
    const expected = await inOnePass(path);
    assert.ok(expected.findings.length > 100 && expected.findings.every((f) => f.time !== undefined));
    assert.equal(JSON.stringify(await inParts(path, 3)), JSON.stringify(expected));
  });

  it('delivers findings in file order when a later part runs ahead (its worker waits)', async () => {
    // Each 8 MB chunk of a part sends one batch of findings: the second of two 25 MB parts sends
    // more than its worker may have waiting before the first part is done.
    const path = join(dir, 'access.log');
    const line = (n: number) => `10.0.0.${n % 250} - - [01/May/2024:10:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')} +0000] "POST /api/v3/invoices HTTP/1.1" ${n % 10 ? 200 : 502} 157 "-" "invoice-client/1.0"`;
    const lines: string[] = [];
    for (let n = 0, bytes = 0; bytes < 50 * 1024 * 1024; n++) {
      lines.push(line(n));
      bytes += lines.at(-1)!.length + 1;
    }
    writeFileSync(path, `${lines.join('\n')}\n`);
    lines.length = 0;
    const expected = await inOnePass(path);
    assert.equal(JSON.stringify(await inParts(path, 2)), JSON.stringify(expected));
  });

  it('gives the same targets when a part holds too many to keep, and delivers no finding twice', async function () {
    // Every line a 502 for its own route (letters: identifiers would all be "{id}"): the second part
    // outgrows the partial aggregate's bound on distinct targets and is analysed again on the
    // calling thread, after some of its findings went out.
    const path = join(dir, 'distinct.log');
    const route = (n: number) => n.toString(26).replace(/./g, (digit) => String.fromCharCode(0x61 + parseInt(digit, 26)));
    const line = (n: number) => `10.0.0.${n % 250} - - [01/May/2024:10:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')} +0000] "GET /api/v3/${route(n)} HTTP/1.1" 502 157 "-" "c/1"`;
    const lines: string[] = [];
    for (let n = 0; n < 260_000; n++) lines.push(line(n));
    writeFileSync(path, `${lines.join('\n')}\n`);
    lines.length = 0;
    let count = 0;
    let last = 0;
    const inOrder = (finding: LineFinding) => {
      assert.equal(finding.line, last + 1);
      last = finding.line;
      count++;
    };
    const expected = await analyzeLogs([path], { timeZone: 'UTC' });
    const parted = await inParts(path, 2, { onFinding: inOrder });
    assert.equal(count, 260_000);
    assert.equal(JSON.stringify(parted.summaries), JSON.stringify(expected.findings));
    assert.equal(JSON.stringify(parted.timeline), JSON.stringify(expected.timeline));
  });

  it('keeps the --since window the same way', async () => {
    const path = join(dir, 'windowed.log');
    writeFileSync(path, serviceLog(6 * 1024 * 1024, { tracedEvery: 97, untimedEvery: 1009 }));
    const since = '2024-05-01T03:00:00Z';
    const expected = await inOnePass(path, { since });
    assert.ok(expected.findings.length > 0);
    assert.equal(JSON.stringify(await inParts(path, 4, { window: { since: Date.parse(since) } })), JSON.stringify(expected));
  });
});
