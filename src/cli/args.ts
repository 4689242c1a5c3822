import { DoctorError } from '../core/errors';

/**
 * The argv parser every subcommand shares. Deliberately small: long flags only
 * (`--flag`, `--flag value`, `--flag=value`), `--` ends the flags, and a lone `-` is a
 * positional (analyze reads standard input from it). Anything unknown is a usage error,
 * so a typo never silently changes what a command does.
 */
export type FlagKind = 'boolean' | 'string' | 'strings';
export type FlagSpec = Record<string, FlagKind>;

export type ParsedFlags<S extends FlagSpec> = {
  [K in keyof S]: S[K] extends 'boolean' ? boolean : S[K] extends 'string' ? string | undefined : string[];
};

export interface ParsedArgs<S extends FlagSpec> {
  flags: ParsedFlags<S>;
  positionals: string[];
}

export function parseArgs<S extends FlagSpec>(argv: readonly string[], spec: S): ParsedArgs<S> {
  const flags: Record<string, boolean | string | string[] | undefined> = {};
  for (const [name, kind] of Object.entries(spec)) flags[name] = kind === 'boolean' ? false : kind === 'strings' ? [] : undefined;
  const positionals: string[] = [];

  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) throw usage(`unknown option "${arg}" (options are spelled --name)`);

    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    const kind = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (!kind) throw usage(`unknown option "--${name}"`);

    if (kind === 'boolean') {
      if (equals !== -1) throw usage(`option "--${name}" takes no value`);
      flags[name] = true;
      continue;
    }
    let value: string;
    if (equals !== -1) {
      value = arg.slice(equals + 1);
    } else {
      const next = argv[index + 1];
      // A following flag is not a value: `--config --json` means the value was forgotten.
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw usage(`option "--${name}" needs a value`);
      value = next;
      index++;
    }
    if (kind === 'strings') {
      (flags[name] as string[]).push(value);
    } else {
      if (flags[name] !== undefined) throw usage(`option "--${name}" is given more than once`);
      flags[name] = value;
    }
  }
  return { flags: flags as ParsedFlags<S>, positionals };
}

function usage(message: string): DoctorError {
  return new DoctorError('usage', message);
}
