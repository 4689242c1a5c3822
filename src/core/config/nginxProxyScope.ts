import type { TextEdit } from './findings';
import type { NginxDirective } from './parsers/nginxParser';
import { insertAfter, insertBefore, insertInBlock } from './nginxEdits';
import { expandedChildren, walk } from './parsers/nginxTree';

/**
 * proxy_pass may sit in `if` or `limit_except`, where proxy_ssl_*, proxy_http_version and
 * resolver are not allowed; those belong in the enclosing location, which the `if` inherits.
 */
export function proxyScope(proxyPass: NginxDirective): NginxDirective | undefined {
  const parent = proxyPass.parent;
  return parent && (parent.name === 'if' || parent.name === 'limit_except') ? parent.parent : parent;
}

/**
 * Where new directives for a proxying location go: right after its proxy_pass, or before the
 * `if` that holds it. Every finding about one location computes the same place, so fixing
 * several at once inserts once (fixAll drops identical edits). Undefined when the spot is in
 * a different file than the finding, since a fix edits only its own file.
 */
export function scopeInsertion(proxyPass: NginxDirective, lines: string[]): TextEdit | undefined {
  const scope = proxyScope(proxyPass);
  if (!scope) return insertAfter(proxyPass, lines);
  const children = expandedChildren(scope.block ?? []);
  const direct = children.find((d) => d.name === 'proxy_pass');
  const nested = children.find((d) => d.block && [...walk(d.block)].some((x) => x.name === 'proxy_pass'));
  const anchor = direct ?? nested;
  if (!anchor) return insertInBlock(scope, lines);
  if (anchor.source.file !== proxyPass.source.file) return undefined;
  return anchor === direct ? insertAfter(anchor, lines) : insertBefore(anchor, lines);
}

/** The host part of a proxy_pass URL (`http://name:8080/path` -> `name:8080`). */
export function proxyHost(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, '').split('/')[0];
}
