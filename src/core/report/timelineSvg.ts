import type { FailureCode } from '../failureCodes';
import { escapeMarkup } from './escapeMarkup';
import type { TimelineSeries } from './timelineSeries';

/**
 * The timeline as an inline SVG stacked bar chart: no script, no fonts or images to fetch, so
 * an exported report renders the same in any browser, mail client or ticket attachment.
 */
const WIDTH = 960;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 12, bottom: 40, left: 48 };
const X_LABELS = 6;

export function timelineSvg(series: TimelineSeries, colors: ReadonlyMap<FailureCode, string>): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const totals = series.starts.map((_, i) => series.categories.reduce((sum, c) => sum + c.counts[i], 0));
  const max = Math.max(1, ...totals);
  const slot = plotWidth / Math.max(1, series.starts.length);
  const barWidth = Math.max(1, slot * 0.8);
  const y = (value: number) => MARGIN.top + plotHeight - (value / max) * plotHeight;

  const bars: string[] = [];
  series.starts.forEach((start, i) => {
    let stacked = 0;
    for (const category of series.categories) {
      const count = category.counts[i];
      if (count === 0) continue;
      const top = y(stacked + count);
      const height = y(stacked) - top;
      stacked += count;
      const x = MARGIN.left + i * slot + (slot - barWidth) / 2;
      bars.push(`<rect x="${round(x)}" y="${round(top)}" width="${round(barWidth)}" height="${round(height)}" fill="${colors.get(category.category)}"><title>${escapeMarkup(`${bucketLabel(start)} UTC · ${category.category}: ${count}`)}</title></rect>`);
    }
  });

  const axis = `<line x1="${MARGIN.left}" y1="${y(0)}" x2="${WIDTH - MARGIN.right}" y2="${y(0)}" class="axis"/>`;
  const yLabels = [0, max].map((value) => `<text x="${MARGIN.left - 6}" y="${round(y(value) + 4)}" text-anchor="end">${value}</text>`);
  const step = Math.max(1, Math.ceil(series.starts.length / X_LABELS));
  const xLabels = series.starts
    .map((start, i) => ({ start, i }))
    .filter(({ i }) => i % step === 0)
    .map(({ start, i }) => `<text x="${round(MARGIN.left + i * slot + slot / 2)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${escapeMarkup(bucketLabel(start))}</text>`);

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Findings per ${series.bucketSeconds} s, UTC" class="timeline">`,
    ...bars,
    axis,
    ...yLabels,
    ...xLabels,
    `<text x="${WIDTH - MARGIN.right}" y="${HEIGHT - 6}" text-anchor="end">${escapeMarkup(`UTC, ${bucketSizeText(series.bucketSeconds)} per bar`)}</text>`,
    '</svg>',
  ].join('\n');
}

/** `2024-05-01 10:05`: minutes are the finest bucket anyone reads off an axis. */
function bucketLabel(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

export function bucketSizeText(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function round(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '');
}
