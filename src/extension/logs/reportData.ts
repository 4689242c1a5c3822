import * as vscode from 'vscode';
import { FAILURE_CODES } from '../../core/failureCodes';
import { formatBytes } from '../../core/report/logReportSections';
import { timelineSeries } from '../../core/report/timelineSeries';
import { bucketSizeText } from '../../core/report/timelineSvg';
import type { ReportData } from '../../webview/reportProtocol';
import type { LogAnalysis } from './logAnalysisModel';

/** The report page's content: the analysis plus what the page cannot know (titles, layers, localized texts). */
export function reportData(analysis: LogAnalysis): ReportData {
  const { result } = analysis;
  const series = timelineSeries(result);
  return {
    generatedAt: analysis.finishedAt.toISOString(),
    files: result.files,
    findings: result.findings.map((finding) => ({ ...finding, title: FAILURE_CODES[finding.category].title, layer: FAILURE_CODES[finding.category].layer })),
    series,
    strings: {
      title: vscode.l10n.t('Log Report'),
      filesHeading: vscode.l10n.t('Files'),
      timelineHeading: vscode.l10n.t('Timeline'),
      timelineCaption: vscode.l10n.t('Events per {0}, local time', bucketSizeText(series.bucketSeconds)),
      findingsHeading: vscode.l10n.t('Findings'),
      fixesHeading: vscode.l10n.t('What to do'),
      category: vscode.l10n.t('Category'),
      count: vscode.l10n.t('Count'),
      first: vscode.l10n.t('First'),
      last: vscode.l10n.t('Last'),
      topTargets: vscode.l10n.t('Top targets'),
      relatedChecks: vscode.l10n.t('Related config checks (invoice-doctor lint):'),
      samples: vscode.l10n.t('Sample lines'),
      noFindings: vscode.l10n.t('No connection failures found.'),
      exportMarkdown: vscode.l10n.t('Export Markdown…'),
      exportHtml: vscode.l10n.t('Export HTML…'),
      fileDescriptions: result.files.map((file) => vscode.l10n.t('{0}, {1} lines, {2}', file.format, file.lines, formatBytes(file.bytes))),
    },
  };
}
