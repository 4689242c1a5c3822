import { NEEDLE_KERNEL_WASM } from './needleKernelWasm';

/**
 * Finds the lines of a window that hold needles, with the SIMD loop of needleKernel.wat, which
 * also counts the lines. The window is part of the kernel's WebAssembly memory, so a file is
 * read straight into it and never copied. Needles share the kernel's eight buckets: each is
 * fingerprinted by its rarest two or three adjacent bytes and put where it adds the fewest
 * fingerprint hits that are not a needle (the fewer, the less checking). A table of every
 * fingerprint's buckets then turns down the hits that the SIMD step's coarse nibble tables let
 * through.
 */

/**
 * `line`: a line holding the needle is reported. `evidence`: never reports a line on its own,
 * but makes the line of a `weak` needle worth reporting. `weak`: reports its line only with
 * evidence in it, or when the line does not start with one of the set's shapes.
 */
export type NeedleKind = 'line' | 'evidence' | 'weak';

export interface KernelNeedle {
  /** Latin-1 text of two bytes or more, no newline; ANY_DIGIT in it matches any digit. */
  text: string;
  kind?: NeedleKind;
}

export interface NeedleSet {
  needles: readonly KernelNeedle[];
  /** Line starts (ANY_DIGIT for a digit) that a weak needle's line must lack to be reported without evidence. */
  shapes?: readonly string[];
}

export const ANY_DIGIT = '\0';

/** A reported line: its start and end (its newline, or the end of the range) and the lines of the range before it. */
export type OnLine = (lineStart: number, lineEnd: number, linesBefore: number) => void;

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
  BUCKETS: WasmGlobal;
  SHAPES: WasmGlobal;
  NEEDLE_RECORDS: WasmGlobal;
  NEEDLE_BYTES: WasmGlobal;
  FINGERPRINT_TABLE: WasmGlobal;
  FREE: WasmGlobal;
  MAX_NEEDLES: WasmGlobal;
  MAX_SHAPES: WasmGlobal;
  MAX_SHAPE_BYTES: WasmGlobal;
  shapeCount: WasmGlobal;
  thirdByte: WasmGlobal;
  maxLine: WasmGlobal;
  lines: WasmGlobal;
  longLines: WasmGlobal;
  stoppedAt: WasmGlobal;
}

const PAGE_BYTES = 64 * 1024;
// The last block of a scan reads 16 bytes past its end.
const SLACK_BYTES = 32;
const RECORD_INTS = 4;
const RECORD_BYTES = RECORD_INTS * Int32Array.BYTES_PER_ELEMENT;
// Lines written out per call before control returns here; more only cost memory.
const RECORDS_PER_CALL = 16 * 1024;
// LOW1, HIGH1, LOW2, HIGH2, LOW3 and HIGH3 at the start of the memory (see needleKernel.wat).
const FINGERPRINT_BYTES = 96;
// Up to this many needles, two-byte fingerprints leave few false hits in eight buckets (the nginx
// sets); more share buckets so widely that a third byte pays for its two lookups per block.
const PAIR_FINGERPRINT_NEEDLES = 16;
const BUCKET_COUNT = 8;
const SHAPE_RECORD_BYTES = 48;
const NEEDLE_RECORD_BYTES = 32;
// A needle's last bytes, compared at once before the whole needle.
const QUICK_CHECK_BYTES = 8;
const KIND_CODES: Record<NeedleKind, number> = { line: 0, evidence: 1, weak: 2 };

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
  private readonly records: Int32Array;
  private readonly recordsAt: number;
  private isReleased = false;

  constructor(set: NeedleSet, windowBytes: number, maxLineBytes: number) {
    const { module, tableBytes: base } = (compiled ??= compile());
    const recordsAt = align(base + windowBytes + SLACK_BYTES, RECORD_BYTES);
    const reused = released.findIndex((instance) => instance.windowBytes === windowBytes);
    this.instance = reused === -1 ? newInstance(module, windowBytes, recordsAt) : released.splice(reused, 1)[0];
    const { exports, buffer } = this.instance;
    this.kernel = exports;
    this.base = base;
    this.recordsAt = recordsAt;
    this.window = Buffer.from(buffer, base, windowBytes);
    this.records = new Int32Array(buffer, recordsAt, RECORDS_PER_CALL * RECORD_INTS);
    this.kernel.maxLine.value = maxLineBytes;
    writeLayout(Buffer.from(buffer), this.kernel, set);
  }

  /** Hands the kernel's memory to the next kernel made on this thread; this one is not used again. */
  release(): void {
    if (this.isReleased) return;
    this.isReleased = true;
    if (released.length < MAX_RELEASED) released.push(this.instance);
  }

  /** Finds the lines to report in the range [from, to) of the window, in order. */
  scan(from: number, to: number, onLine: OnLine): KernelScan {
    const { kernel, base, records } = this;
    const outEnd = this.recordsAt + RECORDS_PER_CALL * RECORD_BYTES;
    kernel.begin(base + from);
    let lines = 0;
    let longLines = 0;
    for (let at = base + from; at < base + to;) {
      const written = (kernel.scan(at, base + to, this.recordsAt, outEnd) - this.recordsAt) / RECORD_BYTES;
      for (let record = 0; record < written * RECORD_INTS; record += RECORD_INTS) {
        onLine(records[record] - base, records[record + 1] - base, lines + records[record + 2]);
      }
      lines += kernel.lines.value;
      longLines += kernel.longLines.value;
      at = kernel.stoppedAt.value;
    }
    return { lines, longLines };
  }
}

