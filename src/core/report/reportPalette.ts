import { FAILURE_CODES, type FailureCode, type Layer } from '../failureCodes';

/**
 * Colours of categories in exported reports, which have no editor theme to borrow from: one
 * hue per layer (the Findings view's icons use the same hues from the theme's chart colours),
 * lighter shades for further categories of the same layer.
 */
const LAYER_HUES: Record<Layer, number> = { dns: 270, tcp: 0, tls: 30, http: 210, server: 48, clock: 130, any: 0 };
const LIGHTNESS = [50, 65, 38, 75];

export function categoryColors(categories: readonly FailureCode[]): Map<FailureCode, string> {
  const perLayer = new Map<Layer, number>();
  const colors = new Map<FailureCode, string>();
  for (const category of categories) {
    const layer: Layer = FAILURE_CODES[category].layer;
    const shade = perLayer.get(layer) ?? 0;
    perLayer.set(layer, shade + 1);
    const saturation = layer === 'any' ? 0 : 70;
    colors.set(category, `hsl(${LAYER_HUES[layer]} ${saturation}% ${LIGHTNESS[shade % LIGHTNESS.length]}%)`);
  }
  return colors;
}
