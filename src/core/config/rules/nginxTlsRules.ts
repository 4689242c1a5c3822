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
      ? `${d.name} offers ${legacy.join(', ')} to upstreams. Tax gateways and Peppol access points refuse these versions, and if one is negotiated the connection is open to downgrade attacks; offer TLSv1.2 TLSv1.3 (Mozilla intermediate).`
      : `${d.name} enables ${legacy.join(', ')}. Clients of invoice traffic (ERP connectors, Peppol access points) and compliance scans treat these as broken; use TLSv1.2 TLSv1.3 (Mozilla intermediate).`;
    // Tightening what nginx offers a legacy-only gateway would cut invoice delivery, so the
    // outgoing variant is a fix a person should confirm, not one --fix applies.
    drafts.push(nginxDraft(RULES.nginxSslProtocolsLegacy.id, d, message,
      fix(`Set ${d.name} to ${MOZILLA_INTERMEDIATE.protocols.join(' ')}`, [replaceArgs(d, MOZILLA_INTERMEDIATE.protocols.join(' '))], { safe: !outgoing })));
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
    const shown = weak.slice(0, 4).join(', ') + (weak.length > 4 ? ` and ${weak.length - 4} more` : '');
    drafts.push(nginxDraft(RULES.nginxSslCiphersWeak.id, d,
      `${d.name} allows weak suites (${shown}). Gateways that scan or pin cipher policy reject such endpoints, and a negotiated weak suite exposes invoice data; use the Mozilla intermediate list.`,
      fix(`Replace ${d.name} with the Mozilla intermediate list`, [replaceArgs(d, `${quote}${MOZILLA_INTERMEDIATE.ciphers}${quote}`)], { safe: d.name === 'ssl_ciphers' })));
  }
  return drafts;
};