function compile(): { module: object; tableBytes: number } {
  const module = new wasm.Module(Buffer.from(NEEDLE_KERNEL_WASM, 'base64'));
  const layout = instantiate(module, new wasm.Memory({ initial: 1, maximum: 1 }));
  return { module, tableBytes: layout.FREE.value };
}

function newInstance(module: object, windowBytes: number, recordsAt: number): KernelInstance {
  const pages = Math.ceil((recordsAt + RECORDS_PER_CALL * RECORD_BYTES) / PAGE_BYTES);
  // A fixed size: a memory that grew would detach `window`.
  const memory = new wasm.Memory({ initial: pages, maximum: pages });
  return { exports: instantiate(module, memory), buffer: memory.buffer, windowBytes };
}

function instantiate(module: object, memory: WasmMemory): KernelExports {
  return new wasm.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
}

interface PlacedNeedle {
  bytes: Buffer;
  kind: NeedleKind;
  /** Offset of its fingerprint in it, and the bytes each of the fingerprint's three may be. */
  at: number;
  fingerprint: number[][];
  /** The low and high nibbles of each fingerprint byte, as bit masks. */
  nibbles: number[];
}

interface Layout {
  /** The kernel's memory before the window: fingerprint tables, buckets, shapes, needles. */
  image: Buffer;
  thirdByte: number;
  shapeCount: number;
}
// The layout of a needle set, worked out once per thread (5.7 ms the first time for the 114
// application-log needles, 1.6 to 10 ms each time after) and copied into each kernel after that:
// a kernel is made for every file analysed.
const layouts = new WeakMap<NeedleSet, Layout>();

function writeLayout(memory: Buffer, kernel: KernelExports, set: NeedleSet): void {
  const known = layouts.get(set);
  if (known) {
    known.image.copy(memory, 0);
    kernel.thirdByte.value = known.thirdByte;
    kernel.shapeCount.value = known.shapeCount;
    return;
  }
  writeNeedles(memory, kernel, set.needles);
  writeShapes(memory, kernel, set.shapes ?? []);
  layouts.set(set, { image: Buffer.from(memory.subarray(0, kernel.FREE.value)), thirdByte: kernel.thirdByte.value, shapeCount: kernel.shapeCount.value });
}

