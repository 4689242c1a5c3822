/**
 * The messages between the log report page (src/webview/report.ts) and its host
 * (src/extension/logs/reportPanel.ts). Types only: both sides import this one file, so a
 * change to a message breaks the build on both ends instead of failing silently at run time.
 */
import type { Layer } from '../core/failureCodes';
import type { CategorySummary, FileSummary } from '../core/logs/logTypes';
import type { TimelineSeries } from '../core/report/timelineSeries';

export interface ReportFinding extends CategorySummary {
  title: string;
  layer: Layer;
}

/** Everything the page shows; texts are already localized by the host. */
export interface ReportData {
  generatedAt: string;
  files: FileSummary[];
  findings: ReportFinding[];
  series: TimelineSeries;
  strings: ReportStrings;
}

export interface ReportStrings {
  title: string;
  filesHeading: string;
  timelineHeading: string;
  /** The bucket size, e.g. "events per 1 min". */
  timelineCaption: string;
  findingsHeading: string;
  fixesHeading: string;
  category: string;
  count: string;
  first: string;
  last: string;
  topTargets: string;
  relatedChecks: string;
  samples: string;
  noFindings: string;
  exportMarkdown: string;
  exportHtml: string;
  /** One line per file: "nginx-error, 120 lines, 14.2 KB". */
  fileDescriptions: string[];
}

export type HostMessage =
  | { type: 'report'; report: ReportData }
  /** No analysis yet: the page says so in `text`. */
  | { type: 'empty'; text: string };

export type PageMessage =
  | { type: 'ready' }
  | { type: 'export'; format: ExportFormat }
  | { type: 'openSample'; file: string; line: number };

export type ExportFormat = 'markdown' | 'html';

/** What the page keeps with `setState`, so it redraws at once when it becomes visible again. */
export interface PageState {
  message: HostMessage;
}
