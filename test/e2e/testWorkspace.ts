import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EndpointConfig } from '../../src/core/endpoint/endpointConfig';
import { startDemoGateway } from '../../src/demo/gateway';

export interface TestWorkspace {
  /** Absolute path of the folder the workbench opens. */
  readonly folder: string;
  /** The demo gateway's endpoints, as written to `<folder>/invoice-doctor.json`. */
  readonly endpoints: readonly EndpointConfig[];
  close(): Promise<void>;
}

/**
 * A fresh folder per run holding the demo gateway's `invoice-doctor.json`. The gateway runs on
 * loopback in this process (the runner's), before code-server starts, so the extension, the
 * extension tests and the UI tests all find real endpoints with real failures.
 */
export async function prepareTestWorkspace(): Promise<TestWorkspace> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'invoice-doctor-workspace-'));
  const gateway = await startDemoGateway().catch(async (error: unknown) => {
    await rm(folder, { recursive: true, force: true });
    throw error;
  });
  const { endpoints } = gateway;
  await writeFile(path.join(folder, 'invoice-doctor.json'), `${JSON.stringify({ endpoints }, null, 2)}\n`);
  return {
    folder,
    endpoints,
    async close() {
      await gateway.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
