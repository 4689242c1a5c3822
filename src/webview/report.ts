import type { Chart } from 'chart.js';
import './report.css';
import type { HostMessage } from './reportProtocol';
import { renderReport } from './reportView';
import { drawTimeline } from './timelineChart';
import { reportVsCodeApi, type ReportVsCodeApi } from './vscodeApi';

/**
 * The log report page. Draws the last message at once from the saved state (the page is
 * rebuilt whenever its tab comes back), then asks the host for the current one.
 */
class ReportPage {
  private chart: Chart<'bar'> | undefined;
  private shown: HostMessage | undefined;

  constructor(private readonly vscode: ReportVsCodeApi, private readonly main: HTMLElement) {}

  start(): void {
    window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
      const message = event.data;
      if (message?.type !== 'report' && message?.type !== 'empty') return;
      this.vscode.setState({ message });
      this.show(message);
    });
    // A theme switch changes the body's class and the CSS variables: redraw in the new colours.
    new MutationObserver(() => {
      if (this.shown) this.show(this.shown);
    }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    const saved = this.vscode.getState()?.message;
    if (saved) this.show(saved);
    this.vscode.postMessage({ type: 'ready' });
  }

  private show(message: HostMessage): void {
    this.shown = message;
    this.chart?.destroy();
    this.chart = undefined;
    if (message.type === 'empty') {
      this.main.replaceChildren(Object.assign(document.createElement('p'), { className: 'none', textContent: message.text }));
      return;
    }
    const { root, canvas } = renderReport(message.report, {
      exportReport: (format) => this.vscode.postMessage({ type: 'export', format }),
      openSample: (file, line) => this.vscode.postMessage({ type: 'openSample', file, line }),
    });
    this.main.replaceChildren(root);
    if (canvas) this.chart = drawTimeline(canvas, message.report.series);
  }
}

new ReportPage(reportVsCodeApi(), document.getElementById('report')!).start();
