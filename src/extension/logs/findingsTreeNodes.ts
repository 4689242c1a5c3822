import type { CategorySummary, LineFinding } from '../../core/logs/logTypes';
import type { LogAnalysis } from './logAnalysisModel';

/** The kinds of rows in the Findings view; the provider turns each into a TreeItem. */
export type FindingsTreeNode =
  | { kind: 'noFindings'; analysis: LogAnalysis }
  | { kind: 'category'; finding: CategorySummary }
  | { kind: 'target'; finding: CategorySummary; target: string; count: number }
  | { kind: 'sample'; sample: LineFinding };

/** A category's rows: its targets (busiest first), then sample lines of events that name none. */
export function categoryChildren(analysis: LogAnalysis, finding: CategorySummary): FindingsTreeNode[] {
  const targets = Object.entries(finding.targets).map(([target, count]): FindingsTreeNode => ({ kind: 'target', finding, target, count }));
  const untargeted = analysis.samples.of(finding.category, undefined).map((sample): FindingsTreeNode => ({ kind: 'sample', sample }));
  return [...targets, ...untargeted];
}

export function targetChildren(analysis: LogAnalysis, finding: CategorySummary, target: string): FindingsTreeNode[] {
  return analysis.samples.of(finding.category, target).map((sample) => ({ kind: 'sample', sample }));
}
