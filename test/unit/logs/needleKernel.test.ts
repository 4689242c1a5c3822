import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { ANY_DIGIT, NeedleKernel, type NeedleSet } from '../../../src/core/logs/needleKernel';

interface Found {
  lineStart: number;
  lineEnd: number;
  linesBefore: number;
}

const D = ANY_DIGIT;

function holds(text: string, needle: string): boolean {
  return new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll(D, '[0-9]')).test(text);
}

/** What the kernel must report (the lines with a needle, weak ones only with evidence or without a shape), found the slow way. */
function expected(text: string, set: NeedleSet, from: number, to: number): Found[] {
  const of = (kind: string) => set.needles.filter((needle) => (needle.kind ?? 'line') === kind).map((needle) => needle.text);
  const found: Found[] = [];
  let linesBefore = 0;
  for (let lineStart = from; lineStart < to; linesBefore++) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 || newline >= to ? to : newline;
    const line = text.slice(lineStart, lineEnd);
    const weak = of('weak').some((needle) => holds(line, needle)) && (of('evidence').some((needle) => holds(line, needle)) || !(set.shapes ?? []).some((shape) => holds(`\n${line}`, `\n${shape}`)));
    if (weak || of('line').some((needle) => holds(line, needle))) found.push({ lineStart, lineEnd, linesBefore });
    lineStart = lineEnd + 1;
  }
  return found;
}

function scanned(kernel: NeedleKernel, text: string, from = 0, to = text.length): { found: Found[]; lines: number; longLines: number } {
  kernel.window.write(text, 0, 'latin1');
  const found: Found[] = [];
  const { lines, longLines } = kernel.scan(from, to, (lineStart, lineEnd, linesBefore) => {
    found.push({ lineStart, lineEnd, linesBefore });
  });
  return { found, lines, longLines };
}

const lines = (...texts: string[]): NeedleSet => ({ needles: texts.map((text) => ({ text })) });

