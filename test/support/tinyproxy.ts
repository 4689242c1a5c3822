import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { makeTempDir } from './tempFiles';
import { closedPort } from './loopbackServers';

/**
 * A real tinyproxy on 127.0.0.1 with its own config in a temp dir. No `ConnectPort` line, so
 * CONNECT is allowed to every port (tinyproxy's documented default), which the loopback servers need.
 * CI installs the Debian package `tinyproxy`; without it the tests fail with that advice.
 */
export interface RunningProxy {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const START_DEADLINE_MS = 10_000;

export function tinyproxyBinary(): string {
  for (const candidate of ['/usr/bin/tinyproxy', '/usr/sbin/tinyproxy', '/usr/local/bin/tinyproxy']) {
    if (spawnSync(candidate, ['-v']).status === 0) return candidate;
  }
  throw new Error('tinyproxy is not installed: install the Debian package "tinyproxy" (apt-get install tinyproxy) to run the proxy tests');
}

export async function startTinyproxy(): Promise<RunningProxy> {
  const binary = tinyproxyBinary();
  const dir = await makeTempDir('invoice-doctor-tinyproxy-');
  const port = await closedPort();
  const config = await dir.write('tinyproxy.conf', [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    'MaxClients 20',
    'Allow 127.0.0.1',
    'LogLevel Error',
    `LogFile "${dir.path}/tinyproxy.log"`,
    `PidFile "${dir.path}/tinyproxy.pid"`,
    'DisableViaHeader Yes',
    '',
  ].join('\n'));
  const child = spawn(binary, ['-d', '-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const stop = async () => {
    await stopChild(child);
    await dir.remove();
  };
  try {
    await waitForPort(port, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, port, stop };
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + START_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tinyproxy exited with ${child.exitCode}: ${stderr()}`);
    if (await accepts(port)) return;
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 50));
  }
  throw new Error(`tinyproxy did not listen on 127.0.0.1:${port} within ${START_DEADLINE_MS} ms: ${stderr()}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolvePromise(true); });
    socket.once('error', () => resolvePromise(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill('SIGTERM');
  });
}
