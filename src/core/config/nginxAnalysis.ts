import type { ParseFailure } from './parsers/parseFailure';
import { resolveIncludes, type IncludeLoader } from './parsers/nginxIncludes';
import { parseNginx } from './parsers/nginxParser';
import { isNginxDump, splitNginxDump } from './parsers/nginxDump';
import { memoryIncludeLoader, type NginxUnit } from './includeLoaders';
import type { NginxDraft, NginxRule } from './rules/nginxRule';
import { sslCiphersWeak, sslProtocolsLegacy } from './rules/nginxTlsRules';
import { proxySslServerName, proxySslVerifyOff, proxyTimeouts, resolverMissing } from './rules/nginxProxyRules';
import { upstreamKeepalive } from './rules/nginxUpstreamRules';
import { workerConnectionsLow } from './rules/nginxWorkerRules';

const NGINX_RULES: readonly NginxRule[] = [
  sslProtocolsLegacy, sslCiphersWeak, proxySslServerName, proxySslVerifyOff, upstreamKeepalive, proxyTimeouts, workerConnectionsLow, resolverMissing,
];

export interface NginxAnalysis {
  drafts: NginxDraft[];
  failures: { file: string; text: string; failure: ParseFailure }[];
  /** Text of every file a finding may point into, including includes read from disk. */
  texts: Map<string, string>;
}

/**
 * Lints nginx files as nginx sees them: each file that no other file of the run includes is a
 * main config; its includes are spliced in, so inheritance (proxy_ssl_server_name set in
 * http{}, headers in server{}) is honoured across files. A dump splits into its files.
 */
export function analyzeNginx(files: readonly { path: string; text: string }[], fallback?: IncludeLoader): NginxAnalysis {
  const units = files.flatMap(toUnits);
  const loader = memoryIncludeLoader(units, fallback);
  const analysis: NginxAnalysis = { drafts: [], failures: [], texts: new Map(files.map((f) => [f.path, f.text])) };
  const parsed = units.map((unit) => ({ unit, result: parseNginx(unit.source, unit.from, unit.to) }));
  const included = new Set<string>();
  const trees = [];
  for (const { unit, result } of parsed) {
    if (!result.ok) {
      analysis.failures.push({ file: unit.source.file, text: unit.source.text, failure: result.failure });
      continue;
    }
    const resolution = resolveIncludes(result.value, unit.source.path, loader);
    resolution.includedPaths.forEach((p) => included.add(p));
    resolution.failures.forEach(({ path, text, failure }) => analysis.failures.push({ file: path, text, failure }));
    trees.push({ unit, roots: result.value });
  }
  const mains = trees.filter((t) => !included.has(t.unit.source.path));
  for (const { roots } of mains.length ? mains : trees) {
    for (const rule of NGINX_RULES) analysis.drafts.push(...rule(roots));
  }
  for (const draft of analysis.drafts) analysis.texts.set(draft.file, draft.fileText);
  for (const failure of analysis.failures) analysis.texts.set(failure.file, failure.text);
  analysis.drafts = unique(analysis.drafts);
  analysis.failures = [...new Map(analysis.failures.map((f) => [`${f.file}:${f.failure.offset}`, f])).values()];
  return analysis;
}

function toUnits(file: { path: string; text: string }): NginxUnit[] {
  if (!isNginxDump(file.text)) return [{ source: { path: file.path, file: file.path, text: file.text }, from: 0, to: file.text.length }];
  return splitNginxDump(file.text).map((s) => ({ source: { path: s.path, file: file.path, text: file.text }, from: s.from, to: s.to }));
}

function unique(drafts: NginxDraft[]): NginxDraft[] {
  return [...new Map(drafts.map((d) => [`${d.file}\u0000${d.rule}\u0000${d.start}\u0000${d.end}\u0000${d.message}`, d])).values()];
}
