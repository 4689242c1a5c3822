import type { AnalysisResult } from '../logs/logTypes';
import { categoryTitle, formatBytes, REPORT_TITLE, reportTime, topTargets } from './logReportSections';
import { bucketSizeText } from './timelineSvg';
import { cell, fenceFor, inlineCode } from './markdownText';

export interface LogReportOptions {
  /** When the report was made; printed in its header. */
  generatedAt: Date;
}

/**
 * The analysis as Markdown for a ticket, a pull request or a wiki: the findings table, then
 * per category what to do, the related config checks and the sample lines.
 */
export function logReportMarkdown(result: AnalysisResult, options: LogReportOptions): string {
  const out: string[] = [`# ${REPORT_TITLE}`, '', `Generated ${reportTime(options.generatedAt.toISOString())}.`, '', '## Files', ''];
  for (const file of result.files) {
    out.push(`- \`${inlineCode(file.path)}\`: ${file.format}, ${file.lines} lines, ${formatBytes(file.bytes)}${file.truncatedLines ? `, ${file.truncatedLines} lines over 1 MB matched on their first megabyte` : ''}`);
  }
  out.push('', '## Findings', '');
  if (result.findings.length === 0) {
    out.push('No connection failures found.');
    return `${out.join('\n')}\n`;
  }
  out.push('| Category | Count | First | Last | Top targets |', '|---|---:|---|---|---|');
  for (const finding of result.findings) {
    out.push(`| \`${finding.category}\` ${cell(categoryTitle(finding))} | ${finding.count} | ${reportTime(finding.first)} | ${reportTime(finding.last)} | ${cell(topTargets(finding)) || '—'} |`);
  }
  const { bucketSeconds, buckets } = result.timeline;
  if (buckets.length > 0) out.push('', `Timeline: ${buckets.length} non-empty buckets of ${bucketSizeText(bucketSeconds)} (the HTML report draws it).`);
  out.push('', '## What to do');
  for (const finding of result.findings) {
    out.push('', `### \`${finding.category}\` ${categoryTitle(finding)} (${finding.count})`, '');
    for (const fix of finding.fixes) out.push(`- ${fix}`);
    if (finding.rules.length > 0) out.push('', `Related config checks (\`invoice-doctor lint\`): ${finding.rules.map((rule) => `\`${rule}\``).join(', ')}`);
    if (finding.samples.length > 0) {
      const samples = finding.samples.map((sample) => `${sample.file}:${sample.line}: ${sample.text}`);
      const fence = fenceFor(samples.join('\n'));
      out.push('', 'Sample lines:', '', `${fence}text`, ...samples, fence);
    }
  }
  return `${out.join('\n')}\n`;
}
