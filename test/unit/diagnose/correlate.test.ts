import assert from 'node:assert/strict';
import { correlate, type Sources } from '../../../src/core/diagnose/correlate';
import type { LogEvidence } from '../../../src/core/diagnose/doctorReport';
import type { FailureCode } from '../../../src/core/failureCodes';
import type { CategorySummary } from '../../../src/core/logs/logTypes';
import type { ProbeResult } from '../../../src/core/probe/probeResult';

/** The verdict rules on their own, with sources shaped as the real collectors return them. */
const upProbe: ProbeResult = {
  name: 'Gateway', url: 'https://gw.example.com/api', verdict: 'up', diagnosis: null, addresses: [],
  layers: [{ layer: 'http', status: 'ok', ms: 80, code: null, message: '200 OK', detail: {} }],
  startedAt: '2026-11-21T10:00:00.000Z', totalMs: 120,
};

function category(code: FailureCode, count: number, first: string, last: string): CategorySummary {
  return { category: code, count, first, last, targets: {}, samples: [{ file: '/var/log/app.log', line: 7, text: 'sample' }], fixes: [], rules: [] };
}

function logs(parts: Partial<LogEvidence>): LogEvidence {
  return {
    globs: ['/var/log/app.log'], files: [{ path: '/var/log/app.log', format: 'java', bytes: 10, lines: 1, truncatedLines: 0 }],
    since: '2026-11-20T10:00:00.000Z', until: '2026-11-21T10:00:00.000Z',
    endpoint: [], application: [], timeline: { bucketSeconds: 60, buckets: [] }, otherEvents: 0, problems: [], ...parts,
  };
}

const sources = (parts: Partial<Sources>): Sources => ({ probe: upProbe, certificates: { server: null, client: null, problems: [] }, logs: null, configs: null, history: null, ...parts });

describe('correlate', () => {
  it('blames the pool when it runs out while the gateway answers in time', () => {
    const verdict = correlate(sources({
      logs: logs({
        application: [category('pool.exhausted', 42, '2026-11-21T09:00:00.000Z', '2026-11-21T09:30:00.000Z')],
        timeline: { bucketSeconds: 60, buckets: [{ start: '2026-11-21T09:00:00.000Z', counts: { 'pool.exhausted': 42 } }] },
      }),
    }));
    assert.equal(verdict.status, 'intermittent');
    assert.equal(verdict.code, 'pool.exhausted');
    assert.match(verdict.headline, /pool is too small or connections leak/);
    assert.ok(verdict.fixes.some((fix) => /maximum-pool-size/.test(fix.text)));
  });

  it('calls an endpoint that is up now but failing in the logs intermittent, with the log as evidence', () => {
    const verdict = correlate(sources({ logs: logs({ endpoint: [category('tcp.reset', 17, '2026-11-21T08:00:00.000Z', '2026-11-21T09:59:00.000Z')] }) }));
    assert.equal(verdict.status, 'intermittent');
    assert.equal(verdict.code, 'tcp.reset');
    assert.match(verdict.headline, /Up now, but the logs show 17 × tcp\.reset .* last at 2026-11-21 09:59:00 UTC/);
    assert.equal(verdict.confidence, 'low');
    assert.deepEqual(verdict.evidence.filter((e) => e.supports).map((e) => e.source), ['logs']);
  });

  it('falls back on the probe history when the logs are silent', () => {
    const verdict = correlate(sources({
      history: { probes: 20, uptimePercent: 85, medianMs: 120, since: '2026-11-21T08:00:00.000Z', lastFailure: { at: '2026-11-21T09:40:00.000Z', code: 'tcp.timeout' }, sparklineSvg: null, sparklineText: null },
    }));
    assert.equal(verdict.status, 'intermittent');
    assert.equal(verdict.code, 'tcp.timeout');
    assert.match(verdict.headline, /15% of the last 20 probes failed/);
  });

  it('is healthy with high confidence only when logs were read and show nothing', () => {
    assert.equal(correlate(sources({})).confidence, 'medium');
    const verdict = correlate(sources({ logs: logs({}) }));
    assert.equal(verdict.status, 'healthy');
    assert.equal(verdict.confidence, 'high');
  });
});
