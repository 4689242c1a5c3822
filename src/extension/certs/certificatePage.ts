import * as vscode from 'vscode';
import type { CertificateDetails } from '../../core/certs/certificateDetails';
import type { CertCheck, CertReport, ChainEntry, CheckSeverity } from '../../core/certs/certReport';
import { certificateFacts } from './certificateFacts';
import { expiryPhrase, isExpired } from './expiryWording';

export interface PageOptions {
  nonce: string;
  /** Things the user should know about how the report was made (Restricted Mode, say). */
  notices: readonly string[];
}

const VALIDITY_CHECKS = new Set<CertCheck['code']>(['cert.expired', 'cert.expiring', 'cert.not_yet_valid']);
const SEVERITY_ICON: Record<CheckSeverity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

/**
 * The certificate view's page: the checks first (errors on top), then every certificate with
 * everything known about it, then the issuers that had to be downloaded. All of it is rendered
 * here; the page's only script turns button clicks into messages (certificateViewProtocol.ts).
 */
export function certificatePageHtml(report: CertReport, options: PageOptions): string {
  const { nonce } = options;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.source)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
${header(report)}
${options.notices.map((notice) => `<p class="notice">${escapeHtml(notice)}</p>`).join('\n')}
${checksSection(report.checks)}
${clientCertificateSection(report)}
${chainSection(report)}
${fetchedSection(report)}
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}

function header(report: CertReport): string {
  const facts = report.kind === 'server'
    ? [vscode.l10n.t('Server'), report.connection?.protocol, report.connection?.cipher, report.connection?.address, report.connection?.servername ? vscode.l10n.t('SNI {0}', report.connection.servername) : undefined]
    : [vscode.l10n.t('File'), report.format.toUpperCase()];
  const trust = report.chain.length === 0 ? '' : report.trustAnchor
    ? vscode.l10n.t('Leads to the trusted root "{0}".', report.trustAnchor)
    : vscode.l10n.t('Leads to no trusted root.');
  const order = report.connection && !report.connection.orderAsSent ? ` ${vscode.l10n.t('(the order below is as Node reports it, not necessarily as sent)')}` : '';
  return `<header>
<h1>${escapeHtml(report.source)}</h1>
<p class="meta">${facts.filter(Boolean).map((fact) => escapeHtml(String(fact))).join(' · ')}</p>
<p class="meta">${escapeHtml(trust)}${escapeHtml(order)}</p>
<div class="actions"><button data-action="exportChain" ${report.chain.length === 0 ? 'disabled' : ''}>${escapeHtml(vscode.l10n.t('Export Chain as PEM…'))}</button></div>
</header>`;
}

function checksSection(checks: readonly CertCheck[]): string {
  if (checks.length === 0) return `<section><h2>${escapeHtml(vscode.l10n.t('Checks'))}</h2><p>${escapeHtml(vscode.l10n.t('Nothing to report.'))}</p></section>`;
  const items = checks.map((check) => {
    const link = check.certificate !== undefined ? ` <a href="#cert-${check.certificate}">#${check.certificate}</a>` : '';
    return `<li class="${check.severity}"><span class="icon" title="${check.severity}">${SEVERITY_ICON[check.severity]}</span><span>${escapeHtml(check.message)}${link} <code>${escapeHtml(check.code)}</code></span></li>`;
  });
  return `<section><h2>${escapeHtml(vscode.l10n.t('Checks'))}</h2><ul class="checks">${items.join('')}</ul></section>`;
}

function clientCertificateSection(report: CertReport): string {
  const client = report.clientCertificate;
  // A server that does not ask for one, with none configured: nothing worth a section.
  if (!client || (client.requested === false && !client.ours)) return '';
  const unknown = vscode.l10n.t('not visible');
  const rows = [
    [vscode.l10n.t('Requested by the server'), client.requested === null ? unknown : client.requested ? vscode.l10n.t('yes') : vscode.l10n.t('no')],
    [vscode.l10n.t('Accepted issuers'), client.acceptedIssuers === null ? unknown : client.acceptedIssuers.length === 0 ? vscode.l10n.t('any the server trusts') : client.acceptedIssuers.join('; ')],
    [vscode.l10n.t('Ours'), client.ours ? `${client.ours.subject} (${client.ours.source})` : vscode.l10n.t('none configured')],
    [vscode.l10n.t('Verdict'), [verdictText(client.verdict), client.verdictMessage].filter(Boolean).join(': ')],
  ];
  return `<section><h2>${escapeHtml(vscode.l10n.t('Client certificate'))}</h2>${table(rows.map(([label, value]) => ({ label, value })))}</section>`;
}

function verdictText(verdict: NonNullable<CertReport['clientCertificate']>['verdict']): string {
  return {
    accepted: vscode.l10n.t('accepted'),
    rejected: vscode.l10n.t('rejected'),
    required: vscode.l10n.t('required, and none was sent'),
    not_requested: vscode.l10n.t('not requested'),
    unknown: vscode.l10n.t('unknown'),
  }[verdict];
}

