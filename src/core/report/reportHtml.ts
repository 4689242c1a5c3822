import { escapeMarkup as e } from './escapeMarkup';
import type { ReportBlock, ReportDocument } from './reportBlocks';
import { REPORT_STYLE } from './reportStyle';

/**
 * A report document as one self-contained HTML file: inline CSS and SVG, no script, nothing
 * fetched. `head` lets the webview add its CSP nonce'd style and theme colours.
 */
export interface HtmlOptions {
  lang: string;
  /** Extra markup for <head> (the webview's theme bridge); exports leave it out. */
  head?: string;
  /** Markup placed before the title (the webview's toolbar). */
  beforeTitle?: string;
  /** Content-Security-Policy; exports allow inline styles only. */
  csp?: string;
  /** Title of a file holding several documents. */
  title: string;
  /** Nonce of the <style> element, for a CSP without 'unsafe-inline' (the webview). */
  styleNonce?: string;
}

const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** Several documents (one per endpoint) make one file, each its own article. */
export function reportHtml(documents: readonly ReportDocument[], options: HtmlOptions): string {
  const body: string[] = [options.beforeTitle ?? ''];
  for (const document of documents) {
    body.push('<article>', `<h1>${e(document.title)}</h1>`, ...document.subtitle.map((line) => `<p class="muted">${e(line)}</p>`));
    for (const section of document.sections) {
      body.push(`<h2>${e(section.title)}</h2>`, ...section.blocks.map(htmlBlock));
    }
    body.push('<hr>', `<p class="muted">${e(document.footer)}</p>`, '</article>');
  }
  const title = documents.length === 1 ? documents[0].title : options.title;
  return `<!DOCTYPE html>
<html lang="${e(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${e(options.csp ?? EXPORT_CSP)}">
<title>${e(title)}</title>
<style${options.styleNonce ? ` nonce="${e(options.styleNonce)}"` : ''}>${REPORT_STYLE}</style>
${options.head ?? ''}
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

function htmlBlock(block: ReportBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return block.emphasis ? `<p><strong>${e(block.text)}</strong></p>` : `<p>${e(block.text)}</p>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${e(item)}</li>`).join('')}</${tag}>`;
    }
    case 'table': {
      const head = block.head.map((h) => `<th>${e(h)}</th>`).join('');
      const rows = block.rows.map((row) => `<tr>${row.map((value, i) => `<td${block.numeric?.includes(i) ? ' class="count"' : ''}>${e(value) || '—'}</td>`).join('')}</tr>`).join('\n');
      return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
    }
    case 'code':
      return `${block.caption ? `<p><code>${e(block.caption)}</code></p>` : ''}<pre>${e(block.lines.join('\n'))}</pre>`;
    case 'figure':
      return `<figure role="img" aria-label="${e(block.alt)}">${block.svg}</figure>`;
  }
}
