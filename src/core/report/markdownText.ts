/** Text made safe inside Markdown constructs: table cells, inline code and code fences. */

/** A table cell: pipes would end it and newlines the row. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function inlineCode(text: string): string {
  return text.replace(/`/g, "'");
}

/** A code fence longer than any run of backticks inside, so log lines cannot close it. */
export function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}
