import * as l10n from '@vscode/l10n';
import type { FailureCode } from '../failureCodes';
import { fixesFor } from '../logs/fixes';
import type { ProbeResult } from '../probe/probeResult';
import type { ConfigEvidence, Evidence, RankedFix } from './doctorReport';

/**
 * The fixes in the order to try them: what the verdict's cause calls for, then the config
 * changes that address it (with file and line, so the quick fix is one click away), then the
 * remaining config problems worth fixing while there.
 */
const MAX_FIXES = 12;

export interface FixInputs {
  code: FailureCode | null;
  slowGateway: boolean;
  probe: ProbeResult;
  configs: ConfigEvidence | null;
  evidence: Evidence[];
}

export function rankFixes({ code, slowGateway, probe, configs, evidence }: FixInputs): RankedFix[] {
  const fixes: RankedFix[] = [];
  // The generic timeout advice ("raise the timeout") would contradict what a slow gateway calls for.
  const generic = !slowGateway;
  if (slowGateway) fixes.push(...slowGatewayFixes());
  if (generic && code && probe.diagnosis?.code === code) fixes.push(...probe.diagnosis.fixes.map((text) => ({ text, source: 'probe' as const })));
  const supportingRules = new Set(evidence.filter((e) => e.source === 'config' && e.supports).map((e) => e.code));
  const configFixes = (configs?.findings ?? []).map((finding) => ({
    text: `${finding.fixes.find((fix) => fix.isPreferred)?.title ?? finding.fixes[0]?.title ?? finding.message}`,
    source: 'config' as const,
    rule: finding.rule,
    location: { file: finding.path!, line: finding.range.start.line },
    supports: supportingRules.has(finding.rule),
    severity: finding.severity,
  }));
  fixes.push(...configFixes.filter((fix) => fix.supports).map(({ text, source, rule, location }) => ({ text, source, rule, location })));
  if (generic && code) fixes.push(...fixesFor(code).fixes.map((text) => ({ text, source: 'logs' as const })));
  fixes.push(...configFixes.filter((fix) => !fix.supports && fix.severity === 'error').map(({ text, source, rule, location }) => ({ text, source, rule, location })));
  return unique(fixes).slice(0, MAX_FIXES);
}

function slowGatewayFixes(): RankedFix[] {
  return [
    { text: l10n.t('Do not enlarge the connection pool: its connections are held by requests waiting for the gateway. Report the gateway\'s latency to the platform, with this report.'), source: 'logs' },
    { text: l10n.t('Bound the wait for the gateway (client read timeout, proxy_read_timeout) below the pool\'s connection-timeout, so slow answers fail fast instead of holding pooled connections.'), source: 'logs' },
  ];
}

function unique(fixes: RankedFix[]): RankedFix[] {
  const seen = new Set<string>();
  return fixes.filter((fix) => {
    const key = `${fix.text}|${fix.location?.file ?? ''}|${fix.location?.line ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
