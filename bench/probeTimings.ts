import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { probe } from '../src/core/probe/probe';
import type { ProbeResult } from '../src/core/probe/probeResult';
import { makeGatewayPki } from '../test/support/gatewayPki';
import { startHttpsServer } from '../test/support/loopbackServers';
import { makeTempDir } from '../test/support/tempFiles';

const run = promisify(execFile);

const ROUNDS = 15;
const CONCURRENT_ENDPOINTS = 100;

interface Phases {
  dns: number;
  tcp: number;
  tls: number;
  /** Connect + handshake + request to first byte: the probe's HTTP layer opens its own connection. */
  firstByte: number;
}

/**
 * How the probe's phase timings compare with curl's against the same loopback TLS endpoint, and
 * how 100 endpoints probed at once behave. curl's -w times are cumulative, so they are turned
 * into per-phase times; "firstByte" is compared with curl's starttransfer minus namelookup,
 * because the probe's HTTP layer connects and handshakes again before sending.
 * Needs curl on the PATH.
 */
export async function benchProbe(): Promise<Record<string, unknown>> {
  const pki = makeGatewayPki('Bench');
  const dir = await makeTempDir('invoice-doctor-bench-');
  const caFile = await dir.write('ca.pem', pki.authority.root.certPem);
  const server = await startHttpsServer({ key: pki.server.keyPem, cert: pki.fullChain });
  try {
    const url = `https://localhost:${server.port}/health`;
    const endpoint = { name: 'bench', url, proxy: 'none', tls: { ca: caFile }, timeoutMs: 10_000 };
    const probeRuns: Phases[] = [];
    const curlRuns: Phases[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      probeRuns.push(probePhases(await probe(endpoint)));
      curlRuns.push(await curlPhases(url, caFile));
    }
    const phases = ['dns', 'tcp', 'tls', 'firstByte'] as const;
    const comparison = Object.fromEntries(phases.map((phase) => [phase, {
      probeMedianMs: round(median(probeRuns.map((r) => r[phase]))),
      curlMedianMs: round(median(curlRuns.map((r) => r[phase]))),
      medianDifferenceMs: round(median(probeRuns.map((r, index) => r[phase] - curlRuns[index][phase]))),
    }]));

    const start = performance.now();
    const results = await Promise.all(Array.from({ length: CONCURRENT_ENDPOINTS }, (_, index) => probe({ ...endpoint, name: `bench-${index}`, url: `${url}?n=${index}` })));
    const wallMs = performance.now() - start;
    const singles = results.map((result) => result.totalMs);
    return {
      rounds: ROUNDS,
      comparison,
      concurrent: {
        endpoints: CONCURRENT_ENDPOINTS,
        totalWallMs: round(wallMs),
        slowestSingleMs: round(Math.max(...singles)),
        medianSingleMs: round(median(singles)),
        up: results.filter((result) => result.verdict === 'up').length,
      },
    };
  } finally {
    await server.close();
    await dir.remove();
  }
}

function probePhases(result: ProbeResult): Phases {
  const ms = (name: string) => result.layers.find((layer) => layer.layer === name)?.ms ?? NaN;
  const http = result.layers.find((layer) => layer.layer === 'http');
  return { dns: ms('dns'), tcp: result.addresses[0]?.tcpMs ?? NaN, tls: result.addresses[0]?.tlsMs ?? NaN, firstByte: Number(http?.detail.ttfbMs ?? NaN) };
}

async function curlPhases(url: string, caFile: string): Promise<Phases> {
  const { stdout } = await run('curl', ['-s', '-o', '/dev/null', '--cacert', caFile, '-w', '%{time_namelookup} %{time_connect} %{time_appconnect} %{time_starttransfer}', url]);
  const [lookup, connect, appconnect, starttransfer] = stdout.trim().split(' ').map((seconds) => Number(seconds) * 1000);
  return { dns: lookup, tcp: connect - lookup, tls: appconnect - connect, firstByte: starttransfer - lookup };
}

function median(values: number[]): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
