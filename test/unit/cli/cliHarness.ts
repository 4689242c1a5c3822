import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main } from '../../../src/cli/main';

/** Runs the real CLI: in-process with captured streams, or as a child process. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  signal?: AbortSignal;
  /** Pretend stdout is a terminal, to see the report as a user at a terminal does. */
  tty?: boolean;
}

export async function runCli(argv: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const stdout = capture(options.tty);
  const stderr = capture(false);
  const code = await main(argv, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin: Readable.from([]),
    env: options.env ?? cleanEnv(),
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal ?? new AbortController().signal,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const REPO = join(__dirname, '..', '..', '..');

/** The CLI as a separate Node process, run from its TypeScript source through tsx. */
export function runCliProcess(argv: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--require', 'tsx/cjs', join(REPO, 'src/cli/bin.ts'), ...argv], {
      cwd: options.cwd ?? REPO,
      env: { ...(options.env ?? cleanEnv()), NODE_PATH: join(REPO, 'node_modules') },
    }, (error, stdout, stderr) => {
      const code = error ? (error as { code?: unknown }).code : 0;
      if (typeof code !== 'number') reject(error);
      else resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The environment without proxy settings, locale or Invoice Doctor secrets from the developer's shell,
 * so results depend only on what a test sets.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    // The locale goes too: reports are in the language it names (LANG=zh_CN.UTF-8 means Chinese).
    if (!/proxy$/i.test(name) && !name.startsWith('INVOICE_DOCTOR_') && name !== 'NO_COLOR' && !/^(LANG|LANGUAGE|LC_\w+)$/.test(name)) env[name] = value;
  }
  return { ...env, ...extra };
}

function capture(tty = false): { stream: Writable & { isTTY?: boolean }; text(): string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream: Object.assign(stream, { isTTY: tty }), text: () => Buffer.concat(chunks).toString('utf8') };
}
