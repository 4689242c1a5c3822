import * as l10n from '@vscode/l10n';
import { resolve } from 'node:path';
import { EXIT_OK, EXIT_PROBLEMS, type CliCommand, type CliIo } from './cliCommand';
import { parseArgs } from './args';
import { DoctorError } from '../core/errors';
import { FAILURE_CODES } from '../core/failureCodes';
import { analyzeLogs } from '../core/logs/analyzeLogs';
import { LOG_FORMATS, type AnalysisResult, type LogFormat, type LogInput } from '../core/logs/logTypes';

const FLAGS = {
  json: 'boolean',
  lines: 'boolean',
  since: 'string',
  until: 'string',
  format: 'string',
  tz: 'string',
} as const;

/** What shells report for a run stopped by Ctrl+C (128 + SIGINT). */
const EXIT_CANCELLED = 130;
const TOP_TARGETS = 3;

const USAGE = `Usage: invoice-doctor analyze FILE... [--json | --lines] [--since ISO] [--until ISO]
                              [--format NAME] [--tz ZONE]

Finds connection failures in logs (nginx error and access logs, Java/Spring, Node, Go, Python,
MySQL, PostgreSQL, also behind docker compose / kubectl prefixes) and groups them by cause.
FILE may be plain or gzip-compressed; "-" reads standard input. Several files are merged by time.

Options:
  --json          print one JSON document { files, findings, timeline }
  --lines         print one JSON line {"file","line","category"} per finding (a stack trace or
                  other multi-line event is reported once, at its first line)
  --since ISO     only events at or after this time (e.g. 2025-01-31T08:00:00Z)
  --until ISO     only events at or before this time
  --format NAME   read every file as NAME instead of detecting it:
                  ${LOG_FORMATS.join(', ')}
  --tz ZONE       zone of timestamps written without an offset (nginx error logs): local (default),
                  UTC, an offset such as +08:00, or an IANA name such as Europe/Berlin

A file that grows while it is analysed is read up to the size it had when the analysis started.
Lines over 1 MB are matched on their first megabyte and counted in the report.

Exit codes: 0 no findings, 1 findings, 2 bad usage or unreadable input.
`;

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'Find and group connection failures in log files',
  usage: USAGE,
  run: runAnalyze,
};

async function runAnalyze(argv: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS);
  if (positionals.length === 0) throw new DoctorError('usage', 'give at least one log file (or - for standard input)');
  if (flags.json && flags.lines) throw new DoctorError('usage', 'give either --json or --lines, not both');
  if (flags.format !== undefined && !LOG_FORMATS.includes(flags.format as LogFormat)) {
    throw new DoctorError('usage', `unknown format "${flags.format}" (one of: ${LOG_FORMATS.join(', ')})`);
  }
  if (positionals.filter((p) => p === '-').length > 1) throw new DoctorError('usage', 'standard input (-) can be read only once');
  const inputs: LogInput[] = positionals.map((path) => (path === '-' ? { name: '-', stream: io.stdin } : resolveFrom(io.cwd, path)));

  let result: AnalysisResult;
  try {
    result = await analyzeLogs(inputs, {
      signal: io.signal,
      timeZone: flags.tz,
      since: flags.since,
      until: flags.until,
      format: flags.format as LogFormat | undefined,
      onFinding: flags.lines ? (f) => io.stdout.write(`${JSON.stringify({ file: f.file, line: f.line, category: f.category })}\n`) : undefined,
    });
  } catch (error) {
    if (io.signal.aborted) {
      io.stderr.write(`invoice-doctor analyze: ${l10n.t('cancelled')}\n`);
      return EXIT_CANCELLED;
    }
    throw error;
  }
  if (flags.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (!flags.lines) io.stdout.write(formatReport(result));
  return result.findings.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

/** Paths print as the user typed them; only reading resolves them against the working folder. */
function resolveFrom(cwd: string, path: string): LogInput {
  return { name: path, path: resolve(cwd, path) };
}

function formatReport(result: AnalysisResult): string {
  const out: string[] = [];
  for (const file of result.files) {
    const truncated = file.truncatedLines ? l10n.t(', {0} lines over 1 MB matched on their first megabyte', file.truncatedLines) : '';
    out.push(l10n.t('{0}: {1}, {2} lines, {3} bytes{4}', file.path, file.format, file.lines, file.bytes, truncated));
  }
  out.push('');
  if (result.findings.length === 0) {
    out.push(l10n.t('No connection failures found.'));
    return `${out.join('\n')}\n`;
  }
  for (const finding of result.findings) {
    const title = FAILURE_CODES[finding.category]?.title ?? finding.category;
    out.push(`${finding.category}  ${finding.count === 1 ? l10n.t('{0}: 1 event', title) : l10n.t('{0}: {1} events', title, finding.count)}`);
    if (finding.first) out.push(`  ${l10n.t('first {0}   last {1}', finding.first, String(finding.last))}`);
    const targets = Object.entries(finding.targets).slice(0, TOP_TARGETS);
    if (targets.length > 0) out.push(`  ${l10n.t('targets: {0}', targets.map(([target, count]) => `${target} (${count})`).join(', '))}`);
    const sample = finding.samples[0];
    if (sample) out.push(`  ${l10n.t('e.g. {0}', `${sample.file}:${sample.line}: ${sample.text}`)}`);
    for (const fix of finding.fixes) out.push(`  ${l10n.t('fix: {0}', fix)}`);
    if (finding.rules.length > 0) out.push(`  ${l10n.t('related config checks: {0} (invoice-doctor lint)', finding.rules.join(', '))}`);
    out.push('');
  }
  out.push(l10n.t('Timeline: {0} buckets of {1}s (see --json).', result.timeline.buckets.length, result.timeline.bucketSeconds));
  return `${out.join('\n')}\n`;
}
