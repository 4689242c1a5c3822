import type { FailureCode } from '../../core/failureCodes';
import type { LineFinding } from '../../core/logs/logTypes';

/**
 * The first few lines of each category and target, collected from `onFinding` while the
 * analysis runs: the core's summary keeps samples per category only, the Findings view lists
 * them under the target they concern. Bounded: SAMPLES_PER_TARGET lines for at most
 * MAX_TARGETS targets per category.
 */
const SAMPLES_PER_TARGET = 5;
const MAX_TARGETS = 50;
/** Key of the events whose line names no target. */
const NO_TARGET = '';

export class TargetSamples {
  private readonly byCategory = new Map<FailureCode, Map<string, LineFinding[]>>();

  add(finding: LineFinding): void {
    let targets = this.byCategory.get(finding.category);
    if (!targets) this.byCategory.set(finding.category, (targets = new Map()));
    const key = finding.target ?? NO_TARGET;
    let samples = targets.get(key);
    if (!samples) {
      if (targets.size >= MAX_TARGETS) return;
      targets.set(key, (samples = []));
    }
    if (samples.length < SAMPLES_PER_TARGET) samples.push(finding);
  }

  of(category: FailureCode, target: string | undefined): readonly LineFinding[] {
    return this.byCategory.get(category)?.get(target ?? NO_TARGET) ?? [];
  }
}
