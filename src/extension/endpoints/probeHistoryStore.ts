import * as vscode from 'vscode';
import { summarizeHistory, type HistorySummary } from '../../core/history/historySummary';
import { appendBounded, historyEntryOf, isProbeHistoryEntry, setupProblemEntry, type ProbeHistoryEntry } from '../../core/history/probeHistoryEntry';
import type { Logger } from '../../core/logger';
import { Disposable } from '../lifecycle';
import type { EndpointHealth, EndpointHealthModel } from './endpointHealthModel';

export const HISTORY_SIZE_SETTING = 'invoiceDoctor.history.size';
const DEFAULT_SIZE = 50;
const MAX_SIZE = 1000;
/** workspaceState key of an endpoint's history: the prefix, then the endpoint's name. */
const KEY_PREFIX = 'probeHistory/';
/**
 * Records are written at most this often. VS Code keeps an extension's whole workspaceState as
 * one value and coalesces the update() calls of one tick into one write of it, so flushing every
 * changed history in one go turns a burst of 100 finished probes into a single storage write.
 */
const FLUSH_DELAY_MS = 1000;

/** A history as stored: the URL it belongs to, so an endpoint pointed elsewhere starts afresh. */
interface StoredHistory {
  url: string;
  entries: ProbeHistoryEntry[];
}

/** Read-only access to the probe history, for the tree, the tooltips, reports and tests. */
export interface ProbeHistoryReader {
  /**
   * Fires when history changed: with the endpoint's name when a probe of it was recorded, with
   * undefined when several may have changed (history cleared, trimmed or forgotten).
   */
  readonly onDidChange: vscode.Event<string | undefined>;
  /** The endpoint's recorded probes, oldest first; empty when there are none. */
  entries(name: string): readonly ProbeHistoryEntry[];
  summary(name: string): HistorySummary;
}

/**
 * Keeps the last `invoiceDoctor.history.size` probe results of every endpoint in workspace
 * storage, so uptime and latency trends survive a reload. Records every probe the health model
 * finishes; forgets an endpoint's history when its URL changes or it is removed (a renamed
 * endpoint starts a new history).
 */
export class ProbeHistoryStore extends Disposable implements ProbeHistoryReader {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<string | undefined>());
  readonly onDidChange = this.changeEmitter.event;
  /** Histories read from storage or changed since, by endpoint name; undefined when none is stored. */
  private readonly cache = new Map<string, StoredHistory | undefined>();
  /** Names whose history changed since the last flush. */
  private readonly unsaved = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly model: EndpointHealthModel,
    private readonly log: Logger,
  ) {
    super();
    this._register(model.onDidFinishProbe((health) => this.record(health)));
    this._register(model.store.onDidChange(() => this.forgetStale()));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(HISTORY_SIZE_SETTING)) this.trimToSize();
    }));
    this._register({ dispose: () => this.flush() });
  }

  entries(name: string): readonly ProbeHistoryEntry[] {
    return this.read(name)?.entries ?? [];
  }

  summary(name: string): HistorySummary {
    return summarizeHistory(this.entries(name));
  }

  /** Forgets every endpoint's history. */
  clear(): void {
    for (const name of this.storedNames()) this.write(name, undefined);
    this.changeEmitter.fire(undefined);
  }

  private record(health: EndpointHealth): void {
    const size = historySize();
    if (size === 0) return;
    const entry = health.setupProblem
      ? setupProblemEntry(new Date(health.finishedAt ?? Date.now()))
      : health.result && historyEntryOf(health.result);
    if (!entry) return;
    const { name, url } = health.endpoint.config;
    const previous = this.read(name);
    this.write(name, { url, entries: appendBounded(previous?.url === url ? previous.entries : [], entry, size) });
    this.changeEmitter.fire(name);
  }

  /**
   * Drops the history of endpoints whose URL changed, and of endpoints no longer configured. The
   * latter only when the configuration loaded completely: a file saved half-edited, or a
   * workspace opened in Restricted Mode, hides endpoints that are still there.
   */
  private forgetStale(): void {
    const configured = new Map(this.model.store.endpoints.map((e) => [e.config.name, e.config.url]));
    const complete = vscode.workspace.isTrusted && this.model.store.problems.length === 0;
    let changed = false;
    for (const name of this.storedNames()) {
      const url = configured.get(name);
      if (url === undefined ? complete : this.read(name)?.url !== url) {
        this.write(name, undefined);
        changed = true;
      }
    }
    if (changed) this.changeEmitter.fire(undefined);
  }

  private trimToSize(): void {
    const size = historySize();
    let changed = false;
    for (const name of this.storedNames()) {
      const stored = this.read(name);
      if (!stored || stored.entries.length <= size) continue;
      this.write(name, size === 0 ? undefined : { url: stored.url, entries: stored.entries.slice(-size) });
      changed = true;
    }
    if (changed) this.changeEmitter.fire(undefined);
  }

  private storedNames(): string[] {
    const names = new Set(this.state.keys().filter((key) => key.startsWith(KEY_PREFIX)).map((key) => key.slice(KEY_PREFIX.length)));
    for (const name of this.cache.keys()) names.add(name);
    return [...names].filter((name) => this.read(name) !== undefined);
  }

  private read(name: string): StoredHistory | undefined {
    if (!this.cache.has(name)) this.cache.set(name, parseStored(this.state.get<unknown>(KEY_PREFIX + name)));
    return this.cache.get(name);
  }

  private write(name: string, history: StoredHistory | undefined): void {
    this.cache.set(name, history);
    this.unsaved.add(name);
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const name of this.unsaved) {
      // update(key, undefined) removes the key.
      this.state.update(KEY_PREFIX + name, this.cache.get(name)).then(undefined, (error: unknown) => {
        this.log.warn(`Could not save the probe history of "${name}": ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    this.unsaved.clear();
  }
}

/** The stored value if it has the expected shape, keeping only well-formed entries. */
function parseStored(value: unknown): StoredHistory | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { url, entries } = value as Record<string, unknown>;
  if (typeof url !== 'string' || !Array.isArray(entries)) return undefined;
  return { url, entries: entries.filter(isProbeHistoryEntry) };
}

/** The setting, as a whole number within its documented range (0 turns history off). */
function historySize(): number {
  const size = vscode.workspace.getConfiguration().get<unknown>(HISTORY_SIZE_SETTING, DEFAULT_SIZE);
  return typeof size === 'number' && Number.isFinite(size) ? Math.min(MAX_SIZE, Math.max(0, Math.floor(size))) : DEFAULT_SIZE;
}
