/**
 * `nginx -T` prints every file it loaded, each after a `# configuration file PATH:` line.
 * Splitting on those lines lets the dump be linted like the tree it came from, with
 * includes resolved between sections and positions still pointing into the dump.
 */
export interface DumpSection {
  path: string;
  /** Offsets into the dump text of the section body (after the separator line). */
  from: number;
  to: number;
}

const SEPARATOR = /^# configuration file (.+?):\r?$/gm;

export function isNginxDump(text: string): boolean {
  return new RegExp(SEPARATOR.source, 'm').test(text);
}

export function splitNginxDump(text: string): DumpSection[] {
  const matches = [...text.matchAll(new RegExp(SEPARATOR.source, 'gm'))];
  return matches.map((match, i) => {
    const lineEnd = text.indexOf('\n', match.index);
    const from = lineEnd < 0 ? text.length : lineEnd + 1;
    const next = matches[i + 1];
    return { path: match[1], from, to: next ? next.index : text.length };
  });
}
