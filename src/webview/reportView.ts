import type { ReportData, ReportFinding } from './reportProtocol';
import { h } from './dom';

/** What the page's buttons and links ask the host to do. */
export interface ReportActions {
  exportReport(format: 'markdown' | 'html'): void;
  openSample(file: string, line: number): void;
}

const TOP_TARGETS = 3;

/**
 * The report as DOM: header with exports, files, the timeline's canvas (drawn by the caller),
 * the findings table and what to do per category with clickable sample lines.
 */
export function renderReport(report: ReportData, actions: ReportActions): { root: HTMLElement; canvas: HTMLCanvasElement | undefined } {
  const s = report.strings;
  const button = (label: string, format: 'markdown' | 'html') => {
    const element = h('button', { type: 'button' }, label);
    element.addEventListener('click', () => actions.exportReport(format));
    return element;
  };
  const root = h('div', { class: 'report' },
    h('header', {},
      h('h1', {}, s.title),
      h('div', { class: 'actions' }, button(s.exportMarkdown, 'markdown'), button(s.exportHtml, 'html'))),
    h('section', {},
      h('h2', {}, s.filesHeading),
      h('ul', { class: 'files' }, ...report.files.map((file, i) => h('li', {}, h('code', {}, file.path), ` ${s.fileDescriptions[i]}`)))),
  );
  if (report.findings.length === 0) {
    root.append(h('p', { class: 'none' }, s.noFindings));
    return { root, canvas: undefined };
  }
  let canvas: HTMLCanvasElement | undefined;
  if (report.series.starts.length > 0) {
    canvas = h('canvas', { role: 'img', 'aria-label': `${s.timelineHeading}: ${s.timelineCaption}` });
    root.append(h('section', {}, h('h2', {}, s.timelineHeading), h('p', { class: 'caption' }, s.timelineCaption), h('div', { class: 'chart' }, canvas)));
  }
  root.append(findingsTable(report), fixes(report, actions));
  return { root, canvas };
}

function findingsTable(report: ReportData): HTMLElement {
  const s = report.strings;
  return h('section', {},
    h('h2', {}, s.findingsHeading),
    h('table', {},
      h('thead', {}, h('tr', {}, ...[s.category, s.count, s.first, s.last, s.topTargets].map((label) => h('th', {}, label)))),
      h('tbody', {}, ...report.findings.map((finding) => h('tr', {},
        h('td', {}, h('code', {}, finding.category), ` ${finding.title}`),
        h('td', { class: 'count' }, String(finding.count)),
        h('td', {}, localTime(finding.first)),
        h('td', {}, localTime(finding.last)),
        h('td', {}, topTargets(finding)))))));
}

function fixes(report: ReportData, actions: ReportActions): HTMLElement {
  const s = report.strings;
  return h('section', {},
    h('h2', {}, s.fixesHeading),
    ...report.findings.map((finding) => h('article', { class: 'fix' },
      h('h3', {}, h('code', {}, finding.category), ` ${finding.title} (${finding.count})`),
      finding.fixes.length > 0 && h('ul', {}, ...finding.fixes.map((fix) => h('li', {}, fix))),
      finding.rules.length > 0 && h('p', {}, `${s.relatedChecks} `, ...finding.rules.flatMap((rule, i) => [i > 0 ? ', ' : '', h('code', {}, rule)])),
      finding.samples.length > 0 && h('details', {},
        h('summary', {}, `${s.samples} (${finding.samples.length})`),
        h('ul', { class: 'samples' }, ...finding.samples.map((sample) => {
          const link = h('a', { href: '#', title: `${sample.file}:${sample.line}` }, `${baseName(sample.file)}:${sample.line}`);
          link.addEventListener('click', (event) => {
            event.preventDefault();
            actions.openSample(sample.file, sample.line);
          });
          return h('li', {}, link, ' ', h('code', {}, sample.text));
        }))))));
}

function topTargets(finding: ReportFinding): string {
  return Object.entries(finding.targets).slice(0, TOP_TARGETS).map(([target, count]) => `${target} (${count})`).join(', ') || '—';
}

function localTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
