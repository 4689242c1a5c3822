import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EndpointConfig } from '../../src/core/endpoint/endpointConfig';
import type { InvoiceDoctorApi } from '../../src/extension/extension';
import { activateInvoiceDoctor, demoEndpoints } from './demoWorkspace';
import { waitFor } from './waitFor';

/**
 * Probe history through what a user sees: the endpoint tooltips' sparkline and uptime, and the
 * history the API reads from workspace storage. The suite probes copies of two demo endpoints
 * (defined in the workspace setting with `intervalSec: 0`, so background probing never adds a
 * probe of its own and the counts are exact).
 */
describe('Probe history', function () {
  this.timeout(120_000);
  let api: InvoiceDoctorApi;
  let healthy: EndpointConfig;
  let refused: EndpointConfig;

  before(async () => {
    api = await activateInvoiceDoctor();
    const endpoints = await demoEndpoints();
    const demo = (name: string) => endpoints.find((e) => e.name === name);
    const healthyDemo = demo('Healthy gateway');
    const refusedDemo = demo('Refused port');
    assert.ok(healthyDemo && refusedDemo, 'the demo gateway has a healthy and a refused endpoint');
    healthy = { ...healthyDemo, name: 'History: healthy', intervalSec: 0 };
    refused = { ...refusedDemo, name: 'History: refused', intervalSec: 0 };
    await setEndpoints([healthy, refused]);
  });

  after(async () => {
    await vscode.workspace.getConfiguration().update('invoiceDoctor.endpoints', undefined, vscode.ConfigurationTarget.Workspace);
  });

  async function setEndpoints(endpoints: EndpointConfig[]): Promise<void> {
    await vscode.workspace.getConfiguration().update('invoiceDoctor.endpoints', endpoints, vscode.ConfigurationTarget.Workspace);
    await waitFor(async () => {
      const labels = await Promise.all(((await api.endpointsTree.getChildren()) ?? []).map(async (node) => (await api.endpointsTree.getTreeItem(node)).label));
      return endpoints.every((e) => labels.includes(e.name));
    }, 'the endpoints from the setting are in the tree');
  }

  async function probeTwice(...names: string[]): Promise<void> {
    for (const name of names) {
      await vscode.commands.executeCommand('invoiceDoctor.endpoints.probe', name);
      await vscode.commands.executeCommand('invoiceDoctor.endpoints.probe', name);
    }
  }

  async function tooltipOf(name: string): Promise<string> {
    for (const node of (await api.endpointsTree.getChildren()) ?? []) {
      const item = await api.endpointsTree.getTreeItem(node);
      if (item.label === name) return item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
    }
    assert.fail(`"${name}" is in the tree`);
  }

  it('records every probe and shows the trend in the tooltip', async () => {
    await probeTwice(healthy.name, refused.name);

    const up = api.probeHistory.summary(healthy.name);
    assert.equal(api.probeHistory.entries(healthy.name).length, 2);
    assert.equal(up.uptimePercent, 100);
    assert.ok(up.medianMs !== null && up.medianMs > 0, 'the latency of an up endpoint is known');
    assert.match(await tooltipOf(healthy.name), /Last 2 probes: [▁▂▃▄▅▆▇█]{2} · 100% up · median \d+ ms/);

    const down = api.probeHistory.summary(refused.name);
    assert.equal(api.probeHistory.entries(refused.name).length, 2);
    assert.equal(down.uptimePercent, 0);
    assert.equal(down.lastFailure?.code, 'tcp.refused');
    assert.equal(down.longestDownStreak?.count, 2);
    assert.match(await tooltipOf(refused.name), /Last 2 probes: ✕✕ · 0% up/);
  });

  it('forgets all history on Clear Probe History', async () => {
    assert.ok(api.probeHistory.entries(healthy.name).length > 0, 'there is history to clear');
    await vscode.commands.executeCommand('invoiceDoctor.history.clear');
    assert.deepEqual(api.probeHistory.entries(healthy.name), []);
    assert.deepEqual(api.probeHistory.entries(refused.name), []);
    assert.doesNotMatch(await tooltipOf(healthy.name), /Last \d+ probes/);
  });

  it('starts afresh when the URL changes and forgets removed endpoints', async () => {
    await probeTwice(healthy.name, refused.name);
    const moved = { ...healthy, url: refused.url };
    await setEndpoints([moved]);
    await waitFor(() => api.probeHistory.entries(refused.name).length === 0, 'the removed endpoint\'s history is forgotten');
    assert.deepEqual(api.probeHistory.entries(healthy.name), [], 'a history of another URL is not this endpoint\'s');
    await vscode.commands.executeCommand('invoiceDoctor.endpoints.probe', moved.name);
    assert.deepEqual(api.probeHistory.entries(moved.name).map((e) => e.verdict), ['down'], 'the new URL\'s history starts with its first probe');
  });
});
