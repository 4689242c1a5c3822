import * as assert from 'node:assert/strict';
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { RULE_CATALOG, RULES } from '../../src/core/config/ruleCatalog';
import { waitFor } from './waitFor';

/** The bundle runs from out/test/; the fixtures stay in the repository. */
const FIXTURES = path.resolve(__dirname, '../../test/extension/fixtures/config');
const FIX_ALL = 'source.fixAll.invoiceDoctor';

/**
 * Config diagnostics as a user meets them: fixture configs copied into the test workspace,
 * opened, linted; findings read back through languages.getDiagnostics, quick fixes through
 * vscode.executeCodeActionProvider and applied with workspace.applyEdit.
 */
describe('Config diagnostics', function () {
  this.timeout(60_000);
  let folder: string;

  before(async () => {
    const extension = vscode.extensions.getExtension('invoice-doctor.invoice-doctor');
    assert.ok(extension, 'the extension is installed');
    await extension.activate();
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspaceFolder, 'the test workspace is open');
    folder = path.join(workspaceFolder.uri.fsPath, 'config-lint');
  });

  afterEach(async () => {
    // Saved, so closing asks nothing; every test has its own copies.
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** A fresh copy of a fixture in its own folder of the workspace, so tests never share a file. */
  async function copyFixture(fixture: string, testFolder: string): Promise<vscode.Uri> {
    const target = path.join(folder, testFolder, fixture);
    await cp(path.join(FIXTURES, fixture), target, { recursive: true });
    return vscode.Uri.file(target);
  }

  async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    return document;
  }

  const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
  const diagnosticsOf = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Invoice Doctor');

  async function diagnosticFor(uri: vscode.Uri, rule: string): Promise<vscode.Diagnostic> {
    await waitFor(() => diagnosticsOf(uri).some((d) => codeOf(d) === rule), `${path.basename(uri.fsPath)} has a ${rule} diagnostic`);
    return diagnosticsOf(uri).find((d) => codeOf(d) === rule)!;
  }

  async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
    return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
  }

  async function apply(action: vscode.CodeAction | undefined): Promise<void> {
    assert.ok(action?.edit, `the action "${action?.title}" has an edit`);
    assert.equal(await vscode.workspace.applyEdit(action.edit), true, `"${action.title}" applied`);
  }

  it('marks legacy TLS, a missing SNI and a missing keepalive in nginx.conf, linked to the rule docs', async () => {
    const uri = await copyFixture('nginx.conf', 'diagnostics');
    await open(uri);
    const legacy = await diagnosticFor(uri, RULES.nginxSslProtocolsLegacy.id);
    await diagnosticFor(uri, RULES.nginxProxySslServerName.id);
    await diagnosticFor(uri, RULES.nginxUpstreamKeepalive.id);
    assert.equal(legacy.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([legacy.range.start.line, legacy.range.start.character, legacy.range.end.line], [12, 8, 12]);
    assert.match(legacy.message, /TLSv1, TLSv1\.1/);
    const code = legacy.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.toString(), 'https://github.com/invoice-doctor/invoice-doctor/blob/main/docs/rules/nginx.ssl-protocols-legacy.md');
  });

  it('offers the preferred quick fix, and applying it changes only the ssl_protocols line', async () => {
    const uri = await copyFixture('nginx.conf', 'quick-fix');
    const document = await open(uri);
    const before = document.getText();
    const diagnostic = await diagnosticFor(uri, RULES.nginxSslProtocolsLegacy.id);
    const actions = await codeActions(uri, diagnostic.range);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.deepEqual(preferred.map((a) => a.title), ['Set ssl_protocols to TLSv1.2 TLSv1.3']);
    assert.equal(preferred[0].kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.some((a) => a.title === 'Open documentation for nginx.ssl-protocols-legacy'), 'a link to the rule docs is offered');
    await apply(preferred[0]);
    assert.equal(document.getText(), before.replace('ssl_protocols TLSv1 TLSv1.1 TLSv1.2;', 'ssl_protocols TLSv1.2 TLSv1.3;'));
    await waitFor(() => !diagnosticsOf(uri).some((d) => codeOf(d) === RULES.nginxSslProtocolsLegacy.id), 'the legacy TLS diagnostic goes away');
  });

  it('fixes every safe finding with source.fixAll.invoiceDoctor and leaves the reviewed ones', async () => {
    const uri = await copyFixture('nginx.conf', 'fix-all');
    const document = await open(uri);
    await diagnosticFor(uri, RULES.nginxProxySslServerName.id);
    const fullRange = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await codeActions(uri, fullRange, FIX_ALL);
    assert.equal(actions.length, 1, 'one fix-all action');
    assert.equal(actions[0].kind?.value, FIX_ALL);
    await apply(actions[0]);
    assert.equal(document.getText(), await readFile(path.join(FIXTURES, 'nginx.fixed.conf'), 'utf8'));
    await waitFor(() => diagnosticsOf(uri).every((d) => codeOf(d) === RULES.nginxProxyTimeouts.id), 'only the reviewed proxy-timeouts finding is left');
    assert.deepEqual(await codeActions(uri, fullRange, FIX_ALL), [], 'nothing safe is left to fix');
  });

  it('silences one finding with the "Disable … for this line" comment', async () => {
    const uri = await copyFixture('nginx.conf', 'suppress');
    const document = await open(uri);
    const diagnostic = await diagnosticFor(uri, RULES.nginxProxySslServerName.id);
    const line = diagnostic.range.start.line;
    const actions = await codeActions(uri, diagnostic.range);
    await apply(actions.find((a) => a.title === `Disable ${RULES.nginxProxySslServerName.id} for this line`));
    assert.equal(document.lineAt(line).text, `            # invoice-doctor-disable-next-line ${RULES.nginxProxySslServerName.id}`);
    await waitFor(() => !diagnosticsOf(uri).some((d) => codeOf(d) === RULES.nginxProxySslServerName.id), 'the SNI diagnostic goes away');
    // The other finding on that same proxy_pass stays: the comment names one rule.
    assert.ok(diagnosticsOf(uri).some((d) => codeOf(d) === RULES.nginxProxyTimeouts.id && d.range.start.line === line + 1));
  });

  it('inserts a snippet fix indented like its block, with the placeholder selected to be typed over', async () => {
    const uri = vscode.Uri.file(path.join(folder, 'snippet-fix', 'nginx.conf'));
    const text = 'http {\n    server {\n        location / {\n            proxy_pass http://$backend_host;\n        }\n    }\n}\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const document = await open(uri);
    const diagnostic = await diagnosticFor(uri, RULES.nginxResolverMissing.id);
    const actions = await codeActions(uri, diagnostic.range);
    assert.equal(actions[0]?.title, 'Add a resolver');
    // As Ctrl+. does it: the action goes from the provider straight to the editor.
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
    await vscode.commands.executeCommand('editor.action.codeAction', { kind: vscode.CodeActionKind.QuickFix.value, apply: 'first' });
    await waitFor(() => document.getText() !== text, 'the fix is applied');
    assert.equal(document.getText(), text.replace('$backend_host;\n', '$backend_host;\n            resolver 127.0.0.53 valid=30s;\n'));
    assert.equal(document.getText(editor.selection), '127.0.0.53', 'the address is selected, to be typed over');
  });

  it('shows a parse error for an nginx.conf it cannot read, and nothing else', async () => {
    const uri = await copyFixture('broken', 'parse-error');
    const file = vscode.Uri.joinPath(uri, 'nginx.conf');
    await open(file);
    const parseError = await diagnosticFor(file, RULES.parseError.id);
    assert.equal(parseError.severity, vscode.DiagnosticSeverity.Error);
    assert.match(parseError.message, /never closed/);
    assert.deepEqual(diagnosticsOf(file).map(codeOf), [RULES.parseError.id], 'no rule reports on a file that did not parse');
  });

  it('checks a HikariCP pool against the my.cnf next to it, unsaved edits included', async () => {
    const app = await copyFixture('app', 'cross-file');
    const yaml = vscode.Uri.joinPath(app, 'application.yml');
    await open(yaml);
    await diagnosticFor(yaml, RULES.springHikariPoolSize.id);
    const lifetime = await diagnosticFor(yaml, RULES.crossMaxLifetimeExceedsWaitTimeout.id);
    assert.match(lifetime.message, /wait_timeout 600 s in .*my\.cnf/);
    const quickFix = (await codeActions(yaml, lifetime.range)).find((a) => a.isPreferred);
    assert.equal(quickFix?.title, 'Set max-lifetime to 570000', '30 s before MySQL closes the connection');

    const cnf = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(app, 'my.cnf'));
    const edit = new vscode.WorkspaceEdit();
    const waitTimeout = cnf.getText().indexOf('600');
    edit.replace(cnf.uri, new vscode.Range(cnf.positionAt(waitTimeout), cnf.positionAt(waitTimeout + 3)), '28800');
    await vscode.workspace.applyEdit(edit);
    await waitFor(() => !diagnosticsOf(yaml).some((d) => codeOf(d) === RULES.crossMaxLifetimeExceedsWaitTimeout.id),
      'the unsaved wait_timeout of my.cnf (8 h) counts, and 30 min is shorter');
    assert.ok(diagnosticsOf(yaml).some((d) => codeOf(d) === RULES.springHikariPoolSize.id), 'the pool-size finding stays');
  });

  it('follows the severityOverrides and disabledRules settings', async () => {
    const uri = await copyFixture('nginx.conf', 'settings');
    await open(uri);
    await diagnosticFor(uri, RULES.nginxUpstreamKeepalive.id);
    const configuration = vscode.workspace.getConfiguration('invoiceDoctor.config');
    try {
      await configuration.update('severityOverrides', { [RULES.nginxSslProtocolsLegacy.id]: 'info', [RULES.nginxUpstreamKeepalive.id]: 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => diagnosticsOf(uri).some((d) => codeOf(d) === RULES.nginxSslProtocolsLegacy.id && d.severity === vscode.DiagnosticSeverity.Information),
        'the legacy TLS finding is shown as information');
      assert.ok(!diagnosticsOf(uri).some((d) => codeOf(d) === RULES.nginxUpstreamKeepalive.id), '"off" turns the rule off');
      await configuration.update('disabledRules', [RULES.nginxProxySslServerName.id], vscode.ConfigurationTarget.Workspace);
      await waitFor(() => !diagnosticsOf(uri).some((d) => codeOf(d) === RULES.nginxProxySslServerName.id), 'the disabled rule is gone');
    } finally {
      await configuration.update('severityOverrides', undefined, vscode.ConfigurationTarget.Workspace);
      await configuration.update('disabledRules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticFor(uri, RULES.nginxUpstreamKeepalive.id);
  });

  it('lints every config file of the workspace with Lint Workspace Configs, open or not', async () => {
    const closed = await copyFixture('nginx.conf', 'workspace-lint');
    const summary = await vscode.commands.executeCommand<{ files: number; findings: number; filesWithFindings: number }>('invoiceDoctor.config.lintWorkspace');
    assert.ok(summary, 'the command reports a summary');
    assert.ok(summary.files >= 3, `${summary.files} config files checked`);
    assert.ok(summary.findings >= summary.filesWithFindings && summary.filesWithFindings >= 2);
    assert.ok(diagnosticsOf(closed).some((d) => codeOf(d) === RULES.nginxSslProtocolsLegacy.id), 'a file that was never opened has its diagnostics');
  });

  it('opens nginx.conf as nginx and completes the nginx snippets there', async () => {
    const uri = vscode.Uri.file(path.join(folder, 'snippets', 'nginx.conf'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('upstream-k'));
    const document = await open(uri);
    assert.equal(document.languageId, 'nginx');
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(0, 10));
    const labels = completions.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes('upstream-keepalive'), `the upstream snippet is offered (got ${labels.slice(0, 10).join(', ')})`);
  });

  it('offers every rule in the disabledRules and severityOverrides settings', () => {
    const extension = vscode.extensions.getExtension('invoice-doctor.invoice-doctor')!;
    const properties = extension.packageJSON.contributes.configuration.properties;
    const ruleIds = RULE_CATALOG.map((r) => r.id).filter((id) => id !== RULES.parseError.id).sort();
    assert.deepEqual([...properties['invoiceDoctor.config.disabledRules'].items.enum].sort(), ruleIds);
    assert.deepEqual(Object.keys(properties['invoiceDoctor.config.severityOverrides'].properties).sort(), ruleIds);
  });
});
