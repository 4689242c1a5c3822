import * as l10n from '@vscode/l10n';
import { escapeMarkup } from '../report/escapeMarkup';
import { formatUptime, summarizeHistory } from './historySummary';
import { latencyScale } from './latencyScale';
import type { ProbeHistoryEntry } from './probeHistoryEntry';
import { historyLatencies } from './sparkline';

export interface SparklineSvgOptions {
  /** Size in CSS pixels (also the viewBox). Defaults: 240 × 32. */
  width?: number;
  height?: number;
}

/**
 * Bar colours. Each is a CSS variable a host page may set, then VS Code's chart colour (set in
 * webviews), then a fixed colour for exported files. They are presentation attributes, not a
 * `style`, so the SVG also renders under a webview's nonce-only style-src policy.
 */
const FILL = {
  up: 'var(--invoice-doctor-history-up, var(--vscode-charts-green, #388a34))',
  degraded: 'var(--invoice-doctor-history-degraded, var(--vscode-charts-yellow, #bf8803))',
  down: 'var(--invoice-doctor-history-down, var(--vscode-charts-red, #e51400))',
  baseline: 'var(--invoice-doctor-history-baseline, var(--vscode-charts-lines, #808080))',
} as const;

/** A bar is never wider than this, so a short history does not turn into a few wide slabs. */
const MAX_SLOT = 8;
/** The fastest probe still shows as a sliver rather than nothing. */
const MIN_BAR = 1;

/**
 * A history (oldest first) as a small self-contained inline SVG for reports and webviews: one
 * bar per probe, newest on the right, height by latency (see `latencyScale`), down probes as
 * full-height bars in the down colour. Every bar has a `<title>` (time, verdict, latency or
 * failure code) and the whole an aria-label with the uptime, so the colours are not the only
 * carrier of meaning. No script, no external references, no inline styles. Bars carry the
 * classes `up`, `degraded` and `down` for hosts that prefer their own stylesheet.
 */
export function sparklineSvg(entries: readonly ProbeHistoryEntry[], options: SparklineSvgOptions = {}): string {
  const width = positive(options.width, 240);
  const height = positive(options.height, 32);
  const scale = latencyScale(historyLatencies(entries));
  const slot = Math.min(MAX_SLOT, width / Math.max(1, entries.length));
  const gap = slot >= 3 ? 1 : 0;
  const chartHeight = height - 1; // the last pixel row is the baseline

  const bars = entries.map((entry, i) => {
    const barHeight = entry.verdict === 'down' ? chartHeight : Math.max(MIN_BAR, scale(entry.totalMs) * chartHeight);
    const x = width - (entries.length - i) * slot;
    return `<rect class="${entry.verdict}" x="${round(x)}" y="${round(chartHeight - barHeight)}" width="${round(slot - gap)}" height="${round(barHeight)}" fill="${FILL[entry.verdict]}"><title>${escapeMarkup(barTitle(entry))}</title></rect>`;
  });

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="probe-sparkline" width="${round(width)}" height="${round(height)}" viewBox="0 0 ${round(width)} ${round(height)}" role="img" aria-label="${escapeMarkup(ariaLabel(entries))}">`,
    ...bars,
    `<rect class="baseline" x="0" y="${round(chartHeight)}" width="${round(width)}" height="1" fill="${FILL.baseline}"/>`,
    '</svg>',
  ].join('');
}

function ariaLabel(entries: readonly ProbeHistoryEntry[]): string {
  const summary = summarizeHistory(entries);
  if (summary.uptimePercent === null) return l10n.t('No probes yet');
  return l10n.t('Last {0} probes: {1} up', summary.count, formatUptime(summary.uptimePercent));
}

function barTitle(entry: ProbeHistoryEntry): string {
  const at = `${new Date(entry.at).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  if (entry.verdict !== 'down') return `${at} · ${entry.verdict} · ${Math.round(entry.totalMs)} ms`;
  return entry.code ? `${at} · down · ${entry.code}` : l10n.t('{0} · down · not probed (set-up problem)', at);
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function round(value: number): string {
  return value.toFixed(2).replace(/\.?0+$/, '');
}
