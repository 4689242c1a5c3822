import type { FileHandle } from 'node:fs/promises';
import type { FailureCode } from '../failureCodes';
import { classifyLine } from './classifyLine';
import { isContinuation } from './continuation';
import type { LineClassification, LineFinding, LogFormat } from './logTypes';
import { createPrefilter, type Prefilter } from './prefilterNeedles';
import { extractTimestamp } from './timestamps';
import type { WallClockZone } from './timeZone';

/**
 * Streams one input through a fixed-size window and turns it into finding events.
 * Only the prefilter's candidate lines are decoded and classified; the prefilter also counts
 * the lines. A candidate line is attributed to the event it belongs to
 * by walking back over continuation lines (kept in a history area of the window), so a
 * stack trace or `Caused by:` chain yields one event at its first line, with the most
 * specific cause found anywhere in the chain. Memory is the window, whatever the input size.
 */
const WINDOW_BYTES = 8 * 1024 * 1024;
const HISTORY_BYTES = 64 * 1024;
// Reads of a file: small enough that most go on while the window still has room for them.
const READ_BYTES = 1024 * 1024;
export const MAX_LINE_BYTES = 1024 * 1024;
const MAX_EVENT_LINES = 500;
const TIME_LOOKBACK_LINES = 20;
const SAMPLE_CHARS = 400;
const NEWLINE = 0x0a;

interface OpenEvent {
  line: number;
  text: string;
  time: number | undefined;
  category: FailureCode;
  target: string | undefined;
  cause: string | undefined;
  range: { start: number; end: number };
}

export interface ScannerOptions {
  file: string;
  format: LogFormat;
  zone: WallClockZone;
  onEvent: (finding: LineFinding) => void;
  /** Number of the first line, when the input starts inside a file (default 1). */
  firstLine?: number;
  /**
   * The time of the last event before the input, for events that carry no time of their own
   * and follow no event that does (default: none, the input starts the file).
   */
  timeBeforeInput?: () => number | undefined;
}

export class LogScanner {
  private readonly window: Buffer;
  private readonly prefilter: Prefilter;
  private length = 0;
  private scanFrom = 0;
  private lineNo: number;
  private skippingOversizeLine = false;
  private open: OpenEvent | undefined;
  private timeKnown: number | undefined;
  /** The end of the file range being scanned, and how far reads of it have been started. */
  private fileEnd = 0;
  private requestedEnd = 0;
  lines = 0;
  truncatedLines = 0;

  constructor(private readonly options: ScannerOptions) {
    this.prefilter = createPrefilter(options.format, WINDOW_BYTES, MAX_LINE_BYTES);
    this.window = this.prefilter.window;
    this.lineNo = options.firstLine ?? 1;
  }

  /** The time of the last event so far that has one; undefined when none has. */
  get lastTime(): number | undefined {
    return this.timeKnown;
  }

