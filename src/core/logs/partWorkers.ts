import { Worker } from 'node:worker_threads';
import type { PartJob, PartMessage, PartResult } from './partScan';

/**
 * The worker threads of one analysis, started on first use and reused for every large file
 * of it: starting a thread and warming up its compiler cost about as much as scanning 20 MB.
 */

export interface RunningPart {
  outcome: Promise<PartResult | 'in-order'>;
  /** Stops the part's worker if it is still busy (its work is no longer wanted). */
  cancel(): Promise<void>;
}

export class PartWorkers {
  private readonly idle: Worker[] = [];
  private readonly started = new Set<Worker>();

  constructor(private readonly workerFile: string) {}

  /** Starts workers until `count` are idle (none for 0 or less). */
  reserve(count: number): void {
    while (this.idle.length < count) this.idle.push(this.start());
  }

  /** Runs `job` on a free worker; `onUpdate` receives its progress and findings. */
  run(job: PartJob, onUpdate: (message: Extract<PartMessage, { type: 'progress' | 'findings' }>) => void): RunningPart {
    const worker = this.idle.pop() ?? this.start();
    let busy = true;
    const outcome = new Promise<PartResult | 'in-order'>((resolve, reject) => {
      const settle = () => {
        busy = false;
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      const onMessage = (message: PartMessage) => {
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
    return worker;
  }
}
