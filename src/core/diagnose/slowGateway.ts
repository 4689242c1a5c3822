import type { LogEvidence } from './doctorReport';

/**
 * "Our pool is exhausted" and "the gateway is slow" look alike from inside the application:
 * threads wait for a gateway answer while holding a pooled connection, so the pool runs dry.
 * The timeline tells them apart: when pool.exhausted events fall in the same buckets as
 * timeouts to this endpoint, the gateway is the cause and a bigger pool would only queue more.
 */
const TIMEOUT_CODES = ['http.timeout', 'tcp.timeout'] as const;
/** Share of pool-exhaustion buckets that must also hold timeouts to call them coincident. */
const COINCIDENCE = 0.5;

export interface PoolCoincidence {
  /** Buckets with pool.exhausted events. */
  poolBuckets: number;
  /** Of those, buckets that also hold timeouts to the endpoint. */
  sharedBuckets: number;
  coincident: boolean;
}

export function poolTimeoutCoincidence(logs: LogEvidence | null): PoolCoincidence | null {
  if (!logs || !logs.application.some((c) => c.category === 'pool.exhausted')) return null;
  let poolBuckets = 0;
  let sharedBuckets = 0;
  for (const bucket of logs.timeline.buckets) {
    if (!bucket.counts['pool.exhausted']) continue;
    poolBuckets++;
    if (TIMEOUT_CODES.some((code) => (bucket.counts[code] ?? 0) > 0)) sharedBuckets++;
  }
  return { poolBuckets, sharedBuckets, coincident: poolBuckets > 0 && sharedBuckets / poolBuckets >= COINCIDENCE };
}
