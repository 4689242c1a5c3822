import * as vscode from 'vscode';
import { FAILURE_CODES } from '../../core/failureCodes';
import { formatUptime, summarizeHistory } from '../../core/history/historySummary';
import type { LayerResult, Verdict } from '../../core/probe/probeResult';
import { Commands } from '../commandIds';
import { Disposable } from '../lifecycle';
import type { EndpointHealth, EndpointHealthModel } from './endpointHealthModel';
import { endpointChildren, type EndpointTreeNode } from './endpointTreeNodes';
import { endpointTooltip, layerTooltip, RECENT_HISTORY } from './endpointTooltips';
import type { ProbeHistoryReader } from './probeHistoryStore';

const LAYER_LABELS: Record<LayerResult['layer'], string> = {
  dns: 'DNS', tcp: 'TCP', tls: 'TLS', http: 'HTTP', clock: 'Clock',
};

/**
 * Maps the health model to rows. Holds no data of its own (the model owns it), only one row
 * object per endpoint, so that a probe's progress refreshes that row alone.
 */
export class EndpointsTreeProvider extends Disposable implements vscode.TreeDataProvider<EndpointTreeNode> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<EndpointTreeNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly endpointRows = new WeakMap<EndpointHealth, EndpointTreeNode>();

  constructor(private readonly model: EndpointHealthModel, private readonly history: ProbeHistoryReader) {
    super();
    this._register(model.onDidChange((health) => this.refresh(health)));
    this._register(history.onDidChange((name) => this.refresh(name === undefined ? undefined : model.get(name))));
    this._register(model.store.onDidChange(() => this.refresh(undefined)));
  }

  /**
   * Refreshes one endpoint's row, or every row. Refreshing the root makes VS Code forget every
   * row until it has fetched them again, and a context-menu command chosen in that window gets no
   * row (Inspect Certificate would ask which certificate). Background probes finish all the
   * time, so they refresh only their own row.
   */
  private refresh(health: EndpointHealth | undefined): void {
    this.changeEmitter.fire(health && this.endpointRow(health));
  }

  private endpointRow(health: EndpointHealth): EndpointTreeNode {
    let row = this.endpointRows.get(health);
    if (!row) {
      row = { kind: 'endpoint', health };
      this.endpointRows.set(health, row);
    }
    return row;
  }

  async getChildren(node?: EndpointTreeNode): Promise<EndpointTreeNode[]> {
    if (!node) {
      await this.model.store.ready();
      const problems = this.model.store.problems.map((problem, index): EndpointTreeNode => ({ kind: 'configProblem', problem, index }));
      return [...problems, ...this.model.all.map((health) => this.endpointRow(health))];
    }
    switch (node.kind) {
      case 'endpoint': return endpointChildren(node.health);
      case 'addresses': return (node.health.result?.addresses ?? []).map((address) => ({ kind: 'address', health: node.health, address }));
      case 'nextSteps': return (node.health.result?.diagnosis?.fixes ?? []).map((text, index) => ({ kind: 'fix', health: node.health, index, text }));
      default: return [];
    }
  }

  getTreeItem(node: EndpointTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'endpoint': return endpointItem(node.health, this.history);
      case 'layer': return layerItem(node.health, node.layer);
      case 'addresses': {
        const item = new vscode.TreeItem(vscode.l10n.t('Addresses'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${idOf(node.health)}/addresses`;
        item.description = vscode.l10n.t('{0} addresses', node.health.result?.addresses.length ?? 0);
        item.iconPath = new vscode.ThemeIcon('server-environment');
        return item;
      }
      case 'address': {
        const { address } = node;
        const item = new vscode.TreeItem(address.address, vscode.TreeItemCollapsibleState.None);
        item.id = `${idOf(node.health)}/address/${address.address}`;
        const timings = [address.tcpMs !== null ? `TCP ${formatMs(address.tcpMs)}` : undefined, address.tlsMs !== null ? `TLS ${formatMs(address.tlsMs)}` : undefined].filter(Boolean).join(' · ');
        item.description = address.code ? `${address.code}${timings ? ` · ${timings}` : ''}` : timings;
        item.iconPath = address.code ? statusIcon('fail') : statusIcon('ok');
        item.tooltip = address.certSha256 ? `${address.address} (IPv${address.family})\nCertificate SHA-256 ${address.certSha256}` : `${address.address} (IPv${address.family})`;
        return item;
      }
      case 'nextSteps': {
        const item = new vscode.TreeItem(vscode.l10n.t('What to do'), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${idOf(node.health)}/next-steps`;
        item.iconPath = new vscode.ThemeIcon('lightbulb');
        return item;
      }
      case 'fix': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = `${idOf(node.health)}/fix/${node.index}`;
        item.tooltip = node.text;
        item.iconPath = new vscode.ThemeIcon('arrow-small-right');
        return item;
      }
      case 'setupProblem': {
        const item = new vscode.TreeItem(node.health.setupProblem ?? '', vscode.TreeItemCollapsibleState.None);
        item.id = `${idOf(node.health)}/setup`;
        item.iconPath = statusIcon('fail');
        item.tooltip = node.health.setupProblem;
        item.contextValue = 'setupProblem';
        return item;
      }
      case 'configProblem': {
        const { problem } = node;
        const where = problem.source.kind === 'file' ? vscode.workspace.asRelativePath(problem.source.uri) : 'settings';
        const item = new vscode.TreeItem(`${problem.path ? `${problem.path}: ` : ''}${problem.message}`, vscode.TreeItemCollapsibleState.None);
        item.id = `config-problem/${node.index}`;
        item.description = where;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = vscode.l10n.t('Endpoint configuration problem in {0}: {1}', where, problem.message);
        item.command = { command: Commands.editEndpoints, title: vscode.l10n.t('Edit Endpoints') };
        return item;
      }
    }
  }
}

