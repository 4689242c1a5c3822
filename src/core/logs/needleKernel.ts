import { NEEDLE_KERNEL_WASM } from './needleKernelWasm';

/**
 * Up to eight needles searched in a window of whole lines by the SIMD loop of needleKernel.wat,
 * which also counts the lines. The window is part of the kernel's WebAssembly memory, so a
 * file is read straight into it and never copied. Each needle is fingerprinted by its rarest
 * pair of adjacent bytes: the fewer fingerprint hits that are not the needle, the less
 * checking.
 */
/**
 * A needle's first match in a line: the line's start and end (its newline, or the end of the
 * range), the needle's index, where it starts, and the lines of the range before its line.
 */
export type OnNeedle = (lineStart: number, lineEnd: number, needle: number, at: number, linesBefore: number) => void;

export interface KernelScan {
  /** Newlines in the range. */
  lines: number;
  /** Of them, those that end a line longer than the kernel's `maxLineBytes`. */
  longLines: number;
}

// The part of the WebAssembly API used here (Node's types leave it out).
interface WasmGlobal {
  value: number;
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Module: new (binary: Uint8Array) => object;
  Instance: new (module: object, imports: { env: { memory: WasmMemory } }) => { exports: object };
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface KernelExports {
  begin(from: number): void;
  scan(from: number, to: number, out: number, outEnd: number): number;
  NEEDLE_RECORDS: WasmGlobal;
  NEEDLE_BYTES: WasmGlobal;
  FREE: WasmGlobal;
  MAX_NEEDLES: WasmGlobal;
  maxLine: WasmGlobal;
  lines: WasmGlobal;
  longLines: WasmGlobal;
  stoppedAt: WasmGlobal;
}

const PAGE_BYTES = 64 * 1024;
const NEWLINE = 0x0a;
// The last block of a scan reads 16 bytes past its end.
const SLACK_BYTES = 16;
const MATCH_INTS = 5;
const MATCH_BYTES = MATCH_INTS * Int32Array.BYTES_PER_ELEMENT;
// Matches written per call before control returns here; more only cost memory.
const MATCHES_PER_CALL = 16 * 1024;
// LOW1, HIGH1, LOW2 and HIGH2 at the start of the memory (see needleKernel.wat).
const FINGERPRINT_BYTES = 64;

// Compiled once per thread, with the size of the tables the module keeps before the window.
let compiled: { module: object; tableBytes: number } | undefined;

interface KernelInstance {
  exports: KernelExports;
  buffer: ArrayBuffer;
  windowBytes: number;
}
// Instances of finished scans, reused by the next ones on this thread: a fresh memory costs its
// allocation and a garbage collection, about 1 ms per file when many small files are analysed.
const released: KernelInstance[] = [];
const MAX_RELEASED = 2;

export class NeedleKernel {
  /** The bytes to scan go here: offsets in it are what `scan` takes and reports. */
  readonly window: Buffer;
  private readonly instance: KernelInstance;
  private readonly kernel: KernelExports;
  private readonly base: number;
  private readonly matches: Int32Array;
  private readonly matchesAt: number;
  private isReleased = false;

  constructor(needles: readonly string[], windowBytes: number, maxLineBytes: number) {
    const { module, tableBytes: base } = (compiled ??= compile());
    const matchesAt = align(base + windowBytes + SLACK_BYTES, MATCH_BYTES);
    const reused = released.findIndex((instance) => instance.windowBytes === windowBytes);
    this.instance = reused === -1 ? newInstance(module, windowBytes, matchesAt) : released.splice(reused, 1)[0];
    const { exports, buffer } = this.instance;
    this.kernel = exports;
    this.base = base;
    this.matchesAt = matchesAt;
    this.window = Buffer.from(buffer, base, windowBytes);
    this.matches = new Int32Array(buffer, matchesAt, MATCHES_PER_CALL * MATCH_INTS);
    this.kernel.maxLine.value = maxLineBytes;
    writeNeedles(Buffer.from(buffer), this.kernel, needles);
  }

  /** Hands the kernel's memory to the next kernel made on this thread; this one is not used again. */
  release(): void {
    if (this.isReleased) return;
    this.isReleased = true;
    if (released.length < MAX_RELEASED) released.push(this.instance);
  }

