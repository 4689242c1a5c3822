import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EndpointConfig } from '../../src/core/endpoint/endpointConfig';
import type { InvoiceDoctorApi } from '../../src/extension/extension';

/** What the suites share: the activated extension, and the demo endpoints the e2e runner wrote. */
export async function activateInvoiceDoctor(): Promise<InvoiceDoctorApi> {
  const extension = vscode.extensions.getExtension<InvoiceDoctorApi>('invoice-doctor.invoice-doctor');
  assert.ok(extension, 'the extension is installed');
  const api = await extension.activate();
  await api.endpointsReady();
  return api;
}

/** The demo gateway's endpoints, as written to the workspace's invoice-doctor.json. */
export async function demoEndpoints(): Promise<EndpointConfig[]> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the demo workspace is open');
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'invoice-doctor.json')));
  return (JSON.parse(text) as { endpoints: EndpointConfig[] }).endpoints;
}