/** The fingerprint tables, the buckets and the needle records with their bytes. */
function writeNeedles(memory: Buffer, kernel: KernelExports, needles: readonly KernelNeedle[]): void {
  if (needles.length > kernel.MAX_NEEDLES.value) throw new Error(`the needle kernel takes at most ${kernel.MAX_NEEDLES.value} needles`);
  const fingerprintLength = needles.length > PAIR_FINGERPRINT_NEEDLES ? 3 : 2;
  kernel.thirdByte.value = fingerprintLength === 3 ? 1 : 0;
  const buckets = bucketed(needles.map((needle) => placed(needle, fingerprintLength)), fingerprintLength);
  memory.fill(0, 0, FINGERPRINT_BYTES);
  memory.fill(0, kernel.FINGERPRINT_TABLE.value, kernel.FREE.value);
  memory.fill(0, kernel.NEEDLE_RECORDS.value, kernel.NEEDLE_BYTES.value);
  let record = kernel.NEEDLE_RECORDS.value;
  let bytesAt = kernel.NEEDLE_BYTES.value;
  buckets.forEach((bucket, index) => {
    const bit = 1 << index;
    memory.writeInt32LE(record, kernel.BUCKETS.value + index * 8);
    for (const needle of bucket) {
      needle.fingerprint.forEach((bytes, index) => {
        for (const byte of bytes) {
          memory[32 * index + (byte & 15)] |= bit;
          memory[32 * index + 16 + (byte >> 4)] |= bit;
        }
      });
      for (const slot of fingerprintSlots(needle.fingerprint)) memory[kernel.FINGERPRINT_TABLE.value + slot] |= bit;
      memory.writeInt32LE(needle.at, record);
      memory.writeInt32LE(needle.bytes.length, record + 4);
      memory.writeInt32LE(bytesAt, record + 8);
      memory.writeInt32LE(KIND_CODES[needle.kind], record + 12);
      const tail = needle.bytes.subarray(Math.max(0, needle.bytes.length - QUICK_CHECK_BYTES));
      for (let at = 0; at < tail.length; at++) {
        memory[record + 16 + at] = tail[at];
        memory[record + 24 + at] = tail[at] === 0 ? 0 : 0xff; // a digit class is left to the full comparison
      }
      record += NEEDLE_RECORD_BYTES;
      bytesAt += needle.bytes.copy(memory, bytesAt);
    }
    memory.writeInt32LE(record, kernel.BUCKETS.value + index * 8 + 4);
  });
  if (bytesAt > kernel.FINGERPRINT_TABLE.value) throw new Error('the needles do not fit the needle kernel');
}

/** The fingerprint table slots of every byte string a fingerprint matches (as the kernel's lane loop computes them). */
function fingerprintSlots(fingerprint: number[][]): Set<number> {
  let values = [0];
  fingerprint.forEach((bytes, index) => {
    values = values.flatMap((value) => bytes.map((byte) => value | (byte << (8 * index))));
  });
  return new Set(values.map((value) => (fingerprint.length === 3 ? Math.imul(value, 0x9e3779b1) >>> 16 : value)));
}

function writeShapes(memory: Buffer, kernel: KernelExports, shapes: readonly string[]): void {
  if (shapes.length > kernel.MAX_SHAPES.value) throw new Error(`the needle kernel takes at most ${kernel.MAX_SHAPES.value} shapes`);
  shapes.forEach((shape, index) => {
    const at = kernel.SHAPES.value + index * SHAPE_RECORD_BYTES;
    const bytes = Buffer.from(shape, 'latin1');
    if (bytes.length > kernel.MAX_SHAPE_BYTES.value) throw new Error(`shape "${shape}" is longer than ${kernel.MAX_SHAPE_BYTES.value} bytes`);
    memory.writeInt32LE(bytes.length, at);
    bytes.copy(memory, at + 4);
  });
  kernel.shapeCount.value = shapes.length;
}

function placed({ text, kind = 'line' }: KernelNeedle, fingerprintLength: number): PlacedNeedle {
  const bytes = Buffer.from(text, 'latin1');
  if (bytes.length < 2 || bytes.includes(0x0a)) throw new Error(`needle "${text}" must be two bytes or more, without a newline`);
  const at = rarestFingerprint(bytes, fingerprintLength);
  // (a two-byte needle's third fingerprint byte is any byte)
  const fingerprint = Array.from({ length: fingerprintLength }, (_, index) => (at + index < bytes.length ? byteSet(bytes[at + index]) : ANY_BYTE));
  const nibbles = fingerprint.flatMap((bytes) => [nibbleMask(bytes, (byte) => byte & 15), nibbleMask(bytes, (byte) => byte >> 4)]);
  return { bytes, kind, at, fingerprint, nibbles };
}

/**
 * Needles into the eight buckets, each where it adds the least expected fingerprint hits: a
 * bucket matches every combination of its first, second and third byte sets, made of the nibbles
 * of its needles, so needles whose fingerprints share nibbles cost little together.
 */
