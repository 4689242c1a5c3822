/**
 * What every CLI subcommand implements. Exit codes are fixed by CONTRACT.md §3:
 * 0 nothing wrong, 1 problems found, 2 bad usage or unreadable input.
 */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM so long work stops cleanly. */
  signal: AbortSignal;
  /** Language of the messages (e.g. zh-cn), set by main() from --lang or the environment. */
  language?: string;
}

export interface CliCommand {
  name: string;
  /** One line for `invoice-doctor --help`. */
  summary: string;
  /** The full usage text for `invoice-doctor <name> --help`. */
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function wantsColor(io: CliIo): boolean {
  return (io.stdout as { isTTY?: boolean }).isTTY === true && !io.env.NO_COLOR;
}
