import { isFailureCode, type FailureCode } from '../failureCodes';
import type { ProbeResult, Verdict } from '../probe/probeResult';

/**
 * One finished probe as the endpoint's history keeps it. Kept small on purpose: the extension
 * persists up to `invoiceDoctor.history.size` of these per endpoint in workspace storage.
 */
export interface ProbeHistoryEntry {
  /** ISO time the probe started. */
  at: string;
  verdict: Verdict;
  /** Wall time of the whole probe in ms (0 when the endpoint could not be probed at all). */
  totalMs: number;
  /** The diagnosis code; null when up, or when a set-up problem (a missing secret) stopped the probe. */
  code: FailureCode | null;
  /** Time to the first byte of the HTTP answer, when the probe got that far. */
  firstByteMs?: number | null;
}

const VERDICTS: ReadonlySet<string> = new Set<Verdict>(['up', 'degraded', 'down']);

/** The entry for a finished probe. */
export function historyEntryOf(result: ProbeResult): ProbeHistoryEntry {
  const entry: ProbeHistoryEntry = { at: result.startedAt, verdict: result.verdict, totalMs: roundMs(result.totalMs), code: result.diagnosis?.code ?? null };
  const ttfb = result.layers.find((layer) => layer.layer === 'http')?.detail.ttfbMs;
  if (typeof ttfb === 'number' && Number.isFinite(ttfb)) entry.firstByteMs = roundMs(ttfb);
  return entry;
}

/**
 * The entry for a probe that could not run (a missing secret, an unreadable key file): it
 * counts as down, because the user's integration cannot reach the endpoint either.
 */
export function setupProblemEntry(at: Date, code: FailureCode | null = null): ProbeHistoryEntry {
  return { at: at.toISOString(), verdict: 'down', totalMs: 0, code };
}

/** `entries` with `entry` appended, keeping only the newest `limit` (0 keeps none). Never mutates `entries`. */
export function appendBounded<T>(entries: readonly T[], entry: T, limit: number): T[] {
  const bound = Math.max(0, Math.floor(limit));
  if (bound === 0) return [];
  const kept = entries.length >= bound ? entries.slice(entries.length - bound + 1) : entries;
  return [...kept, entry];
}

/**
 * Whether a value read back from storage is a well-formed entry. Storage may hold anything (an
 * older format, a hand-edited state database), and a bad entry must not break a tooltip.
 */
export function isProbeHistoryEntry(value: unknown): value is ProbeHistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.at === 'string' && !Number.isNaN(Date.parse(entry.at))
    && typeof entry.verdict === 'string' && VERDICTS.has(entry.verdict)
    && typeof entry.totalMs === 'number' && Number.isFinite(entry.totalMs) && entry.totalMs >= 0
    && (entry.code === null || (typeof entry.code === 'string' && isFailureCode(entry.code)))
    && (entry.firstByteMs === undefined || entry.firstByteMs === null || (typeof entry.firstByteMs === 'number' && Number.isFinite(entry.firstByteMs)));
}

/** Tenths of a millisecond are more than any network timing means, and keep stored JSON short. */
function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}
