import { escapeMarkup as e } from './escapeMarkup';
import type { ReportBlock, ReportDocument } from './reportBlocks';
import { htmlPage, type HtmlPageOptions } from './htmlPage';

/**
 * Report documents as one self-contained HTML file: inline CSS and SVG, no script, nothing
 * fetched. The webview adds its own policy, theme colours and toolbar through the options.
 */
export interface HtmlOptions extends Omit<HtmlPageOptions, 'body'> {
  /** Markup placed before the first title (the webview's toolbar). */
  beforeTitle?: string;
}

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
  return htmlPage({ ...options, title, body: body.join('\n') });
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
