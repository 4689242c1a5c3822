import { setMaxListeners } from 'node:events';
import { resolve } from 'node:path';
import { EXIT_OK, EXIT_PROBLEMS, type CliCommand, type CliIo, wantsColor } from './cliCommand';
import { parseArgs, type ParsedFlags } from './args';
import { DEFAULT_CONFIG_FILE, loadProbeTargets, type EndpointOverrides, type ProbeTarget } from './endpointSources';
import { formatProbeReport } from './probeReport';
import { mapConcurrently } from './mapConcurrently';
import { DoctorError, isDoctorError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import { environmentSecretSource, resolveEndpointSecrets } from '../core/endpoint/secretResolver';
import { probe } from '../core/probe/probe';
import type { ProbeResult } from '../core/probe/probeResult';
import { redact, redactDeep } from '../core/report/redact';

const FLAGS = {
  config: 'string',
  json: 'boolean',
  timeout: 'string',
  ca: 'string',
  cert: 'string',
  key: 'string',
  pfx: 'string',
  'passphrase-env': 'string',
  proxy: 'string',
  verbose: 'boolean',
} as const;

/** Enough to probe a team's endpoints at once without opening hundreds of sockets. */
const CONCURRENCY = 16;
/** What shells report for a run stopped by Ctrl+C (128 + SIGINT). */
const EXIT_CANCELLED = 130;

const USAGE = `Usage: invoice-doctor probe [URL ...] [--config FILE] [--json] [--timeout MS] [--ca FILE]
                            [--cert FILE --key FILE | --pfx FILE] [--passphrase-env VAR] [--proxy URL]

Checks each endpoint layer by layer (DNS, TCP, TLS, HTTP, clock) and says which layer fails and why.

Endpoints come from the URLs given, from --config FILE, or from ./${DEFAULT_CONFIG_FILE} when neither
is given ({ "endpoints": [ ... ] }; relative tls paths are relative to the file's folder).

Options (each applies to every endpoint, replacing what the config file says):
  --config FILE          endpoints file to probe
  --json                 print one JSON document { "endpoints": [ ... ] } instead of the report
  --timeout MS           time limit per endpoint, in milliseconds
  --ca FILE              PEM file of the CA certificates to trust
  --cert FILE --key FILE client certificate and key (PEM)
  --pfx FILE             client certificate and key as PKCS#12 (.p12/.pfx)
  --passphrase-env VAR   read the key or PKCS#12 passphrase from environment variable VAR
                         (never from the command line, so it stays out of shell history)
  --proxy URL            forward proxy to use, or "none" (default: HTTPS_PROXY/NO_PROXY)
  --verbose              log every step to stderr

Secrets: \${secret:NAME} in a config file is read from environment variable INVOICE_DOCTOR_SECRET_NAME,
\${env:NAME} from NAME. Secrets never appear in the output.

Exit codes: 0 every endpoint up or degraded (degraded ones are listed with ▲: they work, but with
a warning such as a certificate about to expire), 1 an endpoint is down, 2 bad usage or unreadable input,
130 interrupted (Ctrl+C) before the report.
`;

export const probeCommand: CliCommand = {
  name: 'probe',
  summary: 'Check endpoints layer by layer: DNS, TCP, TLS, HTTP, clock',
  usage: USAGE,
  run: runProbe,
};

interface PreparedTarget extends ProbeTarget {
  /** Secret values substituted into this endpoint, to be scrubbed from everything printed. */
  secrets: string[];
}

async function runProbe(argv: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS);
  const targets = await loadProbeTargets({
    urls: positionals,
    configPath: flags.config,
    cwd: io.cwd,
    overrides: overridesFromFlags(flags, io.cwd),
  });
  const passphrase = flags['passphrase-env'] === undefined ? undefined : readPassphrase(flags['passphrase-env'], io.env);
  const prepared = await Promise.all(targets.map((target) => prepareTarget(target, io.env, passphrase)));
  const secrets = prepared.flatMap((p) => p.secrets);

  // A signal of this run's own: each probe in flight listens on it, and up to CONCURRENCY
  // listeners is by design, not the leak Node's default limit of 10 warns about.
  const run = new AbortController();
  setMaxListeners(CONCURRENCY * 2, run.signal);
  const forwardAbort = () => run.abort(io.signal.reason);
  if (io.signal.aborted) forwardAbort();
  else io.signal.addEventListener('abort', forwardAbort, { once: true });

  let results: ProbeResult[];
  try {
    results = await mapConcurrently(prepared, CONCURRENCY, (target) => probe(target.endpoint, {
      signal: run.signal,
      log: flags.verbose ? stderrLogger(io.stderr, secrets) : silentLogger,
      env: io.env,
      baseDir: target.baseDir,
      secrets: target.secrets,
    }));
  } catch (error) {
    if (io.signal.aborted) return cancelled(io);
    // One probe failed outright: stop the others rather than let them run on unreported.
    run.abort();
    // main() prints the message on stderr and exits 2; it must not carry a secret there.
    const message = redact((error as Error)?.message ?? String(error), secrets);
    throw isDoctorError(error) ? new DoctorError(error.code, message, { cause: error }) : new Error(message, { cause: error });
  } finally {
    io.signal.removeEventListener('abort', forwardAbort);
  }
  if (io.signal.aborted) return cancelled(io);

  const output = flags.json
    ? `${JSON.stringify({ endpoints: redactDeep(results, secrets) }, null, 2)}\n`
    : redact(formatProbeReport(results, { color: wantsColor(io) }), secrets);
  io.stdout.write(output);
  return results.some((r) => r.verdict === 'down') ? EXIT_PROBLEMS : EXIT_OK;
}

