import type { CertReport } from '../certs/certReport';
import type { Finding } from '../config/findings';
import type { FailureCode, Layer } from '../failureCodes';
import type { AnalysisResult, CategorySummary, FileSummary } from '../logs/logTypes';
import type { ProbeResult } from '../probe/probeResult';

/**
 * What Diagnose Endpoint (extension) and `invoice-doctor doctor` (CLI) produce: one verdict for an
 * endpoint and the evidence from every source it rests on. Plain data, redacted before it leaves
 * core, so the report renderers, the webview and `--json` print it as is.
 */
export type EvidenceSource = 'probe' | 'certificate' | 'logs' | 'config' | 'history';
export type Confidence = 'high' | 'medium' | 'low';
/** healthy: nothing wrong; degraded: works with a warning; failing: down now; intermittent: up now, failures in the logs or history. */
export type DoctorStatus = 'healthy' | 'degraded' | 'failing' | 'intermittent';

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line?: number;
}

export interface Evidence {
  source: EvidenceSource;
  /** Whether it points at the verdict's cause (true) or is context, possibly contrary (false). */
  supports: boolean;
  code: string | null;
  summary: string;
  location?: SourceLocation;
}

export interface RankedFix {
  text: string;
  source: EvidenceSource;
  /** The config rule whose quick fix applies it, when there is one. */
  rule?: string;
  location?: SourceLocation;
}

export interface DoctorVerdict {
  status: DoctorStatus;
  code: FailureCode | null;
  layer: Layer | null;
  headline: string;
  confidence: Confidence;
  /** Why that confidence: which sources agree. */
  confidenceReason: string;
  evidence: Evidence[];
  /** Most direct first. */
  fixes: RankedFix[];
}

export interface EnvironmentInfo {
  os: string;
  node: string;
  openssl: string;
  /** First line of `java -version`, or null when no Java is on the PATH. */
  java: string | null;
  tool: string;
  timeZone: string;
  /** The proxy the probe went through, credentials removed, or "none". */
  proxy: string;
}

export interface LogEvidence {
  /** The globs configured, and what they matched. */
  globs: string[];
  files: FileSummary[];
  since: string;
  until: string;
  /** Categories whose events name this endpoint (its host, addresses and port). */
  endpoint: CategorySummary[];
  /** Application-side categories without a target (pool, database, nginx limits): they concern every endpoint. */
  application: CategorySummary[];
  /** Timeline of the two groups above. */
  timeline: AnalysisResult['timeline'];
  /** Events about other targets, left out of the verdict. */
  otherEvents: number;
  problems: string[];
}

export interface ConfigExcerpt {
  file: string;
  /** 1-based number of the first line shown. */
  firstLine: number;
  lines: string[];
}

export interface ConfigEvidence {
  globs: string[];
  files: string[];
  findings: Finding[];
  excerpts: ConfigExcerpt[];
  problems: string[];
}

export interface CertificateEvidence {
  server: CertReport | null;
  client: CertReport | null;
  problems: string[];
}

export interface HistoryEvidence {
  probes: number;
  uptimePercent: number | null;
  medianMs: number | null;
  since: string | null;
  lastFailure: { at: string; code: FailureCode | null } | null;
  /** Inline SVG sparkline of latency, or null without history. */
  sparklineSvg: string | null;
  sparklineText: string | null;
}

export interface DoctorReport {
  endpoint: { name: string; url: string };
  generatedAt: string;
  environment: EnvironmentInfo;
  verdict: DoctorVerdict;
  probe: ProbeResult;
  certificates: CertificateEvidence;
  logs: LogEvidence | null;
  configs: ConfigEvidence | null;
  history: HistoryEvidence | null;
}
