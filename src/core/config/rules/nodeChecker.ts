import * as l10n from '@vscode/l10n';
import type { FindingDraft } from '../findings';
import { RULES } from '../ruleCatalog';
import { DIALECTS, parseKeyValue } from '../parsers/keyValueParser';
import { blankComments } from '../parsers/scriptScanner';
import { nextLineStart, lineStartOf } from '../textLayout';
import type { KindChecker } from './checker';

// A function so the text is read from the message catalog of the language chosen at run time.
const disablesVerification = (scope: string) => l10n.t('disables TLS certificate verification for {0}: any certificate is accepted, so a proxy or attacker in the path can read and alter invoices and gateway credentials, and a real tls.cert_* problem is hidden until production. Trust the gateway\'s CA instead (NODE_EXTRA_CA_CERTS or the `ca` option).', scope);

/** .env: NODE_TLS_REJECT_UNAUTHORIZED=0 turns verification off for the whole Node process. */
export const checkDotenv: KindChecker = (input) => {
  const parsed = parseKeyValue(input.text, DIALECTS.dotenv);
  if (!parsed.ok) return parsed;
  const drafts: FindingDraft[] = parsed.value.entries
    .filter((e) => e.key === 'NODE_TLS_REJECT_UNAUTHORIZED' && e.value.trim() === '0')
    .map((e) => ({
      rule: RULES.nodeTlsVerifyDisabled.id, start: e.keyStart, end: e.valueEnd,
      message: l10n.t('NODE_TLS_REJECT_UNAUTHORIZED=0 {0}', disablesVerification(l10n.t('every HTTPS call of the process'))),
      fixes: [{ title: l10n.t('Remove NODE_TLS_REJECT_UNAUTHORIZED=0'), isPreferred: true, safe: false, edits: [{ start: e.lineStart, end: nextLineStart(input.text, e.valueEnd), newText: '' }] }],
    }));
  return { ok: true, drafts };
};

const REJECT_FALSE = /\brejectUnauthorized\s*:\s*(false)\b/g;
const ENV_ZERO = /process\.env(?:\.NODE_TLS_REJECT_UNAUTHORIZED|\[\s*(['"])NODE_TLS_REJECT_UNAUTHORIZED\1\s*\])\s*=\s*(['"`]0['"`]|0)\s*;?/g;

/** JS/TS sources: `rejectUnauthorized: false` and assignments to NODE_TLS_REJECT_UNAUTHORIZED. */
export const checkJavascript: KindChecker = (input) => {
  const code = blankComments(input.text);
  const drafts: FindingDraft[] = [];
  for (const match of code.matchAll(REJECT_FALSE)) {
    const valueStart = match.index + match[0].length - match[1].length;
    drafts.push({
      rule: RULES.nodeTlsVerifyDisabled.id, start: match.index, end: match.index + match[0].length,
      message: l10n.t('rejectUnauthorized: false {0}', disablesVerification(l10n.t('this connection'))),
      fixes: [{ title: l10n.t('Set rejectUnauthorized: true'), isPreferred: true, safe: false, edits: [{ start: valueStart, end: valueStart + 5, newText: 'true' }] }],
    });
  }
  for (const match of code.matchAll(ENV_ZERO)) {
    const lineStart = lineStartOf(input.text, match.index);
    const end = match.index + match[0].length;
    const alone = /^\s*$/.test(input.text.slice(lineStart, match.index)) && /^[ \t]*\r?$/.test(input.text.slice(end, nextLineStart(input.text, end)).replace(/\n$/, ''));
    drafts.push({
      rule: RULES.nodeTlsVerifyDisabled.id, start: match.index, end: match.index + match[0].length,
      message: l10n.t('Setting NODE_TLS_REJECT_UNAUTHORIZED to 0 {0}', disablesVerification(l10n.t('every HTTPS call of the process'))),
      fixes: alone ? [{ title: l10n.t('Remove the assignment'), isPreferred: true, safe: false, edits: [{ start: lineStart, end: nextLineStart(input.text, match.index), newText: '' }] }] : [],
    });
  }
  return { ok: true, drafts };
};
