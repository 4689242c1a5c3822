import * as assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CertReport } from '../../src/core/certs/certReport';
import { listPemCertificates } from '../../src/core/certs/inspectFile';
import { createAuthority, daysFromNow, issue, selfSigned, toPkcs12 } from '../../src/demo/pki';
import type { InvoiceDoctorApi } from '../../src/extension/extension';
import { waitFor } from './waitFor';

const EXTENSION_ID = 'invoice-doctor.invoice-doctor';
const VIEW_TYPE = 'invoiceDoctor.certificate';

/**
 * Certificates in a real VS Code: a PEM file written into the workspace (certificates made
 * here with the demo CA, never checked in) gets a CodeLens per certificate, a hover and
 * diagnostics; the Inspect Certificate command opens the certificate view and exports the chain.
 */
describe('Certificates', function () {
  this.timeout(60_000);
  let api: InvoiceDoctorApi;
  let folder: string;
  let pemUri: vscode.Uri;
  // Half a day of slack, so "in 10 days" and "3 days ago" hold however long the run takes.
  const soon = selfSigned({ commonName: 'soon.example.com', altNames: ['soon.example.com'], notAfter: daysFromNow(10.5) });
  const gone = selfSigned({ commonName: 'gone.example.com', notBefore: daysFromNow(-60), notAfter: daysFromNow(-3.5) });

  before(async () => {
    const extension = vscode.extensions.getExtension<InvoiceDoctorApi>(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed');
    api = await extension.activate();
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'a workspace folder is open');
    folder = path.join(workspace.uri.fsPath, 'certs-test');
    await mkdir(folder, { recursive: true });
    pemUri = vscode.Uri.file(path.join(folder, 'expiry.pem'));
    await writeFile(pemUri.fsPath, `# two certificates, one expiring and one expired\n${soon.certPem}\n${gone.certPem}`);
    await vscode.window.showTextDocument(pemUri);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rm(folder, { recursive: true, force: true });
  });

  it('puts a CodeLens above each certificate with its name and expiry', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', pemUri);
    const titles = lenses.map((lens) => lens.command?.title).sort();
    const soonDate = new Date(new X509Certificate(soon.certPem).validTo).toISOString().slice(0, 10);
    assert.deepEqual(titles, ['CN=gone.example.com, expired 3 days ago', `CN=soon.example.com, expires ${soonDate}, in 10 days`]);
    assert.ok(lenses.every((lens) => lens.command?.command === 'invoiceDoctor.certs.inspect'), 'a click inspects the file');
  });

  it('shows the certificate details when hovering over its block', async () => {
    const document = await vscode.workspace.openTextDocument(pemUri);
    const inside = document.positionAt(document.getText().indexOf('-----BEGIN CERTIFICATE-----') + 40);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', pemUri, inside);
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /soon\\\.example\\\.com/);
    assert.match(text, /Subject alternative names/);
    assert.match(text, /expires .*in 10 days/);
    assert.ok(text.includes(new X509Certificate(soon.certPem).fingerprint256), 'the SHA-256 fingerprint is shown');
  });

  it('reports the expired certificate as an error and the expiring one as a warning', async () => {
    await waitFor(() => vscode.languages.getDiagnostics(pemUri).length === 2, 'both certificates have a diagnostic');
    const diagnostics = vscode.languages.getDiagnostics(pemUri).sort((a, b) => a.range.start.line - b.range.start.line);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.source]), [
      ['cert.expiring', vscode.DiagnosticSeverity.Warning, 'Invoice Doctor'],
      ['cert.expired', vscode.DiagnosticSeverity.Error, 'Invoice Doctor'],
    ]);
    assert.match(diagnostics[1].message, /gone\.example\.com expired 3 days ago/);
  });

  it('inspects the PEM file from its Uri and opens one certificate view', async () => {
    const report = await vscode.commands.executeCommand<CertReport>('invoiceDoctor.certs.inspect', pemUri);
    assert.deepEqual(report.chain.map((cert) => cert.subject), ['CN=soon.example.com', 'CN=gone.example.com']);
    assert.ok(report.checks.some((check) => check.code === 'cert.expired' && check.severity === 'error'));
    await expectCertificateTabs(['Certificate: expiry.pem']);
  });

  it('opens a PKCS#12 file with the passphrase given, reuses the view, and exports the chain as PEM', async () => {
    const authority = createAuthority('Certs Test');
    const client = issue(authority.intermediate, { commonName: 'client.example.com', usage: 'client' });
    const p12 = vscode.Uri.file(path.join(folder, 'client.p12'));
    await writeFile(p12.fsPath, toPkcs12(client, 'correct horse', [authority.intermediate]));

    const report = await vscode.commands.executeCommand<CertReport>('invoiceDoctor.certs.inspect', { file: p12, passphrase: 'correct horse' });
    assert.equal(report.format, 'pkcs12');
    assert.ok(!report.checks.some((check) => check.code === 'cert.bad_passphrase'), 'the passphrase was accepted');
    await expectCertificateTabs(['Certificate: client.p12']); // one view, now showing the PKCS#12 file

    const target = vscode.Uri.file(path.join(folder, 'exported-chain.pem'));
    await vscode.commands.executeCommand('invoiceDoctor.certs.exportChain', target);
    const exported = listPemCertificates(await readFile(target.fsPath, 'utf8'));
    assert.deepEqual(exported.map((entry) => entry.info?.subject), report.chain.map((cert) => cert.subject));
    assert.ok(exported.some((entry) => entry.info?.subject === 'CN=client.example.com'));
  });

  it('asks again for a wrong PKCS#12 passphrase instead of failing silently, and gives up on Escape', async () => {
    const leaf = selfSigned({ commonName: 'locked.example.com' });
    const p12 = vscode.Uri.file(path.join(folder, 'locked.p12'));
    await writeFile(p12.fsPath, toPkcs12(leaf, 'right'));
    const inspection = vscode.commands.executeCommand<CertReport | undefined>('invoiceDoctor.certs.inspect', { file: p12, passphrase: 'wrong' });
    let settled = false;
    void inspection.then(() => { settled = true; });
    // The passphrase box is open (the command waits on it); Escape closes it.
    await waitFor(async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return settled;
    }, 'the passphrase box was closed');
    assert.equal(await inspection, undefined, 'nothing is shown for a file that stayed locked');
    await expectCertificateTabs(['Certificate: client.p12']);
  });

  it('shows an endpoint\'s chain from Show Certificate Chain in the same view, with its checks', async () => {
    await api.endpointsReady();
    const report = await vscode.commands.executeCommand<CertReport>('invoiceDoctor.endpoints.showCertificateChain', 'Expired certificate');
    assert.equal(report.kind, 'server');
    assert.ok(report.checks.some((check) => check.code === 'cert.expired'), 'the expired leaf is an error');
    assert.ok(report.trustAnchor, 'the endpoint\'s tls.ca was used as trust');
    await expectCertificateTabs(['Certificate: Expired certificate']);
  });

  it('finds the expired server certificate of a probed endpoint in the expiry watch', async () => {
    await vscode.commands.executeCommand('invoiceDoctor.endpoints.probe', 'Expired certificate');
    const due = await api.checkCertificateExpiry();
    const expired = due.find((cert) => cert.role === 'server' && cert.endpoints.includes('Expired certificate'));
    assert.ok(expired, 'the expired server certificate is due');
    assert.ok(Date.parse(expired.notAfter) < Date.now());
  });
});

/** The workbench tells the extension host about tabs a moment after they change. */
async function expectCertificateTabs(expected: string[]): Promise<void> {
  await waitFor(() => JSON.stringify(certificateTabs()) === JSON.stringify(expected), `the certificate tabs are ${JSON.stringify(expected)}`).catch(() => undefined);
  assert.deepEqual(certificateTabs(), expected);
}

/** Labels of the open certificate views, across every editor group. */
function certificateTabs(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes(VIEW_TYPE))
    .map((tab) => tab.label);
}
