import type { LayerResult, ProbeResult } from '../probe/probeResult';

const STATUS_MARK: Record<LayerResult['status'], string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', skipped: '--  ' };

/**
 * A plain-text diagnosis of one probe, for the clipboard and support tickets: ASCII only, so
 * it survives any ticket system. The result is already scrubbed of secrets by the probe.
 */
export function formatDiagnosisText(result: ProbeResult): string {
  const lines = [
    `Invoice Doctor diagnosis: ${result.name}`,
    `URL:     ${result.url}`,
    `Probed:  ${result.startedAt} (${Math.round(result.totalMs)} ms)`,
    `Verdict: ${result.verdict.toUpperCase()}${result.diagnosis ? ` - ${result.diagnosis.code} (${result.diagnosis.layer})` : ''}`,
  ];
  if (result.diagnosis) lines.push('', result.diagnosis.summary);
  lines.push('', 'Layers:');
  for (const layer of result.layers) {
    const ms = layer.ms !== null && layer.status !== 'skipped' ? `${layer.ms.toFixed(1)} ms`.padStart(10) : ''.padStart(10);
    lines.push(`  [${STATUS_MARK[layer.status]}] ${layer.layer.toUpperCase().padEnd(5)} ${ms}  ${layer.message}${layer.code ? ` [${layer.code}]` : ''}`);
  }
  if (result.addresses.length > 1) {
    lines.push('', 'Addresses:');
    for (const a of result.addresses) {
      const timing = [a.tcpMs !== null ? `tcp ${a.tcpMs.toFixed(1)} ms` : '', a.tlsMs !== null ? `tls ${a.tlsMs.toFixed(1)} ms` : ''].filter(Boolean).join(', ');
      lines.push(`  ${a.address.padEnd(39)} ${a.code ?? 'ok'}${timing ? ` (${timing})` : ''}${a.certSha256 ? ` cert ${a.certSha256.slice(0, 16)}...` : ''}`);
    }
  }
  if (result.diagnosis?.fixes.length) {
    lines.push('', 'Next steps:');
    result.diagnosis.fixes.forEach((fix, i) => lines.push(`  ${i + 1}. ${fix}`));
  }
  return `${lines.join('\n')}\n`;
}
