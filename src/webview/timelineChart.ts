import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type Plugin } from 'chart.js';
import type { TimelineSeries } from '../core/report/timelineSeries';
import { categoryChartColors, themeVariable } from './chartColors';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Set on the canvas once the chart has drawn, for people's scripts and the UI test alike. */
export const RENDERED_ATTRIBUTE = 'data-rendered';

const markRendered: Plugin<'bar'> = {
  id: 'markRendered',
  afterRender: (chart) => chart.canvas.setAttribute(RENDERED_ATTRIBUTE, 'true'),
};

/**
 * The timeline as stacked bars per category, in the theme's colours and fonts, bucket starts
 * in the reader's local time. No animation: the chart is a report, not a show.
 */
export function drawTimeline(canvas: HTMLCanvasElement, series: TimelineSeries): Chart<'bar'> {
  const colors = categoryChartColors(series.categories);
  const foreground = themeVariable('--vscode-foreground');
  const grid = themeVariable('--vscode-editorWidget-border', themeVariable('--vscode-panel-border', '#8884'));
  const font = { family: themeVariable('--vscode-font-family', 'sans-serif') };
  const labels = series.starts.map((start) => bucketLabel(start, series.bucketSeconds));
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: series.categories.map((category) => ({
        label: `${category.category} · ${category.title}`,
        data: category.counts,
        backgroundColor: colors.get(category.category),
        borderWidth: 0,
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      color: foreground,
      scales: {
        x: { stacked: true, ticks: { color: foreground, font, maxRotation: 0, autoSkip: true, autoSkipPadding: 16 }, grid: { display: false }, border: { color: grid } },
        y: { stacked: true, beginAtZero: true, ticks: { color: foreground, font, precision: 0 }, grid: { color: grid }, border: { display: false } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: foreground, font, boxWidth: 12, boxHeight: 12 } },
        tooltip: { mode: 'index', intersect: false, titleFont: font, bodyFont: font, filter: (item) => Number(item.raw) > 0 },
      },
    },
    plugins: [markRendered],
  });
}

function bucketLabel(iso: string, bucketSeconds: number): string {
  const date = new Date(iso);
  return bucketSeconds >= 86400
    ? date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })
    : date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: bucketSeconds < 60 ? '2-digit' : undefined });
}
