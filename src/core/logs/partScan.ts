import { open } from 'node:fs/promises';
import { inWindow, type EventWindow } from './eventWindow';
import { FindingAggregator, type PartialAggregate } from './findingAggregator';
import { LogScanner } from './logScanner';
import type { LineFinding, LogFormat } from './logTypes';
import { parseTimeZone } from './timeZone';

/**
 * One part of a plain file (not its first), analysed in a worker thread: its own scanner and a partial
 * aggregate, sent back for merging in file order. Line numbers count from the part's first
 * line; the main thread knows the lines before it. A part cannot be finished alone when an
 * event needs the time of an event before the part, or when its targets outgrow the memory
 * bound: it then reports `in-order`, and the main thread analyses the rest of the file itself.
 */
export interface PartJob extends EventWindow {
  file: string;
  path: string;
  from: number;
  to: number;
  format: LogFormat;
  timeZone: string | undefined;
  /**
   * For `onFinding`: send the findings too, not only the aggregate, and count here (shared
   * memory) the batches the main thread has delivered. A part's findings wait until the parts
   * before it are done, so the worker pauses while more than BATCHES_AHEAD wait.
   */
  findings: Int32Array | undefined;
}

export interface PartResult {
  aggregate: PartialAggregate;
  lines: number;
  truncatedLines: number;
  /** The time of the part's last event that has one. */
  lastTime: number | undefined;
}

export type PartMessage =
  | { type: 'ready' }
  | { type: 'progress'; bytes: number }
  | { type: 'findings'; findings: LineFinding[] }
  | { type: 'done'; result: PartResult }
  | { type: 'in-order' };

class NeedsOrder extends Error {}

const BATCHES_AHEAD = 2;

export async function scanPart(job: PartJob, post: (message: PartMessage) => void): Promise<void> {
  const aggregator = new FindingAggregator(true);
  let batch: LineFinding[] = [];
  let posted = 0;
  const postBatch = () => {
    if (batch.length === 0) return;
    post({ type: 'findings', findings: batch });
    batch = [];
    posted++;
    for (let delivered = Atomics.load(job.findings!, 0); posted - delivered > BATCHES_AHEAD; delivered = Atomics.load(job.findings!, 0)) {
      Atomics.wait(job.findings!, 0, delivered);
    }
  };
  const scanner = new LogScanner({
    file: job.file,
    format: job.format,
    zone: parseTimeZone(job.timeZone),
    onEvent: (finding) => {
      if (!inWindow(finding.time, job)) return;
      aggregator.add(finding);
      if (job.findings) batch.push(finding);
    },
    timeBeforeInput: () => { throw new NeedsOrder(); },
  });
  const handle = await open(job.path, 'r');
  try {
    await scanner.scanFile(handle, job.from, job.to, (bytes) => {
      post({ type: 'progress', bytes });
      if (aggregator.overflowing) throw new NeedsOrder();
      postBatch();
    });
  } catch (error) {
    if (!(error instanceof NeedsOrder)) throw error;
    post({ type: 'in-order' });
    return;
  } finally {
    await handle.close();
  }
  postBatch();
  post({ type: 'done', result: { aggregate: aggregator.toPartial(), lines: scanner.lines, truncatedLines: scanner.truncatedLines, lastTime: scanner.lastTime } });
}
