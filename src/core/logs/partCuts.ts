import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { isContinuation } from './continuation';
import { extractTimestamp } from './timestamps';
import type { WallClockZone } from './timeZone';

/**
 * Where a plain file can be cut into parts that worker threads analyse on their own. A cut
 * goes before a line that starts a new event (not a continuation of the line before it, so no
 * stack trace is split) and carries its own timestamp (so the first events of the part need
 * no time from before it). Near each of the evenly spaced points, the first such line within
 * SEARCH_BYTES is taken; a point without one is dropped.
 */
const SEARCH_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * Boundaries of `parts` parts of bytes [from, to): `from`, the cuts found, and `to`. It reads
 * up to a megabyte per cut, blocking: the cuts hold for the file as a scan of it has read it now.
 */
export function partBoundaries(handle: FileHandle, from: number, to: number, parts: number, zone: WallClockZone): number[] {
  if (parts < 2) return [from, to];
  const boundaries = [from];
  const buffer = Buffer.allocUnsafe(SEARCH_BYTES);
  for (let part = 1; part < parts; part++) {
    const nominal = from + Math.floor(((to - from) * part) / parts);
    if (nominal <= boundaries.at(-1)!) continue;
    const bytesRead = readSync(handle.fd, buffer, 0, Math.min(SEARCH_BYTES, to - nominal), nominal);
    const cut = firstEventStart(buffer.subarray(0, bytesRead), zone);
    if (cut !== undefined) boundaries.push(nominal + cut);
  }
  boundaries.push(to);
  return boundaries;
}

/** Offset of the first line in `bytes` whose line before it is also whole, that starts a timed event. */
function firstEventStart(bytes: Buffer, zone: WallClockZone): number | undefined {
  let previousStart = bytes.indexOf(NEWLINE) + 1;
  if (previousStart === 0) return undefined;
  let start = bytes.indexOf(NEWLINE, previousStart) + 1;
  while (start > 0) {
    const end = bytes.indexOf(NEWLINE, start);
    if (end === -1) return undefined;
    const line = lineText(bytes, start, end);
    if (extractTimestamp(line, zone) !== undefined && !isContinuation(line, lineText(bytes, previousStart, start - 1))) return start;
    previousStart = start;
    start = end + 1;
  }
  return undefined;
}

/** A line as the scanner decodes it (without a carriage return before the newline). */
function lineText(bytes: Buffer, start: number, end: number): string {
  return bytes.toString('utf8', start, end > start && bytes[end - 1] === 0x0d ? end - 1 : end);
}
