import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { classifyLine } from '../../../src/core/logs/classifyLine';
import { analyzeLogs } from '../../../src/core/logs/analyzeLogs';
import { detectFormat } from '../../../src/core/logs/formatDetection';
import { createPrefilter, type Prefilter } from '../../../src/core/logs/prefilterNeedles';

// The labelled corpus lives beside the repository (CI clones shared/ next to it).
const CORPUS = resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'logs');

/** signatures.md's label vocabulary -> the taxonomy codes each label allows. */
const LABELS: Record<string, string[]> = {
  none: ['none'],
  dns_failure: ['dns.not_found', 'dns.timeout'],
  connection_refused: ['tcp.refused'],
  connect_timeout: ['tcp.timeout'],
  network_unreachable: ['tcp.unreachable'],
  connection_reset: ['tcp.reset'],
  ephemeral_ports_exhausted: ['tcp.ports_exhausted'],
  tls_handshake_failure: ['tls.handshake', 'tls.protocol', 'tls.client_cert'],
  cert_expired: ['tls.cert_expired'],
  cert_untrusted: ['tls.cert_untrusted'],
  cert_hostname_mismatch: ['tls.cert_hostname'],
  read_timeout: ['http.timeout'],
  upstream_5xx: ['http.5xx'],
  no_live_upstreams: ['upstream.no_live'],
  worker_connections_exhausted: ['server.worker_connections'],
  db_pool_exhausted: ['pool.exhausted'],
  db_too_many_connections: ['db.too_many_connections'],
  proxy_waf_rejection: ['proxy.rejected'],
  clock_skew: ['clock.skew'],
  connection_error_unspecified: ['conn.unspecified'],
};

interface Expectation {
  line: number;
  expected: string;
  alternatives: string[];
  note: string;
}

function expectations(file: string): Expectation[] {
  return readFileSync(resolve(CORPUS, `${file}.expected.tsv`), 'utf8').trim().split('\n').slice(1).map((row) => {
    const [line, expected, , alternatives, note] = row.split('\t');
    return { line: Number(line), expected, alternatives: alternatives === '-' ? [] : alternatives.split(/[,|]/).map((a) => a.trim()), note };
  });
}

function allowed(label: string): string[] {
  const codes = LABELS[label];
  assert.ok(codes, `unknown label ${label} in the corpus`);
  return codes;
}

const files = readdirSync(CORPUS).filter((name) => name.endsWith('.log')).sort();

describe('labelled corpus (shared/corpus/logs)', () => {
  it('is present', () => assert.ok(files.length >= 5, `expected the corpus at ${CORPUS}`));

  for (const file of files) {
    describe(file, () => {
      const lines = readFileSync(resolve(CORPUS, file), 'utf8').split('\n');
      for (const { line, expected, alternatives, note } of expectations(file)) {
        it(`line ${line} is ${expected} (${note})`, () => {
          const verdict = classifyLine(lines[line - 1])?.category ?? 'none';
          const accepted = [...allowed(expected), ...alternatives.flatMap(allowed)];
          assert.ok(accepted.includes(verdict), `line ${line}: got ${verdict}, expected ${accepted.join(' or ')}\n  ${lines[line - 1]}`);
        });
      }

      it('as a whole file, reports exactly the expected finding lines', async () => {
        const found: { line: number; category: string }[] = [];
        await analyzeLogs([resolve(CORPUS, file)], { timeZone: 'UTC', onFinding: (f) => found.push({ line: f.line, category: f.category }) });
        const strict = expectations(file).filter((e) => e.expected !== 'none').map((e) => e.line);
        assert.deepEqual(found.map((f) => f.line), strict);
      });

      it('every line classified as a finding is a prefilter candidate of the detected format', () => {
        const format = detectFormat(lines.join('\n'));
        const prefilter = createPrefilter(format, 64 * 1024, 1024 * 1024);
        for (const text of lines) {
          if (!classifyLine(text)) continue;
          assert.deepEqual(candidateLines(prefilter, text), [0], `not a ${format} candidate: ${text}`);
        }
      });
    });
  }
});

/** The starts of the candidate lines in `text` (one line, or several). */
function candidateLines(prefilter: Prefilter, text: string): number[] {
  const length = prefilter.window.write(`${text}\n`, 0, 'utf8');
  const starts: number[] = [];
  prefilter.scan(0, length, (lineStart) => starts.push(lineStart));
  return starts;
}
