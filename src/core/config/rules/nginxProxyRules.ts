import * as l10n from '@vscode/l10n';
import { RULES } from '../ruleCatalog';
import { inScope, walk } from '../parsers/nginxTree';
import type { NginxDirective } from '../parsers/nginxParser';
import { leadingIndent, detectEol } from '../textLayout';
import { replaceArgs } from '../nginxEdits';
import { nginxSeconds } from '../nginxTime';
import { proxyHost, proxyScope, scopeInsertion } from '../nginxProxyScope';
import { fix, headRange, nginxDraft, type NginxDraft, type NginxRule } from './nginxRule';

const proxyPasses = (roots: NginxDirective[]) => [...walk(roots)].filter((d) => d.name === 'proxy_pass' && d.args.length === 1);
const isHttps = (d: NginxDirective) => /^https:\/\//i.test(d.args[0].value);
const passRange = (d: NginxDirective) => headRange(d);

/** nginx sends no SNI to HTTPS upstreams unless proxy_ssl_server_name is on. */
export const proxySslServerName: NginxRule = (roots) => proxyPasses(roots).filter(isHttps).flatMap((d) => {
  const current = inScope(proxyScope(d), 'proxy_ssl_server_name', roots);
  if (current?.args[0]?.value === 'on') return [];
  return [nginxDraft(RULES.nginxProxySslServerName.id, d,
    l10n.t('proxy_pass to {0} without "proxy_ssl_server_name on": nginx sends no SNI, so a gateway behind a shared load balancer or CDN answers with its default certificate or aborts the handshake (tls.handshake / tls.cert_hostname).', d.args[0].value),
    fix(l10n.t('Add "proxy_ssl_server_name on;"'), [scopeInsertion(d, ['proxy_ssl_server_name on;'])], { safe: true }),
    passRange(d))];
});

/** Explicit `proxy_ssl_verify off`: any certificate, even a forged one, is accepted. */
export const proxySslVerifyOff: NginxRule = (roots) => [...walk(roots)].filter((d) => d.name === 'proxy_ssl_verify' && d.args[0]?.value === 'off').map((d) => {
  const trusted = inScope(d.parent, 'proxy_ssl_trusted_certificate', roots);
  const text = d.source.text;
  const indent = leadingIndent(text, d.start);
  const separator = indent === undefined ? ' ' : `${detectEol(text)}${indent}`;
  const replacement = trusted
    ? 'proxy_ssl_verify on;'
    : `proxy_ssl_verify on;${separator}proxy_ssl_trusted_certificate \${1:/etc/ssl/certs/ca-certificates.crt};`;
  // Turning verification on can stop traffic if the CA file is wrong: always a reviewed fix.
  return nginxDraft(RULES.nginxProxySslVerifyOff.id, d,
    'proxy_ssl_verify is off: nginx accepts any upstream certificate, so a proxy or attacker in the path can read and alter invoices and credentials. Verify against the gateway\'s CA instead (proxy_ssl_trusted_certificate).',
    fix(trusted ? l10n.t('Turn proxy_ssl_verify on') : l10n.t('Turn proxy_ssl_verify on and set proxy_ssl_trusted_certificate'),
      [{ start: d.start, end: d.end, newText: replacement }], { safe: false, snippet: !trusted }));
});

/** A variable in the proxy_pass host is resolved at run time, which needs a resolver. */
export const resolverMissing: NginxRule = (roots) => proxyPasses(roots).filter((d) => proxyHost(d.args[0].value).includes('$')).flatMap((d) => {
  if (inScope(proxyScope(d), 'resolver', roots)) return [];
  return [nginxDraft(RULES.nginxResolverMissing.id, d,
    l10n.t('proxy_pass {0} names its host with a variable, which nginx resolves per request, but no "resolver" is set: requests fail with 502 and "no resolver defined to resolve ..." (dns.timeout) unless the variable only ever names an upstream{} block.', d.args[0].value),
    fix(l10n.t('Add a resolver'), [scopeInsertion(d, ['resolver ${1:127.0.0.53} valid=30s;'])], { safe: false, snippet: true }),
    passRange(d))];
});

/** nginx caps connect timeouts at about 75 s; reads default to 60 s, short for slow gateways. */
export const proxyTimeouts: NginxRule = (roots) => {
  const drafts: NginxDraft[] = [];
  for (const d of walk(roots)) {
    if (d.name !== 'proxy_connect_timeout' || d.args.length !== 1) continue;
    const seconds = nginxSeconds(d.args[0].value);
    if (seconds === undefined || seconds <= 75) continue;
    drafts.push(nginxDraft(RULES.nginxProxyTimeouts.id, d,
      l10n.t('proxy_connect_timeout {0} has no effect beyond 75 s (nginx\'s documented cap; the kernel gives up on SYN retries around then). A gateway that is down makes each invoice request hang that long instead of failing fast; 10s is plenty for a TCP connect.', d.args[0].value),
      [
        { title: l10n.t('Set proxy_connect_timeout to 10s'), isPreferred: true, safe: false, edits: [replaceArgs(d, '10s')] },
        { title: l10n.t('Cap proxy_connect_timeout at 75s (no change in behaviour)'), isPreferred: false, safe: true, edits: [replaceArgs(d, '75s')] },
      ]));
  }
  for (const d of proxyPasses(roots).filter(isHttps)) {
    if (inScope(proxyScope(d), 'proxy_read_timeout', roots)) continue;
    drafts.push(nginxDraft(RULES.nginxProxyTimeouts.id, d,
      l10n.t('No proxy_read_timeout for {0}: nginx\'s default of 60s cuts off gateway calls that take longer (clearance and batch submissions often do at peak), answering 504 (http.timeout) while the gateway may still accept the invoice. Set it deliberately.', d.args[0].value),
      fix('Add "proxy_read_timeout 120s;"', [scopeInsertion(d, ['proxy_read_timeout 120s;'])], { safe: false }),
      { ...passRange(d), severity: 'info' }));
  }
  return drafts;
};

