import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnalysisProgress } from '../../core/logs/logTypes';
import { formatBytes } from '../../core/report/logReportSections';
import type { LogAnalysis, LogAnalysisModel } from './logAnalysisModel';
import { pickLogFiles } from './pickLogFiles';
import { FINDINGS_VIEW_ID } from './findingsViewId';

/**
 * "Analyze Log File…": from the explorer's or an editor's menu (`uri`, and the whole
 * selection in `uris`), from a test or another extension (a URI or a list of them), or from
 * the palette (a picker). Progress shows bytes and percent; cancelling is not a failure.
 */
export async function analyzeLogCommand(model: LogAnalysisModel, uri?: vscode.Uri | vscode.Uri[], uris?: vscode.Uri[]): Promise<LogAnalysis | undefined> {
  const paths = uris && uris.length > 0 ? uris.map((u) => u.fsPath) : Array.isArray(uri) ? uri.map((u) => u.fsPath) : uri instanceof vscode.Uri ? [uri.fsPath] : await pickLogFiles();
  if (!paths || paths.length === 0) return undefined;

  const title = paths.length === 1
    ? vscode.l10n.t('Analyzing {0}', path.basename(paths[0]))
    : vscode.l10n.t('Analyzing {0} log files', paths.length);
  const analysis = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    let reported = 0;
    return model.analyze(paths, token, (update: AnalysisProgress) => {
      if (update.bytesTotal) {
        const percent = Math.min(100, (update.bytesDone / update.bytesTotal) * 100);
        progress.report({ increment: percent - reported, message: `${formatBytes(update.bytesDone)} / ${formatBytes(update.bytesTotal)} (${Math.floor(percent)} %)` });
        reported = percent;
      } else {
        progress.report({ message: formatBytes(update.bytesDone) });
      }
    });
  });
  if (!analysis) return undefined; // cancelled: the previous findings stay, nothing to say
  await vscode.commands.executeCommand(`${FINDINGS_VIEW_ID}.focus`);
  return analysis;
}
