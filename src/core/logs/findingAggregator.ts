import type { FailureCode } from '../failureCodes';
import { fixesFor } from './fixes';
import type { CategorySummary, LineFinding } from './logTypes';
import { Timeline, type TimelineState } from './timeline';

/**
 * Folds finding events (from any number of files, in any order) into per-category
 * summaries and one timeline, in memory bounded by the number of categories: targets are
 * capped, samples keep the five earliest events.
 *
 * A worker thread aggregating one part of a file keeps a `PartialAggregate` instead: targets
 * uncapped (which targets the cap lets in depends on the parts before), so that merging the
 * parts in file order gives exactly what one pass over the whole file would.
 */
const MAX_SAMPLES = 5;
const MAX_DISTINCT_TARGETS = 1000;
const REPORTED_TARGETS = 20;
const OTHER_TARGETS = '(other)';
/** Distinct targets a partial aggregate may hold before it gives up (memory). */
const MAX_PARTIAL_TARGETS = 100_000;

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
  /** Counts per target, in the order targets were first seen. */
  targets: Map<string, number>;
  samples: Sample[];
}

/** One part's aggregate as plain data: line numbers count from the part's first line. */
export interface PartialAggregate {
  categories: [FailureCode, CategoryState][];
  timeline: TimelineState;
}

export class FindingAggregator {
  private readonly categories = new Map<FailureCode, CategoryState>();
  private distinctTargets = 0;
  readonly timeline = new Timeline();

  /** `partial`: targets are kept uncapped, for `partial()` and a later `merge`. */
  constructor(private readonly partial = false) {}

  add(finding: LineFinding): void {
    const state = this.stateOf(finding.category);
    state.count++;
    if (finding.time !== undefined) {
      state.first = Math.min(state.first, finding.time);
      state.last = Math.max(state.last, finding.time);
      this.timeline.add(finding.time, finding.category);
    }
    if (finding.target) this.countTarget(state, finding.target, 1);
    keepEarliest(state.samples, { time: finding.time ?? Infinity, file: finding.file, line: finding.line, text: finding.text });
  }

  /** Whether a partial aggregate has outgrown its memory bound (the part must then be analysed in order). */
  get overflowing(): boolean {
    return this.distinctTargets > MAX_PARTIAL_TARGETS;
  }

  toPartial(): PartialAggregate {
    return { categories: [...this.categories], timeline: this.timeline.state() };
  }

  /** Adds the aggregate of the next part of the input, whose first line is `lineOffset + 1`. */
  merge(part: PartialAggregate, lineOffset: number): void {
    for (const [category, other] of part.categories) {
      const state = this.stateOf(category);
      state.count += other.count;
      state.first = Math.min(state.first, other.first);
      state.last = Math.max(state.last, other.last);
      for (const [target, count] of other.targets) this.countTarget(state, target, count);
      for (const sample of other.samples) keepEarliest(state.samples, { ...sample, line: sample.line + lineOffset });
    }
    this.timeline.merge(part.timeline);
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

  private stateOf(category: FailureCode): CategoryState {
    let state = this.categories.get(category);
    if (!state) this.categories.set(category, (state = { count: 0, first: Infinity, last: -Infinity, targets: new Map(), samples: [] }));
    return state;
  }

  private countTarget(state: CategoryState, target: string, count: number): void {
    const known = state.targets.has(target);
    if (!known && this.partial) this.distinctTargets++;
    const key = known || this.partial || state.targets.size < MAX_DISTINCT_TARGETS ? target : OTHER_TARGETS;
    state.targets.set(key, (state.targets.get(key) ?? 0) + count);
  }
}

function keepEarliest(samples: Sample[], sample: Sample): void {
  if (samples.length === MAX_SAMPLES && samples[MAX_SAMPLES - 1].time <= sample.time) return;
  let index = samples.length;
  while (index > 0 && samples[index - 1].time > sample.time) index--;
  samples.splice(index, 0, sample);
  if (samples.length > MAX_SAMPLES) samples.pop();
}
