import * as vscode from 'vscode';
import type { Layer } from '../../core/failureCodes';

/**
 * One codicon and one theme chart colour per layer, so the Findings view reads like the
 * report's chart (the page takes the same `charts.*` colours from its CSS variables).
 */
const LAYER_ICONS: Record<Layer, { icon: string; color: string }> = {
  dns: { icon: 'globe', color: 'charts.purple' },
  tcp: { icon: 'plug', color: 'charts.red' },
  tls: { icon: 'lock', color: 'charts.orange' },
  http: { icon: 'cloud', color: 'charts.blue' },
  server: { icon: 'server', color: 'charts.yellow' },
  clock: { icon: 'watch', color: 'charts.green' },
  any: { icon: 'question', color: 'charts.foreground' },
};

export function layerIcon(layer: Layer): vscode.ThemeIcon {
  const { icon, color } = LAYER_ICONS[layer];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}
