import type { LayerResult, ProbeLayerName, ProbeResult } from '../../src/core/probe/probeResult';

export function layerOf(result: ProbeResult, name: ProbeLayerName): LayerResult {
  const layer = result.layers.find((candidate) => candidate.layer === name);
  if (!layer) throw new Error(`no ${name} layer in ${JSON.stringify(result.layers.map((l) => l.layer))}`);
  return layer;
}

/** `layer status code` lines, for assertion messages that show the whole probe at a glance. */
export function summarize(result: ProbeResult): string {
  return result.layers.map((layer) => `${layer.layer} ${layer.status} ${layer.code ?? '-'} ${layer.message}`).join('\n');
}
