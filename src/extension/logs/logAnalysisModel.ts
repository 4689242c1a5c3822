import * as vscode from 'vscode';
import { analyzeLogs } from '../../core/logs/analyzeLogs';
import type { AnalysisProgress, AnalysisResult } from '../../core/logs/logTypes';
import type { Logger } from '../../core/logger';
import { Disposable } from '../lifecycle';
import { TargetSamples } from './targetSamples';

/** The latest finished analysis, as the Findings view and the report show it. */
export interface LogAnalysis {
  /** The analyzed files' paths, as given. */
  paths: string[];
  result: AnalysisResult;
  samples: TargetSamples;
  finishedAt: Date;
}

/** A context key for `when` clauses: menus offer the report and exports only once there is one. */
const HAS_ANALYSIS_CONTEXT = 'invoiceDoctor.logs.hasAnalysis';

/**
 * Owns the latest log analysis and runs new ones. A new analysis cancels the one in flight;
 * a cancelled or failed analysis leaves the previous result in place.
 */
export class LogAnalysisModel extends Disposable {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;
  private current: LogAnalysis | undefined;
  private inFlight: AbortController | undefined;

  constructor(private readonly log: Logger) {
    super();
    this._register({ dispose: () => this.inFlight?.abort() });
  }

  get latest(): LogAnalysis | undefined {
    return this.current;
  }

  /**
   * Analyzes `paths` together (merged by time). Resolves to undefined when cancelled, through
   * `token` or by a newer analysis; rejects with the core's DoctorError for unreadable input.
   */
  async analyze(paths: string[], token: vscode.CancellationToken, onProgress: (progress: AnalysisProgress) => void): Promise<LogAnalysis | undefined> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const cancellation = token.onCancellationRequested(() => controller.abort());
    const samples = new TargetSamples();
    try {
      const result = await analyzeLogs(paths, { signal: controller.signal, onProgress, onFinding: (finding) => samples.add(finding) });
      this.current = { paths, result, samples, finishedAt: new Date() };
      this.log.info(`Analyzed ${paths.join(', ')}: ${result.findings.map((f) => `${f.category} ${f.count}`).join(', ') || 'no findings'}`);
      void vscode.commands.executeCommand('setContext', HAS_ANALYSIS_CONTEXT, true);
      this.changeEmitter.fire();
      return this.current;
    } catch (error) {
      if (controller.signal.aborted) {
        this.log.info(`Log analysis of ${paths.join(', ')} cancelled`);
        return undefined;
      }
      throw error;
    } finally {
      cancellation.dispose();
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }
}
