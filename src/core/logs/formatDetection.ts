import { ACCESS_REQUEST_STATUS } from './accessLogLine';
import { stripContainerPrefix } from './containerPrefix';
import type { LogFormat } from './logTypes';
import { NGINX_ERROR_HEADER } from './nginxErrorLine';

/**
 * A file's format, from its first lines. The nginx formats get narrow prefilters, so they
 * are chosen only when every sampled line is of that format; any mixture reads as the
 * majority format with the full set of signatures (classification is per line anyway).
 */
const SHAPES: [LogFormat, RegExp][] = [
  ['nginx-error', NGINX_ERROR_HEADER],
  ['nginx-access', new RegExp(`\\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:[\\d:]+ [+-]\\d{4}\\] ${ACCESS_REQUEST_STATUS.source}`)],
  ['mysql', /\[(?:Note|Warning|ERROR|System)\] (?:\[MY-\d+\] )?|^\d{6} \s?\d\d?:\d\d:\d\d /],
  ['postgresql', /\[\d+\](?: \S+)? (?:LOG|ERROR|FATAL|WARNING|PANIC|DETAIL|HINT|STATEMENT):  /],
  ['python', /^Traceback \(most recent call last\):|^\s+File ".*", line \d+|^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} /],
  ['java', /^\s+at [\w$.]+\(|^Caused by: |^\d{4}-\d\d-\d\d[ T][\d:.,]+\s+(?:\[[^\]]+\]\s+)?(?:ERROR|WARN|INFO|DEBUG|TRACE)\s+(?:\d+ --- |\[)/],
  ['node', /^\s+at .*\((?:node:|file:\/\/|\/.*\.m?js:\d+)|"level":\d{2},"time":\d{13}/],
  ['go', /\blvl=\w+ |\blevel=\w+ msg=|^\d{4}-\d\d-\d\dT[\d:.]+Z?\t(?:info|error|warn|debug)\t|^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d (?!\[)/],
];
const SAMPLE_LINES = 30;

export function detectFormat(head: string): LogFormat {
  const lines = head.split('\n', SAMPLE_LINES + 1).slice(0, SAMPLE_LINES).map((line) => stripContainerPrefix(line.replace(/\r$/, ''))).filter((line) => line.trim() !== '');
  if (lines.length === 0) return 'generic';
  const votes = new Map<LogFormat, number>();
  for (const line of lines) {
    const shape = SHAPES.find(([, pattern]) => pattern.test(line));
    if (shape) votes.set(shape[0], (votes.get(shape[0]) ?? 0) + 1);
  }
  for (const narrow of ['nginx-error', 'nginx-access'] as const) if (votes.get(narrow) === lines.length) return narrow;
  let best: LogFormat = 'generic';
  let bestVotes = 0;
  for (const [format, count] of votes) {
    if (format.startsWith('nginx-') || count <= bestVotes) continue;
    best = format;
    bestVotes = count;
  }
  return best;
}