function endpointItem(health: EndpointHealth, history: ProbeHistoryReader): vscode.TreeItem {
  const item = new vscode.TreeItem(health.endpoint.config.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = idOf(health);
  const verdict: Verdict | 'unknown' = health.setupProblem ? 'down' : health.result?.verdict ?? 'unknown';
  item.contextValue = `endpoint:${verdict}`;
  const recent = history.entries(health.endpoint.config.name).slice(-RECENT_HISTORY);
  item.description = withUptime(describeEndpoint(health), summarizeHistory(recent).uptimePercent);
  item.tooltip = endpointTooltip(health, recent);
  item.iconPath = health.probing
    ? new vscode.ThemeIcon('loading~spin')
    : verdict === 'up' ? statusIcon('ok') : verdict === 'degraded' ? statusIcon('warn') : verdict === 'down' ? statusIcon('fail') : new vscode.ThemeIcon('circle-outline');
  if (!health.result && !health.setupProblem) item.collapsibleState = vscode.TreeItemCollapsibleState.None;
  return item;
}

function describeEndpoint(health: EndpointHealth): string {
  if (health.setupProblem) return vscode.l10n.t('not probed: set-up problem');
  const result = health.result;
  if (!result) return health.probing ? vscode.l10n.t('probing…') : vscode.l10n.t('not probed yet');
  if (result.diagnosis && result.verdict !== 'up') {
    return `${result.verdict} · ${FAILURE_CODES[result.diagnosis.code].title}`;
  }
  return `${result.verdict} · ${formatMs(result.totalMs)}`;
}

/** An endpoint that failed some of its recent probes, but not all, says so: it is flaky. Steady ones stay uncluttered. */
function withUptime(description: string, uptimePercent: number | null): string {
  if (uptimePercent === null || uptimePercent === 0 || uptimePercent === 100) return description;
  return `${description} · ${vscode.l10n.t('{0} uptime', formatUptime(uptimePercent))}`;
}

function layerItem(health: EndpointHealth, layer: LayerResult): vscode.TreeItem {
  const item = new vscode.TreeItem(LAYER_LABELS[layer.layer], vscode.TreeItemCollapsibleState.None);
  item.id = `${idOf(health)}/layer/${layer.layer}`;
  item.description = layer.ms !== null && layer.status !== 'skipped' ? `${formatMs(layer.ms)} · ${layer.message}` : layer.message;
  item.iconPath = statusIcon(layer.status);
  item.tooltip = layerTooltip(layer);
  item.contextValue = `layer:${layer.layer}:${layer.status}`;
  return item;
}

function statusIcon(status: LayerResult['status']): vscode.ThemeIcon {
  switch (status) {
    case 'ok': return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'warn': return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'fail': return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'skipped': return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  }
}

function idOf(health: EndpointHealth): string {
  return `endpoint/${health.endpoint.config.name}`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}
