import { access } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { inWindow, type EventWindow } from './eventWindow';
import type { FindingAggregator } from './findingAggregator';
import type { OpenedInput, PlainInput } from './logInputs';
import { LogScanner } from './logScanner';
import type { LineFinding, LogFormat } from './logTypes';
import { partBoundaries } from './partCuts';
import type { PartJob } from './partScan';
import { PartWorkers, type RunningPart } from './partWorkers';
import type { WallClockZone } from './timeZone';

/**
 * A large plain file analysed in parts, one per core: the first on this thread, the others by
 * worker threads, merged in file order so the result (and the order of `onFinding` calls) is
 * the same as one pass over the file.
 * This thread starts on the whole file at once. When the workers are ready (they take as long
 * to start as this thread takes to scan 5 to 27 MB), what it has not read yet is cut into
 * parts: it keeps the first, the workers take the others. A file this thread finishes before
 * then is not split at all. Workers that are ready already split the whole file from the start.
 * Findings of a part are held until the parts before it are done (its worker pauses when
 * too many wait, so memory stays bounded whatever the file size). A part that reports
 * `in-order` is analysed again, with the rest of the file, on this thread, with what the
 * parts before it left (line number, last event time); its findings that were already
 * delivered are not delivered twice (events come in the same order every time).
 */
const MIN_PART_BYTES = 16 * 1024 * 1024;
// Each part holds a scanner window and a thread's heap (about 30 MB): memory stays bounded on many-core machines.
const MAX_PARTS = 4;
// Beside the bundle that runs this code (dist/cli.js, dist/extension.js); absent when running from sources.
export const WORKER_FILE = join(__dirname, 'logWorker.js');

export interface PartedContext {
  workers: PartWorkers;
  aggregator: FindingAggregator;
  format: LogFormat;
  timeZone: string | undefined;
  zone: WallClockZone;
  window: EventWindow;
  onFinding: ((finding: LineFinding) => void) | undefined;
  onRead: (bytes: number) => void;
  signal: AbortSignal | undefined;
}

/** How many parts a file is worth splitting into; 1 when workers do not pay off or cannot run. */
export async function partCount(input: OpenedInput): Promise<number> {
  const parts = Math.min(availableParallelism(), MAX_PARTS, Math.floor((input.size ?? 0) / MIN_PART_BYTES));
  if (!input.plain || parts < 2) return 1;
  return access(WORKER_FILE).then(() => parts, () => 1);
}

interface Part {
  from: number;
  running: RunningPart;
  readBytes: number;
  /** Batches of findings waiting for the parts before this one; `delivered` counts findings, `batches` batches (shared with the worker). */
  held: LineFinding[][];
  delivered: number;
  batches: Int32Array | undefined;
}

