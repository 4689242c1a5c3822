import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { DoctorReport } from '../../core/diagnose/doctorReport';
import { doctorDocument } from '../../core/report/doctorDocument';
import { escapeMarkup as e } from '../../core/report/escapeMarkup';
import { reportHtml } from '../../core/report/reportHtml';

/**
 * The diagnosis page: the very HTML the export writes (so what the user checks is what the
 * support desk gets), with the editor theme's colours and a toolbar. The only script is the
 * toolbar's, and it may only ask the extension for one of four actions.
 */
export type DiagnosisAction = 'copy' | 'markdown' | 'html' | 'rerun';
export const DIAGNOSIS_ACTIONS: readonly DiagnosisAction[] = ['copy', 'markdown', 'html', 'rerun'];

/** Maps the report's own colour variables to the theme's, so light, dark and high contrast all read well. */
const THEME_BRIDGE = `
:root { --fg: var(--vscode-foreground); --bg: var(--vscode-editor-background); --muted: var(--vscode-descriptionForeground);
  --line: var(--vscode-panel-border, var(--vscode-widget-border)); --code: var(--vscode-textCodeBlock-background); }
body { font-family: var(--vscode-font-family); margin-top: 1rem; }
.toolbar { display: flex; flex-wrap: wrap; gap: .5rem; position: sticky; top: 0; padding: .5rem 0; background: var(--bg); border-bottom: 1px solid var(--line); }
.toolbar button { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: .25rem .8rem; border-radius: 2px; cursor: pointer; }
.toolbar button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
.toolbar button:hover { background: var(--vscode-button-hoverBackground); }
.toolbar button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
`;

export function diagnosisPageHtml(webview: vscode.Webview, report: DoctorReport): string {
  const nonce = randomBytes(16).toString('base64');
  const button = (action: DiagnosisAction, label: string, secondary = true) => `<button type="button" data-action="${action}"${secondary ? ' class="secondary"' : ''}>${e(label)}</button>`;
  const toolbar = `<div class="toolbar" role="toolbar" aria-label="${e(vscode.l10n.t('Diagnosis actions'))}">
${button('copy', vscode.l10n.t('Copy for Support Ticket'), false)}
${button('markdown', vscode.l10n.t('Export Markdown…'))}
${button('html', vscode.l10n.t('Export HTML…'))}
${button('rerun', vscode.l10n.t('Diagnose Again'))}
</div>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.querySelector('.toolbar').addEventListener('click', (event) => {
  const action = event.target.closest('button')?.dataset.action;
  if (action) vscode.postMessage({ type: 'action', action });
});
</script>`;
  const document = doctorDocument(report);
  return reportHtml([document], {
    lang: vscode.env.language,
    title: document.title,
    csp: `default-src 'none'; style-src 'nonce-${nonce}'; img-src ${webview.cspSource} data:; script-src 'nonce-${nonce}';`,
    styleNonce: nonce,
    head: `<style nonce="${nonce}">${THEME_BRIDGE}</style>`,
    beforeTitle: toolbar,
  });
}