function bucketed(needles: PlacedNeedle[], fingerprintLength: number): PlacedNeedle[][] {
  const none = () => new Array<number>(2 * fingerprintLength).fill(0);
  const buckets = Array.from({ length: BUCKET_COUNT }, () => ({ needles: [] as PlacedNeedle[], nibbles: none(), hits: 0 }));
  const withNeedle = (nibbles: number[], needle: PlacedNeedle) => nibbles.map((mask, index) => mask | needle.nibbles[index]);
  const byOwnHits = needles.map((needle) => ({ needle, hits: fingerprintHits(needle.nibbles) })).sort((a, b) => b.hits - a.hits).map(({ needle }) => needle);
  for (const needle of byOwnHits) {
    let best = buckets[0];
    let bestAdded = Infinity;
    for (const bucket of buckets) {
      const added = fingerprintHits(withNeedle(bucket.nibbles, needle)) - bucket.hits;
      if (added < bestAdded) [best, bestAdded] = [bucket, added];
    }
    best.needles.push(needle);
    best.nibbles = withNeedle(best.nibbles, needle);
    best.hits = fingerprintHits(best.nibbles);
  }
  return buckets.map((bucket) => bucket.needles);
}

function nibbleMask(bytes: number[], nibble: (byte: number) => number): number {
  return bytes.reduce((mask, byte) => mask | (1 << nibble(byte)), 0);
}

/** How common the byte triples a bucket's tables match are in logs, roughly (see `commonness`). */
function fingerprintHits(nibbles: number[]): number {
  let hits = 1;
  for (let index = 0; index < nibbles.length; index += 2) hits *= bytesCommonness(nibbles[index], nibbles[index + 1]);
  return hits;
}

function bytesCommonness(lowNibbles: number, highNibbles: number): number {
  let sum = 0;
  for (let high = 0; high < 16; high++) {
    if (!(highNibbles & (1 << high))) continue;
    for (let low = 0; low < 16; low++) if (lowNibbles & (1 << low)) sum += COMMONNESS[(high << 4) | low];
  }
  return sum;
}

const DIGITS = Array.from({ length: 10 }, (_, digit) => 0x30 + digit);
const ANY_BYTE = Array.from({ length: 256 }, (_, byte) => byte);

/** The bytes a needle byte matches: itself, or any digit for ANY_DIGIT. */
function byteSet(byte: number): number[] {
  return byte === 0 ? DIGITS : [byte];
}

/** Offset of the needle's `length` adjacent bytes that are least common in logs (0 when it is no longer). */
function rarestFingerprint(bytes: Buffer, length: number): number {
  let best = 0;
  let bestCommonness = fingerprintCommonness(bytes, 0, length);
  for (let at = 1; at + length <= bytes.length; at++) {
    const commonness = fingerprintCommonness(bytes, at, length);
    if (commonness < bestCommonness) [best, bestCommonness] = [at, commonness];
  }
  return best;
}

// Pairs that separate the fields of structured logs, several in every line of an access log
// (`"GET / HTTP/1.1" 200 … "-" "curl/8.0"`), whatever their bytes' own frequency.
const FIELD_SEPARATORS = new Set(['" ', ' "', ': ', ', ', '] ', ' ['].map((pair) => pairCode(pair.charCodeAt(0), pair.charCodeAt(1))));

function pairCode(first: number, second: number): number {
  return (first << 8) | second;
}

function fingerprintCommonness(bytes: Buffer, at: number, length: number): number {
  let commonness = 1;
  for (let index = at; index < at + length; index++) {
    commonness *= index < bytes.length ? byteSetCommonness(bytes[index]) : 256;
    if (index > at && index < bytes.length && FIELD_SEPARATORS.has(pairCode(bytes[index - 1], bytes[index]))) commonness *= 50;
  }
  return commonness;
}

function byteSetCommonness(byte: number): number {
  return byte === 0 ? DIGITS_COMMONNESS : COMMONNESS[byte];
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

// (looked up some 10 000 times when the application-log needles are bucketed)
const COMMONNESS = Array.from({ length: 256 }, (_, byte) => commonness(byte));
const DIGITS_COMMONNESS = DIGITS.reduce((sum, digit) => sum + COMMONNESS[digit], 0);

function align(value: number, to: number): number {
  return Math.ceil(value / to) * to;
}
