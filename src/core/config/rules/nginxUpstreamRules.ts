import * as l10n from '@vscode/l10n';
import { RULES } from '../ruleCatalog';
import { childrenNamed, expandedChildren, inScope, walk } from '../parsers/nginxTree';
import type { NginxDirective } from '../parsers/nginxParser';
import type { TextEdit } from '../findings';
import { directiveText, insertInBlock, replaceArgs } from '../nginxEdits';
import { proxyHost, proxyScope, scopeInsertion } from '../nginxProxyScope';
import { fix, headRange, nginxDraft, type NginxDraft, type NginxRule } from './nginxRule';

const OTHER_PASSES = ['fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass'];

/**
 * Without `keepalive`, nginx opens a new TCP (and TLS) connection to the upstream for every
 * request; under invoice bursts that exhausts ephemeral ports (tcp.ports_exhausted) and adds
 * a handshake to each call. Keepalive also needs HTTP/1.1 and an empty Connection header in
 * every location proxying there, so those locations are checked too.
 */
export const upstreamKeepalive: NginxRule = (roots) => {
  const upstreams = [...walk(roots)].filter((d) => d.name === 'upstream' && d.block && d.args.length === 1);
  const usedElsewhere = new Set([...walk(roots)].filter((d) => OTHER_PASSES.includes(d.name) && d.args[0]).map((d) => proxyHost(d.args[0].value)));
  const drafts: NginxDraft[] = [];
  for (const upstream of upstreams) {
    const name = upstream.args[0].value;
    if (usedElsewhere.has(name) || childrenNamed(upstream, 'keepalive', roots).length) continue;
    drafts.push(nginxDraft(RULES.nginxUpstreamKeepalive.id, upstream,
      l10n.t('upstream {0} has no "keepalive": every proxied request opens a new connection (and TLS handshake) to it, so bursts of invoice calls pile up TIME_WAIT sockets until ephemeral ports run out (tcp.ports_exhausted) or the backend refuses connections.', name),
      fix('Add "keepalive 32;"', [insertInBlock(upstream, ['keepalive 32;'])], { safe: true }), headRange(upstream)));
  }
  const names = new Set(upstreams.map((u) => u.args[0].value));
  for (const pass of [...walk(roots)].filter((d) => d.name === 'proxy_pass' && d.args[0] && names.has(proxyHost(d.args[0].value)))) {
    const draft = locationDraft(pass, roots);
    if (draft) drafts.push(draft);
  }
  return drafts;
};

function locationDraft(pass: NginxDirective, roots: NginxDirective[]): NginxDraft | undefined {
  const scope = proxyScope(pass);
  const version = inScope(scope, 'proxy_http_version', roots);
  const headers = effectiveHeaders(scope, roots);
  const connection = headers.find((h) => h.args[0]?.value.toLowerCase() === 'connection');
  const needsVersion = version?.args[0]?.value !== '1.1';
  const needsConnection = !connection || connection.args[1]?.value.toLowerCase() === 'close';
  if (!needsVersion && !needsConnection) return undefined;
  const edits: (TextEdit | undefined)[] = [];
  const lines: string[] = [];
  const samePlace = (d: NginxDirective) => (d.source.file === pass.source.file ? d : undefined);
  if (needsVersion) {
    const own = scope && childrenNamed(scope, 'proxy_http_version', roots)[0];
    if (own) edits.push(samePlace(own) && replaceArgs(own, '1.1'));
    else lines.push('proxy_http_version 1.1;');
  }
  if (needsConnection && connection && connection.parent === scope) {
    edits.push(samePlace(connection) && replaceArgs(connection, 'Connection ""'));
  } else if (needsConnection) {
    // A location with no proxy_set_header of its own inherits the outer ones; adding one
    // would silently drop them, so the inherited headers are copied along with it.
    const inherited = scope && !childrenNamed(scope, 'proxy_set_header', roots).length ? headers.filter((h) => h !== connection) : [];
    lines.push(...inherited.map(directiveText), 'proxy_set_header Connection "";');
  }
  if (lines.length) edits.push(scopeInsertion(pass, lines));
  const missing = [needsVersion && 'proxy_http_version 1.1', needsConnection && 'an empty Connection header'].filter(Boolean).join(' and ');
  return nginxDraft(RULES.nginxUpstreamKeepalive.id, pass,
    l10n.t('proxy_pass to upstream {0} without {1}: nginx then speaks HTTP/1.0 with "Connection: close" to the upstream, so upstream keepalive never takes effect and each invoice call pays a new connection.', proxyHost(pass.args[0].value), missing),
    fix(l10n.t('Enable HTTP/1.1 keepalive to the upstream'), edits, { safe: true }), headRange(pass));
}

/** The proxy_set_header list in force: nginx inherits the nearest level that has any. */
function effectiveHeaders(scope: NginxDirective | undefined, roots: NginxDirective[]): NginxDirective[] {
  for (let current = scope; ; current = current.parent) {
    const own = expandedChildren(current ? current.block ?? [] : roots).filter((d) => d.name === 'proxy_set_header');
    if (own.length || !current) return own;
  }
}
