/**
 * The plain-data vocabulary of config linting. The extension maps these 1:1 onto
 * Diagnostic/CodeAction/WorkspaceEdit; the CLI prints them and applies the safe fixes.
 * Lines and columns are 1-based and columns count UTF-16 code units, as in SARIF
 * (and as VS Code counts them); `end` is exclusive.
 */
export type ConfigKind =
  | 'nginx'
  | 'spring-properties'
  | 'spring-yaml'
  | 'mysql'
  | 'postgres'
  | 'sysctl'
  | 'tomcat'
  | 'apache'
  | 'dotenv'
  | 'javascript';

export const CONFIG_KINDS: readonly ConfigKind[] = [
  'nginx', 'spring-properties', 'spring-yaml', 'mysql', 'postgres', 'sysctl', 'tomcat', 'apache', 'dotenv', 'javascript',
];

export type Severity = 'error' | 'warning' | 'info';

export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Replace text[start, end) with newText. Offsets index the file's text as a JS string. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  isPreferred: boolean;
  /** Whether `invoice-doctor lint --fix` and source.fixAll may apply it without a human looking. */
  safe: boolean;
  /** Non-overlapping, all in the finding's file. */
  edits: TextEdit[];
  /** newText uses VS Code snippet syntax (`${1:placeholder}`); never applied by --fix. */
  snippet?: boolean;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  offsets: { start: number; end: number };
  fixable: boolean;
  fixes: Fix[];
  /** Set by the workspace/file entry points; absent for lintText without a path. */
  path?: string;
}

/** What a rule reports; the linter adds positions, severity, suppression and settings. */
export interface FindingDraft {
  rule: string;
  start: number;
  end: number;
  message: string;
  fixes?: Fix[];
  /** Only for rules whose sub-cases differ in weight; defaults to the catalog severity. */
  severity?: Severity;
}

export interface LintSettings {
  disabledRules?: string[];
  severityOverrides?: Record<string, Severity>;
  /** Application instances sharing one database, when a file gives no `invoice-doctor.instances` hint. Default 1. */
  instances?: number;
  /** CPU cores of the database server, for HikariCP's pool-sizing formula. Default 8. */
  databaseCores?: number;
  /** Idle timeout of firewalls/NAT/load balancers between app and database, in seconds. */
  networkIdleTimeoutSec?: number;
}
