import type { FailureCode } from '../failureCodes';
import { fixesFor } from './fixes';
import type { CategorySummary, LineFinding } from './logTypes';
import { Timeline } from './timeline';

/**
 * Folds finding events (from any number of files, in any order) into per-category
 * summaries and one timeline, in memory bounded by the number of categories: targets are
 * capped, samples keep the five earliest events.
 */
const MAX_SAMPLES = 5;
const MAX_DISTINCT_TARGETS = 1000;
const REPORTED_TARGETS = 20;
const OTHER_TARGETS = '(other)';

interface Sample {
  time: number;
  file: string;
  line: number;
  text: string;
}

interface CategoryState {
  count: number;
  first: number;
  last: number;
  targets: Map<string, number>;
  samples: Sample[];
}

export class FindingAggregator {
  private readonly categories = new Map<FailureCode, CategoryState>();
  readonly timeline = new Timeline();

  add(finding: LineFinding): void {
    let state = this.categories.get(finding.category);
    if (!state) this.categories.set(finding.category, (state = { count: 0, first: Infinity, last: -Infinity, targets: new Map(), samples: [] }));
    state.count++;
    if (finding.time !== undefined) {
      state.first = Math.min(state.first, finding.time);
      state.last = Math.max(state.last, finding.time);
      this.timeline.add(finding.time, finding.category);
    }
    if (finding.target) {
      const key = state.targets.has(finding.target) || state.targets.size < MAX_DISTINCT_TARGETS ? finding.target : OTHER_TARGETS;
      state.targets.set(key, (state.targets.get(key) ?? 0) + 1);
    }
    keepEarliest(state.samples, { time: finding.time ?? Infinity, file: finding.file, line: finding.line, text: finding.text });
  }

  summaries(): CategorySummary[] {
    return [...this.categories].sort(([, a], [, b]) => b.count - a.count).map(([category, state]) => {
      const { fixes, rules } = fixesFor(category);
      return {
        category,
        count: state.count,
        first: Number.isFinite(state.first) ? new Date(state.first).toISOString() : null,
        last: Number.isFinite(state.last) ? new Date(state.last).toISOString() : null,
        targets: Object.fromEntries([...state.targets].sort((a, b) => b[1] - a[1]).slice(0, REPORTED_TARGETS)),
        samples: state.samples.map(({ file, line, text }) => ({ file, line, text })),
        fixes,
        rules,
      };
    });
  }
}

function keepEarliest(samples: Sample[], sample: Sample): void {
  if (samples.length === MAX_SAMPLES && samples[MAX_SAMPLES - 1].time <= sample.time) return;
  let index = samples.length;
  while (index > 0 && samples[index - 1].time > sample.time) index--;
  samples.splice(index, 0, sample);
  if (samples.length > MAX_SAMPLES) samples.pop();
}
