import { cell, fenceFor } from './markdownText';
import type { ReportBlock, ReportDocument } from './reportBlocks';

/** A report document as GitHub-flavoured Markdown, the form support desks and trackers accept. */
export function reportMarkdown(document: ReportDocument): string {
  const out: string[] = [`# ${document.title}`, '', ...document.subtitle.map((line) => `${line}  `), ''];
  for (const section of document.sections) {
    out.push(`## ${section.title}`, '');
    for (const block of section.blocks) out.push(...markdownBlock(block), '');
  }
  out.push('---', '', document.footer);
  return `${out.join('\n')}\n`;
}

function markdownBlock(block: ReportBlock): string[] {
  switch (block.kind) {
    case 'paragraph':
      return [block.emphasis ? `**${block.text}**` : block.text];
    case 'list':
      return block.items.map((item, index) => `${block.ordered ? `${index + 1}.` : '-'} ${item.replace(/\r?\n/g, ' ')}`);
    case 'table':
      return [
        `| ${block.head.map(cell).join(' | ')} |`,
        `|${block.head.map((_h, i) => (block.numeric?.includes(i) ? '---:' : '---')).join('|')}|`,
        ...block.rows.map((row) => `| ${row.map((value) => cell(value) || '—').join(' | ')} |`),
      ];
    case 'code': {
      const fence = fenceFor(block.lines.join('\n'));
      return [...(block.caption ? [block.caption, ''] : []), `${fence}text`, ...block.lines, fence];
    }
    case 'figure':
      return [`_${block.alt}_`];
  }
}
