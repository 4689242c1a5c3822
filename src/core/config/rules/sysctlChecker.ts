import * as l10n from '@vscode/l10n';
import type { FindingDraft } from '../findings';
import { RULES } from '../ruleCatalog';
import { DIALECTS, parseKeyValue } from '../parsers/keyValueParser';
import type { KindChecker } from './checker';

const MINIMUM = 1024;
const RECOMMENDED = 4096;

const LIMITS = [
  { key: 'net.core.somaxconn', rule: RULES.sysctlSomaxconnLow.id, what: () => l10n.t('the accept queue of every listening socket (nginx, Tomcat, the app)') },
  { key: 'net.ipv4.tcp_max_syn_backlog', rule: RULES.sysctlSynBacklogLow.id, what: () => l10n.t('half-open connections waiting for their handshake') },
];

/** sysctl keys may be written with `/` instead of `.`. */
export const checkSysctl: KindChecker = (input) => {
  const parsed = parseKeyValue(input.text, DIALECTS.sysctl);
  if (!parsed.ok) return parsed;
  const drafts: FindingDraft[] = [];
  for (const entry of parsed.value.entries) {
    const limit = LIMITS.find((l) => l.key === entry.key.replace(/\//g, '.'));
    const value = Number(entry.value);
    if (!limit || !/^\d+$/.test(entry.value) || value >= MINIMUM) continue;
    drafts.push({
      rule: limit.rule, start: entry.keyStart, end: entry.valueEnd,
      message: l10n.t('{0} = {1} caps {2} below {3}: during an invoice burst the kernel drops new connections, which clients see as connect timeouts (tcp.timeout) or resets, while the server looks idle.', limit.key, value, limit.what(), MINIMUM),
      fixes: [{ title: l10n.t('Set {0} to {1}', limit.key, RECOMMENDED), isPreferred: true, safe: true, edits: [{ start: entry.valueStart, end: entry.valueEnd, newText: String(RECOMMENDED) }] }],
    });
  }
  return { ok: true, drafts };
};
