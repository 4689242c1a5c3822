import assert from 'node:assert/strict';
import path from 'node:path';
import { analyzeLogs } from '../../../src/core/logs/analyzeLogs';
import type { AnalysisResult } from '../../../src/core/logs/logTypes';
import { logReportHtml } from '../../../src/core/report/logReportHtml';
import { logReportMarkdown } from '../../../src/core/report/logReportMarkdown';
import { timelineSeries } from '../../../src/core/report/timelineSeries';

const FIXTURE = path.resolve(__dirname, '../../extension/fixtures/logs/error.log');
const generatedAt = new Date('2024-05-02T08:00:00Z');

describe('log reports', () => {
  let result: AnalysisResult;
  before(async () => {
    result = await analyzeLogs([FIXTURE], { timeZone: 'UTC' });
  });

  it('fills the gaps of the timeline so bars are proportional to time', () => {
    const series = timelineSeries(result);
    assert.equal(series.bucketSeconds, 60);
    assert.equal(series.starts[0], '2024-05-01T10:00:00.000Z');
    assert.equal(series.starts.length, 22, 'one bar per minute from 10:00 to 10:21, empty minutes included');
    const total = series.categories.reduce((sum, c) => sum + c.counts.reduce((a, b) => a + b, 0), 0);
    assert.equal(total, result.findings.reduce((sum, f) => sum + f.count, 0));
  });

  it('writes a Markdown table of every category and fenced sample lines', () => {
    const markdown = logReportMarkdown(result, { generatedAt });
    assert.match(markdown, /^# Invoice Doctor log report\n/);
    assert.match(markdown, /\| `tcp\.refused` Connection refused \| 12 \| 2024-05-01 10:00:02 UTC \| 2024-05-01 10:05:05 UTC \| 10\.2\.0\.11:8080 \(10\), 10\.2\.0\.12:8080 \(2\) \|/);
    assert.match(markdown, /Related config checks \(`invoice-doctor lint`\): `nginx\.proxy-timeouts`/);
    assert.match(markdown, /```text\n.*error\.log:1: 2024\/05\/01 10:00:02 \[error\]/);
  });

  it('keeps log text from breaking the Markdown table or fence', () => {
    const tricky: AnalysisResult = { ...result, findings: [{ ...result.findings[0], targets: { 'a|b': 1 }, samples: [{ file: 'x.log', line: 1, text: 'odd ``` fence' }] }] };
    const markdown = logReportMarkdown(tricky, { generatedAt });
    assert.match(markdown, /a\\\|b \(1\)/);
    assert.match(markdown, /````text\nx\.log:1: odd ``` fence\n````/);
  });

  it('writes self-contained HTML: inline SVG timeline, no script, escaped log text', () => {
    const tricky: AnalysisResult = { ...result, findings: result.findings.map((f, i) => (i === 0 ? { ...f, samples: [{ file: 'x.log', line: 1, text: '<script>alert(1)</script>' }] } : f)) };
    const html = logReportHtml(tricky, { generatedAt });
    assert.match(html, /<svg [^>]*class="timeline"/);
    assert.equal((html.match(/<rect /g) ?? []).length, timelineSeries(result).categories.reduce((sum, c) => sum + c.counts.filter((n) => n > 0).length, 0));
    assert.doesNotMatch(html, /<script|<link|\bsrc=|url\(/i);
    assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    for (const finding of result.findings) assert.ok(html.includes(`<code>${finding.category}</code>`));
  });

  it('says so when there is nothing to report', () => {
    const empty: AnalysisResult = { ...result, findings: [], timeline: { bucketSeconds: 1, buckets: [] } };
    assert.match(logReportMarkdown(empty, { generatedAt }), /No connection failures found\./);
    assert.match(logReportHtml(empty, { generatedAt }), /No connection failures found\./);
  });
});
