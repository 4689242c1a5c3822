import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DoctorReport } from '../../src/core/diagnose/doctorReport';
import type { EndpointConfig } from '../../src/core/endpoint/endpointConfig';
import { DEMO_SCENARIOS } from '../../src/demo/scenarios';
import type { InvoiceDoctorApi } from '../../src/extension/extension';
import { activateInvoiceDoctor, demoEndpoints } from './demoWorkspace';
import { waitFor } from './waitFor';

/**
 * Diagnose Endpoint as a user runs it from the Endpoints view, on every failure the demo
 * gateway reproduces, and what leaves the editor afterwards (clipboard, exported files) checked
 * for a secret planted in the header, a log line and a config.
 */
const PLANTED = 'pl4nted-ext-s3cret-91be';

describe('Diagnose Endpoint', function () {
  this.timeout(180_000);
  let api: InvoiceDoctorApi;
  let demo: EndpointConfig[];
  let scratch: string;

  before(async () => {
    api = await activateInvoiceDoctor();
    demo = await demoEndpoints();
    scratch = await mkdtemp(join(tmpdir(), 'invoice-doctor-diagnose-'));
  });

  after(async () => {
    await vscode.workspace.getConfiguration().update('invoiceDoctor.endpoints', undefined, vscode.ConfigurationTarget.Workspace);
    await rm(scratch, { recursive: true, force: true });
  });

  const diagnose = (name: string) => vscode.commands.executeCommand<DoctorReport | undefined>('invoiceDoctor.endpoints.diagnose', name);

  it('gives every demo failure its verdict, resting on the probe', async () => {
    for (const scenario of DEMO_SCENARIOS) {
      const report = await diagnose(scenario.name);
      assert.ok(report, `${scenario.name} was diagnosed`);
      assert.equal(report.verdict.code, scenario.expectedCode, `${scenario.name}: ${report.verdict.headline}`);
      assert.equal(report.verdict.status === 'healthy', scenario.expectedCode === null, `${scenario.name} is ${report.verdict.status}`);
      assert.ok(report.verdict.evidence.some((e) => e.source === 'probe' && e.supports), `${scenario.name} rests on the probe`);
    }
  });

  it('joins the nginx log, the certificate and the probe history to the probe for the expired certificate', async () => {
    await vscode.commands.executeCommand('invoiceDoctor.endpoints.probe', 'Expired certificate');
    const report = await diagnose('Expired certificate');
    assert.equal(report?.verdict.confidence, 'high');
    const sources = new Set(report?.verdict.evidence.filter((e) => e.supports).map((e) => e.source));
    for (const source of ['probe', 'certificate', 'logs', 'history'] as const) assert.ok(sources.has(source), `${source} supports the verdict`);
    assert.ok(report!.history && report!.history.probes > 0, 'the probes of the earlier suites are in the history');
    assert.match(report!.verdict.headline, /matching events since/);
  });

  it('blames the slow gateway rather than the exhausted pool', async () => {
    const report = await diagnose('Slow (times out)');
    assert.equal(report?.verdict.code, 'http.timeout');
    assert.match(report!.verdict.headline, /the gateway is slow, not our pool/);
    assert.ok(report!.verdict.fixes.some((fix) => fix.source === 'config' && fix.rule === 'nginx.proxy-timeouts' && fix.location?.line));
  });

  it('keeps a planted secret out of the clipboard and the exported Markdown and HTML', async () => {
    const healthy = demo.find((e) => e.name === 'Healthy gateway')!;
    const target = new URL(healthy.url).host;
    const log = join(scratch, 'app.log');
    const config = join(scratch, 'application.properties');
    await writeFile(log, `${new Date(Date.now() - 120_000).toISOString()} ERROR 1 --- [main] c.e.GatewayClient : Authorization: Bearer ${PLANTED} rejected\njava.net.SocketTimeoutException: Read timed out; host ${target} token=${PLANTED}\n`);
    await writeFile(config, `invoice.gateway.url=https://${target}/api\ninvoice.gateway.api-key=${PLANTED}\nspring.datasource.hikari.maximum-pool-size=400\n`);
    const planted: EndpointConfig = { ...healthy, name: 'Planted secret', intervalSec: 0, headers: { Authorization: `Bearer ${PLANTED}` }, logs: [log], configs: [config] };
    await vscode.workspace.getConfiguration().update('invoiceDoctor.endpoints', [planted], vscode.ConfigurationTarget.Workspace);
    await waitFor(async () => {
      const labels = await Promise.all(((await api.endpointsTree.getChildren()) ?? []).map(async (node) => (await api.endpointsTree.getTreeItem(node)).label));
      return labels.includes(planted.name);
    }, 'the planted endpoint is in the tree');

    const report = await diagnose(planted.name);
    assert.ok(report);
    const markdown = vscode.Uri.file(join(scratch, 'diagnosis.md'));
    const html = vscode.Uri.file(join(scratch, 'diagnosis.html'));
    await vscode.commands.executeCommand('invoiceDoctor.diagnosis.exportMarkdown', markdown);
    await vscode.commands.executeCommand('invoiceDoctor.diagnosis.exportHtml', html);
    await vscode.commands.executeCommand('invoiceDoctor.diagnosis.copyForSupportTicket');
    const outputs = {
      report: JSON.stringify(report),
      markdown: await readFile(markdown.fsPath, 'utf8'),
      html: await readFile(html.fsPath, 'utf8'),
      clipboard: await vscode.env.clipboard.readText(),
    };
    for (const [where, text] of Object.entries(outputs)) assert.ok(!text.includes(PLANTED), `the secret is not in the ${where}`);
    assert.match(outputs.markdown, /# Invoice Doctor diagnosis: Planted secret/);
    assert.match(outputs.markdown, /«redacted»/);
    assert.ok(outputs.clipboard === outputs.markdown || outputs.clipboard.length === 0, 'the clipboard holds the Markdown report (when the browser grants clipboard access)');
  });
});
