import type { FindingDraft } from '../findings';
import { RULES } from '../ruleCatalog';
import { DIALECTS, parseKeyValue } from '../parsers/keyValueParser';
import type { KindChecker } from './checker';

const MINIMUM = 1024;
const RECOMMENDED = 4096;

const LIMITS = [
  { key: 'net.core.somaxconn', rule: RULES.sysctlSomaxconnLow.id, what: 'the accept queue of every listening socket (nginx, Tomcat, the app)' },
  { key: 'net.ipv4.tcp_max_syn_backlog', rule: RULES.sysctlSynBacklogLow.id, what: 'half-open connections waiting for their handshake' },
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
      message: `${limit.key} = ${value} caps ${limit.what} below ${MINIMUM}: during an invoice burst the kernel drops new connections, which clients see as connect timeouts (tcp.timeout) or resets, while the server looks idle.`,
      fixes: [{ title: `Set ${limit.key} to ${RECOMMENDED}`, isPreferred: true, safe: true, edits: [{ start: entry.valueStart, end: entry.valueEnd, newText: String(RECOMMENDED) }] }],
    });
  }
  return { ok: true, drafts };
};
