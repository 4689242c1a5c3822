import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main as cliMain } from '../cli/main';
import { parseArgs } from '../cli/args';
import { EXIT_PROBLEMS } from '../cli/cliCommand';
import { isDoctorError } from '../core/errors';
import { startDemoGateway, type DemoGateway } from './gateway';
import { reportMismatches } from './reportCheck';

/**
 * What `npm start` runs (entry: main.ts): starts the demo gateway and runs the real CLI against it, so the first thing a
 * user sees is invoice-doctor diagnosing a dozen real failures. `--serve [--write FILE]` keeps
 * the gateway up for the extension (`npm run try`) and end-to-end tests.
 */
export interface DemoIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl+C; ends --serve and cancels a running probe. */
  signal: AbortSignal;
}

const USAGE = 'Usage: node dist/demo.js [--serve [--write FILE]]';

export async function runDemo(argv: string[], io: DemoIo): Promise<number> {
  let flags;
  try {
    ({ flags } = parseArgs(argv, { serve: 'boolean', write: 'string', help: 'boolean' }));
  } catch (error) {
    if (!isDoctorError(error, 'usage')) throw error;
    io.stderr.write(`demo: ${error.message}. ${USAGE}\n`);
    return 2;
  }
  if (flags.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (flags.write !== undefined && !flags.serve) {
    io.stderr.write(`demo: --write goes with --serve. ${USAGE}\n`);
    return 2;
  }
  const gateway = await startDemoGateway();
  try {
    const file = flags.write === undefined ? join(gateway.files.dir, 'invoice-doctor.json') : resolve(io.cwd, flags.write);
    await writeFile(file, `${JSON.stringify({ endpoints: gateway.endpoints }, null, 2)}\n`);
    return flags.serve ? await serve(gateway, file, io) : await showReport(gateway, file, io);
  } finally {
    await gateway.close();
  }
}

async function showReport(gateway: DemoGateway, file: string, io: DemoIo): Promise<number> {
  io.stdout.write([
    'Invoice Doctor demo',
    `${gateway.endpoints.length} endpoints on 127.0.0.1 reproducing failures seen in the field (expired and`,
    'untrusted certificates, legacy TLS, refused ports, timeouts, 503s, skewed clocks, business errors).',
    `The report below is what "invoice-doctor probe --config ${file}" prints.`,
    '',
    '',
  ].join('\n'));
  const printed: string[] = [];
  const stdout = Object.assign(new Writable({
    write(chunk, _encoding, done) {
      printed.push(String(chunk));
      io.stdout.write(chunk, done);
    },
  }), { isTTY: io.stdout.isTTY });
  const exitCode = await cliMain(['probe', '--config', file], {
    stdout,
    stderr: io.stderr,
    stdin: Readable.from([]),
    env: io.env,
    cwd: io.cwd,
    signal: io.signal,
  });
  if (io.signal.aborted) return exitCode;
  // Most demo endpoints are down on purpose, so "problems found" is the expected outcome.
  const mismatches = exitCode === EXIT_PROBLEMS ? reportMismatches(printed.join(''), gateway.expectations) : [`the CLI exited with ${exitCode}, expected ${EXIT_PROBLEMS}`];
  if (mismatches.length > 0) {
    io.stderr.write(`\nThe demo did not come out as expected:\n${mismatches.map((m) => `  - ${m}`).join('\n')}\n`);
    return 1;
  }
  return showDiagnoses(gateway, file, io);
}

/**
 * Then `invoice-doctor doctor` on the endpoints that come with logs and configs, to show one
 * verdict drawn from every source.
 */
async function showDiagnoses(gateway: DemoGateway, file: string, io: DemoIo): Promise<number> {
  const names = gateway.endpoints.filter((endpoint) => endpoint.logs?.length).map((endpoint) => endpoint.name);
  io.stdout.write([
    '',
    `${names.length} endpoints come with the nginx and application logs and the configs a real deployment has.`,
    `"invoice-doctor doctor" joins probe, certificates, logs and configs into one verdict for each:`,
    '',
    '',
  ].join('\n'));
  const exitCode = await cliMain(['doctor', '--config', file, ...names], { stdout: io.stdout, stderr: io.stderr, stdin: Readable.from([]), env: io.env, cwd: io.cwd, signal: io.signal });
  if (io.signal.aborted) return exitCode;
  if (exitCode !== EXIT_PROBLEMS) {
    io.stderr.write(`\nThe demo did not come out as expected: "doctor" exited with ${exitCode}, expected ${EXIT_PROBLEMS}\n`);
    return 1;
  }
  io.stdout.write('\nEach endpoint shows the failure it reproduces. Try "node dist/cli.js doctor --help" next.\n');
  return 0;
}

async function serve(gateway: DemoGateway, file: string, io: DemoIo): Promise<number> {
  io.stdout.write([
    `Endpoints file: ${file}`,
    `Demo gateway: ${gateway.endpoints.length} endpoints on 127.0.0.1`,
    `CA certificate: ${gateway.files.caPem}`,
    `Client certificate: ${gateway.files.clientP12} (demo passphrase: ${gateway.clientP12Passphrase})`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'));
  await new Promise<void>((resolveWait) => {
    if (io.signal.aborted) resolveWait();
    io.signal.addEventListener('abort', () => resolveWait(), { once: true });
  });
  return 0;
}
