import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from './cliCommand';
import { isDoctorError } from '../core/errors';
import { version } from '../../package.json';
import { probeCommand } from './probeCommand';
import { analyzeCommand } from './analyzeCommand';
import { lintCommand } from './lintCommand';
import { certCommand } from './certCommand';

// Subcommands register here; each lives in its own file.
const COMMANDS: CliCommand[] = [probeCommand, analyzeCommand, lintCommand, certCommand];

const HELP = () => [
  'Usage: invoice-doctor <command> [options]',
  '',
  'Commands:',
  ...COMMANDS.map((c) => `  ${c.name.padEnd(9)} ${c.summary}`),
  '',
  'Run "invoice-doctor <command> --help" for the options of one command.',
  'Exit codes: 0 nothing wrong, 1 problems found, 2 bad usage or unreadable input.',
  '',
].join('\n');

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(HELP());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`invoice-doctor: unknown command "${name}". Run "invoice-doctor --help".\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // Expected failures (bad input, missing secret) get their one clear line; anything else
    // is a bug, but still one line and exit 2 rather than a stack trace in a CI log.
    const message = isDoctorError(error) ? error.message : `unexpected error: ${(error as Error)?.message ?? String(error)}`;
    io.stderr.write(`invoice-doctor ${name}: ${message}\n`);
    return EXIT_USAGE;
  }
}
