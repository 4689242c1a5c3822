import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { DoctorError } from '../core/errors';

/**
 * The CLI's language: `--lang` (anywhere before `--`), else the POSIX locale of the environment
 * (LC_ALL, then LC_MESSAGES, then LANG, as gettext reads them). Messages come from the same
 * l10n/bundle.l10n.<lang>.json catalogs VS Code loads for the extension; English is the
 * catalog-free default.
 */
export interface LanguageChoice {
  /** A catalog name such as `zh-cn`, or `en`. */
  language: string;
  /** Whether the user asked for it with `--lang` (so a missing catalog is worth a note). */
  explicit: boolean;
  /** argv without the `--lang` option. */
  argv: string[];
}

export const ENGLISH = 'en';

// Locale spellings that mean a catalog of another name (Simplified Chinese is the catalog "zh-cn").
const ALIASES: Record<string, string> = { zh: 'zh-cn', 'zh-hans': 'zh-cn', 'zh-sg': 'zh-cn', 'zh-hans-cn': 'zh-cn' };

export function chooseLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): LanguageChoice {
  const rest: string[] = [];
  let flag: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--') {
      rest.push(...argv.slice(index));
      break;
    }
    if (arg === '--lang') {
      if (index + 1 === argv.length) throw new DoctorError('usage', 'option "--lang" needs a value, e.g. --lang zh-cn');
      flag = argv[++index];
    } else if (arg.startsWith('--lang=')) flag = arg.slice('--lang='.length);
    else rest.push(arg);
  }
  if (flag !== undefined) return { language: normalizeLocale(flag), explicit: true, argv: rest };
  const fromEnv = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value);
  return { language: normalizeLocale(fromEnv ?? ''), explicit: false, argv: rest };
}

/** `zh_CN.UTF-8` -> `zh-cn`; `C`, `POSIX`, `en_US` and the empty locale -> `en`. */
export function normalizeLocale(locale: string): string {
  const name = locale.split(/[.@]/)[0].trim().toLowerCase().replace(/_/g, '-');
  if (name === '' || name === 'c' || name === 'posix' || name === ENGLISH || name.startsWith('en-')) return ENGLISH;
  return ALIASES[name] ?? name;
}

/**
 * Points @vscode/l10n at the catalog of `language`. Returns false when there is none (the
 * messages stay English). Every call replaces the previous catalog, so one process can run
 * the CLI several times in different languages.
 */
export function useLanguage(language: string): boolean {
  const file = language === ENGLISH ? undefined : catalogFile(language);
  l10n.config({ contents: file ? readFileSync(file, 'utf8') : {} });
  return language === ENGLISH || file !== undefined;
}

// dist/cli.js finds the catalogs in ../l10n; the TypeScript source (src/cli, run through tsx) in ../../l10n.
function catalogFile(language: string): string | undefined {
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(language)) return undefined;
  const name = `bundle.l10n.${language}.json`;
  return [join(__dirname, '..', 'l10n', name), join(__dirname, '..', '..', 'l10n', name)].find((file) => existsSync(file));
}
