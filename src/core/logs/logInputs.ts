import { open, type FileHandle } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { DoctorError } from '../errors';
import type { LogInput } from './logTypes';

/**
 * Opening the inputs of an analysis: files (plain or gzip, told apart by their magic bytes,
 * never by extension) and standard input. A file is read up to the size it had when it
 * was opened, so a log that grows during the analysis gives a consistent snapshot.
 */
const GZIP_MAGIC = [0x1f, 0x8b];
const READ_BYTES = 8 * 1024 * 1024;

interface InputCommon {
  name: string;
  /** Bytes on disk (compressed size for gzip); undefined for standard input. */
  size: number | undefined;
  close(): Promise<void>;
}

/** A plain (not compressed) file, read by position: its path and the open file. */
export interface PlainInput extends InputCommon {
  size: number;
  plain: { path: string; handle: FileHandle };
}

/** gzip or standard input, read as a stream. */
export interface StreamedInput extends InputCommon {
  plain?: undefined;
  /** Yields the decompressed content; `onRead` counts raw bytes consumed, for progress. */
  read(onRead: (bytes: number) => void, signal: AbortSignal | undefined): AsyncIterable<Buffer>;
}

export type OpenedInput = PlainInput | StreamedInput;

export async function openInput(input: LogInput): Promise<OpenedInput> {
  if (typeof input !== 'string' && 'stream' in input) return openStream(input.name, input.stream);
  const [name, path] = typeof input === 'string' ? [input, input] : [input.name, input.path];
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
    const stats = await handle.stat();
    if (stats.isDirectory()) {
      await handle.close();
      throw new DoctorError('input.unreadable', `${name} is a directory, not a log file`);
    }
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    const gzip = bytesRead === 2 && magic[0] === GZIP_MAGIC[0] && magic[1] === GZIP_MAGIC[1];
    const close = () => handle.close();
    if (!gzip) return { name, size: stats.size, plain: { path, handle }, close };
    return { name, size: stats.size, read: (onRead, signal) => gunzipped(name, streamOf(handle, 0, stats.size, onRead), signal), close };
  } catch (error) {
    if (error instanceof DoctorError) throw error;
    throw new DoctorError('input.unreadable', `cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
}

/**
 * Reads a gzip file ahead into one buffer while the consumer works on the other, so disk and
 * decompression overlap. Consumers must copy (or finish with) each chunk before asking for the next.
 */
async function* streamOf(handle: FileHandle, from: number, to: number, onRead: (bytes: number) => void): AsyncGenerator<Buffer> {
  const length = Math.min(READ_BYTES, Math.max(to - from, 1));
  const buffers = [Buffer.allocUnsafe(length), Buffer.allocUnsafe(length)];
  const readAt = (index: number, position: number) => handle.read(buffers[index], 0, Math.min(length, to - position), position);
  let position = from;
  let current = 0;
  let pending = to > from ? readAt(current, from) : undefined;
  try {
    while (pending) {
      const { bytesRead } = await pending;
      pending = undefined;
      if (bytesRead === 0) return; // truncated under us (log rotation): stop at what exists
      position += bytesRead;
      onRead(bytesRead);
      if (position < to) pending = readAt(current ^ 1, position);
      yield buffers[current].subarray(0, bytesRead);
      current ^= 1;
    }
  } finally {
    // Stopped early (cancelled, or an error downstream): let the read ahead settle before the file closes.
    await pending?.catch(() => undefined);
  }
}

function openStream(name: string, stream: NodeJS.ReadableStream): OpenedInput {
  return {
    name,
    size: undefined,
    read: (onRead, signal) => sniffed(name, stream, onRead, signal),
    close: async () => undefined,
  };
}

/** A stream whose first bytes decide whether it goes through gunzip. */
async function* sniffed(name: string, stream: NodeJS.ReadableStream, onRead: (bytes: number) => void, signal: AbortSignal | undefined): AsyncGenerator<Buffer> {
  const iterator = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = Buffer.isBuffer(first.value) ? first.value : Buffer.from(first.value);
  async function* raw(): AsyncGenerator<Buffer> {
    onRead(head.length);
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
      onRead(chunk.length);
      yield chunk;
    }
  }
  if (head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) yield* gunzipped(name, raw(), signal);
  else yield* raw();
}

async function* gunzipped(name: string, source: AsyncIterable<Buffer>, signal: AbortSignal | undefined): AsyncGenerator<Buffer> {
  const gunzip = createGunzip();
  const pump = (async () => {
    try {
      for await (const chunk of source) {
        if (signal?.aborted || gunzip.destroyed) break;
        // zlib may queue the chunk, and the file reader reuses its buffer: hand over a copy.
        if (!gunzip.write(Buffer.from(chunk))) {
          await new Promise<void>((resolve) => {
            gunzip.once('drain', resolve);
            gunzip.once('close', resolve);
          });
        }
      }
      if (!gunzip.destroyed) gunzip.end();
    } catch (error) {
      gunzip.destroy(error as Error);
    }
  })();
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (error) {
    throw new DoctorError('input.unreadable', `${name} is not a readable gzip file: ${(error as Error).message}`, { cause: error });
  } finally {
    gunzip.destroy();
    await pump;
  }
}
