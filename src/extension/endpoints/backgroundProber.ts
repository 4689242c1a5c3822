import * as vscode from 'vscode';
import { ENDPOINT_DEFAULTS } from '../../core/endpoint/endpointConfig';
import { Disposable } from '../lifecycle';
import type { EndpointHealth, EndpointHealthModel } from './endpointHealthModel';

/** Automatic refreshes wait this long so a burst of config edits or visibility flips probes once. */
const DEBOUNCE_MS = 750;

/**
 * Re-probes each endpoint every `intervalSec` (0 = on demand only), but only while someone can
 * see the result: the Endpoints view is visible or the status-bar item is shown. Like
 * vscode-docker's RefreshManager, automatic work is debounced and stops when nobody looks.
 */
export class BackgroundProber extends Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private active = false;
  private debounce: NodeJS.Timeout | undefined;

  constructor(private readonly model: EndpointHealthModel) {
    super();
    this._register(model.onDidFinishProbe((health) => this.scheduleNext(health)));
    this._register(model.onDidChange(() => this.requestCatchUp()));
    this._register({ dispose: () => this.stopAll() });
  }

  /** Called by whoever knows what is visible. */
  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    if (active) this.requestCatchUp();
    else this.stopAll();
  }

  private requestCatchUp(): void {
    if (!this.active || !vscode.workspace.isTrusted) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.catchUp(), DEBOUNCE_MS);
  }

  /** Probes every endpoint whose last result is older than its interval and that has no timer yet. */
  private catchUp(): void {
    if (!this.active) return;
    const now = Date.now();
    for (const health of this.model.all) {
      const name = health.endpoint.config.name;
      const intervalMs = intervalOf(health);
      if (health.probing || this.timers.has(name)) continue;
      if (health.finishedAt === undefined && intervalMs === 0) continue; // on-demand endpoints are never probed by themselves
      if (health.finishedAt === undefined || (intervalMs > 0 && now - health.finishedAt >= intervalMs)) {
        void this.model.probe(name);
      } else if (intervalMs > 0) {
        this.scheduleNext(health);
      }
    }
  }

  private scheduleNext(health: EndpointHealth): void {
    const name = health.endpoint.config.name;
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
    const intervalMs = intervalOf(health);
    if (!this.active || intervalMs === 0) return;
    const due = (health.finishedAt ?? Date.now()) + intervalMs - Date.now();
    this.timers.set(name, setTimeout(() => {
      this.timers.delete(name);
      if (this.active && this.model.get(name)) void this.model.probe(name);
    }, Math.max(0, due)));
  }

  private stopAll(): void {
    clearTimeout(this.debounce);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

function intervalOf(health: EndpointHealth): number {
  return (health.endpoint.config.intervalSec ?? ENDPOINT_DEFAULTS.intervalSec) * 1000;
}
