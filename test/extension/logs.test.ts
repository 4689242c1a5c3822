import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FAILURE_CODES, type FailureCode } from '../../src/core/failureCodes';
import type { InvoiceDoctorApi } from '../../src/extension/extension';
import type { FindingsTreeNode } from '../../src/extension/logs/findingsTreeNodes';
import { waitFor } from './waitFor';

const EXTENSION_ID = 'invoice-doctor.invoice-doctor';
const REPORT_TITLE = 'Invoice Doctor Log Report';

/** What test/extension/fixtures/logs/README.md says the fixture holds (1-based lines). */
const EXPECTED: Record<string, { count: number; lines: number[] }> = {
  'tcp.refused': { count: 12, lines: [1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14] },
  'tls.cert_expired': { count: 7, lines: [23, 24, 25, 26, 27, 28, 29] },
  'http.timeout': { count: 6, lines: [16, 17, 18, 19, 20, 22] },
  'upstream.no_live': { count: 2, lines: [3, 15] },
  'dns.not_found': { count: 2, lines: [30, 31] },
};

describe('Log analysis', function () {
  this.timeout(60_000);
  let api: InvoiceDoctorApi;
  let fixture: vscode.Uri;
  let scratch: string;

  before(async () => {
    const extension = vscode.extensions.getExtension<InvoiceDoctorApi>(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed');
    api = await extension.activate();
    fixture = vscode.Uri.file(path.join(extension.extensionPath, 'test', 'extension', 'fixtures', 'logs', 'error.log'));
    scratch = await mkdtemp(path.join(os.tmpdir(), 'invoice-doctor-logs-'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('invoiceDoctor.logs').update('maxDiagnostics', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('invoiceDoctor.logs').update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Global);
    await rm(scratch, { recursive: true, force: true });
  });

  async function rows(node?: FindingsTreeNode): Promise<Array<{ node: FindingsTreeNode; item: vscode.TreeItem }>> {
    const nodes = (await api.findingsTree.getChildren(node)) ?? [];
    return Promise.all(nodes.map(async (child) => ({ node: child, item: await api.findingsTree.getTreeItem(child) })));
  }

  it('fills the Findings view with every category, its count, targets and sample lines', async () => {
    await vscode.commands.executeCommand('invoiceDoctor.logs.analyze', fixture);
    const categories = await rows();
    assert.deepEqual(
      Object.fromEntries(categories.map(({ item }) => [item.id, Number(String(item.description).split(' ')[0])])),
      Object.fromEntries(Object.entries(EXPECTED).map(([category, { count }]) => [category, count])),
    );
    for (const { item } of categories) assert.equal(item.label, FAILURE_CODES[item.id as FailureCode].title);

    const refused = categories.find(({ item }) => item.id === 'tcp.refused')!;
    const targets = await rows(refused.node);
    assert.deepEqual(targets.map(({ item }) => [item.label, item.description]), [['10.2.0.11:8080', '10'], ['10.2.0.12:8080', '2']]);

    const samples = await rows(targets[0].node);
    assert.ok(samples.length > 0, 'a target lists sample lines');
    const open = samples[0].item.command;
    assert.equal(open?.command, 'vscode.open');
    const [uri, options] = open.arguments as [vscode.Uri, { selection: vscode.Range }];
    assert.equal(uri.fsPath, fixture.fsPath);
    assert.equal(options.selection.start.line, 0, 'the first sample opens line 1');
  });

  it('marks the finding lines of an open log with information diagnostics', async () => {
    await vscode.window.showTextDocument(fixture);
    const expectedLines = Object.values(EXPECTED).flatMap(({ lines }) => lines.map((line) => line - 1)).sort((a, b) => a - b);
    const ours = () => vscode.languages.getDiagnostics(fixture).filter((d) => d.source === 'Invoice Doctor');
    await waitFor(() => ours().length === expectedLines.length, `${expectedLines.length} diagnostics appear`);
    const diagnostics = ours();
    assert.deepEqual(diagnostics.map((d) => d.range.start.line).sort((a, b) => a - b), expectedLines);
    for (const diagnostic of diagnostics) assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
    const expired = diagnostics.find((d) => d.range.start.line === 22)!;
    assert.equal(expired.code, 'tls.cert_expired');
    assert.match(expired.message, /^Certificate expired .*: A certificate in the chain has expired/);
  });

  it('caps diagnostics at invoiceDoctor.logs.maxDiagnostics and drops them when turned off', async () => {
    const settings = vscode.workspace.getConfiguration('invoiceDoctor.logs');
    const ours = () => vscode.languages.getDiagnostics(fixture).filter((d) => d.source === 'Invoice Doctor');
    await settings.update('maxDiagnostics', 3, vscode.ConfigurationTarget.Global);
    await waitFor(() => ours().length === 3, 'only 3 diagnostics remain');
    await settings.update('diagnostics.enabled', false, vscode.ConfigurationTarget.Global);
    await waitFor(() => ours().length === 0, 'the diagnostics disappear');
  });

  it('opens one report panel, however often it is asked for', async () => {
    await vscode.commands.executeCommand('invoiceDoctor.logs.showReport');
    await vscode.commands.executeCommand('invoiceDoctor.logs.showReport');
    const reportTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === REPORT_TITLE);
    await waitFor(() => reportTabs().length > 0, 'the report tab appears');
    assert.equal(reportTabs().length, 1);
  });

  it('exports the report as Markdown and as self-contained HTML', async () => {
    const markdown = vscode.Uri.file(path.join(scratch, 'report.md'));
    await vscode.commands.executeCommand('invoiceDoctor.logs.exportMarkdown', markdown);
    const text = await readFile(markdown.fsPath, 'utf8');
    for (const [category, { count }] of Object.entries(EXPECTED)) {
      assert.match(text, new RegExp(`\\| \`${category.replace('.', '\\.')}\` [^|]+\\| ${count} \\|`), `the table has ${category} with ${count}`);
    }
    assert.match(text, /nginx\.proxy-timeouts/, 'related config checks are named');

    const html = vscode.Uri.file(path.join(scratch, 'report.html'));
    await vscode.commands.executeCommand('invoiceDoctor.logs.exportHtml', html);
    const page = await readFile(html.fsPath, 'utf8');
    assert.match(page, /<svg[^>]*class="timeline"/);
    assert.doesNotMatch(page, /<script|<link|src=/i, 'nothing to load or run');
    for (const category of Object.keys(EXPECTED)) assert.ok(page.includes(category), `${category} is in the HTML report`);
  });
});
