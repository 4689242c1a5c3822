import * as l10n from '@vscode/l10n';
import type { FindingDraft } from '../findings';
import { RULES } from '../ruleCatalog';
import { parseApache, type ApacheDirective } from '../parsers/apacheParser';
import type { KindChecker } from './checker';

const ALL = ['sslv3', 'tlsv1', 'tlsv1.1', 'tlsv1.2', 'tlsv1.3'];
const LEGACY = new Set(['sslv2', 'sslv3', 'tlsv1', 'tlsv1.1']);
const REPLACEMENT = '-all +TLSv1.2 +TLSv1.3';

/**
 * The protocols an SSLProtocol line leaves enabled, following mod_ssl: `all` is every
 * version, `+X`/`-X` add or remove, and a bare `X` replaces what came before.
 */
export function enabledProtocols(args: string[]): Set<string> {
  let enabled = new Set<string>();
  for (const raw of args) {
    const action = raw[0] === '+' || raw[0] === '-' ? raw[0] : '';
    const name = raw.slice(action ? 1 : 0).toLowerCase();
    const names = name === 'all' ? ALL : [name];
    if (action === '-') names.forEach((n) => enabled.delete(n));
    else if (action === '+') names.forEach((n) => enabled.add(n));
    else enabled = new Set(names);
  }
  return enabled;
}

export const checkApache: KindChecker = (input) => {
  const parsed = parseApache(input.text);
  if (!parsed.ok) return parsed;
  return { ok: true, drafts: parsed.value.flatMap(legacyProtocol) };
};

function legacyProtocol(d: ApacheDirective): FindingDraft[] {
  const name = d.name.toLowerCase();
  if ((name !== 'sslprotocol' && name !== 'sslproxyprotocol') || !d.args.length) return [];
  const legacy = [...enabledProtocols(d.args.map((a) => a.value))].filter((p) => LEGACY.has(p));
  if (!legacy.length) return [];
  const outgoing = name === 'sslproxyprotocol';
  return [{
    rule: RULES.apacheSslProtocolLegacy.id, start: d.start, end: d.end,
    message: l10n.t('{0} {1} leaves {2} enabled{3}: clients and gateways that require TLS 1.2+ and compliance scans reject it, and a negotiated legacy version is open to downgrade attacks (tls.protocol).', d.name, d.args.map((a) => a.value).join(' '), legacy.join(', '), outgoing ? l10n.t(' towards backends') : ''),
    // Restricting what httpd offers a legacy-only backend could cut delivery: reviewed fix.
    fixes: [{ title: l10n.t('Set {0} {1}', d.name, REPLACEMENT), isPreferred: true, safe: !outgoing, edits: [{ start: d.args[0].start, end: d.args[d.args.length - 1].end, newText: REPLACEMENT }] }],
  }];
}
