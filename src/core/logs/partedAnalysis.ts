import { access, open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { inWindow, type EventWindow } from './eventWindow';
import type { FindingAggregator } from './findingAggregator';
import type { OpenedInput } from './logInputs';
import { LogScanner } from './logScanner';
import type { LineFinding, LogFormat } from './logTypes';
import { partBoundaries } from './partCuts';
import type { PartJob } from './partScan';
import { PartWorkers, type RunningPart } from './partWorkers';
import type { WallClockZone } from './timeZone';

/**
 * A large plain file analysed by worker threads, one part per core, merged in file order so
 * the result (and the order of `onFinding` calls) is the same as one pass over the file.
 * Findings of a part are held until the parts before it are done (its worker pauses when
 * too many wait, so memory stays bounded whatever the file size). A part that reports
 * `in-order` is analysed again, with the rest of the file, on this thread, with what the
 * parts before it left (line number, last event time); its findings that were already
 * delivered are not delivered twice (events come in the same order every time).
 */
const MIN_PART_BYTES = 16 * 1024 * 1024;
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
  const parts = Math.min(availableParallelism(), Math.floor((input.size ?? 0) / MIN_PART_BYTES));
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

/** Analyses `input` in `parts` parts; returns its line counts. */
export async function analyzeInParts(input: OpenedInput, count: number, context: PartedContext): Promise<{ lines: number; truncatedLines: number }> {
  const plain = input.plain!;
  const size = input.size!;
  const handle = await open(plain.path, 'r');
  let boundaries: number[];
  try {
    boundaries = await partBoundaries(handle, size, count, context.zone);
  } finally {
    await handle.close();
  }
  let current = 0;
  let lineOffset = 0;
  const deliver = (part: Part, batch: LineFinding[]) => {
    for (const finding of batch) context.onFinding!(shiftLines(finding, lineOffset));
    part.delivered += batch.length;
    Atomics.add(part.batches!, 0, 1);
    Atomics.notify(part.batches!, 0);
  };
  const parts: Part[] = boundaries.slice(0, -1).map((from, index) => {
    const job: PartJob = {
      file: input.name, path: plain.path, from, to: boundaries[index + 1], format: context.format, timeZone: context.timeZone,
      since: context.window.since, until: context.window.until, first: index === 0,
      findings: context.onFinding ? new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) : undefined,
    };
    const part: Part = { from, running: undefined!, readBytes: 0, held: [], delivered: 0, batches: job.findings };
    part.running = context.workers.run(job, (message) => {
      if (message.type === 'progress') {
        part.readBytes += message.bytes;
        context.onRead(message.bytes);
      } else if (parts[current] === part) deliver(part, message.findings);
      else part.held.push(message.findings);
    });
    return part;
  });
  let onAbort = () => undefined as void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(context.signal!.reason);
    context.signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  let lastTime: number | undefined;
  let truncatedLines = 0;
  try {
    for (; current < parts.length; current++) {
      context.signal?.throwIfAborted();
      const part = parts[current];
      for (const batch of part.held.splice(0)) deliver(part, batch);
      const outcome = await Promise.race([part.running.outcome, aborted]);
      if (outcome === 'in-order') {
        const rest = await analyzeRest(input, parts.slice(current), { lineOffset, lastTime, context });
        return { lines: lineOffset + rest.lines, truncatedLines: truncatedLines + rest.truncatedLines };
      }
      context.aggregator.merge(outcome.aggregate, lineOffset);
      lineOffset += outcome.lines;
      truncatedLines += outcome.truncatedLines;
      lastTime = outcome.lastTime ?? lastTime;
    }
    return { lines: lineOffset, truncatedLines };
  } finally {
    context.signal?.removeEventListener('abort', onAbort);
    await Promise.all(parts.map(({ running }) => running.cancel()));
  }
}

/** The file from the start of `parts[0]` to its end, on this thread, after the parts before it. */
async function analyzeRest(input: OpenedInput, parts: Part[], start: { lineOffset: number; lastTime: number | undefined; context: PartedContext }): Promise<{ lines: number; truncatedLines: number }> {
  const { context } = start;
  await Promise.all(parts.map(({ running }) => running.cancel()));
  // Bytes the workers already reported count once; so do findings already delivered.
  let reported = parts.reduce((sum, part) => sum + part.readBytes, 0);
  let skip = parts[0].delivered;
  const scanner = new LogScanner({
    file: input.name,
    format: context.format,
    zone: context.zone,
    firstLine: start.lineOffset + 1,
    timeBeforeInput: () => start.lastTime,
    onEvent: (finding) => {
      if (!inWindow(finding.time, context.window)) return;
      context.aggregator.add(finding);
      if (skip > 0) skip--;
      else context.onFinding?.(finding);
    },
  });
  const onRead = (bytes: number) => {
    const fresh = Math.max(0, bytes - reported);
    reported = Math.max(0, reported - bytes);
    if (fresh > 0) context.onRead(fresh);
  };
  for await (const chunk of input.plain!.readRange(parts[0].from, input.size!, onRead)) {
    context.signal?.throwIfAborted();
    scanner.push(chunk);
  }
  scanner.finish();
  return { lines: scanner.lines, truncatedLines: scanner.truncatedLines };
}

function shiftLines(finding: LineFinding, offset: number): LineFinding {
  if (offset === 0) return finding;
  const { start, end } = finding.range;
  return { ...finding, line: finding.line + offset, range: { start: { ...start, line: start.line + offset }, end: { ...end, line: end.line + offset } } };
}
