import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from './cliCommand';
import { isDoctorError } from '../core/errors';
import { version } from '../../package.json';
import { chooseLanguage, ENGLISH, useLanguage, type LanguageChoice } from './language';
import * as l10n from '@vscode/l10n';

// Subcommands register here; each lives in its own file and loads only when it runs, so a run
// initialises the code of one command, not five (about 10 ms of `analyze`'s start).
// (`require`, not `import()`: the bundle is CommonJS, and the tests run the sources as CommonJS.)
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: Record<string, () => CliCommand> = {
  probe: () => (require('./probeCommand') as typeof import('./probeCommand')).probeCommand,
  analyze: () => (require('./analyzeCommand') as typeof import('./analyzeCommand')).analyzeCommand,
  lint: () => (require('./lintCommand') as typeof import('./lintCommand')).lintCommand,
  cert: () => (require('./certCommand') as typeof import('./certCommand')).certCommand,
  doctor: () => (require('./doctorCommand') as typeof import('./doctorCommand')).doctorCommand,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const HELP = () => [
  'Usage: invoice-doctor <command> [options]',
  '',
  'Commands:',
  ...Object.values(COMMANDS).map((load) => load()).map((c) => `  ${c.name.padEnd(9)} ${c.summary}`),
  '',
  'Run "invoice-doctor <command> --help" for the options of one command.',
  'Every command takes --lang LOCALE (e.g. zh-cn; default: LC_ALL, LC_MESSAGES or LANG). --json, --sarif and --lines output stays English.',
  'Exit codes: 0 nothing wrong, 1 problems found, 2 bad usage or unreadable input.',
  '',
].join('\n');

// Machine-readable output is never translated (CONTRACT.md §3): scripts match its messages too.
const MACHINE_OUTPUT_FLAGS = new Set(['--json', '--sarif', '--lines']);

export async function main(argv: string[], io: CliIo): Promise<number> {
  let choice: LanguageChoice;
  try {
    choice = chooseLanguage(argv, io.env);
  } catch (error) {
    io.stderr.write(`invoice-doctor: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  const language = isMachineOutput(choice.argv) ? ENGLISH : choice.language;
  const translated = useLanguage(language);
  if (!translated && choice.explicit) io.stderr.write(`invoice-doctor: no "${language}" translation; messages are in English.\n`);
  try {
    return await runCommand(choice.argv, { ...io, language: translated ? language : ENGLISH });
  } finally {
    // The catalog is process-wide: leave English behind for the next in-process run (tests, the demo).
    useLanguage(ENGLISH);
  }
}

function isMachineOutput(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => MACHINE_OUTPUT_FLAGS.has(arg));
}

async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(HELP());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version}\n`);
    return EXIT_OK;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr.write(`${l10n.t('invoice-doctor: unknown command "{0}". Run "invoice-doctor --help".', name)}\n`);
    return EXIT_USAGE;
  }
  const command = load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // Expected failures (bad input, missing secret) get their one clear line; anything else
    // is a bug, but still one line and exit 2 rather than a stack trace in a CI log.
    const message = isDoctorError(error) ? error.message : l10n.t('unexpected error: {0}', (error as Error)?.message ?? String(error));
    io.stderr.write(`invoice-doctor ${name}: ${message}\n`);
    return EXIT_USAGE;
  }
}
