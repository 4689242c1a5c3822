import * as path from 'node:path';
import * as vscode from 'vscode';
import { FAILURE_CODES } from '../../core/failureCodes';
import type { CategorySummary, LineFinding } from '../../core/logs/logTypes';
import { Disposable } from '../lifecycle';
import { categoryChildren, targetChildren, type FindingsTreeNode } from './findingsTreeNodes';
import { layerIcon } from './layerIcons';
import type { LogAnalysisModel } from './logAnalysisModel';
import { sampleSelection } from './sampleLocation';

/** Maps the latest analysis to rows. Holds no state of its own: the model owns the data. */
export class FindingsTreeProvider extends Disposable implements vscode.TreeDataProvider<FindingsTreeNode> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<FindingsTreeNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly model: LogAnalysisModel) {
    super();
    this._register(model.onDidChange(() => this.changeEmitter.fire(undefined)));
  }

  getChildren(node?: FindingsTreeNode): FindingsTreeNode[] {
    const analysis = this.model.latest;
    if (!analysis) return []; // the view's welcome content offers to analyze a log
    if (!node) {
      if (analysis.result.findings.length === 0) return [{ kind: 'noFindings', analysis }];
      return analysis.result.findings.map((finding) => ({ kind: 'category', finding }));
    }
    switch (node.kind) {
      case 'category': return categoryChildren(analysis, node.finding);
      case 'target': return targetChildren(analysis, node.finding, node.target);
      default: return [];
    }
  }

  getTreeItem(node: FindingsTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'noFindings': {
        const files = node.analysis.paths.map((p) => path.basename(p)).join(', ');
        const item = new vscode.TreeItem(vscode.l10n.t('No connection failures found'), vscode.TreeItemCollapsibleState.None);
        item.id = 'no-findings';
        item.description = files;
        item.tooltip = vscode.l10n.t('No connection failures found in {0}.', node.analysis.paths.join(', '));
        item.iconPath = new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
        return item;
      }
      case 'category': return categoryItem(node.finding);
      case 'target': {
        const item = new vscode.TreeItem(node.target, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.finding.category}/target/${node.target}`;
        item.description = String(node.count);
        item.tooltip = vscode.l10n.t('{0} events of {1} concern {2}', node.count, node.finding.category, node.target);
        item.iconPath = new vscode.ThemeIcon('symbol-field');
        item.contextValue = 'findingTarget';
        return item;
      }
      case 'sample': return sampleItem(node.sample);
    }
  }
}

function categoryItem(finding: CategorySummary): vscode.TreeItem {
  const { title, layer } = FAILURE_CODES[finding.category];
  const item = new vscode.TreeItem(title, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = finding.category;
  item.description = `${finding.count} · ${finding.category}`;
  item.iconPath = layerIcon(layer);
  item.contextValue = `findingCategory:${layer}`;
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${title}** (\`${finding.category}\`): ${vscode.l10n.t('{0} events', finding.count)}\n\n`);
  if (finding.first) tooltip.appendMarkdown(`${vscode.l10n.t('First {0}, last {1}', finding.first, finding.last ?? finding.first)}\n\n`);
  for (const fix of finding.fixes) tooltip.appendMarkdown(`- ${fix}\n`);
  if (finding.rules.length > 0) tooltip.appendMarkdown(`\n${vscode.l10n.t('Related config checks: {0}', finding.rules.map((rule) => `\`${rule}\``).join(', '))}`);
  item.tooltip = tooltip;
  return item;
}

function sampleItem(sample: LineFinding): vscode.TreeItem {
  const uri = vscode.Uri.file(sample.file);
  const item = new vscode.TreeItem(sample.text.split('\n')[0], vscode.TreeItemCollapsibleState.None);
  item.id = `${sample.category}/sample/${sample.file}:${sample.line}`;
  item.description = `${path.basename(sample.file)}:${sample.line}`;
  item.tooltip = `${sample.file}:${sample.line}\n${sample.text}`;
  item.iconPath = new vscode.ThemeIcon('note');
  item.contextValue = 'findingSample';
  item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Log Line'), arguments: [uri, { selection: sampleSelection(sample), preview: true }] };
  return item;
}
