import { stripContainerPrefix } from './containerPrefix';

/**
 * Whether a line continues the event of the line before it: stack frames, `Caused by:`
 * chains, Node's `[cause]:` blocks, Python tracebacks and the exception line under a log
 * header. It looks at the pair only, so reading forwards and walking backwards from any
 * line agree on where an event starts.
 */
const CHAIN_LINE = /^(?:Caused by:|Suppressed:|\.\.\. \d+ (?:more|common frames omitted)|\[cause\]:|Traceback \(most recent call last\):|During handling of the above exception|The above exception was the direct cause|\}$)/;
// `java.net.ConnectException: …`, `TypeError: fetch failed`, `requests.exceptions.ConnectionError: …`
const EXCEPTION_LINE = /^(?:[a-zA-Z_$][\w$]*\.)*[A-Z][\w$]*(?:Exception|Error|Fault|Failure|Exit)(?: \[[\w_]+\])?:/;
// Python's last traceback line names its exception class, whatever the class is called.
const RAISED_LINE = /^[A-Za-z_][\w.]*(?::|$)/;
const ERROR_CONTEXT = /\b(?:ERROR|WARN|WARNING|FATAL|SEVERE|CRITICAL|error|Error|Exception|failed|Failed)\b/;

export function isContinuation(line: string, previous: string | undefined | (() => string | undefined)): boolean {
  const text = stripContainerPrefix(line);
  if (text.length === 0) return false;
  const first = text.charCodeAt(0);
  // A line that starts with a digit (a log header's date, an access line's address) fits none of
  // the shapes below: the common case costs no regular expression.
  if (first >= 0x30 && first <= 0x39) return false;
  const indented = first === 0x20 || first === 0x09;
  const chain = !indented && CHAIN_LINE.test(text);
  const exception = !indented && !chain && EXCEPTION_LINE.test(text);
  const raised = !indented && !chain && !exception && RAISED_LINE.test(text);
  if (!indented && !chain && !exception && !raised) return false; // the common case decodes no earlier line
  const raw = typeof previous === 'function' ? previous() : previous;
  if (raw === undefined) return false;
  const before = stripContainerPrefix(raw);
  if (before.trim().length === 0) return false;
  if (indented || chain) return true;
  const beforeFirst = before.charCodeAt(0);
  const beforeIndented = beforeFirst === 0x20 || beforeFirst === 0x09;
  return raised ? beforeIndented : beforeIndented || CHAIN_LINE.test(before) || ERROR_CONTEXT.test(before);
}
