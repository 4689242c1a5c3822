import { Worker } from 'node:worker_threads';
import type { PartJob, PartMessage, PartResult } from './partScan';

/**
 * The worker threads of one analysis, started on first use and reused for every large file
 * of it. A thread takes as long to start as the calling thread takes to scan 5 to 27 MB (2 cores,
 * 250 MB nginx error log), so work is handed out when they are ready (see partedAnalysis.ts),
 * not when they are started.
 */

export interface RunningPart {
  outcome: Promise<PartResult | 'in-order'>;
  /** Stops the part's worker if it is still busy (its work is no longer wanted). */
  cancel(): Promise<void>;
}

export class PartWorkers {
  private readonly idle: Worker[] = [];
  private readonly started = new Set<Worker>();
  /** Per started worker, settled once it said it is ready or ended before that. */
  private readonly readiness = new Map<Worker, Promise<void>>();
  private readonly readyWorkers = new Set<Worker>();

  constructor(private readonly workerFile: string) {}

  /** Starts workers until `count` are idle (none for 0 or less). */
  reserve(count: number): void {
    while (this.idle.length < count) this.idle.push(this.start());
  }

  /** How many idle workers are ready for a job now. */
  get readyNow(): number {
    return this.idle.filter((worker) => this.readyWorkers.has(worker)).length;
  }

  /** How many idle workers are ready for a job, once each of them is ready or has failed to start. */
  async ready(): Promise<number> {
    await Promise.all(this.idle.map((worker) => this.readiness.get(worker)));
    return this.readyNow;
  }

  /** Runs `job` on a free worker; `onUpdate` receives its progress and findings. */
  run(job: PartJob, onUpdate: (message: Extract<PartMessage, { type: 'progress' | 'findings' }>) => void): RunningPart {
    const worker = this.takeIdle() ?? this.start();
    let busy = true;
    const outcome = new Promise<PartResult | 'in-order'>((resolve, reject) => {
      const settle = () => {
        busy = false;
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      const onMessage = (message: PartMessage) => {
        if (message.type === 'ready') return undefined;
        if (message.type === 'progress' || message.type === 'findings') return onUpdate(message);
        settle();
        this.idle.push(worker);
        resolve(message.type === 'done' ? message.result : 'in-order');
      };
      const onError = (error: Error) => {
        settle();
        this.started.delete(worker);
        reject(error);
      };
      const onExit = (code: number) => onError(new Error(`log analysis worker stopped (exit code ${code})`));
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
    outcome.catch(() => undefined); // a cancelled part is never awaited
    worker.postMessage(job);
    return {
      outcome,
      cancel: async () => {
        if (!busy) return;
        this.started.delete(worker);
        await worker.terminate();
      },
    };
  }

  async close(): Promise<void> {
    const workers = [...this.started];
    this.started.clear();
    this.idle.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private start(): Worker {
    const worker = new Worker(this.workerFile);
    this.started.add(worker);
    this.readiness.set(worker, new Promise<void>((resolve) => {
      const settle = (ready: boolean) => {
        worker.off('message', onMessage).off('error', onFailure).off('exit', onFailure);
        if (ready) this.readyWorkers.add(worker);
        else this.dropIdle(worker);
        resolve();
      };
      const onMessage = (message: PartMessage) => settle(message.type === 'ready');
      const onFailure = () => settle(false);
      worker.on('message', onMessage).on('error', onFailure).on('exit', onFailure);
    }));
    return worker;
  }

  /** An idle worker, a ready one if there is one (a job sent to one still starting waits for it). */
  private takeIdle(): Worker | undefined {
    const ready = this.idle.findIndex((worker) => this.readyWorkers.has(worker));
    return this.idle.splice(ready === -1 ? this.idle.length - 1 : ready, 1)[0];
  }

  private dropIdle(worker: Worker): void {
    const index = this.idle.indexOf(worker);
    if (index !== -1) this.idle.splice(index, 1);
  }
}