describe('needle kernel (WebAssembly SIMD)', () => {
  it('is the assembly of needleKernel.wat (run `npm run wasm` after changing it)', async () => {
    const { generatedModule, SOURCE, TARGET } = await import('../../../scripts/buildWasm.mjs');
    assert.equal(readFileSync(TARGET, 'utf8'), await generatedModule(readFileSync(SOURCE, 'utf8')));
  });

  it('reports each line that holds a needle once, and a weak needle\'s line only with evidence or without a shape, like a plain search', () => {
    // More needles than buckets, shared pairs ("(24: "/"(23: "), a digit class, and needles that hold one another.
    const set: NeedleSet = {
      needles: [
        { text: 'upstream', kind: 'weak' },
        { text: 'SSL', kind: 'evidence' },
        { text: `(${D}`, kind: 'evidence' },
        ...['resolv', '(24: ', '(23: ', 'DNS ', '" 5', 'tatus=5', 'xx', 'x\u00e9', 'upstream timed out', 'ab'].map((text) => ({ text })),
      ],
      shapes: [`${D}${D}:${D}${D} [error] `, `${D}${D}:${D}${D} [warn] `],
    };
    // Beyond 16 needles, fingerprints take a third byte: the same lines must come out.
    const many: NeedleSet = { ...set, needles: [...set.needles, ...['zq', 'qz ', 'wire', 'ire', 'wi', 'eof'].map((text) => ({ text }))] };
    const kernels = [set, many].map((needles) => [new NeedleKernel(needles, 4096, 1 << 20), needles] as const);
    const pieces = fc.constantFrom(
      ...many.needles.map((n) => n.text.replace(D, '7')), ...many.needles.map((n) => n.text.slice(0, -1)), ...set.shapes!.map((shape) => shape.replaceAll(D, '1')),
      '\n', ' ', 'a', 'up', 'ups', 'x', '"', '5', '(', '(a', ':', '/', '\u00e9', '12:00 [err', ' timed out',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 300 }), fc.nat(), fc.nat(), (parts, a, b) => {
        const text = parts.join('').slice(0, 4000);
        // Any range, not only whole lines: the kernel must not look before `from` or after `to`.
        const from = text.length ? a % text.length : 0;
        const to = from + (text.length - from ? b % (text.length - from + 1) : 0);
        for (const [kernel, needles] of kernels) assert.deepEqual(scanned(kernel, text, from, to).found, expected(text, needles, from, to));
      }),
      { numRuns: 1000 },
    );
  });

  it('finds the lines of 60 needles that share their letters like a plain search (hashed fingerprints, needles alike but for their ends)', () => {
    // Made of six letters and digit classes: the nibble tables pass nearly every byte, the
    // fingerprint table decides, and needles share beginnings of more than 8 bytes.
    const alphabet = ['e', 't', 'a', 'o', 'E', D];
    const needles = Array.from({ length: 120 }, (_, i) => {
      const word = Array.from({ length: 3 + (i % 5) }, (_, j) => alphabet[(i * 7 + j * (i % 4 + 1)) % alphabet.length]).join('');
      return i % 3 === 0 ? `shared-start-${word}` : word;
    }).filter((text, index, all) => all.indexOf(text) === index);
    const set: NeedleSet = { needles: needles.map((text) => ({ text })) };
    const kernel = new NeedleKernel(set, 8192, 1 << 20);
    const pieces = fc.constantFrom(...needles.map((n) => n.replaceAll(D, '4')), ...needles.map((n) => n.slice(1).replaceAll(D, '5')), ...alphabet.slice(0, 5), '9', '\n', ' ', 'shared-start-');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 400 }), (parts) => {
        const text = parts.join('').slice(0, 8000);
        assert.deepEqual(scanned(kernel, text).found, expected(text, set, 0, text.length));
      }),
      { numRuns: 300 },
    );
  });

  it('drops a weak needle\'s line that starts with a shape and holds no evidence, before or after the needle', () => {
    const evidence = ['SSL', `(${D}`].map((text) => ({ text, kind: 'evidence' as const }));
    const kernel = new NeedleKernel({ needles: [{ text: 'upstream', kind: 'weak' }, { text: 'upstream timed out' }, ...evidence], shapes: [`${D}${D}${D}${D}/${D}${D}/${D}${D} [warn] `] }, 4096, 1 << 20);
    const text = [
      '2024/05/01 [warn] an upstream response is buffered to a temporary file',
      '2024/05/01 [warn] SSL_do_handshake() failed while SSL handshaking to upstream',
      '2024/05/01 [warn] upstream SSL certificate verify error',
      'svc-1  | 2024/05/01 [warn] an upstream response is buffered',
      '2024/05/01 [warn] SSL alone is no reason',
      '2024/05/0: [warn] an upstream response is buffered', // ":" is no digit: not the shape
      '2024/05/01 [warn] upstream (/) (:)', // nor evidence
      '2024/05/01 [warn] upstream failed (9: Bad file descriptor)',
      '2024/05/01 [warn] upstream timed Xut', // not the needle: it differs in its 16th byte
      '2024/05/01 [warn] upstream timed out',
    ].join('\n');
    assert.deepEqual(scanned(kernel, text).found.map(({ linesBefore }) => linesBefore), [1, 2, 3, 5, 7, 9]);
  });

  it('counts the lines of a range and those longer than the limit', () => {
    const kernel = new NeedleKernel(lines('upstream'), 64 * 1024, 100);
    const text = `short\n${'a'.repeat(100)}\n${'b'.repeat(101)}\n\nupstream ${'c'.repeat(200)}\nlast`;
    const { found, lines: count, longLines } = scanned(kernel, text);
    assert.equal(count, 5);
    assert.equal(longLines, 2);
    assert.deepEqual(found, [{ lineStart: text.indexOf('upstream'), lineEnd: text.lastIndexOf('\n'), linesBefore: 4 }]);
  });

  it('reports every line when there are more than it writes out per call, weak ones settled across calls', () => {
    const kernel = new NeedleKernel({ needles: [{ text: 'ab' }, { text: 'up', kind: 'weak' }, { text: 'EV', kind: 'evidence' }], shapes: ['##'] }, 4 * 1024 * 1024, 1 << 20);
    // Lines of 15 bytes: "##" lines with "up" count only when "EV" follows (every third line).
    const line = (i: number) => (i % 2 ? `ab ${'x'.repeat(12)}` : `## up ${i % 3 ? 'xx' : 'EV'} ${'y'.repeat(6)}`);
    const text = Array.from({ length: 100_000 }, (_, i) => line(i)).join('\n');
    const { found, lines: count } = scanned(kernel, text);
    assert.equal(count, 99_999);
    const wanted = Array.from({ length: 100_000 }, (_, i) => i).filter((i) => i % 2 === 1 || i % 3 === 0);
    assert.deepEqual(found.map(({ linesBefore }) => linesBefore), wanted);
    assert.ok(found.every(({ lineStart, lineEnd, linesBefore }) => lineStart === linesBefore * 16 && lineEnd === lineStart + 15));
  });

  it('finds its own needles in memory a released kernel handed on, and only them', () => {
    const first = new NeedleKernel({ needles: [{ text: 'ab' }, { text: 'xy', kind: 'weak' }], shapes: ['ab'] }, 4096, 1 << 20);
    first.release();
    const second = new NeedleKernel(lines('cd'), 4096, 1 << 20);
    const third = new NeedleKernel(lines('ab'), 4096, 1 << 20); // made while `second` is in use: memory of its own
    assert.deepEqual(scanned(second, 'ab xy\nab cd xy\n').found, [{ lineStart: 6, lineEnd: 14, linesBefore: 1 }]);
    assert.deepEqual(scanned(third, 'cd ab\n').found, [{ lineStart: 0, lineEnd: 5, linesBefore: 0 }]);
    assert.deepEqual(scanned(second, 'cd\n').found, [{ lineStart: 0, lineEnd: 2, linesBefore: 0 }]);
    // A set made again takes the layout worked out the first time, over another set's memory.
    const weakSet: NeedleSet = { needles: [{ text: 'xy', kind: 'weak' }, { text: 'EV', kind: 'evidence' }], shapes: ['##'] };
    new NeedleKernel(weakSet, 4096, 1 << 20).release();
    second.release();
    const again = new NeedleKernel(weakSet, 4096, 1 << 20);
    assert.deepEqual(scanned(again, '## xy\n## xy EV\nxy\ncd\n').found.map(({ linesBefore }) => linesBefore), [1, 2]);
  });

  it('refuses more needles or shapes than it has room for, and needles it cannot fingerprint', () => {
    assert.throws(() => new NeedleKernel(lines(...Array.from({ length: 129 }, (_, i) => `n${i}`)), 1024, 1024), /at most 128 needles/);
    assert.throws(() => new NeedleKernel({ needles: [], shapes: Array.from({ length: 9 }, () => 'ab') }, 1024, 1024), /at most 8 shapes/);
    assert.throws(() => new NeedleKernel({ needles: [], shapes: ['a'.repeat(45)] }, 1024, 1024), /longer than 44 bytes/);
    assert.throws(() => new NeedleKernel(lines('a'), 1024, 1024), /two bytes or more/);
    assert.throws(() => new NeedleKernel(lines('a\nb'), 1024, 1024), /without a newline/);
  });
});
