import type { FailureCode, Layer } from '../core/failureCodes';

/**
 * Category colours from the theme's chart colours, one per layer like the Findings view's
 * icons; further categories of a layer get fainter shades of it.
 */
const LAYER_VARIABLES: Record<Layer, string> = {
  dns: '--vscode-charts-purple',
  tcp: '--vscode-charts-red',
  tls: '--vscode-charts-orange',
  http: '--vscode-charts-blue',
  server: '--vscode-charts-yellow',
  clock: '--vscode-charts-green',
  any: '--vscode-charts-foreground',
};
const SHADE_ALPHA = [1, 0.6, 0.35, 0.8];
const FALLBACK = '#888888';

export function themeVariable(name: string, fallback = FALLBACK): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

export function categoryChartColors(categories: readonly { category: FailureCode; layer: Layer }[]): Map<FailureCode, string> {
  const perLayer = new Map<Layer, number>();
  const colors = new Map<FailureCode, string>();
  for (const { category, layer } of categories) {
    const shade = perLayer.get(layer) ?? 0;
    perLayer.set(layer, shade + 1);
    colors.set(category, withAlpha(themeVariable(LAYER_VARIABLES[layer]), SHADE_ALPHA[shade % SHADE_ALPHA.length]));
  }
  return colors;
}

/** `#rrggbb` (what themes give) with an alpha; other colour syntaxes pass through. */
function withAlpha(color: string, alpha: number): string {
  const match = /^#([0-9a-f]{6})$/i.exec(color);
  if (!match || alpha === 1) return color;
  return `#${match[1]}${Math.round(alpha * 255).toString(16).padStart(2, '0')}`;
}
