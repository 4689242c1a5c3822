import * as path from 'node:path';
import { isDoctorError } from '../errors';
import { FAILURE_CODES, type FailureCode } from '../failureCodes';
import { analyzeLogs } from '../logs/analyzeLogs';
import { FindingAggregator } from '../logs/findingAggregator';
import { expandPathGlobs } from '../pathGlobs';
import type { LineFinding } from '../logs/logTypes';
import { Timeline } from '../logs/timeline';
import type { LogEvidence } from './doctorReport';
import { targetIsEndpoint, type EndpointIdentity } from './endpointIdentity';

/**
 * Reads the logs configured for an endpoint over the diagnosis window and keeps what concerns
 * it: events whose target is the endpoint, and application-side events that have no target
 * (an exhausted pool or a full database affects every endpoint the application calls).
 */
const APPLICATION_SIDE: ReadonlySet<FailureCode> = new Set(
  (Object.keys(FAILURE_CODES) as FailureCode[]).filter((code) => FAILURE_CODES[code].layer === 'server'),
);

export interface EndpointLogOptions {
  globs: readonly string[];
  baseDir: string;
  identity: EndpointIdentity;
  since: Date;
  until: Date;
  timeZone?: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export async function endpointLogs(options: EndpointLogOptions): Promise<LogEvidence> {
  const { identity } = options;
  const files = await expandPathGlobs(options.globs, [options.baseDir]);
  const evidence: LogEvidence = {
    globs: [...options.globs],
    files: [],
    since: options.since.toISOString(),
    until: options.until.toISOString(),
    endpoint: [],
    application: [],
    timeline: { bucketSeconds: 60, buckets: [] },
    otherEvents: 0,
    problems: [],
  };
  if (files.length === 0) {
    evidence.problems.push(`no file matches ${options.globs.map((g) => `"${g}"`).join(', ')} (relative to ${options.baseDir})`);
    return evidence;
  }
  const ours = new FindingAggregator();
  const application = new FindingAggregator();
  const timeline = new Timeline();
  const onFinding = (finding: LineFinding) => {
    const mine = finding.target !== undefined && targetIsEndpoint(finding.target, identity);
    const applicationSide = finding.target === undefined && APPLICATION_SIDE.has(finding.category);
    if (!mine && !applicationSide) {
      evidence.otherEvents++;
      return;
    }
    (mine ? ours : application).add(finding);
    if (finding.time !== undefined) timeline.add(finding.time, finding.category);
  };
  try {
    const result = await analyzeLogs(files, {
      since: options.since.getTime(),
      until: options.until.getTime(),
      timeZone: options.timeZone,
      signal: options.signal,
      onFinding,
      onProgress: ({ bytesDone, bytesTotal }) => bytesTotal && options.onProgress?.(bytesDone / bytesTotal),
    });
    evidence.files = result.files.map((file) => ({ ...file, path: path.normalize(file.path) }));
  } catch (error) {
    if (options.signal?.aborted || !isDoctorError(error)) throw error;
    evidence.problems.push(error.message);
    return evidence;
  }
  evidence.endpoint = ours.summaries();
  evidence.application = application.summaries();
  evidence.timeline = timeline.result();
  return evidence;
}