function chainSection(report: CertReport): string {
  if (report.chain.length === 0) return '';
  const heading = report.kind === 'server' ? vscode.l10n.t('Chain as presented ({0})', report.chain.length) : vscode.l10n.t('Certificates in the file ({0})', report.chain.length);
  const cards = report.chain.map((cert, index) => certificateCard(cert, index, 'chain', report.checks.filter((check) => check.certificate === index)));
  return `<section><h2>${escapeHtml(heading)}</h2>${cards.join('\n')}</section>`;
}

function fetchedSection(report: CertReport): string {
  if (report.fetchedIssuers.length === 0) return '';
  const cards = report.fetchedIssuers.map((cert, index) => certificateCard(cert, index, 'fetched', [], vscode.l10n.t('Downloaded from {0}', cert.url)));
  return `<section><h2>${escapeHtml(vscode.l10n.t('Issuers downloaded from the AIA URL ({0})', report.fetchedIssuers.length))}</h2>${cards.join('\n')}</section>`;
}

function certificateCard(cert: ChainEntry | CertificateDetails, index: number, list: 'chain' | 'fetched', checks: CertCheck[], note?: string): string {
  // The badge speaks of validity only; the certificate's other checks are listed at the top.
  const validity = checks.find((check) => VALIDITY_CHECKS.has(check.code));
  const badgeClass = isExpired(cert.notAfter) ? 'error' : validity?.severity ?? 'ok';
  const id = list === 'chain' ? `cert-${index}` : `fetched-${index}`;
  return `<article class="cert" id="${id}">
<div class="cert-head">
<h3><span class="role">${list === 'chain' ? `#${index} ` : ''}${escapeHtml(role(cert))}</span> ${escapeHtml(cert.subject)}</h3>
<span class="badge ${badgeClass}">${escapeHtml(expiryPhrase(cert.notAfter))}</span>
<button class="secondary" data-action="copyPem" data-list="${list}" data-index="${index}">${escapeHtml(vscode.l10n.t('Copy PEM'))}</button>
</div>
${note ? `<p class="meta">${escapeHtml(note)}</p>` : ''}
${table(certificateFacts(cert))}
</article>`;
}

function role(cert: CertificateDetails): string {
  if (cert.selfSigned) return cert.isCA ? vscode.l10n.t('Root CA') : vscode.l10n.t('Self-signed');
  return cert.isCA ? vscode.l10n.t('Intermediate CA') : vscode.l10n.t('End entity');
}

function table(rows: readonly { label: string; value: string; alert?: boolean }[]): string {
  const body = rows.map((row) => `<tr${row.alert ? ' class="alert"' : ''}><th>${escapeHtml(row.label)}</th><td>${escapeHtml(row.value)}</td></tr>`);
  return `<table>${body.join('')}</table>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 24px; line-height: 1.45; }
h1 { font-size: 1.5em; font-weight: 600; margin: 16px 0 4px; word-break: break-all; }
h2 { font-size: 1.15em; font-weight: 600; margin: 22px 0 8px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding-bottom: 4px; }
h3 { font-size: 1em; font-weight: 600; margin: 0; flex: 1; word-break: break-word; }
.meta { color: var(--vscode-descriptionForeground); margin: 2px 0; }
.actions { margin: 10px 0; }
button { font-family: inherit; font-size: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 12px; border-radius: 2px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
button:disabled { opacity: 0.5; cursor: default; }
.notice { border-left: 3px solid var(--vscode-editorInfo-foreground); padding: 4px 10px; background: var(--vscode-textBlockQuote-background); }
ul.checks { list-style: none; padding: 0; margin: 0; }
ul.checks li { display: flex; gap: 8px; padding: 3px 0; }
.icon { width: 1.2em; flex: none; text-align: center; font-weight: bold; }
li.error .icon, .badge.error { color: var(--vscode-errorForeground); }
li.warning .icon, .badge.warning { color: var(--vscode-editorWarning-foreground); }
li.info .icon, .badge.info { color: var(--vscode-editorInfo-foreground); }
.badge.ok { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
.badge { white-space: nowrap; font-weight: 600; }
code { font-family: var(--vscode-editor-font-family); color: var(--vscode-descriptionForeground); font-size: 0.9em; }
a { color: var(--vscode-textLink-foreground); text-decoration: none; }
a:hover { text-decoration: underline; }
.cert { border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); border-radius: 4px; padding: 10px 14px; margin: 10px 0; }
.cert-head { display: flex; align-items: center; gap: 12px; margin-bottom: 6px; }
.role { color: var(--vscode-descriptionForeground); font-weight: normal; margin-right: 4px; }
table { border-collapse: collapse; width: 100%; }
th { text-align: left; font-weight: normal; color: var(--vscode-descriptionForeground); padding: 2px 16px 2px 0; vertical-align: top; white-space: nowrap; width: 1%; }
td { padding: 2px 0; word-break: break-all; font-family: var(--vscode-editor-font-family); font-size: 0.95em; }
tr.alert td { color: var(--vscode-errorForeground); font-weight: 600; }
`;

const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
  if (!button) return;
  if (button.dataset.action === 'exportChain') vscode.postMessage({ type: 'exportChain' });
  if (button.dataset.action === 'copyPem') vscode.postMessage({ type: 'copyPem', list: button.dataset.list, index: Number(button.dataset.index) });
});
`;
