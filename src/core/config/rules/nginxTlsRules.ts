import * as l10n from '@vscode/l10n';
import { RULES } from '../ruleCatalog';
import { walk } from '../parsers/nginxTree';
import { replaceArgs } from '../nginxEdits';
import { isLegacyProtocol, MOZILLA_INTERMEDIATE, weakCipherElements } from '../tlsVocabulary';
import { fix, nginxDraft, type NginxDraft, type NginxRule } from './nginxRule';

/** ssl_protocols / proxy_ssl_protocols that still enable SSLv3, TLS 1.0 or 1.1. */
export const sslProtocolsLegacy: NginxRule = (roots) => {
  const drafts: NginxDraft[] = [];
  for (const d of walk(roots)) {
    if ((d.name !== 'ssl_protocols' && d.name !== 'proxy_ssl_protocols') || !d.args.length) continue;
    const legacy = d.args.map((a) => a.value).filter(isLegacyProtocol);
    if (!legacy.length) continue;
    const outgoing = d.name === 'proxy_ssl_protocols';
    const message = outgoing
      ? l10n.t('{0} offers {1} to upstreams. Tax gateways and Peppol access points refuse these versions, and if one is negotiated the connection is open to downgrade attacks; offer TLSv1.2 TLSv1.3 (Mozilla intermediate).', d.name, legacy.join(', '))
      : l10n.t('{0} enables {1}. Clients of invoice traffic (ERP connectors, Peppol access points) and compliance scans treat these as broken; use TLSv1.2 TLSv1.3 (Mozilla intermediate).', d.name, legacy.join(', '));
    // Tightening what nginx offers a legacy-only gateway would cut invoice delivery, so the
    // outgoing variant is a fix a person should confirm, not one --fix applies.
    drafts.push(nginxDraft(RULES.nginxSslProtocolsLegacy.id, d, message,
      fix(l10n.t('Set {0} to {1}', d.name, MOZILLA_INTERMEDIATE.protocols.join(' ')), [replaceArgs(d, MOZILLA_INTERMEDIATE.protocols.join(' '))], { safe: !outgoing })));
  }
  return drafts;
};

/** ssl_ciphers / proxy_ssl_ciphers allowing RC4, DES/3DES, MD5, NULL, EXPORT or anonymous suites. */
export const sslCiphersWeak: NginxRule = (roots) => {
  const drafts: NginxDraft[] = [];
  for (const d of walk(roots)) {
    if ((d.name !== 'ssl_ciphers' && d.name !== 'proxy_ssl_ciphers') || d.args.length !== 1) continue;
    const weak = weakCipherElements(d.args[0].value);
    if (!weak.length) continue;
    const quote = d.args[0].quote;
    const shown = weak.slice(0, 4).join(', ') + (weak.length > 4 ? l10n.t(' and {0} more', weak.length - 4) : '');
    drafts.push(nginxDraft(RULES.nginxSslCiphersWeak.id, d,
      l10n.t('{0} allows weak suites ({1}). Gateways that scan or pin cipher policy reject such endpoints, and a negotiated weak suite exposes invoice data; use the Mozilla intermediate list.', d.name, shown),
      fix(l10n.t('Replace {0} with the Mozilla intermediate list', d.name), [replaceArgs(d, `${quote}${MOZILLA_INTERMEDIATE.ciphers}${quote}`)], { safe: d.name === 'ssl_ciphers' })));
  }
  return drafts;
};
