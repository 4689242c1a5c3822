import * as l10n from '@vscode/l10n';
import type { LayerResult, ProbeResult, Verdict } from '../core/probe/probeResult';

/**
 * The human report of `invoice-doctor probe`: one aligned line per endpoint, and under each
 * endpoint that is not up, the failing layer's own words and the fixes to try.
 */
export interface ReportStyle {
  /** ANSI colours; only for a terminal, and never when NO_COLOR is set. */
  color: boolean;
}

const MARKS: Record<Verdict, string> = { up: '✔', degraded: '▲', down: '✖' };
const MARK_COLORS: Record<Verdict, string> = { up: '32', degraded: '33', down: '31' };
// Wider columns would push the summary off an 80-column terminal for little gain.
const MAX_NAME_WIDTH = 32;
const MAX_URL_WIDTH = 48;

export function formatProbeReport(results: readonly ProbeResult[], style: ReportStyle): string {
  const paint = (sgr: string, text: string) => (style.color ? `\u001b[${sgr}m${text}\u001b[0m` : text);
  const nameWidth = Math.min(MAX_NAME_WIDTH, Math.max(0, ...results.map((r) => r.name.length)));
  const urlWidth = Math.min(MAX_URL_WIDTH, Math.max(0, ...results.map((r) => urlColumn(r).length)));
  const msWidth = Math.max(0, ...results.map((r) => formatMs(r.totalMs).length));

  const lines: string[] = [];
  for (const result of results) {
    const columns = [
      `${paint(MARK_COLORS[result.verdict], MARKS[result.verdict])} ${paint('1', result.name.padEnd(nameWidth))}`,
      urlWidth > 0 ? paint('2', urlColumn(result).padEnd(urlWidth)) : undefined,
      paint('2', formatMs(result.totalMs).padStart(msWidth)),
      headline(result),
    ];
    lines.push(columns.filter((column) => column !== undefined).join('  ').trimEnd());
    if (result.verdict !== 'up' && result.diagnosis) {
      const layer = failingLayer(result);
      const cause = layer?.message && !saysTheSame(result.diagnosis.summary, layer.message) ? `  ${layer.layer}: ${layer.message}` : '';
      lines.push(`    ${paint(MARK_COLORS[result.verdict], result.diagnosis.code)}${cause}`);
      for (const fix of result.diagnosis.fixes) lines.push(`    • ${fix}`);
    }
  }
  lines.push('', totals(results));
  return `${lines.join('\n')}\n`;
}

/** Endpoints given as URL arguments are named by their URL; showing it twice says nothing. */
function urlColumn(result: ProbeResult): string {
  return result.name === result.url ? '' : result.url;
}

function headline(result: ProbeResult): string {
  if (result.diagnosis) return result.diagnosis.summary;
  const http = result.layers.find((l) => l.layer === 'http' && l.status === 'ok');
  return http?.message || l10n.t('all checks passed');
}

/** The layer the diagnosis names, preferring the one that failed over one that only warned. */
function failingLayer(result: ProbeResult): LayerResult | undefined {
  const candidates = result.layers.filter((l) => l.layer === result.diagnosis?.layer && l.status !== 'ok' && l.status !== 'skipped');
  return candidates.find((l) => l.status === 'fail') ?? candidates[0];
}

/** True when `summary` already contains `message` (summaries often quote the layer's words). */
function saysTheSame(summary: string, message: string): boolean {
  const normalize = (text: string) => text.trim().replace(/[.\s]+$/, '').toLowerCase();
  return normalize(summary).includes(normalize(message));
}

function formatMs(ms: number): string {
  return `${Math.round(ms)} ms`;
}

function totals(results: readonly ProbeResult[]): string {
  const count = (verdict: Verdict) => results.filter((r) => r.verdict === verdict).length;
  return results.length === 1
    ? l10n.t('1 endpoint: {0} up, {1} degraded, {2} down', count('up'), count('degraded'), count('down'))
    : l10n.t('{0} endpoints: {1} up, {2} degraded, {3} down', results.length, count('up'), count('degraded'), count('down'));
}
