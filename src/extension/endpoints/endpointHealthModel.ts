import * as vscode from 'vscode';
import { probe } from '../../core/probe/probe';
import type { ProbeResult, Verdict } from '../../core/probe/probeResult';
import { resolveEndpointSecrets, type SecretSource } from '../../core/endpoint/secretResolver';
import { isDoctorError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { Disposable } from '../lifecycle';
import type { ConfiguredEndpoint, EndpointStore } from './endpointStore';

export interface EndpointHealth {
  endpoint: ConfiguredEndpoint;
  result: ProbeResult | undefined;
  /** Why the endpoint could not be probed at all (a missing secret, say); shown instead of a result. */
  setupProblem: string | undefined;
  probing: boolean;
  /** Date.now() of the last finished probe, for background scheduling. */
  finishedAt: number | undefined;
}

export interface VerdictChange {
  health: EndpointHealth;
  previous: Verdict | undefined;
}

/**
 * Owns the latest probe result of every configured endpoint and runs probes. The tree, the
 * status bar and the notifier all read from here and react to its events.
 */
export class EndpointHealthModel extends Disposable {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<EndpointHealth | undefined>());
  /** Fires with the endpoint whose state changed, or with undefined when the set of endpoints changed. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly verdictEmitter = this._register(new vscode.EventEmitter<VerdictChange>());
  readonly onDidChangeVerdict = this.verdictEmitter.event;
  private readonly probeFinishedEmitter = this._register(new vscode.EventEmitter<EndpointHealth>());
  readonly onDidFinishProbe = this.probeFinishedEmitter.event;

  private readonly health = new Map<string, EndpointHealth>();
  private readonly inFlight = new Map<string, { promise: Promise<void>; controller: AbortController }>();

  constructor(
    readonly store: EndpointStore,
    private readonly secrets: SecretSource,
    private readonly log: Logger,
  ) {
    super();
    this._register(store.onDidChange(() => this.syncWithStore()));
    this._register({ dispose: () => this.cancelAll() });
  }

  get all(): EndpointHealth[] {
    return this.store.endpoints.map((e) => this.health.get(e.config.name)).filter((h): h is EndpointHealth => h !== undefined);
  }

  get(name: string): EndpointHealth | undefined {
    return this.health.get(name);
  }

  counts(): Record<Verdict | 'unknown', number> {
    const counts = { up: 0, degraded: 0, down: 0, unknown: 0 };
    for (const h of this.all) counts[h.setupProblem ? 'down' : h.result?.verdict ?? 'unknown']++;
    return counts;
  }

  /** Probes every endpoint (concurrently; each probe is bounded by its own timeout). */
  async probeAll(token?: vscode.CancellationToken): Promise<void> {
    await this.store.ready();
    await Promise.all(this.all.map((h) => this.probe(h.endpoint.config.name, token)));
  }

  /** Probes one endpoint; a request while it is already being probed joins that probe. */
  probe(name: string, token?: vscode.CancellationToken): Promise<void> {
    const running = this.inFlight.get(name);
    if (running) return running.promise;
    const health = this.health.get(name);
    if (!health) return Promise.resolve();

    const controller = new AbortController();
    const cancellation = token?.onCancellationRequested(() => controller.abort());
    const promise = this.runProbe(health, controller.signal).finally(() => {
      cancellation?.dispose();
      // An edit may have started a newer probe under the same name meanwhile; keep that one.
      if (this.inFlight.get(name)?.promise === promise) this.inFlight.delete(name);
    });
    this.inFlight.set(name, { promise, controller });
    return promise;
  }

  private async runProbe(health: EndpointHealth, signal: AbortSignal): Promise<void> {
    const previous = health.setupProblem ? 'down' : health.result?.verdict;
    health.probing = true;
    this.changeEmitter.fire(health);
    try {
      const { endpoint, secrets } = await resolveEndpointSecrets(health.endpoint.config, this.secrets);
      const result = await probe(endpoint, {
        signal,
        log: this.log,
        secrets,
        baseDir: health.endpoint.baseDir,
        systemProxy: vscode.workspace.getConfiguration('http').get<string>('proxy') || undefined,
      });
      health.result = result;
      health.setupProblem = undefined;
    } catch (error) {
      if (signal.aborted) return; // cancellation is not a failure: keep the last result
      if (!isDoctorError(error)) this.log.error(error instanceof Error ? error : String(error));
      health.setupProblem = isDoctorError(error) ? error.message : vscode.l10n.t('Probe failed unexpectedly: {0}', String((error as Error)?.message ?? error));
    } finally {
      health.probing = false;
      health.finishedAt = Date.now();
      this.changeEmitter.fire(health);
    }
    if (!this.health.has(health.endpoint.config.name)) return; // removed while probing
    this.probeFinishedEmitter.fire(health);
    const current = health.setupProblem ? 'down' : health.result?.verdict;
    if (current !== previous) this.verdictEmitter.fire({ health, previous });
    this.log.info(`Probed "${health.endpoint.config.name}": ${current}${health.result?.diagnosis ? ` (${health.result.diagnosis.code})` : ''}`);
  }

  private syncWithStore(): void {
    const names = new Set<string>();
    for (const endpoint of this.store.endpoints) {
      const name = endpoint.config.name;
      names.add(name);
      const existing = this.health.get(name);
      if (existing && JSON.stringify(existing.endpoint.config) === JSON.stringify(endpoint.config)) {
        existing.endpoint = endpoint;
        continue;
      }
      // New or edited: an old result would describe a different configuration.
      this.inFlight.get(name)?.controller.abort();
      this.health.set(name, { endpoint, result: undefined, setupProblem: undefined, probing: false, finishedAt: undefined });
    }
    for (const name of [...this.health.keys()]) {
      if (!names.has(name)) {
        this.inFlight.get(name)?.controller.abort();
        this.health.delete(name);
      }
    }
    this.changeEmitter.fire(undefined);
  }

  private cancelAll(): void {
    for (const { controller } of this.inFlight.values()) controller.abort();
  }
}
