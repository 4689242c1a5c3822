import { FAILURE_CODES } from '../failureCodes';
import type { CategorySummary } from '../logs/logTypes';

/** What the Markdown and HTML reports say the same way. */
export const REPORT_TITLE = 'Invoice Doctor log report';
const TOP_TARGETS = 3;

export function categoryTitle(finding: CategorySummary): string {
  return FAILURE_CODES[finding.category]?.title ?? finding.category;
}

/** `10.2.0.11:8080 (12), gw.example.cn:443 (3)`, or an empty string. */
export function topTargets(finding: CategorySummary): string {
  return Object.entries(finding.targets)
    .slice(0, TOP_TARGETS)
    .map(([target, count]) => `${target} (${count})`)
    .join(', ');
}

/** `2024-05-01 10:00:02 UTC`, or an em dash for events without a time. */
export function reportTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 19).replace('T', ' ')} UTC` : '—';
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
