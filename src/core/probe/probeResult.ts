import type { FailureCode } from '../failureCodes';

/** The probe's output, shaped exactly as CONTRACT.md §3 `probe --json`. */
export type ProbeLayerName = 'dns' | 'tcp' | 'tls' | 'http' | 'clock';
export type LayerStatus = 'ok' | 'warn' | 'fail' | 'skipped';
export type Verdict = 'up' | 'degraded' | 'down';

export interface LayerResult {
  layer: ProbeLayerName;
  status: LayerStatus;
  /** Duration of the phase in milliseconds (null when skipped). */
  ms: number | null;
  code: FailureCode | null;
  message: string;
  /** Layer-specific facts: resolved addresses, negotiated protocol, chain, status code, skew… */
  detail: Record<string, unknown>;
}

export interface AddressResult {
  address: string;
  family: 4 | 6;
  tcpMs: number | null;
  tlsMs: number | null;
  code: FailureCode | null;
  /** SHA-256 fingerprint of the leaf certificate this address presented (https only). */
  certSha256: string | null;
}

export interface Diagnosis {
  code: FailureCode;
  layer: ProbeLayerName;
  summary: string;
  fixes: string[];
}

export interface ProbeResult {
  name: string;
  url: string;
  verdict: Verdict;
  diagnosis: Diagnosis | null;
  layers: LayerResult[];
  addresses: AddressResult[];
  /** ISO time the probe started; not part of the fixed contract, handy for history and reports. */
  startedAt: string;
  /** Total wall time of the probe in ms. */
  totalMs: number;
}
