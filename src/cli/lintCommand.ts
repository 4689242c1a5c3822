import * as l10n from '@vscode/l10n';
import { isAbsolute, relative, resolve } from 'node:path';
import { EXIT_OK, EXIT_PROBLEMS, type CliCommand, type CliIo } from './cliCommand';
import { parseArgs } from './args';
import { DoctorError } from '../core/errors';
import type { Finding } from '../core/config/findings';
import { fixFiles, lintFiles, type LintRun } from '../core/config/lintFiles';
import { toSarif } from '../core/config/sarifReport';

const FLAGS = { json: 'boolean', sarif: 'boolean', fix: 'boolean' } as const;

const USAGE = `Usage: invoice-doctor lint PATH... [--json | --sarif] [--fix]

Checks nginx, Spring Boot (application*.properties/.yml), MySQL, PostgreSQL, sysctl, Tomcat
server.xml, Apache httpd, .env and Node sources for settings that break invoice traffic.
A folder is searched for known config files (node_modules and .git are skipped). All files
of one run are linted together, so cross-file rules (pool size x instances against the
database's max_connections) see them all.

Options:
  --json    print one JSON document { "findings": [ { file, rule, severity, message, range, fixable } ] }
  --sarif   print a SARIF 2.1.0 log (for code scanning in CI)
  --fix     apply every fix marked safe, write files atomically, then report what is left

Silence one finding with a comment on the line before it, in the file's comment syntax:
  # invoice-doctor-disable-next-line nginx.proxy-timeouts

Exit codes: 0 no error-level finding, 1 an error-level finding, 2 bad usage or unreadable path.
Rule docs: docs/rules/<rule-id>.md`;

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'check nginx, Spring/HikariCP, database, sysctl, Tomcat, Apache and .env configs',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { flags, positionals } = parseArgs(argv, FLAGS);
    if (!positionals.length) throw new DoctorError('usage', 'lint needs at least one PATH (a file or a folder)');
    if (flags.json && flags.sarif) throw new DoctorError('usage', '--json and --sarif cannot be combined');
    const paths = positionals.map((p) => resolve(io.cwd, p));
    const display = (path: string | undefined) => displayPath(path ?? '', io.cwd);
    let run: LintRun;
    const fixed: { file: string; line: number; rule: string; title: string }[] = [];
    if (flags.fix) {
      const result = await fixFiles(paths);
      run = result.run;
      for (const change of result.changes) for (const a of change.applied) fixed.push({ file: display(change.path), ...a });
    } else {
      run = await lintFiles(paths);
    }
    for (const skipped of run.skipped) io.stderr.write(`invoice-doctor lint: ${l10n.t('skipped {0}: {1}', display(skipped.path), skipped.reason)}\n`);
    const findings = run.findings;
    if (flags.sarif) {
      io.stdout.write(`${JSON.stringify(toSarif(findings, io.cwd, process.env.INVOICE_DOCTOR_VERSION), null, 2)}\n`);
    } else if (flags.json) {
      const document = {
        findings: findings.map((f) => ({ file: display(f.path), rule: f.rule, severity: f.severity, message: f.message, range: f.range, fixable: f.fixable })),
        ...(flags.fix ? { fixed } : {}),
      };
      io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    } else {
      io.stdout.write(humanReport(findings, fixed, run, display));
    }
    return findings.some((f) => f.severity === 'error') ? EXIT_PROBLEMS : EXIT_OK;
  },
};

function humanReport(findings: Finding[], fixed: { file: string; line: number; rule: string; title: string }[], run: LintRun, display: (p?: string) => string): string {
  const lines = fixed.map((f) => l10n.t('fixed {0} {1}: {2}', `${f.file}:${f.line}`, f.rule, f.title));
  for (const f of findings) {
    lines.push(`${display(f.path)}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.rule} ${f.message}${f.fixable ? l10n.t(' [fix available]') : ''}`);
  }
  const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
  const counts = l10n.t('{0} error(s), {1} warning(s), {2} info(s)', count('error'), count('warning'), count('info'));
  const applied = fixed.length ? l10n.t('; {0} fix(es) applied', fixed.length) : '';
  lines.push(l10n.t('{0} file(s) checked: {1}{2}.', run.files.length, findings.length ? counts : l10n.t('no problems found'), applied));
  return `${lines.join('\n')}\n`;
}

function displayPath(path: string, cwd: string): string {
  const fromCwd = relative(cwd, path);
  return fromCwd && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : path;
}
