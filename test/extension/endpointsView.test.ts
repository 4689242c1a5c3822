import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEMO_SCENARIOS } from '../../src/demo/scenarios';
import { FAILURE_CODES } from '../../src/core/failureCodes';
import type { InvoiceDoctorApi } from '../../src/extension/extension';
import type { EndpointTreeNode } from '../../src/extension/endpoints/endpointTreeNodes';
import { waitFor } from './waitFor';

/**
 * The workspace holds the demo gateway's invoice-doctor.json (written by the e2e runner), so the
 * tree must show every field failure with the verdict and the failing layer a user would see.
 */
describe('Endpoints view', function () {
  this.timeout(120_000);
  let api: InvoiceDoctorApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<InvoiceDoctorApi>('invoice-doctor.invoice-doctor');
    assert.ok(extension, 'the extension is installed');
    api = await extension.activate();
    await api.endpointsReady();
  });

  async function roots(): Promise<Array<{ node: EndpointTreeNode; item: vscode.TreeItem }>> {
    const nodes = (await api.endpointsTree.getChildren()) ?? [];
    return Promise.all(nodes.map(async (node) => ({ node, item: await api.endpointsTree.getTreeItem(node) })));
  }

  async function childItems(node: EndpointTreeNode): Promise<vscode.TreeItem[]> {
    const children = (await api.endpointsTree.getChildren(node)) ?? [];
    return Promise.all(children.map((child) => api.endpointsTree.getTreeItem(child)));
  }

  it('shows every demo endpoint with its verdict and the failing layer', async () => {
    await vscode.commands.executeCommand('invoiceDoctor.endpoints.probeAll');
    const rows = await roots();
    for (const scenario of DEMO_SCENARIOS) {
      const row = rows.find((r) => r.item.label === scenario.name);
      assert.ok(row, `"${scenario.name}" is in the tree`);
      if (scenario.expectedCode === null) {
        assert.equal(row.item.contextValue, 'endpoint:up', `${scenario.name} is up`);
        assert.match(String(row.item.description), /^up · \d/);
        continue;
      }
      assert.match(String(row.item.contextValue), /^endpoint:(down|degraded)$/, `${scenario.name} is not up`);
      assert.ok(String(row.item.description).includes(FAILURE_CODES[scenario.expectedCode].title), `${scenario.name}: "${row.item.description}" names ${scenario.expectedCode}`);
      const layers = await childItems(row.node);
      const failing = layers.find((l) => String(l.contextValue).endsWith(':fail') || String(l.contextValue).endsWith(':warn'));
      assert.ok(failing, `${scenario.name} has a failing layer row`);
      assert.ok(String(failing.description).length > 0, `${scenario.name}'s failing layer explains itself`);
      assert.equal(String(failing.label).toLowerCase(), FAILURE_CODES[scenario.expectedCode].layer, `${scenario.name} fails at the ${FAILURE_CODES[scenario.expectedCode].layer} layer`);
    }
  });

  it('refreshes the tree when the endpoints setting changes', async () => {
    const configuration = vscode.workspace.getConfiguration();
    const added = { name: 'Added from settings', url: 'http://127.0.0.1:9/health', intervalSec: 0 };
    await configuration.update('invoiceDoctor.endpoints', [added], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(async () => (await roots()).some((r) => r.item.label === added.name), 'the new endpoint appears');
    } finally {
      await configuration.update('invoiceDoctor.endpoints', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(async () => !(await roots()).some((r) => r.item.label === added.name), 'the endpoint disappears again');
  });

  it('refreshes only the probed endpoint\'s row, so a menu opened on another row keeps its target', async () => {
    const name = 'Missing intermediate';
    const row = (await roots()).find((r) => r.item.label === name);
    assert.ok(row, `"${name}" is in the tree`);
    const refreshed: unknown[] = [];
    const listener = api.endpointsTree.onDidChangeTreeData!((change) => {
      refreshed.push(...(Array.isArray(change) ? change : [change]));
    });
    try {
      await vscode.commands.executeCommand('invoiceDoctor.endpoints.probe', name);
    } finally {
      listener.dispose();
    }
    // Probing starts (spinner) and finishes (verdict, then history): each refreshes the row.
    assert.ok(refreshed.length >= 2, `the row was refreshed ${refreshed.length} times`);
    for (const change of refreshed) {
      assert.equal(change, row.node, 'the refresh names the probed row, the very object the tree holds, never the whole tree');
    }
  });

  it('copies a diagnosis without secrets', async () => {
    await vscode.commands.executeCommand('invoiceDoctor.endpoints.copyDiagnosis', 'Expired certificate');
    const text = await vscode.env.clipboard.readText();
    assert.match(text, /Verdict: DOWN - tls\.cert_expired/);
    assert.match(text, /Next steps:/);
  });
});
