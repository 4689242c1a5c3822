import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { NeedleKernel } from '../../../src/core/logs/needleKernel';

interface Found {
  lineStart: number;
  lineEnd: number;
  needle: number;
  at: number;
  linesBefore: number;
}

/** What the kernel must report (each needle's first match in each line), found the slow way. */
function expected(text: string, needles: string[], from: number, to: number): Found[] {
  const found: Found[] = [];
  for (let at = from; at < to; at++) {
    needles.forEach((needle, index) => {
      if (at + needle.length > to || !text.startsWith(needle, at)) return;
      const lineStart = Math.max(text.lastIndexOf('\n', at - 1) + 1, from);
      if (found.some((match) => match.lineStart === lineStart && match.needle === index)) return;
      const newline = text.indexOf('\n', at);
      const lineEnd = newline === -1 || newline > to ? to : newline;
      found.push({ lineStart, lineEnd, needle: index, at, linesBefore: [...text.slice(from, at)].filter((c) => c === '\n').length });
    });
  }
  // The kernel reports by position of the fingerprint pair, which orders matches of one line by needle start only roughly.
  return found.sort((a, b) => a.lineStart - b.lineStart || a.at - b.at || a.needle - b.needle);
}

function scanned(kernel: NeedleKernel, text: string, from = 0, to = text.length): { found: Found[]; lines: number; longLines: number } {
  kernel.window.write(text, 0, 'latin1');
  const found: Found[] = [];
  const { lines, longLines } = kernel.scan(from, to, (lineStart, lineEnd, needle, at, linesBefore) => found.push({ lineStart, lineEnd, needle, at, linesBefore }));
  return { found: found.sort((a, b) => a.lineStart - b.lineStart || a.at - b.at || a.needle - b.needle), lines, longLines };
}

describe('needle kernel (WebAssembly SIMD)', () => {
  it('is the assembly of needleKernel.wat (run `npm run wasm` after changing it)', async () => {
    const { generatedModule, SOURCE, TARGET } = await import('../../../scripts/buildWasm.mjs');
    assert.equal(readFileSync(TARGET, 'utf8'), await generatedModule(readFileSync(SOURCE, 'utf8')));
  });

  it('finds the first occurrence of every needle in every line, with the start and end of the line and the lines before it, like a plain search', () => {
    const needles = ['upstream', 'resolv', '(24: ', 'DNS ', '" 5', 'tatus=5', 'xx', 'x\u00e9'];
    const kernel = new NeedleKernel(needles, 4096, 1 << 20);
    const pieces = fc.constantFrom(...needles, ...needles.map((n) => n.slice(0, -1)), '\n', ' ', 'a', 'up', 'ups', 'x', '"', '5', '\u00e9');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 300 }), fc.nat(), fc.nat(), (parts, a, b) => {
        const text = parts.join('').slice(0, 4000);
        // Any range, not only whole lines: the kernel must not look before `from` or after `to`.
        const from = text.length ? a % text.length : 0;
        const to = from + (text.length - from ? b % (text.length - from + 1) : 0);
        assert.deepEqual(scanned(kernel, text, from, to).found, expected(text, needles, from, to));
      }),
      { numRuns: 500 },
    );
  });

  it('counts the lines of a range and those longer than the limit', () => {
    const kernel = new NeedleKernel(['upstream'], 64 * 1024, 100);
    const text = `short\n${'a'.repeat(100)}\n${'b'.repeat(101)}\n\nupstream ${'c'.repeat(200)}\nlast`;
    const { found, lines, longLines } = scanned(kernel, text);
    assert.equal(lines, 5);
    assert.equal(longLines, 2);
    assert.deepEqual(found, [{ lineStart: text.indexOf('upstream'), lineEnd: text.lastIndexOf('\n'), needle: 0, at: text.indexOf('upstream'), linesBefore: 4 }]);
  });

  it('reports every match when there are more than it writes out per call', () => {
    const kernel = new NeedleKernel(['ab'], 1024 * 1024, 1 << 20);
    const text = 'ab\n'.repeat(100_000);
    const { found, lines } = scanned(kernel, text);
    assert.equal(lines, 100_000);
    assert.equal(found.length, 100_000);
    assert.ok(found.every((match, index) => match.at === index * 3 && match.lineStart === match.at && match.lineEnd === match.at + 2 && match.linesBefore === index));
  });

  it('finds its own needles in memory a released kernel handed on, and only them', () => {
    const first = new NeedleKernel(['ab', 'xy'], 4096, 1 << 20);
    first.release();
    const second = new NeedleKernel(['cd'], 4096, 1 << 20);
    const third = new NeedleKernel(['ab'], 4096, 1 << 20); // made while `second` is in use: memory of its own
    assert.deepEqual(scanned(second, 'ab cd xy\n').found, [{ lineStart: 0, lineEnd: 8, needle: 0, at: 3, linesBefore: 0 }]);
    assert.deepEqual(scanned(third, 'cd ab\n').found, [{ lineStart: 0, lineEnd: 5, needle: 0, at: 3, linesBefore: 0 }]);
    assert.deepEqual(scanned(second, 'cd\n').found, [{ lineStart: 0, lineEnd: 2, needle: 0, at: 0, linesBefore: 0 }]);
  });

  it('refuses more needles than it has bits, and needles it cannot fingerprint', () => {
    assert.throws(() => new NeedleKernel(['aa', 'bb', 'cc', 'dd', 'ee', 'ff', 'gg', 'hh', 'ii'], 1024, 1024), /at most 8 needles/);
    assert.throws(() => new NeedleKernel(['a'], 1024, 1024), /two bytes or more/);
    assert.throws(() => new NeedleKernel(['a\nb'], 1024, 1024), /without a newline/);
  });
});
