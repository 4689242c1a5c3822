import assert from 'node:assert/strict';
import { appendBounded, historyEntryOf, isProbeHistoryEntry, setupProblemEntry } from '../../../src/core/history/probeHistoryEntry';
import type { ProbeResult } from '../../../src/core/probe/probeResult';

const result: ProbeResult = {
  name: 'Tax gateway',
  url: 'https://gw.example.com/health',
  verdict: 'down',
  diagnosis: { code: 'http.5xx', layer: 'http', summary: 'The server answered 503.', fixes: [] },
  layers: [{ layer: 'http', status: 'fail', ms: 88.04, code: 'http.5xx', message: '503', detail: { ttfbMs: 41.26 } }],
  addresses: [],
  startedAt: '2024-05-01T10:00:00.000Z',
  totalMs: 123.456,
};

describe('probe history entries', () => {
  it('keeps the newest entries within the bound, oldest dropped, without touching the input', () => {
    const before = [1, 2, 3];
    assert.deepEqual(appendBounded(before, 4, 3), [2, 3, 4]);
    assert.deepEqual(appendBounded(before, 4, 10), [1, 2, 3, 4]);
    assert.deepEqual(appendBounded([1, 2, 3, 4, 5], 6, 2), [5, 6], 'a lowered bound trims everything older');
    assert.deepEqual(appendBounded(before, 4, 1), [4]);
    assert.deepEqual(appendBounded(before, 4, 0), [], 'size 0 turns history off');
    assert.deepEqual(before, [1, 2, 3]);
  });

  it('stays at the bound over many probes', () => {
    let entries: number[] = [];
    for (let i = 0; i < 1000; i++) entries = appendBounded(entries, i, 50);
    assert.equal(entries.length, 50);
    assert.equal(entries[0], 950);
    assert.equal(entries[49], 999);
  });

  it('records the verdict, the diagnosis code, the total time and the time to first byte', () => {
    assert.deepEqual(historyEntryOf(result), { at: '2024-05-01T10:00:00.000Z', verdict: 'down', totalMs: 123.5, code: 'http.5xx', firstByteMs: 41.3 });
    const noHttp = historyEntryOf({ ...result, verdict: 'up', diagnosis: null, layers: [] });
    assert.equal(noHttp.code, null);
    assert.equal('firstByteMs' in noHttp, false, 'no time to first byte when the probe never got an answer');
  });

  it('records a probe stopped by a set-up problem as down', () => {
    assert.deepEqual(setupProblemEntry(new Date('2024-05-01T10:00:00Z')), { at: '2024-05-01T10:00:00.000Z', verdict: 'down', totalMs: 0, code: null });
  });

  it('accepts what it wrote and rejects malformed stored values', () => {
    assert.ok(isProbeHistoryEntry(historyEntryOf(result)));
    assert.ok(isProbeHistoryEntry(JSON.parse(JSON.stringify(setupProblemEntry(new Date())))));
    for (const bad of [null, 42, 'up', {}, { at: 'yesterday', verdict: 'up', totalMs: 1, code: null },
      { at: '2024-05-01T10:00:00Z', verdict: 'sideways', totalMs: 1, code: null },
      { at: '2024-05-01T10:00:00Z', verdict: 'up', totalMs: -1, code: null },
      { at: '2024-05-01T10:00:00Z', verdict: 'down', totalMs: 1, code: 'made.up' },
      { at: '2024-05-01T10:00:00Z', verdict: 'up', totalMs: 1, code: null, firstByteMs: '3' }]) {
      assert.equal(isProbeHistoryEntry(bad), false, JSON.stringify(bad));
    }
  });
});
