import assert from 'node:assert/strict';
import { formatUptime, summarizeHistory } from '../../../src/core/history/historySummary';
import type { ProbeHistoryEntry } from '../../../src/core/history/probeHistoryEntry';

/** One entry a minute from 10:00, described as 'u120' (up, 120 ms), 'g300' (degraded) or 'd' (down). */
function history(...probes: string[]): ProbeHistoryEntry[] {
  return probes.map((p, i) => {
    const at = new Date(Date.UTC(2024, 4, 1, 10, i)).toISOString();
    if (p === 'd') return { at, verdict: 'down', totalMs: 10_000, code: 'tcp.timeout' };
    return { at, verdict: p[0] === 'g' ? 'degraded' : 'up', totalMs: Number(p.slice(1)), code: p[0] === 'g' ? 'tls.cert_expiring' : null };
  });
}

describe('history summary', () => {
  it('says nothing for an empty history', () => {
    assert.deepEqual(summarizeHistory([]), {
      count: 0, up: 0, degraded: 0, down: 0, uptimePercent: null, medianMs: null, p95Ms: null,
      since: null, lastFailure: null, longestDownStreak: null,
    });
  });

  it('counts degraded probes as up but apart, and takes latencies of answered probes only', () => {
    const summary = summarizeHistory(history('u100', 'g300', 'd', 'u200'));
    assert.equal(summary.count, 4);
    assert.deepEqual([summary.up, summary.degraded, summary.down], [2, 1, 1]);
    assert.equal(summary.uptimePercent, 75);
    assert.equal(summary.medianMs, 200, 'the 10 s of the down probe is not a latency');
    assert.equal(summary.p95Ms, 300);
    assert.equal(summary.since, '2024-05-01T10:00:00.000Z');
  });

  it('takes nearest-rank percentiles: times some probe actually had', () => {
    const times = Array.from({ length: 100 }, (_, i) => `u${i + 1}`);
    const summary = summarizeHistory(history(...times));
    assert.equal(summary.medianMs, 50);
    assert.equal(summary.p95Ms, 95);
    assert.equal(summarizeHistory(history('u7')).p95Ms, 7);
  });

  it('finds the last failure and the longest run of down probes', () => {
    const entries = history('d', 'u100', 'd', 'd', 'd', 'u100', 'd', 'd', 'u100');
    entries[7] = { ...entries[7], code: null };
    const summary = summarizeHistory(entries);
    assert.deepEqual(summary.lastFailure, { at: entries[7].at, code: null });
    assert.deepEqual(summary.longestDownStreak, { count: 3, from: entries[2].at, to: entries[4].at });
  });

  it('reports 0% for a history of down probes and 100% for one without', () => {
    const down = summarizeHistory(history('d', 'd'));
    assert.equal(down.uptimePercent, 0);
    assert.equal(down.medianMs, null);
    assert.deepEqual(down.longestDownStreak?.count, 2);
    const up = summarizeHistory(history('u1', 'u2'));
    assert.equal(up.uptimePercent, 100);
    assert.equal(up.lastFailure, null);
    assert.equal(up.longestDownStreak, null);
  });

  it('never rounds a history with a failure up to 100%, nor one with a success down to 0%', () => {
    assert.equal(formatUptime(100), '100%');
    assert.equal(formatUptime(0), '0%');
    assert.equal(formatUptime(98), '98%');
    assert.equal(formatUptime(97.6), '98%');
    assert.equal(formatUptime((999 / 1000) * 100), '99.9%');
    assert.equal(formatUptime((1999 / 2000) * 100), '99.9%');
    assert.equal(formatUptime((1 / 1000) * 100), '0.1%');
    assert.equal(formatUptime((1 / 5000) * 100), '0.1%');
  });
});
