/**
 * Container runtimes and process managers put their own prefix in front of every line
 * (`svc-1  | `, `nginx.1    | `, `23:53:43  web | `, kubectl `--timestamps` / `--prefix`), and
 * compose keeps ANSI colours. Matching and multi-line grouping look at the text behind them.
 */
const ANSI_ESCAPE = /\x1b\[[0-9;?]*[A-Za-z]/g;
const PREFIXES = [
  /^\d\d:\d\d:\d\d\s+[\w.-]+\s*\| ?/, // foreman / overmind / goreman
  /^[\w.-]+\s*\| ?/, // docker compose: "svc-1  | "
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z (?=\S|\s)/, // kubectl logs --timestamps
  /^\[pod\/[^\]\s]+\] /, // kubectl logs --prefix
];

/** The line without colour codes and container prefixes (a prefix may stack on another). */
export function stripContainerPrefix(line: string): string {
  let text = line.includes('\x1b') ? line.replace(ANSI_ESCAPE, '') : line;
  for (let pass = 0; pass < 2 && mayHavePrefix(text); pass++) {
    let stripped = false;
    for (const prefix of PREFIXES) {
      const match = prefix.exec(text);
      if (match) {
        text = text.slice(match[0].length);
        stripped = true;
        break;
      }
    }
    if (!stripped) break;
  }
  return text;
}

/** What every prefix needs (a "|", kubectl's "YYYY-MM-DDT", "[pod/"): most lines are spared the regular expressions. */
function mayHavePrefix(text: string): boolean {
  return text.includes('|') || (text.charCodeAt(4) === 0x2d /* - */ && text.charCodeAt(10) === 0x54 /* T */) || text.startsWith('[pod/');
}
