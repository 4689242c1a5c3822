import type { EndpointConfig } from '../endpoint/endpointConfig';
import type { Logger } from '../logger';
import { probe } from '../probe/probe';
import { redactDeep } from '../report/redact';
import { correlate } from './correlate';
import type { DoctorReport, HistoryEvidence } from './doctorReport';
import { endpointCertificates } from './endpointCertificates';
import { endpointConfigs } from './endpointConfigs';
import { endpointIdentity } from './endpointIdentity';
import { endpointLogs } from './endpointLogs';
import { environmentInfo } from './environmentInfo';

/**
 * Diagnose Endpoint: probe first (it says what fails now and which addresses the name has),
 * then certificates, logs and configs side by side, then one verdict over all of them.
 * A source that cannot be read becomes a stated problem in the report, never a failed diagnosis.
 */
export type DiagnosisStep = 'probe' | 'certificates, logs and configs' | 'verdict';

/** How far back the logs are read when no window is given: long enough to see when it started. */
export const DEFAULT_LOG_WINDOW_HOURS = 24;

export interface DiagnoseOptions {
  /** Folder that relative tls paths and `logs`/`configs` globs start from. */
  baseDir: string;
  /** The secret values substituted into `endpoint` (already resolved): scrubbed from the report. */
  secrets?: string[];
  toolVersion: string;
  since?: Date;
  /** Zone of log timestamps written without an offset. */
  timeZone?: string;
  /** The endpoint's probe history, from the caller's storage. */
  history?: HistoryEvidence | null;
  systemProxy?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  log?: Logger;
  now?: () => Date;
  onStep?: (step: DiagnosisStep) => void;
}

export async function diagnoseEndpoint(endpoint: EndpointConfig, options: DiagnoseOptions): Promise<DoctorReport> {
  const now = options.now ?? (() => new Date());
  const secrets = options.secrets ?? [];
  const { signal, env } = options;
  options.onStep?.('probe');
  const probed = await probe(endpoint, { signal, env, log: options.log, secrets, baseDir: options.baseDir, systemProxy: options.systemProxy, now });

  options.onStep?.('certificates, logs and configs');
  const identity = endpointIdentity(endpoint.url, probed);
  const until = now();
  const since = options.since ?? new Date(until.getTime() - DEFAULT_LOG_WINDOW_HOURS * 3600_000);
  const [certificates, logs, configs, environment] = await Promise.all([
    endpointCertificates({ endpoint, baseDir: options.baseDir, probe: probed, signal, env }),
    endpoint.logs?.length ? endpointLogs({ globs: endpoint.logs, baseDir: options.baseDir, identity, since, until, timeZone: options.timeZone, signal }) : null,
    endpointConfigs({ globs: endpoint.configs, baseDir: options.baseDir, identity, secrets }),
    environmentInfo(probed, options.toolVersion, env),
  ]);
  signal?.throwIfAborted();

  options.onStep?.('verdict');
  const history = options.history ?? null;
  const verdict = correlate({ probe: probed, certificates, logs, configs, history });
  const report: DoctorReport = {
    endpoint: { name: endpoint.name, url: endpoint.url },
    generatedAt: until.toISOString(),
    environment,
    verdict,
    probe: probed,
    certificates,
    logs,
    configs,
    history,
  };
  // Log lines, config excerpts and server answers may quote credentials.
  return redactDeep(report, secrets);
}