  /** Finds the needles in the range [from, to) of the window, in order of position. */
  scan(from: number, to: number, onNeedle: OnNeedle): KernelScan {
    const { kernel, base, matches } = this;
    const outEnd = this.matchesAt + MATCHES_PER_CALL * MATCH_BYTES;
    kernel.begin(base + from);
    let lines = 0;
    let longLines = 0;
    for (let at = base + from; at < base + to;) {
      const written = (kernel.scan(at, base + to, this.matchesAt, outEnd) - this.matchesAt) / MATCH_BYTES;
      for (let match = 0; match < written * MATCH_INTS; match += MATCH_INTS) {
        const start = matches[match + 2] - base;
        // (-1: the scan stopped with the output full before it reached the line's end)
        const lineEnd = matches[match + 4] === -1 ? this.lineEnd(start, to) : matches[match + 4] - base;
        onNeedle(matches[match] - base, lineEnd, matches[match + 1], start, lines + matches[match + 3]);
      }
      lines += kernel.lines.value;
      longLines += kernel.longLines.value;
      at = kernel.stoppedAt.value;
    }
    return { lines, longLines };
  }

  private lineEnd(from: number, to: number): number {
    const newline = this.window.indexOf(NEWLINE, from);
    return newline === -1 || newline > to ? to : newline;
  }
}

function compile(): { module: object; tableBytes: number } {
  const module = new wasm.Module(Buffer.from(NEEDLE_KERNEL_WASM, 'base64'));
  const layout = instantiate(module, new wasm.Memory({ initial: 1, maximum: 1 }));
  return { module, tableBytes: layout.FREE.value };
}

function newInstance(module: object, windowBytes: number, matchesAt: number): KernelInstance {
  const pages = Math.ceil((matchesAt + MATCHES_PER_CALL * MATCH_BYTES) / PAGE_BYTES);
  // A fixed size: a memory that grew would detach `window`.
  const memory = new wasm.Memory({ initial: pages, maximum: pages });
  return { exports: instantiate(module, memory), buffer: memory.buffer, windowBytes };
}

function instantiate(module: object, memory: WasmMemory): KernelExports {
  return new wasm.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
}

/** The needle records, their bytes and the fingerprint tables (one bit per needle). */
function writeNeedles(memory: Buffer, kernel: KernelExports, needles: readonly string[]): void {
  if (needles.length > (kernel.MAX_NEEDLES.value)) throw new Error(`the needle kernel takes at most ${kernel.MAX_NEEDLES.value} needles`);
  memory.fill(0, 0, FINGERPRINT_BYTES);
  let bytesAt = kernel.NEEDLE_BYTES.value;
  needles.forEach((needle, index) => {
    const bytes = Buffer.from(needle, 'latin1');
    if (bytes.length < 2 || bytes.includes(0x0a)) throw new Error(`needle "${needle}" must be two bytes or more, without a newline`);
    const pair = rarestPair(bytes);
    const bit = 1 << index;
    memory[bytes[pair] & 15] |= bit;
    memory[16 + (bytes[pair] >> 4)] |= bit;
    memory[32 + (bytes[pair + 1] & 15)] |= bit;
    memory[48 + (bytes[pair + 1] >> 4)] |= bit;
    const record = (kernel.NEEDLE_RECORDS.value) + index * 16;
    memory.writeInt32LE(pair, record);
    memory.writeInt32LE(bytes.length, record + 4);
    memory.writeInt32LE(bytesAt, record + 8);
    bytesAt += bytes.copy(memory, bytesAt);
  });
  if (bytesAt > (kernel.FREE.value)) throw new Error('the needles do not fit the needle kernel');
}

/** Offset of the needle's pair of adjacent bytes that is least common in logs. */
function rarestPair(bytes: Buffer): number {
  let best = 0;
  for (let at = 1; at + 1 < bytes.length; at++) {
    if (pairCommonness(bytes, at) < pairCommonness(bytes, best)) best = at;
  }
  return best;
}

// Pairs that separate the fields of structured logs, several in every line of an access log
// (`"GET / HTTP/1.1" 200 … "-" "curl/8.0"`), whatever their bytes' own frequency.
const FIELD_SEPARATORS = new Set(['" ', ' "', ': ', ', ', '] ', ' [']);

function pairCommonness(bytes: Buffer, at: number): number {
  if (FIELD_SEPARATORS.has(bytes.toString('latin1', at, at + 2))) return 1000;
  return commonness(bytes[at]) * commonness(bytes[at + 1]);
}

/** How often a byte occurs in log text, roughly: spaces and digits most, then English letters by frequency, then punctuation. */
function commonness(byte: number): number {
  const char = String.fromCharCode(byte);
  if (char === ' ') return 20;
  if (char >= '0' && char <= '9') return 8;
  if ('etaoinsr'.includes(char)) return 8;
  if ('hldcum'.includes(char) || './:-"=,[]()'.includes(char)) return 4;
  if (char >= 'a' && char <= 'z') return 2;
  return 1;
}

function align(value: number, to: number): number {
  return Math.ceil(value / to) * to;
}