  /** Feeds a chunk of a stream (gzip, standard input); the scanner copies it. */
  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      const copied = chunk.copy(this.spaceToFill(), 0, offset);
      offset += copied;
      this.length += copied;
      this.process();
    }
  }

  /**
   * Reads bytes [from, to) of a file straight into the window, never copied. The next read is
   * under way while this thread scans what the last one brought: reads run on libuv's thread
   * pool, so on another core. `afterRead` runs after each read; when it throws, the read under
   * way settles before the error leaves (the caller may close the file at once). While it runs,
   * `stopAt` may bring the end forward.
   */
  async scanFile(handle: FileHandle, from: number, to: number, afterRead: (bytes: number) => void): Promise<void> {
    this.fileEnd = to;
    const readAt = (position: number, space: Buffer) => {
      const bytes = Math.min(space.length, READ_BYTES, this.fileEnd - position);
      this.requestedEnd = position + bytes;
      return handle.read(space, 0, bytes, position);
    };
    let position = from;
    let pending = position < this.fileEnd ? readAt(position, this.spaceToFill()) : undefined;
    try {
      while (pending) {
        const { bytesRead } = await pending;
        pending = undefined;
        if (bytesRead === 0) break; // truncated under us (log rotation): stop at what exists
        position += bytesRead;
        this.length += bytesRead;
        // The next read goes where scanning never looks (past `length`), started before the bytes
        // just read are scanned. Making room for it may move them (about 1 MB copied every 7 MB),
        // but no read is under way now to be disturbed. Not while an oversize line is skipped:
        // that drops the bytes at `length` as they come.
        if (position < this.fileEnd && !this.skippingOversizeLine && this.makeRoom()) pending = readAt(position, this.window.subarray(this.length));
        this.process();
        afterRead(bytesRead);
        if (!pending && position < this.fileEnd) pending = readAt(position, this.spaceToFill());
      }
    } finally {
      await pending?.catch(() => undefined);
    }
    this.finish();
  }

  /**
   * Where the file scan may be cut at the earliest: the end of the bytes read or being read.
   * Bytes from here on can be handed to another scanner with `stopAt`.
   */
  get readEnd(): number {
    return this.requestedEnd;
  }

  /**
   * Ends the running file scan at `position` (a line start) instead of its `to`, so that another
   * scanner takes the rest. False when bytes past it are read already: the scan goes on as it was.
   */
  stopAt(position: number): boolean {
    if (position < this.requestedEnd || position > this.fileEnd) return false;
    this.fileEnd = position;
    return true;
  }

  /** End of input: the last line may lack its newline. The scanner takes no input after it. */
  finish(): void {
    if (this.skippingOversizeLine) {
      this.skippingOversizeLine = false;
      this.lines++;
    } else if (this.length > this.scanFrom) {
      this.scanRegion(this.scanFrom, this.length);
      this.lines++;
      this.scanFrom = this.length;
    }
    this.flush();
    this.prefilter.release();
  }

  /** Free space at the end of the window, made by dropping scanned lines when little is left. */
  private spaceToFill(): Buffer {
    this.makeRoom();
    if (this.length === WINDOW_BYTES) this.takeOversizeLine();
    return this.window.subarray(this.length);
  }

  /** Drops scanned lines (but the history) when less than a read is free; whether a read fits now. */
  private makeRoom(): boolean {
    if (WINDOW_BYTES - this.length < READ_BYTES) this.compact();
    return WINDOW_BYTES - this.length >= READ_BYTES;
  }

  private process(): void {
    if (this.skippingOversizeLine) {
      const newline = this.window.subarray(0, this.length).indexOf(NEWLINE, this.scanFrom);
      if (newline === -1) {
        this.length = this.scanFrom; // still inside the oversize line: drop what arrived
        return;
      }
      this.skippingOversizeLine = false;
      this.lines++;
      this.lineNo++;
      this.scanFrom = newline + 1;
    }
    const lastNewline = this.length > this.scanFrom ? this.window.lastIndexOf(NEWLINE, this.length - 1) : -1;
    if (lastNewline < this.scanFrom) return;
    this.scanRegion(this.scanFrom, lastNewline + 1);
    this.scanFrom = lastNewline + 1;
  }

  /** Keeps up to HISTORY_BYTES of whole lines before `scanFrom` for walking back into events. */
  private compact(): void {
    let keepFrom = Math.max(0, this.scanFrom - HISTORY_BYTES);
    if (keepFrom > 0) {
      const newline = this.window.indexOf(NEWLINE, keepFrom - 1);
      keepFrom = newline === -1 || newline >= this.scanFrom ? this.scanFrom : newline + 1;
    }
    if (keepFrom === 0) return;
    this.window.copyWithin(0, keepFrom, this.length);
    this.length -= keepFrom;
    this.scanFrom -= keepFrom;
  }

  /** A line that does not fit the window: match its first megabyte, skip the rest. */
  private takeOversizeLine(): void {
    const end = this.scanFrom + MAX_LINE_BYTES;
    let matched = false;
    this.prefilter.scan(this.scanFrom, end, () => (matched = true));
    if (matched) this.candidate(this.window.subarray(0, end), this.scanFrom, end);
    this.truncatedLines++;
    this.skippingOversizeLine = true;
    this.length = this.scanFrom = 0;
  }

  /** Classifies the candidate lines among the whole lines in [from, to) and counts the lines. */
  private scanRegion(from: number, to: number): void {
    const view = this.window.subarray(0, to);
    const firstLine = this.lineNo;
    const { lines, longLines } = this.prefilter.scan(from, to, (lineStart, lineEnd, linesBefore) => {
      this.lineNo = firstLine + linesBefore;
      this.candidate(view, lineStart, lineEnd);
    });
    this.lineNo = firstLine + lines;
    this.lines += lines;
    this.truncatedLines += longLines;
  }

  private candidate(view: Buffer, start: number, end: number): void {
    const text = decodeLine(view, start, end);
    const verdict = classifyLine(text);
    if (!verdict) return;
    // Walk back over continuation lines to the event's first line (bounded by the history kept).
    let first = start;
    let firstText = text;
    let walked = 0;
    while (walked < MAX_EVENT_LINES && first > 0) {
      // (lastIndexOf counts a negative offset from the end, hence the guard for the first line)
      const previousStart = first < 2 ? 0 : view.lastIndexOf(NEWLINE, first - 2) + 1;
      let previousText: string | undefined;
      const readPrevious = () => (previousText ??= decodeLine(view, previousStart, first - 1));
      if (!isContinuation(firstText, readPrevious)) break;
      first = previousStart;
      firstText = readPrevious();
      walked++;
    }
    this.addToEvent(this.lineNo - walked, firstText, walked === 0 ? verdict : undefined, verdict, text, () => this.timeBefore(view, first));
  }

  private addToEvent(line: number, firstText: string, onFirstLine: LineClassification | undefined, verdict: LineClassification, causeText: string, time: () => number | undefined): void {
    const open = this.open;
    if (open && open.line === line) {
      if (rank(verdict.category) >= rank(open.category)) {
        open.category = verdict.category;
        open.target = verdict.target ?? open.target;
        open.cause = onFirstLine ? undefined : causeText;
      }
      return;
    }
    this.flush();
    const eventTime = extractTimestamp(firstText, this.options.zone) ?? time() ?? this.timeKnown ?? this.options.timeBeforeInput?.();
    if (eventTime !== undefined) this.timeKnown = eventTime;
    this.open = {
      line,
      text: firstText,
      time: eventTime,
      category: verdict.category,
      target: verdict.target,
      cause: onFirstLine ? undefined : causeText,
      range: onFirstLine ? { start: onFirstLine.start, end: onFirstLine.end } : { start: 0, end: firstText.length },
    };
  }

  /** The timestamp of the nearest earlier line that has one, for events whose first line has none. */
  private timeBefore(view: Buffer, start: number): number | undefined {
    let end = start - 1;
    for (let step = 0; step < TIME_LOOKBACK_LINES && end > 0; step++) {
      const lineStart = view.lastIndexOf(NEWLINE, end - 1) + 1;
      const time = extractTimestamp(decodeLine(view, lineStart, Math.min(end, lineStart + 256)), this.options.zone);
      if (time !== undefined) return time;
      end = lineStart - 1;
    }
    return undefined;
  }

  private flush(): void {
    const event = this.open;
    if (!event) return;
    this.open = undefined;
    const first = cap(event.text.trim());
    const text = event.cause && event.cause !== event.text ? `${first} … ${cap(event.cause.trim())}` : first;
    this.options.onEvent({
      file: this.options.file,
      line: event.line,
      category: event.category,
      ...(event.target ? { target: event.target } : {}),
      ...(event.time !== undefined ? { time: event.time } : {}),
      text,
      range: { start: { line: event.line, column: event.range.start + 1 }, end: { line: event.line, column: event.range.end + 1 } },
    });
  }
}

/** Deeper causes win, except that a vaguer one never replaces a precise one. */
function rank(category: FailureCode): number {
  return category === 'conn.unspecified' ? 0 : category === 'http.5xx' ? 1 : category === 'tcp.reset' ? 2 : 3;
}

function decodeLine(view: Buffer, start: number, end: number): string {
  let stop = Math.min(end, start + MAX_LINE_BYTES);
  if (stop > start && view[stop - 1] === 0x0d) stop--;
  return view.toString('utf8', start, stop);
}

function cap(text: string): string {
  return text.length > SAMPLE_CHARS ? `${text.slice(0, SAMPLE_CHARS)}…` : text;
}
