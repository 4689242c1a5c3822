import * as vscode from 'vscode';
import { formatUptime, summarizeHistory } from '../../core/history/historySummary';
import type { ProbeHistoryEntry } from '../../core/history/probeHistoryEntry';
import { historySparkline } from '../../core/history/sparkline';
import type { LayerResult } from '../../core/probe/probeResult';
import type { EndpointHealth } from './endpointHealthModel';

/** The trend in the tooltip and the row covers this many of the latest probes (the setting may keep more). */
export const RECENT_HISTORY = 50;

/** Hover text for an endpoint row: what was probed, the recent trend, the verdict and what to do. */
export function endpointTooltip(health: EndpointHealth, history: readonly ProbeHistoryEntry[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(health.endpoint.config.name)}**  \n`);
  md.appendText(health.endpoint.config.url);
  md.appendMarkdown('\n\n');
  // One probe is no trend yet: the verdict line below says it all.
  if (history.length > 1) md.appendMarkdown(`$(history) ${escape(historyLine(history.slice(-RECENT_HISTORY)))}\n\n`);
  if (health.setupProblem) {
    md.appendMarkdown(`$(error) ${escape(health.setupProblem)}`);
    return md;
  }
  const result = health.result;
  if (!result) {
    md.appendMarkdown(vscode.l10n.t('Not probed yet.'));
    return md;
  }
  md.appendMarkdown(`${verdictIcon(result.verdict)} **${result.verdict}** · ${Math.round(result.totalMs)} ms · ${new Date(result.startedAt).toLocaleString()}\n\n`);
  if (result.diagnosis) {
    md.appendMarkdown(`${escape(result.diagnosis.summary)} \`${result.diagnosis.code}\`\n\n`);
    for (const fix of result.diagnosis.fixes) md.appendMarkdown(`- ${escape(fix)}\n`);
  }
  return md;
}

/** `Last 50 probes: ▂▃▂✕▂ · 98% up · median 120 ms`. */
function historyLine(recent: readonly ProbeHistoryEntry[]): string {
  const summary = summarizeHistory(recent);
  const uptime = formatUptime(summary.uptimePercent ?? 0);
  return summary.medianMs === null
    ? vscode.l10n.t('Last {0} probes: {1} · {2} up', recent.length, historySparkline(recent), uptime)
    : vscode.l10n.t('Last {0} probes: {1} · {2} up · median {3} ms', recent.length, historySparkline(recent), uptime, Math.round(summary.medianMs));
}

/** Hover text for a layer row: its message and the facts the probe gathered. */
export function layerTooltip(layer: LayerResult): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${layer.layer.toUpperCase()}** · ${layer.status}${layer.code ? ` · \`${layer.code}\`` : ''}\n\n`);
  md.appendText(layer.message);
  const facts = Object.entries(layer.detail).filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (facts.length) {
    md.appendMarkdown('\n\n');
    for (const [key, value] of facts) md.appendMarkdown(`- ${escape(key)}: ${escape(formatValue(value))}\n`);
  }
  return md;
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v !== null ? summarizeObject(v as Record<string, unknown>) : String(v))).join('; ');
  if (typeof value === 'object' && value !== null) return summarizeObject(value as Record<string, unknown>);
  return String(value);
}

/** Certificates and addresses read best by their most telling fields. */
function summarizeObject(value: Record<string, unknown>): string {
  if (typeof value.subject === 'string') {
    return `${value.subject} (issuer ${value.issuer}, until ${String(value.notAfter).slice(0, 10)}${typeof value.daysLeft === 'number' ? `, ${value.daysLeft} days left` : ''})`;
  }
  if (typeof value.address === 'string') return `${value.address}`;
  return JSON.stringify(value);
}

function verdictIcon(verdict: string): string {
  return verdict === 'up' ? '$(pass)' : verdict === 'degraded' ? '$(warning)' : '$(error)';
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
