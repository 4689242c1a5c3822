import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliCommand, type CliIo, wantsColor } from './cliCommand';
import { parseArgs, type ParsedFlags } from './args';
import { formatCertReport } from './certReportText';
import { hasErrors, type CertReport } from '../core/certs/certReport';
import { inspectFile } from '../core/certs/inspectFile';
import { inspectRemote } from '../core/certs/inspectRemote';
import { DoctorError } from '../core/errors';
import { redact, redactDeep } from '../core/report/redact';

const FLAGS = {
  json: 'boolean',
  servername: 'string',
  'passphrase-env': 'string',
  'warn-days': 'string',
  ca: 'string',
  key: 'string',
  cert: 'string',
  pfx: 'string',
  offline: 'boolean',
  timeout: 'string',
} as const;

/** What shells report for a run stopped by Ctrl+C (128 + SIGINT). */
const EXIT_CANCELLED = 130;

const USAGE = `Usage: invoice-doctor cert TARGET [--json] [--servername NAME] [--passphrase-env VAR] [--warn-days N] [--ca FILE]
                           [--key FILE] [--pfx FILE | --cert FILE --key FILE] [--offline] [--timeout MS]

Shows a certificate chain and checks it: validity, expiry, host name, order, completeness, trust,
key and signature strength, revocation (OCSP, CRL), and whether a private key matches.

TARGET is a file (PEM with certificates and keys, DER, PKCS#12, PKCS#7; the format is read from the
content), host[:port] (port 443 by default), or an https URL.

Options:
  --json                 print one JSON document { "source", "chain", "checks", ... }
  --servername NAME      server: SNI and the name the certificate must cover; file: the host name
                         the certificate must cover
  --passphrase-env VAR   read the PKCS#12 or key passphrase from environment variable VAR
  --warn-days N          warn when a certificate expires within N days (default 30)
  --ca FILE              also trust the CA certificates in FILE (besides Node's and the system's)
  --key FILE             file: a private key to check against the certificate
  --pfx FILE             server: the client certificate (PKCS#12) an application uses, to check
  --cert FILE --key FILE   that the server accepts it (PEM instead of PKCS#12)
  --offline              do not download missing issuers nor ask OCSP responders and CRLs
  --timeout MS           time limit per connection or download (default 5000)

Severity: errors are expired, not yet valid, revoked, untrusted, host name mismatch, key mismatch,
bad passphrase and a client certificate the server does not accept; warnings are expiring soon,
weak key or signature, incomplete chain, wrong order, self-signed. A self-signed server certificate
is a warning by itself; what breaks clients is that nothing trusts it, reported as cert.untrusted
(an error) unless you vouch for it with --ca. Revocation that cannot be checked is information
(cert.revocation_unknown), never "good".

Exit codes: 0 no error-level check (warnings only), 1 error-level checks, 2 bad usage or unreadable
input. A wrong or missing passphrase makes the input unreadable: exit 2, one line on stderr, and
with --json the report carrying the cert.bad_passphrase check is still printed.
`;

export const certCommand: CliCommand = {
  name: 'cert',
  summary: 'Inspect a certificate file or the chain a server presents',
  usage: USAGE,
  run: runCert,
};

async function runCert(argv: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS);
  if (positionals.length !== 1) throw usageError(positionals.length === 0 ? 'give a TARGET: a certificate file, host[:port] or an https URL' : 'give exactly one TARGET');
  const passphrase = flags['passphrase-env'] === undefined ? undefined : readPassphrase(flags['passphrase-env'], io.env);
  const secrets = passphrase ? [passphrase] : [];
  const common = {
    warnDays: flags['warn-days'] === undefined ? undefined : parseWholeNumber('--warn-days', flags['warn-days']),
    timeoutMs: flags.timeout === undefined ? undefined : parseWholeNumber('--timeout', flags.timeout, 1),
    caFile: flags.ca === undefined ? undefined : resolve(io.cwd, flags.ca),
    network: !flags.offline,
    signal: io.signal,
    env: io.env,
  };
  const target = positionals[0];
  const file = await existingFile(resolve(io.cwd, target));

  let report: CertReport;
  try {
    if (file || looksLikePath(target)) {
      if (flags.pfx !== undefined || flags.cert !== undefined) throw usageError('--pfx and --cert are for server targets; for a file, --key checks a private key');
      report = await inspectFile(resolve(io.cwd, target), { ...common, passphrase, host: flags.servername, keyFile: flags.key === undefined ? undefined : resolve(io.cwd, flags.key) });
      report.source = target;
    } else {
      report = await inspectRemote(target, { ...common, servername: flags.servername, clientCert: clientCertFromFlags(flags, io.cwd, passphrase) });
    }
  } catch (error) {
    if (io.signal.aborted) return cancelled(io);
    if (error instanceof DoctorError) throw new DoctorError(error.code, redact(error.message, secrets), { cause: error });
    throw error;
  }
  if (io.signal.aborted) return cancelled(io);

  io.stdout.write(flags.json ? `${JSON.stringify(redactDeep(report, secrets), null, 2)}\n` : redact(formatCertReport(report, { color: wantsColor(io) }), secrets));
  const badPassphrase = report.checks.find((check) => check.code === 'cert.bad_passphrase');
  if (badPassphrase) {
    io.stderr.write(`invoice-doctor cert: ${redact(badPassphrase.message, secrets)}\n`);
    return EXIT_USAGE;
  }
  return hasErrors(report) ? EXIT_PROBLEMS : EXIT_OK;
}

function clientCertFromFlags(flags: ParsedFlags<typeof FLAGS>, cwd: string, passphrase: string | undefined) {
  if (flags.pfx !== undefined && flags.cert !== undefined) throw usageError('give either --pfx or --cert/--key, not both');
  if (flags.cert !== undefined && flags.key === undefined) throw usageError('--cert needs --key (or use --pfx)');
  if (flags.key !== undefined && flags.cert === undefined) throw usageError('for a server target, --key goes with --cert');
  if (flags.pfx === undefined && flags.cert === undefined) return undefined;
  const path = (file: string | undefined) => (file === undefined ? undefined : resolve(cwd, file));
  return { pfx: path(flags.pfx), cert: path(flags.cert), key: path(flags.key), passphrase };
}

async function existingFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** A target that is clearly meant as a file (a slash or a certificate extension) is not a host name. */
function looksLikePath(target: string): boolean {
  if (/^https?:\/\//i.test(target)) return false;
  return target.includes('/') || target.includes('\\') || /\.(pem|crt|cer|der|p12|pfx|p7b|p7c|key)$/i.test(target);
}

function parseWholeNumber(flag: string, text: string, minimum = 0): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < minimum) throw usageError(`${flag} wants a whole number${minimum > 0 ? ` of at least ${minimum}` : ''}, not "${text}"`);
  return value;
}

function readPassphrase(variable: string, env: NodeJS.ProcessEnv): string {
  const value = env[variable];
  if (value === undefined) throw usageError(`--passphrase-env ${variable}: environment variable ${variable} is not set`);
  return value;
}

function cancelled(io: CliIo): number {
  io.stderr.write('invoice-doctor cert: cancelled\n');
  return EXIT_CANCELLED;
}

function usageError(message: string): DoctorError {
  return new DoctorError('usage', message);
}
