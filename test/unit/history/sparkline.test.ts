import assert from 'node:assert/strict';
import type { ProbeHistoryEntry } from '../../../src/core/history/probeHistoryEntry';
import { DOWN_MARK, historySparkline, sparkline } from '../../../src/core/history/sparkline';
import { sparklineSvg } from '../../../src/core/history/sparklineSvg';

function entries(...probes: Array<number | 'down' | 'setup'>): ProbeHistoryEntry[] {
  return probes.map((p, i) => {
    const at = new Date(Date.UTC(2024, 4, 1, 10, i)).toISOString();
    if (p === 'down') return { at, verdict: 'down', totalMs: 10_000, code: 'tcp.refused' };
    if (p === 'setup') return { at, verdict: 'down', totalMs: 0, code: null };
    return { at, verdict: 'up', totalMs: p, code: null };
  });
}

/**
 * Well-formedness of the XML subset the SVG uses: every tag closed in order, attribute values
 * quoted, no raw `<` or `&` in text or attributes, one root element.
 */
function assertWellFormedXml(xml: string): void {
  const token = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="(?:[^"<&]|&#\d+;)*")*)\s*(\/?)>|((?:[^<&]|&#\d+;)+)/y;
  const stack: string[] = [];
  let roots = 0;
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    const match = token.exec(xml);
    assert.ok(match, `not well-formed at ${at}: ${xml.slice(at, at + 60)}`);
    const [, closing, name, , selfClosing, text] = match;
    if (text !== undefined) {
      assert.ok(stack.length > 0, 'text outside the root element');
      continue;
    }
    if (closing) {
      assert.equal(stack.pop(), name, `</${name}> closes the element that is open`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name);
    }
  }
  assert.deepEqual(stack, [], 'every element is closed');
  assert.equal(roots, 1, 'one root element');
}

function assertInert(svg: string): void {
  assert.doesNotMatch(svg, /<script|<foreignObject|<style|\son\w+=|href=|style=|url\(/i, 'no script, event handler, link, style or external reference');
}

describe('text sparkline', () => {
  it('is empty for no values and one block for one value', () => {
    assert.equal(sparkline([]), '');
    assert.equal(sparkline([120]), '█');
    assert.equal(sparkline([null]), DOWN_MARK);
  });

  it('draws equal values as a flat row', () => {
    assert.equal(sparkline([50, 50, 50, 50]), '████');
    assert.equal(sparkline([0, 0]), '▁▁', 'zero latencies sit at the floor instead of dividing by zero');
  });

  it('starts its scale at zero, so small jitter stays small', () => {
    assert.equal(sparkline([100, 125, 100]), '▇█▇', 'a quarter slower is one block taller, not a spike');
    assert.equal(sparkline([10, 20, 30, 40, 50, 60, 70, 80]), '▁▂▃▄▅▆▇█');
  });

  it('caps a huge outlier at full height and keeps the others readable', () => {
    const line = sparkline([100, 200, 100, 60_000, 100]);
    assert.equal([...line].length, 5);
    assert.equal([...line][3], '█');
    assert.ok(line.startsWith('▂▄▂'), `the 100 ms and 200 ms probes stay apart: ${line}`);
  });

  it('marks down probes distinctly, whatever their duration', () => {
    assert.equal(historySparkline(entries(100, 'down', 100, 'setup')), `█${DOWN_MARK}█${DOWN_MARK}`);
    assert.equal(historySparkline(entries('down', 'down')), DOWN_MARK.repeat(2));
  });

  it('survives values that are not numbers', () => {
    assert.equal(sparkline([Number.NaN, 100]), '▁█');
    assert.equal(sparkline([Number.POSITIVE_INFINITY, 100]), '██');
  });
});

describe('SVG sparkline', () => {
  it('is well-formed and inert for 0, 1 and many probes', () => {
    for (const history of [entries(), entries(100), entries(100, 'down', 100, 'setup', 90_000), entries(...Array.from({ length: 1000 }, (_, i) => i))]) {
      const svg = sparklineSvg(history);
      assertWellFormedXml(svg);
      assertInert(svg);
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.equal(svg.match(/<rect class="(up|degraded|down)"/g)?.length ?? 0, history.length, 'one bar per probe');
    }
  });

  it('says the uptime in its label and each probe in a title', () => {
    const svg = sparklineSvg(entries(100, 'down', 120, 110));
    assert.match(svg, /aria-label="Last 4 probes: 75% up"/);
    assert.match(svg, /<title>2024-05-01 10:01:00 UTC · down · tcp\.refused<\/title>/);
    assert.match(svg, /<title>2024-05-01 10:02:00 UTC · up · 120 ms<\/title>/);
    assert.match(sparklineSvg(entries()), /aria-label="No probes yet"/);
  });

  it('colours bars through CSS variables with fixed fallbacks', () => {
    const svg = sparklineSvg(entries(100, 'down'));
    assert.match(svg, /class="up"[^>]*fill="var\(--invoice-doctor-history-up, var\(--vscode-charts-green, #[0-9a-f]{6}\)\)"/);
    assert.match(svg, /class="down"[^>]*fill="var\(--invoice-doctor-history-down, var\(--vscode-charts-red, #[0-9a-f]{6}\)\)"/);
  });

  it('keeps every bar inside the requested box, outliers and down probes included', () => {
    const svg = sparklineSvg(entries(1, 100, 'down', 1_000_000, 100), { width: 100, height: 20 });
    assert.match(svg, /width="100" height="20" viewBox="0 0 100 20"/);
    for (const [, x, y, w, h] of svg.matchAll(/<rect class="\w+" x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/g)) {
      assert.ok(Number(x) >= 0 && Number(x) + Number(w) <= 100, `x ${x} + ${w} within 100`);
      assert.ok(Number(y) >= 0 && Number(y) + Number(h) <= 20, `y ${y} + ${h} within 20`);
      assert.ok(Number(h) >= 1, 'even the fastest probe shows');
    }
  });

  it('falls back to the default size for nonsense dimensions', () => {
    assert.match(sparklineSvg(entries(1), { width: -5, height: Number.NaN }), /width="240" height="32"/);
  });
});
