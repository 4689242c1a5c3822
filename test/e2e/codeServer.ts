import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface CodeServer {
  /** `127.0.0.1:PORT`: the authority of the workbench URL and of `vscode-remote://` URIs. */
  readonly authority: string;
  /** The `[error]` lines of the extension host's log (failed activations and the like). */
  extensionHostErrors(): Promise<string[]>;
  /** Where the workbench and the extension host write their logs, extensions' output channels included. */
  readonly logsDir: string;
  stop(): Promise<void>;
}

export interface StartCodeServerOptions {
  entry: string;
  /** Receives the server's own output, one line at a time. */
  log: (line: string) => void;
  /** Extra environment for the server and so for the extension host it starts. */
  env?: NodeJS.ProcessEnv;
}

const LISTENING_LINE = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)\//;
const STARTUP_DEADLINE_MS = 60_000;
const STOP_GRACE_MS = 5_000;

/** Settings of the test profile: nothing that pops up, phones home or updates. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

/**
 * Starts code-server on a free loopback port with a throw-away profile, as its own process
 * group so that `stop()` also ends the extension host and everything it spawned.
 */
export async function startCodeServer({ entry, log, env = {} }: StartCodeServerOptions): Promise<CodeServer> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'invoice-doctor-code-server-'));
  await mkdir(path.join(home, 'data', 'User'), { recursive: true });
  await writeFile(path.join(home, 'data', 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  await writeFile(path.join(home, 'config.yaml'), 'auth: none\ncert: false\n');
  const child = spawn(process.execPath, [
    entry,
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0',
    '--config', path.join(home, 'config.yaml'),
    '--user-data-dir', path.join(home, 'data'),
    '--extensions-dir', path.join(home, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, EXTENSIONS_GALLERY: '{"serviceUrl":""}' },
  });
  const stop = async (): Promise<void> => {
    await stopProcessGroup(child);
    await rm(home, { recursive: true, force: true });
  };
  try {
    const port = await waitForPort(child, log);
    const logsDir = path.join(home, 'data', 'logs');
    return { authority: `127.0.0.1:${port}`, extensionHostErrors: () => extensionHostErrors(logsDir), logsDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForPort(child: ChildProcess, log: (line: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not report its port within ${STARTUP_DEADLINE_MS / 1000} s`)), STARTUP_DEADLINE_MS);
    const onLine = (line: string): void => {
      log(line);
      const match = LISTENING_LINE.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited before listening (${signal ?? `exit ${code}`}); its output is above`));
    });
  });
}

async function extensionHostErrors(logsDir: string): Promise<string[]> {
  const files = (await readdir(logsDir, { recursive: true }).catch(() => [])).filter((file) => path.basename(file) === 'remoteexthost.log');
  const logs = await Promise.all(files.map((file) => readFile(path.join(logsDir, file), 'utf8')));
  return logs.flatMap((log) => log.split('\n').filter((line) => line.includes('[error]')));
}

/** SIGTERM to the whole group, SIGKILL to whatever is left after a grace period. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) {
    return;
  }
  const exited = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise<void>((resolve) => { timer = setTimeout(resolve, STOP_GRACE_MS); })]);
  clearTimeout(timer);
  signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
      throw error;
    }
  }
}