/** Analyses `input` in up to `count` parts; returns its line counts. */
export async function analyzeInParts(input: PlainInput, count: number, context: PartedContext): Promise<{ lines: number; truncatedLines: number }> {
  const { plain, size } = input;
  let parts: Part[] = [];
  let live: Part | undefined; // the part whose findings are delivered as they come
  let lineOffset = 0;
  const deliver = (part: Part, batch: LineFinding[]) => {
    for (const finding of batch) context.onFinding!(shiftLines(finding, lineOffset));
    part.delivered += batch.length;
    Atomics.add(part.batches!, 0, 1);
    Atomics.notify(part.batches!, 0);
  };
  const startPart = (from: number, to: number): Part => {
    const job: PartJob = {
      file: input.name, path: plain.path, from, to, format: context.format, timeZone: context.timeZone,
      since: context.window.since, until: context.window.until,
      findings: context.onFinding ? new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) : undefined,
    };
    const part: Part = { from, running: undefined!, readBytes: 0, held: [], delivered: 0, batches: job.findings };
    part.running = context.workers.run(job, (message) => {
      if (message.type === 'progress') {
        part.readBytes += message.bytes;
        context.onRead(message.bytes);
      } else if (part === live) deliver(part, message.findings);
      else part.held.push(message.findings);
    });
    return part;
  };
  let onAbort = () => undefined as void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(context.signal!.reason);
    context.signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  let handedOut: Promise<void> = Promise.resolve();
  try {
    const readyNow = Math.min(count - 1, context.workers.readyNow);
    const boundaries = readyNow > 0 ? partBoundaries(plain.handle, 0, size, readyNow + 1, context.zone) : [0, size];
    const first = scanInThread(input, { from: 0, to: boundaries[1], firstLine: 1, timeBefore: undefined, delivered: 0, reported: 0 }, context);
    parts = boundaries.slice(1, -1).map((from, index) => startPart(from, boundaries[index + 2]));
    if (readyNow === 0 && count > 1) {
      // The rest of the file goes to the workers once they are ready, if this thread is not done by then.
      let firstDone = false;
      const firstEnded = first.done.finally(() => (firstDone = true)).then(() => 0, () => 0);
      handedOut = (async () => {
        const ready = Math.min(count - 1, await Promise.race([context.workers.ready(), firstEnded]));
        if (firstDone || ready === 0 || size - first.scanner.readEnd < (ready + 1) * MIN_PART_BYTES) return;
        const rest = partBoundaries(plain.handle, first.scanner.readEnd, size, ready + 1, context.zone);
        if (rest.length > 2 && first.scanner.stopAt(rest[1])) parts = rest.slice(1, -1).map((from, index) => startPart(from, rest[index + 2]));
      })();
    }
    const { lines, truncatedLines: firstTruncated, lastTime: firstLastTime } = await first.done;
    await handedOut;
    lineOffset = lines;
    let truncatedLines = firstTruncated;
    let lastTime = firstLastTime;
    for (const [index, part] of parts.entries()) {
      context.signal?.throwIfAborted();
      live = part;
      for (const batch of part.held.splice(0)) deliver(part, batch);
      const outcome = await Promise.race([part.running.outcome, aborted]);
      if (outcome === 'in-order') {
        const rest = parts.slice(index);
        await Promise.all(rest.map(({ running }) => running.cancel()));
        const reported = rest.reduce((sum, { readBytes }) => sum + readBytes, 0);
        const tail = await scanInThread(input, { from: part.from, to: size, firstLine: lineOffset + 1, timeBefore: lastTime, delivered: part.delivered, reported }, context).done;
        return { lines: lineOffset + tail.lines, truncatedLines: truncatedLines + tail.truncatedLines };
      }
      context.aggregator.merge(outcome.aggregate, lineOffset);
      lineOffset += outcome.lines;
      truncatedLines += outcome.truncatedLines;
      lastTime = outcome.lastTime ?? lastTime;
    }
    return { lines: lineOffset, truncatedLines };
  } finally {
    context.signal?.removeEventListener('abort', onAbort);
    await handedOut.catch(() => undefined); // settled at once when this thread's scan failed: no part starts after this
    await Promise.all(parts.map(({ running }) => running.cancel()));
  }
}

interface InThreadPart {
  from: number;
  to: number;
  firstLine: number;
  /** The time of the last event before `from` that has one. */
  timeBefore: number | undefined;
  /** Findings of this stretch already delivered (by a worker that then reported `in-order`). */
  delivered: number;
  /** Bytes of this stretch already reported as read. */
  reported: number;
}

interface InThreadScan {
  scanner: LogScanner;
  done: Promise<{ lines: number; truncatedLines: number; lastTime: number | undefined }>;
}

/** Bytes [from, to) of the file on this thread, straight into the aggregate; the scan starts at once. */
function scanInThread(input: PlainInput, part: InThreadPart, context: PartedContext): InThreadScan {
  let { delivered: skip, reported } = part;
  const scanner = new LogScanner({
    file: input.name,
    format: context.format,
    zone: context.zone,
    firstLine: part.firstLine,
    timeBeforeInput: () => part.timeBefore,
    onEvent: (finding) => {
      if (!inWindow(finding.time, context.window)) return;
      context.aggregator.add(finding);
      if (skip > 0) skip--;
      else context.onFinding?.(finding);
    },
  });
  const scanned = scanner.scanFile(input.plain.handle, part.from, part.to, (bytes) => {
    const fresh = Math.max(0, bytes - reported);
    reported = Math.max(0, reported - bytes);
    if (fresh > 0) context.onRead(fresh);
    context.signal?.throwIfAborted();
  });
  return { scanner, done: scanned.then(() => ({ lines: scanner.lines, truncatedLines: scanner.truncatedLines, lastTime: scanner.lastTime ?? part.timeBefore })) };
}

function shiftLines(finding: LineFinding, offset: number): LineFinding {
  if (offset === 0) return finding;
  const { start, end } = finding.range;
  return { ...finding, line: finding.line + offset, range: { start: { ...start, line: start.line + offset }, end: { ...end, line: end.line + offset } } };
}
