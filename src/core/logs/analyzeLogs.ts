import type { FileHandle } from 'node:fs/promises';
import { DoctorError } from '../errors';
import { inWindow } from './eventWindow';
import { detectFormat } from './formatDetection';
import { FindingAggregator } from './findingAggregator';
import { openInput, type OpenedInput } from './logInputs';
import { LogScanner } from './logScanner';
import { analyzeInParts, partCount, WORKER_FILE } from './partedAnalysis';
import { PartWorkers } from './partWorkers';
import type { AnalysisResult, AnalyzeOptions, FileSummary, LineFinding, LogFormat, LogInput } from './logTypes';
import { parseTimeZone } from './timeZone';

/**
 * Log analysis: every input streamed once through a `LogScanner`, events folded into one
 * aggregate, so first/last, samples and the timeline are merged by time across files.
 * Inputs are all opened before any is read: an unreadable one fails the analysis at once.
 * Plain files are read by position straight into the scanner, large ones in parts by worker
 * threads (see partedAnalysis.ts), with the same result; gzip and standard input stream through.
 */
const DETECTION_BYTES = 64 * 1024;

export async function analyzeLogs(inputs: LogInput[], options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const zone = parseTimeZone(options.timeZone);
  const since = parseInstant(options.since, 'since');
  const until = parseInstant(options.until, 'until');
  const aggregator = new FindingAggregator();
  const opened: OpenedInput[] = [];
  const workers = new PartWorkers(WORKER_FILE);
  try {
    for (const input of inputs) opened.push(await openInput(input));
    const bytesTotal = opened.every((input) => input.size !== undefined) ? opened.reduce((sum, input) => sum + (input.size ?? 0), 0) : undefined;
    let bytesDone = 0;
    const files: FileSummary[] = [];
    const window = { since, until };
    const onEvent = (finding: LineFinding) => {
      if (!inWindow(finding.time, window)) return;
      aggregator.add(finding);
      options.onFinding?.(finding);
    };
    const partCounts = await Promise.all(opened.map((input) => partCount(input)));
    // Workers start while this thread detects formats and plans parts (the first part of a file is its own).
    workers.reserve(Math.max(...partCounts) - 1);
    for (const [index, input] of opened.entries()) {
      options.signal?.throwIfAborted();
      const onRead = (bytes: number) => {
        bytesDone += bytes;
        options.onProgress?.({ bytesDone, bytesTotal });
      };
      if (input.plain) {
        const format = options.format ?? detectFormat(wholeLines(await fileHead(input.plain.handle, DETECTION_BYTES)));
        const context = { workers, aggregator, format, timeZone: options.timeZone, zone, window, onFinding: options.onFinding, onRead, signal: options.signal };
        const { lines, truncatedLines } = await analyzeInParts(input, partCounts[index], context);
        files.push({ path: input.name, format, bytes: input.size, lines, truncatedLines });
        continue;
      }
      let scanner: LogScanner | undefined;
      let format: LogFormat = options.format ?? 'generic';
      let inputBytes = 0;
      const countRead = (bytes: number) => {
        bytesDone += bytes;
        inputBytes += bytes;
      };
      for await (const chunk of input.read(countRead, options.signal)) {
        options.signal?.throwIfAborted();
        if (!scanner) {
          format = options.format ?? detectFormat(wholeLines(chunk.subarray(0, DETECTION_BYTES)));
          scanner = new LogScanner({ file: input.name, format, zone, onEvent });
        }
        scanner.push(chunk);
        options.onProgress?.({ bytesDone, bytesTotal });
      }
      scanner?.finish();
      files.push({ path: input.name, format, bytes: input.size ?? inputBytes, lines: scanner?.lines ?? 0, truncatedLines: scanner?.truncatedLines ?? 0 });
    }
    return {
      files,
      findings: aggregator.summaries(),
      timeline: aggregator.timeline.result(),
      truncatedLines: files.reduce((sum, file) => sum + file.truncatedLines, 0),
    };
  } finally {
    await Promise.all([workers.close(), ...opened.map((input) => input.close())]);
  }
}

async function fileHead(handle: FileHandle, bytes: number): Promise<Buffer> {
  const head = Buffer.alloc(bytes);
  const { bytesRead } = await handle.read(head, 0, bytes, 0);
  return head.subarray(0, bytesRead);
}

/** The head of the input up to its last complete line, as text for format detection. */
function wholeLines(head: Buffer): string {
  const newline = head.lastIndexOf(0x0a);
  return head.toString('utf8', 0, newline === -1 ? head.length : newline);
}

function parseInstant(value: number | string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const instant = typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(instant)) throw new DoctorError('usage', `--${name} "${value}" is not a date and time (use ISO 8601, e.g. 2025-01-31T08:00:00Z)`);
  return instant;
}
