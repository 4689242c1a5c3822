import { execFile } from 'node:child_process';
import * as os from 'node:os';
import type { ProbeResult } from '../probe/probeResult';
import { redact } from '../report/redact';
import type { EnvironmentInfo } from './doctorReport';

/**
 * The facts a platform's support desk asks for first: where the client runs, with which
 * runtimes, through which proxy. Java is looked up because most invoicing clients are Java
 * applications whose TLS defaults depend on the JDK version.
 */
const JAVA_LOOKUP_MS = 3000;

export async function environmentInfo(probe: ProbeResult, toolVersion: string, env: NodeJS.ProcessEnv = process.env): Promise<EnvironmentInfo> {
  return {
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    openssl: process.versions.openssl,
    java: await javaVersion(env),
    tool: `invoice-doctor ${toolVersion}`,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'unknown',
    proxy: proxyInUse(probe),
  };
}

/** The tunnel the TLS layer went through, or the proxy the HTTP layer used; credentials removed. */
function proxyInUse(probe: ProbeResult): string {
  for (const layer of probe.layers) {
    const tunnel = layer.detail.tunnel as { proxy?: string; source?: string } | null | undefined;
    if (tunnel?.proxy) return redact(`${tunnel.proxy}${tunnel.source ? ` (from ${tunnel.source})` : ''}`);
    const proxy = layer.detail.proxy;
    if (typeof proxy === 'string' && proxy !== '') return redact(proxy);
  }
  return 'none';
}

function javaVersion(env: NodeJS.ProcessEnv): Promise<string | null> {
  return new Promise((resolve) => {
    // `java -version` writes to stderr; a missing or hanging java is simply "not known".
    execFile('java', ['-version'], { timeout: JAVA_LOOKUP_MS, env, windowsHide: true }, (error, stdout, stderr) => {
      const first = `${stderr}${stdout}`.split(/\r?\n/).find((line) => line.trim() !== '');
      resolve(error && !first ? null : first?.trim() ?? null);
    });
  });
}