function overridesFromFlags(flags: ParsedFlags<typeof FLAGS>, cwd: string): EndpointOverrides {
  if (flags.cert !== undefined && flags.key === undefined) throw usageError('--cert needs --key (or use --pfx)');
  if (flags.key !== undefined && flags.cert === undefined) throw usageError('--key needs --cert');
  if (flags.pfx !== undefined && flags.cert !== undefined) throw usageError('give either --pfx or --cert/--key, not both');
  const path = (file: string | undefined) => (file === undefined ? undefined : resolve(cwd, file));
  return {
    timeoutMs: flags.timeout === undefined ? undefined : parseTimeout(flags.timeout),
    proxy: flags.proxy === undefined ? undefined : parseProxy(flags.proxy),
    ca: path(flags.ca),
    cert: path(flags.cert),
    key: path(flags.key),
    pfx: path(flags.pfx),
  };
}

function parseTimeout(text: string): number {
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms <= 0) throw usageError(`--timeout wants a positive number of milliseconds, not "${text}"`);
  return ms;
}

function parseProxy(text: string): string {
  if (text === 'none' || text === 'system') return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`--proxy wants a URL such as http://proxy.example.com:3128, or "none"; "${redact(text)}" is not one`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError(`--proxy must be an http or https URL, not ${url.protocol}`);
  return text;
}

function readPassphrase(variable: string, env: NodeJS.ProcessEnv): string {
  const value = env[variable];
  if (value === undefined) throw usageError(`--passphrase-env ${variable}: environment variable ${variable} is not set`);
  return value;
}

async function prepareTarget(target: ProbeTarget, env: NodeJS.ProcessEnv, passphrase: string | undefined): Promise<PreparedTarget> {
  const { endpoint, secrets } = await resolveEndpointSecrets(target.endpoint, environmentSecretSource(env), env);
  // Set after resolution, so a passphrase that happens to contain "${...}" is taken literally.
  if (passphrase === undefined) return { ...target, endpoint, secrets };
  return {
    ...target,
    endpoint: { ...endpoint, tls: { ...endpoint.tls, passphrase } },
    secrets: passphrase === '' ? secrets : [...secrets, passphrase],
  };
}

function stderrLogger(stderr: NodeJS.WritableStream, secrets: readonly string[]): Logger {
  const write = (level: string) => (message: string | Error, ...args: unknown[]) => {
    const text = [message instanceof Error ? message.message : message, ...args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))].join(' ');
    stderr.write(`[${level}] ${redact(text, secrets)}\n`);
  };
  return { trace: write('trace'), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

function cancelled(io: CliIo): number {
  io.stderr.write('invoice-doctor probe: cancelled\n');
  return EXIT_CANCELLED;
}

function usageError(message: string): DoctorError {
  return new DoctorError('usage', message);
}
