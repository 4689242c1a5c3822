import type { FailureCode } from '../failureCodes';
import type { AnalysisResult } from '../logs/logTypes';
import { escapeMarkup as e } from './escapeMarkup';
import type { LogReportOptions } from './logReportMarkdown';
import { categoryTitle, formatBytes, REPORT_TITLE, reportTime, topTargets } from './logReportSections';
import { categoryColors } from './reportPalette';
import { timelineSeries } from './timelineSeries';
import { timelineSvg } from './timelineSvg';
import { htmlPage } from './htmlPage';

/**
 * The analysis as one self-contained HTML file: inline CSS, the timeline as inline SVG, no
 * script and nothing fetched, so it can be mailed or attached to a ticket and opened anywhere.
 * Light and dark follow the reader's system setting.
 */
export function logReportHtml(result: AnalysisResult, options: LogReportOptions): string {
  const series = timelineSeries(result);
  const colors = categoryColors(result.findings.map((finding) => finding.category));
  const swatch = (category: FailureCode) => `<span class="swatch" style="background:${colors.get(category)}"></span>`;
  const body: string[] = [
    `<h1>${e(REPORT_TITLE)}</h1>`,
    `<p class="muted">Generated ${e(reportTime(options.generatedAt.toISOString()))}.</p>`,
    '<h2>Files</h2><ul>',
    ...result.files.map((file) => `<li><code>${e(file.path)}</code>: ${e(file.format)}, ${file.lines} lines, ${e(formatBytes(file.bytes))}${file.truncatedLines ? `, ${file.truncatedLines} lines over 1 MB matched on their first megabyte` : ''}</li>`),
    '</ul>',
    '<h2>Findings</h2>',
  ];
  if (result.findings.length === 0) {
    body.push('<p>No connection failures found.</p>');
  } else {
    if (series.starts.length > 0) {
      body.push('<h3>Timeline</h3>', '<div class="legend">', ...series.categories.map((c) => `<span>${swatch(c.category)}<code>${e(c.category)}</code></span>`), '</div>', timelineSvg(series, colors));
    }
    body.push('<table><thead><tr><th>Category</th><th>Count</th><th>First</th><th>Last</th><th>Top targets</th></tr></thead><tbody>');
    for (const finding of result.findings) {
      body.push(`<tr><td>${swatch(finding.category)}<code>${e(finding.category)}</code> ${e(categoryTitle(finding))}</td><td class="count">${finding.count}</td><td>${e(reportTime(finding.first))}</td><td>${e(reportTime(finding.last))}</td><td>${e(topTargets(finding)) || '—'}</td></tr>`);
    }
    body.push('</tbody></table>', '<h2>What to do</h2>');
    for (const finding of result.findings) {
      body.push(`<h3>${swatch(finding.category)}<code>${e(finding.category)}</code> ${e(categoryTitle(finding))} (${finding.count})</h3>`);
      if (finding.fixes.length > 0) body.push('<ul>', ...finding.fixes.map((fix) => `<li>${e(fix)}</li>`), '</ul>');
      if (finding.rules.length > 0) body.push(`<p>Related config checks (<code>invoice-doctor lint</code>): ${finding.rules.map((rule) => `<code>${e(rule)}</code>`).join(', ')}</p>`);
      if (finding.samples.length > 0) body.push(`<pre>${finding.samples.map((s) => e(`${s.file}:${s.line}: ${s.text}`)).join('\n')}</pre>`);
    }
  }
  return htmlPage({ lang: 'en', title: REPORT_TITLE, body: body.join('\n') });
}
