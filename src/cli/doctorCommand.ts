import * as path from 'node:path';
import { version } from '../../package.json';
import { writeFileAtomic } from '../core/config/atomicWrite';
import { diagnoseEndpoint } from '../core/diagnose/diagnoseEndpoint';
import { environmentSecretSource, resolveEndpointSecrets } from '../core/endpoint/secretResolver';
import { DoctorError } from '../core/errors';
import { doctorDocument } from '../core/report/doctorDocument';
import { redact, redactDeep } from '../core/report/redact';
import { reportHtml } from '../core/report/reportHtml';
import { reportMarkdown } from '../core/report/reportMarkdown';
import { parseArgs } from './args';
import { EXIT_OK, EXIT_PROBLEMS, type CliCommand, type CliIo, wantsColor } from './cliCommand';
import { formatDoctorText } from './doctorText';
import { DEFAULT_CONFIG_FILE, loadProbeTargets } from './endpointSources';
import { mapConcurrently } from './mapConcurrently';

const FLAGS = {
  config: 'string',
  json: 'boolean',
  markdown: 'boolean',
  html: 'string',
  since: 'string',
  tz: 'string',
} as const;

/** Each diagnosis opens a handful of connections and reads logs: a few at a time is plenty. */
const CONCURRENCY = 4;

const USAGE = `Usage: invoice-doctor doctor [NAME ...] [--config FILE] [--json | --markdown] [--html FILE]
                             [--since ISO] [--tz ZONE]

Diagnoses endpoints from every source at once: probes them, inspects the server and client
certificates, reads the logs each endpoint lists in "logs" (the last 24 hours, or --since), lints
the configs it lists in "configs" (or those found next to the config file), and joins them into
one verdict with its confidence, the evidence it rests on and the fixes in order.

Endpoints come from --config FILE or ./${DEFAULT_CONFIG_FILE}; NAME picks some of them.

Options:
  --config FILE      endpoints file ({ "endpoints": [ ... ] }; paths are relative to its folder)
  --json             print one JSON document { "diagnoses": [ ... ] }
  --markdown         print the full report as Markdown, ready for a support ticket
  --html FILE        also write the full report as one self-contained HTML file
  --since ISO        read the logs from this time on (default: 24 hours ago)
  --tz ZONE          zone of log times written without an offset (nginx error logs): local (default),
                     UTC, an offset such as +08:00, or an IANA name such as Asia/Shanghai

Secrets (\${secret:NAME} from INVOICE_DOCTOR_SECRET_NAME) and Authorization headers are redacted
from every output.

Exit codes: 0 every endpoint healthy or degraded, 1 an endpoint fails now or failed in its logs,
2 bad usage or unreadable input. (Probe history is the editor's; the CLI keeps none.)
`;

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'Diagnose endpoints from probes, certificates, logs and configs at once',
  usage: USAGE,
  run: runDoctor,
};

async function runDoctor(argv: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS);
  if (flags.json && flags.markdown) throw new DoctorError('usage', 'give either --json or --markdown, not both');
  const since = flags.since === undefined ? undefined : parseSince(flags.since);
  const targets = await loadProbeTargets({ urls: [], configPath: flags.config, cwd: io.cwd, overrides: {} });
  const chosen = positionals.length === 0 ? targets : positionals.map((name) => {
    const target = targets.find((t) => t.endpoint.name === name);
    if (!target) throw new DoctorError('usage', `no endpoint named "${name}"; the config has: ${targets.map((t) => `"${t.endpoint.name}"`).join(', ')}`);
    return target;
  });
  const allSecrets: string[] = [];
  const reports = await mapConcurrently(chosen, CONCURRENCY, async (target) => {
    const { endpoint, secrets } = await resolveEndpointSecrets(target.endpoint, environmentSecretSource(io.env), io.env);
    allSecrets.push(...secrets);
    return diagnoseEndpoint(endpoint, { baseDir: target.baseDir, secrets, toolVersion: version, since, timeZone: flags.tz, env: io.env, signal: io.signal });
  });
  if (flags.html !== undefined) await writeHtml(path.resolve(io.cwd, flags.html), redact(reportHtml(reports.map(doctorDocument), { lang: io.language ?? 'en', title: 'Invoice Doctor diagnosis' }), allSecrets));
  const output = flags.json
    ? `${JSON.stringify({ diagnoses: redactDeep(reports, allSecrets) }, null, 2)}\n`
    : flags.markdown
      ? reports.map((report) => reportMarkdown(doctorDocument(report))).join('\n')
      : formatDoctorText(reports, { color: wantsColor(io) });
  io.stdout.write(redact(output, allSecrets));
  return reports.some((r) => r.verdict.status === 'failing' || r.verdict.status === 'intermittent') ? EXIT_PROBLEMS : EXIT_OK;
}

async function writeHtml(file: string, html: string): Promise<void> {
  try {
    await writeFileAtomic(file, html);
  } catch (error) {
    throw new DoctorError('output.unwritable', `cannot write the report to ${file}: ${(error as Error).message}`, { cause: error });
  }
}

function parseSince(text: string): Date {
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new DoctorError('usage', `--since wants an ISO time such as 2026-11-21T09:00:00Z, not "${text}"`);
  return new Date(time);
}
