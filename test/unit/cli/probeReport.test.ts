import assert from 'node:assert/strict';
import { formatProbeReport } from '../../../src/cli/probeReport';
import type { ProbeResult } from '../../../src/core/probe/probeResult';

const ANSI = /\u001b\[[0-9;]*m/;

function result(overrides: Partial<ProbeResult>): ProbeResult {
  return {
    name: 'Tax gateway',
    url: 'https://gw.example.com/api/health',
    verdict: 'up',
    diagnosis: null,
    layers: [],
    addresses: [],
    startedAt: '2026-01-01T00:00:00.000Z',
    totalMs: 12.4,
    ...overrides,
  };
}

const up = result({
  layers: [{ layer: 'http', status: 'ok', ms: 3, code: null, message: 'HTTP 200 OK', detail: {} }],
});
const down = result({
  name: 'Old gateway',
  url: 'https://old.example.com/',
  verdict: 'down',
  totalMs: 1503.6,
  diagnosis: { code: 'tls.cert_expired', layer: 'tls', summary: 'The server certificate has expired', fixes: ['Renew the certificate', 'Check the chain'] },
  layers: [
    { layer: 'tcp', status: 'ok', ms: 1, code: null, message: 'connected', detail: {} },
    { layer: 'tls', status: 'fail', ms: 2, code: 'tls.cert_expired', message: 'certificate has expired (notAfter 2025-01-01)', detail: {} },
  ],
});
const degraded = result({
  name: 'Soon expiring',
  verdict: 'degraded',
  diagnosis: { code: 'tls.cert_expiring', layer: 'tls', summary: 'Certificate expires in 5 days', fixes: ['Renew it'] },
  layers: [{ layer: 'tls', status: 'warn', ms: 2, code: 'tls.cert_expiring', message: 'Certificate expires in 5 days', detail: {} }],
});

describe('cli/probeReport: the human probe report', () => {
  const text = formatProbeReport([up, down, degraded], { color: false });
  const lines = text.split('\n');

  it('gives every endpoint one line with its mark, name, URL and time', () => {
    assert.match(lines[0], /^✔ Tax gateway\s+https:\/\/gw\.example\.com\/api\/health\s+12 ms\s+HTTP 200 OK$/);
    assert.match(lines.find((l) => l.startsWith('✖')) ?? '', /^✖ Old gateway\s+https:\/\/old\.example\.com\/\s+1504 ms\s+The server certificate has expired$/);
    assert.match(lines.find((l) => l.startsWith('▲')) ?? '', /^▲ Soon expiring\s+.*Certificate expires in 5 days$/);
  });

  it('lines the columns up', () => {
    const urlColumns = lines.filter((l) => /^[✔▲✖]/.test(l)).map((l) => l.indexOf('https://'));
    assert.equal(new Set(urlColumns).size, 1, text);
  });

  it('shows the code, the failing layer in its own words and the fixes under an endpoint that is down', () => {
    const start = lines.findIndex((l) => l.startsWith('✖'));
    assert.deepEqual(lines.slice(start + 1, start + 4), [
      '    tls.cert_expired  tls: certificate has expired (notAfter 2025-01-01)',
      '    • Renew the certificate',
      '    • Check the chain',
    ]);
  });

  it('does not repeat the layer\'s words when the summary already quotes them', () => {
    const quoted = result({
      verdict: 'down',
      diagnosis: { code: 'tcp.refused', layer: 'tcp', summary: 'Nothing listens. Cannot connect to port 8443.', fixes: [] },
      layers: [{ layer: 'tcp', status: 'fail', ms: 1, code: 'tcp.refused', message: 'cannot connect to port 8443', detail: {} }],
    });
    assert.equal(formatProbeReport([quoted], { color: false }).split('\n')[1], '    tcp.refused');
  });

  it('does not repeat the summary when the layer says the same thing', () => {
    const start = lines.findIndex((l) => l.startsWith('▲'));
    assert.equal(lines[start + 1], '    tls.cert_expiring');
  });

  it('shows the URL once for endpoints named by their URL', () => {
    const byUrl = result({ name: 'https://gw.example.com/api/health' });
    assert.match(formatProbeReport([byUrl], { color: false }), /^✔ https:\/\/gw\.example\.com\/api\/health  12 ms  all checks passed\n/);
    const mixed = formatProbeReport([byUrl, down], { color: false });
    assert.equal(mixed.match(/gw\.example\.com/g)?.length, 1, mixed);
  });

  it('ends with the totals', () => {
    assert.equal(text.trimEnd().split('\n').at(-1), '3 endpoints: 1 up, 1 degraded, 1 down');
  });

  it('uses colour only when asked to', () => {
    assert.doesNotMatch(text, ANSI);
    assert.match(formatProbeReport([up, down], { color: true }), ANSI);
  });
});
