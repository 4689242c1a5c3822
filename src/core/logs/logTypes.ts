import type { FailureCode } from '../failureCodes';

/**
 * Plain-data shapes of log analysis. `AnalysisResult` is the `analyze --json` document of
 * CONTRACT.md §3, plus `truncatedLines` per file and in total.
 */
export type LogFormat =
  | 'nginx-error'
  | 'nginx-access'
  | 'java'
  | 'node'
  | 'go'
  | 'python'
  | 'mysql'
  | 'postgresql'
  | 'generic';

export const LOG_FORMATS: readonly LogFormat[] = [
  'nginx-error', 'nginx-access', 'java', 'node', 'go', 'python', 'mysql', 'postgresql', 'generic',
];

/**
 * A file path; a file read from `path` but named `name` in findings; or a stream
 * (standard input: `{ name: '-', stream: process.stdin }`).
 */
export type LogInput = string | { name: string; path: string } | { name: string; stream: NodeJS.ReadableStream };

/** What one line says, on its own. Columns are 0-based offsets into the line text. */
export interface LineClassification {
  category: FailureCode;
  /** Upstream address, host name or endpoint the failure concerns, when the line names one. */
  target?: string;
  start: number;
  end: number;
}

/** One finding event, reported at the first line of the event (CONTRACT §3 `--lines`). */
export interface LineFinding {
  file: string;
  /** 1-based line number of the event's first line. */
  line: number;
  category: FailureCode;
  target?: string;
  /** Epoch milliseconds, when the event (or a line shortly before it) carries a timestamp. */
  time?: number;
  /** The event's first line (capped), plus the deciding cause line when that is a later line. */
  text: string;
  /** 1-based, SARIF-style range on the first line: the matched text, or the whole line. */
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

export interface AnalysisProgress {
  bytesDone: number;
  /** Undefined when an input has no known size (standard input). */
  bytesTotal: number | undefined;
}

export interface AnalyzeOptions {
  signal?: AbortSignal;
  onProgress?: (progress: AnalysisProgress) => void;
  /** Zone of timestamps written without an offset (nginx error log): 'local', 'UTC', '+08:00', or an IANA name. */
  timeZone?: string;
  /** Only events at or after this time (epoch ms or ISO). Events without a time are left out when a window is set. */
  since?: number | string;
  until?: number | string;
  /** Skip detection and read every input as this format. */
  format?: LogFormat;
  onFinding?: (finding: LineFinding) => void;
}

export interface FileSummary {
  path: string;
  format: LogFormat;
  bytes: number;
  lines: number;
  /** Lines longer than the 1 MB matching limit: matched on their first megabyte only. */
  truncatedLines: number;
}

export interface CategorySummary {
  category: FailureCode;
  count: number;
  first: string | null;
  last: string | null;
  targets: Record<string, number>;
  samples: { file: string; line: number; text: string }[];
  fixes: string[];
  /** Config rule ids (CONTRACT §4) that check the settings behind this category. */
  rules: string[];
}

export interface TimelineBucket {
  start: string;
  counts: Partial<Record<FailureCode, number>>;
}

export interface AnalysisResult {
  files: FileSummary[];
  findings: CategorySummary[];
  timeline: { bucketSeconds: number; buckets: TimelineBucket[] };
  truncatedLines: number;
}
