import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EndpointConfig } from '../core/endpoint/endpointConfig';
import { createAuthority, issue, selfSigned, toPkcs12, daysFromNow } from './pki';
import type { DemoEvidenceFiles } from './demoEvidence';
import { DEMO_SCENARIOS, type DemoCredentials, type DemoScenario } from './scenarios';

/**
 * A bundled gateway on loopback that reproduces the failures of DEMO_SCENARIOS, one server
 * and one endpoint each, so the demo, the tests and a first-time user all see real failures
 * without touching any real service.
 */
export interface DemoFiles {
  /** The temporary folder the gateway owns; removed by close(). */
  dir: string;
  /** The demo root CA, referenced by every https endpoint as tls.ca. */
  caPem: string;
  /** A client certificate the "Client certificate required" server accepts. */
  clientP12: string;
  clientCertPem: string;
  clientKeyPem: string;
}

export interface DemoEndpoint {
  endpoint: EndpointConfig;
  /** What a correct probe diagnoses; null means up. */
  expectedCode: DemoScenario['expectedCode'];
}

export interface DemoGateway {
  endpoints: EndpointConfig[];
  /** The same endpoints with the diagnosis each one is built to produce. */
  expectations: DemoEndpoint[];
  files: DemoFiles;
  /** Passphrase of files.clientP12; a throwaway made for this gateway. */
  clientP12Passphrase: string;
  close(): Promise<void>;
}

export interface DemoGatewayOptions {
  host?: string;
}

const HEALTH_PATH = '/api/v3/health';
const LOCAL_HOST_NAME = 'localhost';

export async function startDemoGateway(options: DemoGatewayOptions = {}): Promise<DemoGateway> {
  const host = options.host ?? '127.0.0.1';
  const dir = await mkdtemp(join(tmpdir(), 'invoice-doctor-demo-'));
  const running: RunningServer[] = [];
  try {
    const { credentials, files, clientP12Passphrase } = await writeCredentials(dir);
    const expectations: DemoEndpoint[] = [];
    for (const scenario of DEMO_SCENARIOS) {
      let port: number;
      if (scenario.server === 'refused') {
        port = await unusedPort(host);
      } else {
        const { tls, handle } = scenario.server(credentials);
        const server = await listen(createHttpsServer(tls, handle), host);
        running.push(server);
        port = server.port;
      }
      const endpoint: EndpointConfig = {
        name: scenario.name,
        url: `https://${urlHost(host)}:${port}${HEALTH_PATH}`,
        // Loopback must never go through a proxy from the user's environment.
        proxy: 'none',
        ...scenario.endpoint,
        tls: { ca: files.caPem, ...scenario.endpoint?.tls },
        ...(scenario.evidence ? await writeEvidence(join(dir, slug(scenario.name)), scenario.evidence({ target: `${urlHost(host)}:${port}`, now: new Date() })) : {}),
      };
      expectations.push({ endpoint, expectedCode: scenario.expectedCode });
    }
    // Idempotent: a test's cleanup may close a gateway a signal handler is already closing.
    let closing: Promise<void> | undefined;
    return {
      endpoints: expectations.map((e) => e.endpoint),
      expectations,
      files,
      clientP12Passphrase,
      close: () => (closing ??= shutDown(running, dir)),
    };
  } catch (error) {
    await shutDown(running, dir);
    throw error;
  }
}

/** Writes a scenario's logs and configs into its own folder; returns the endpoint fields that list them. */
async function writeEvidence(folder: string, evidence: DemoEvidenceFiles): Promise<Pick<EndpointConfig, 'logs' | 'configs'>> {
  await mkdir(folder, { recursive: true });
  const write = async (files: Record<string, string> | undefined) => {
    if (!files) return undefined;
    const paths = Object.keys(files).map((name) => join(folder, name));
    await Promise.all(paths.map((path, index) => writeFile(path, Object.values(files)[index])));
    return paths;
  };
  const [logs, configs] = await Promise.all([write(evidence.logs), write(evidence.configs)]);
  return { ...(logs ? { logs } : {}), ...(configs ? { configs } : {}) };
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

async function shutDown(running: RunningServer[], dir: string): Promise<void> {
  await Promise.all(running.map((server) => server.close()));
  await rm(dir, { recursive: true, force: true });
}

async function writeCredentials(dir: string): Promise<{ credentials: DemoCredentials; files: DemoFiles; clientP12Passphrase: string }> {
  const { root, intermediate } = createAuthority('Invoice Doctor Demo');
  const localNames = [LOCAL_HOST_NAME, '127.0.0.1', '::1'];
  const leaf = issue(intermediate, { commonName: LOCAL_HOST_NAME, altNames: localNames });
  const credentials: DemoCredentials = {
    rootPem: root.certPem,
    intermediatePem: intermediate.certPem,
    leaf,
    expiredLeaf: issue(intermediate, { commonName: LOCAL_HOST_NAME, altNames: localNames, notBefore: daysFromNow(-400), notAfter: daysFromNow(-30) }),
    wrongHostLeaf: issue(intermediate, { commonName: 'gw.example.com', altNames: ['gw.example.com'] }),
    selfSignedLeaf: selfSigned({ commonName: LOCAL_HOST_NAME, altNames: localNames }),
  };
  const client = issue(intermediate, { commonName: 'Invoice Doctor Demo Client', usage: 'client' });
  const clientP12Passphrase = randomBytes(9).toString('base64url');
  const files: DemoFiles = {
    dir,
    caPem: join(dir, 'demo-root-ca.pem'),
    clientP12: join(dir, 'demo-client.p12'),
    clientCertPem: join(dir, 'demo-client.pem'),
    clientKeyPem: join(dir, 'demo-client.key'),
  };
  await Promise.all([
    writeFile(files.caPem, root.certPem),
    writeFile(files.clientP12, toPkcs12(client, clientP12Passphrase, [intermediate]), { mode: 0o600 }),
    writeFile(files.clientCertPem, client.certPem + intermediate.certPem),
    writeFile(files.clientKeyPem, client.keyPem, { mode: 0o600 }),
  ]);
  return { credentials, files, clientP12Passphrase };
}

interface RunningServer {
  port: number;
  close(): Promise<void>;
}

async function listen(server: Server, host: string): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // Probes reset connections on purpose (timeouts, failed handshakes); that is not an error here.
    socket.on('error', () => undefined);
  });
  server.on('tlsClientError', () => undefined);
  server.on('clientError', (_error, socket: Socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => undefined);
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      // close() alone waits for every client to hang up; the slow scenario's never would.
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    }),
  };
}

/** A port that was just bound and released, so connecting to it is refused. */
async function unusedPort(host: string): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
